"""Each store's layout: which files in it are models, and the short name each one goes by.

Only folder listings and small index files (Ollama's manifests, Hugging Face's refs) are read
here; the GGUF headers are read by `describe`. Nothing is written, moved or followed outside
what each tool itself would read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from recchat.models.places import ModelSearch

OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model"
OLLAMA_REGISTRY = "registry.ollama.ai"
OLLAMA_NAMESPACE = "library"
FOLDER_DEPTH = 4  # how deep a folder from config.toml is searched
STORES = ("default", "ollama", "lmstudio", "hf", "llamacpp", "dir")


@dataclass(frozen=True)
class Found:
    name: str  # "ollama:qwen2.5:3b", what --model takes
    path: Path  # the GGUF file (the first part of a split one)
    store: str  # one of STORES


def found_models(search: ModelSearch) -> Iterator[Found]:
    """Every GGUF file the stores hold, each under its name (projectors and the like too:
    `describe` tells them apart)."""
    for root in search.ollama():
        yield from ollama_models(root)
    for root in search.lmstudio():
        yield from lmstudio_models(root)
    for root in search.huggingface():
        yield from hub_models(root, "hf")
    for root in search.llamacpp():
        yield from llamacpp_models(root)
    for folder in search.folders:
        yield from folder_models(folder)


# -- Ollama: manifests/<host>/<namespace>/<model>/<tag> (JSON) -> blobs/sha256-<hex> ----------------


def ollama_models(root: Path) -> Iterator[Found]:
    manifests = root / "manifests"
    for manifest in sorted(_files(manifests, depth=4)):
        parts = manifest.relative_to(manifests).parts
        if len(parts) != 4 or any(part.startswith(".") for part in parts):
            continue
        blob = _model_blob(root, manifest)
        if blob is not None:
            yield Found(f"ollama:{ollama_name(*parts)}", blob, "ollama")


def ollama_name(host: str, namespace: str, model: str, tag: str) -> str:
    """As `ollama list` shows it: 'qwen2.5:3b', 'user/model:tag', 'hf.co/org/repo:Q4_K_M'."""
    if host == OLLAMA_REGISTRY:
        return f"{model}:{tag}" if namespace == OLLAMA_NAMESPACE else f"{namespace}/{model}:{tag}"
    return f"{host}/{namespace}/{model}:{tag}"


def _model_blob(root: Path, manifest: Path) -> Path | None:
    try:
        layers = json.loads(manifest.read_text(encoding="utf-8")).get("layers", [])
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return None
    for layer in layers if isinstance(layers, list) else []:
        if isinstance(layer, dict) and layer.get("mediaType") == OLLAMA_MODEL_LAYER:
            digest = str(layer.get("digest", ""))
            # "sha256:<hex>" is stored as blobs/sha256-<hex> (older versions kept the colon)
            for blob in (root / "blobs" / digest.replace(":", "-"), root / "blobs" / digest):
                if "/" not in digest and blob.is_file():
                    return blob
    return None


# -- LM Studio: <models>/<publisher>/<repo>/<file>.gguf ---------------------------------------------


def lmstudio_models(root: Path) -> Iterator[Found]:
    for path in sorted(_files(root, depth=3, suffix=".gguf")):
        parts = path.relative_to(root).parts
        if len(parts) == 3:
            yield Found(f"lmstudio:{_stem('/'.join(parts))}", path, "lmstudio")


# -- Hugging Face hub cache: models--<org>--<repo>/{refs/main, snapshots/<commit>/...} --------------


def hub_models(root: Path, prefix: str) -> Iterator[Found]:
    for repo in sorted(_children(root)):
        if not repo.name.startswith("models--") or repo.name.count("--") < 2:
            continue
        repo_id = repo.name.removeprefix("models--").replace("--", "/", 1)
        for snapshot in _snapshots(repo):
            for path in sorted(_files(snapshot, depth=3, suffix=".gguf")):
                relative = path.relative_to(snapshot).as_posix()
                yield Found(f"{prefix}:{repo_id}/{_stem(relative)}", path, prefix)


def _snapshots(repo: Path) -> list[Path]:
    """The snapshot `refs/main` names; without it (a download by commit), every snapshot."""
    try:
        commit = (repo / "refs" / "main").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        commit = ""
    if commit and "/" not in commit and (repo / "snapshots" / commit).is_dir():
        return [repo / "snapshots" / commit]
    return sorted(_children(repo / "snapshots"))


# -- llama.cpp's cache: <org>_<repo>_<file>.gguf (and, in newer versions, a hub layout) -------------


def llamacpp_models(root: Path) -> Iterator[Found]:
    for path in sorted(_files(root, depth=1, suffix=".gguf")):
        yield Found(f"llamacpp:{_stem(path.name)}", path, "llamacpp")
    yield from hub_models(root, "llamacpp")


# -- folders named in config.toml ------------------------------------------------------------------


def folder_models(folder: Path) -> Iterator[Found]:
    for path in sorted(_files(folder, depth=FOLDER_DEPTH, suffix=".gguf")):
        relative = path.relative_to(folder).as_posix()
        yield Found(f"dir:{folder.name}/{_stem(relative)}", path, "dir")


# -- helpers ---------------------------------------------------------------------------------------


def _stem(relative: str) -> str:
    """A name without '.gguf', and a split model's first part without its '-00001-of-0000N'."""
    name = relative[:-5] if relative.lower().endswith(".gguf") else relative
    return re.sub(r"-00001-of-\d{5}$", "", name)


def _children(folder: Path) -> list[Path]:
    try:
        return [entry for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith(".")]
    except OSError:
        return []


def _files(folder: Path, *, depth: int, suffix: str | None = None) -> Iterator[Path]:
    """Files under `folder`, at most `depth` levels down, hidden ones left out; symlinks to
    and folders are followed (the hub's snapshots are links into its blobs; people link shared
    folders into LM Studio's): the depth bounds a loop of links."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                if depth > 1:
                    yield from _files(Path(entry.path), depth=depth - 1, suffix=suffix)
            elif entry.is_file() and (suffix is None or entry.name.lower().endswith(suffix)):
                yield Path(entry.path)
        except OSError:
            continue
