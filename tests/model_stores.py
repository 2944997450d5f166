"""A laptop's model stores, laid out as each tool lays them out, in a temporary home: Ollama's
manifests and blobs, LM Studio's folders (moved by its home pointer file and its settings),
the Hugging Face hub cache (refs, snapshots linked into blobs), llama.cpp's cache and a folder
named in config.toml. The weights are the bundled SmolLM2 GGUF (linked, not copied, where the
tool itself would keep a plain file) and variants of it made by tests/gguf_files.py."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gguf_files import STRING, U32, edited, split

from recchat.llm.llama_cpp import default_model_path
from recchat.models.places import ModelSearch

SPLIT_STEM = "SmolLM2-135M-Instruct-Q4_1"


@dataclass(frozen=True)
class Variants:
    """GGUF files made once per test run: what stores hold besides plain chat models."""

    model: Path  # the bundled chat model
    no_template: Path
    projector: Path
    adapter: Path
    imatrix: Path
    unknown_arch: Path
    truncated: Path
    broken: Path
    split_parts: tuple[Path, ...]


def make_variants(folder: Path) -> Variants:
    model = default_model_path()
    folder.mkdir(parents=True, exist_ok=True)
    sparse = {"sparse_weights": True}
    truncated = edited(model, folder / "truncated.gguf", **sparse)
    with truncated.open("r+b") as handle:  # the last megabyte of weights never arrived
        handle.truncate(truncated.stat().st_size - (1 << 20))
    broken = folder / "broken.gguf"
    broken.write_bytes(model.read_bytes()[:4096])  # a download cut off in the tokenizer
    return Variants(
        model=model,
        no_template=edited(model, folder / "base.gguf", drop=("tokenizer.chat_template",), **sparse),
        projector=edited(model, folder / "mmproj.gguf", set_keys={"general.architecture": (STRING, "clip")}, **sparse),
        adapter=edited(
            model,
            folder / "lora.gguf",
            set_keys={"general.type": (STRING, "adapter"), "adapter.type": (STRING, "lora")},
            **sparse,
        ),
        imatrix=edited(
            model,
            folder / "imatrix.gguf",
            set_keys={"general.type": (STRING, "imatrix"), "imatrix.chunk_count": (U32, 100)},
            **sparse,
        ),
        unknown_arch=edited(
            model,
            folder / "future.gguf",
            set_keys={"general.architecture": (STRING, "llama9000"), "llama9000.context_length": (U32, 4096)},
            **sparse,
        ),
        truncated=truncated,
        broken=broken,
        split_parts=tuple(split(model, folder / "split", SPLIT_STEM, parts=2)),
    )


def link(target: Path, where: Path) -> Path:
    where.parent.mkdir(parents=True, exist_ok=True)
    where.symlink_to(target)
    return where


@cache
def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- Ollama ----------------------------------------------------------------------------------------


def ollama_model(
    store: Path, model: str, tag: str, gguf: Path, *, namespace: str = "library", host: str = "registry.ollama.ai"
) -> None:
    """One pulled model: its blob (by digest) and a manifest as `ollama pull` writes it."""
    blobs = store / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)
    sha = digest(gguf)
    blob = blobs / f"sha256-{sha}"
    if not blob.exists():
        link(gguf, blob)
    template = blobs / f"sha256-{'1' * 64}"
    template.write_text("{{ .Prompt }}")
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": f"sha256:{'2' * 64}"},
        "layers": [
            {"mediaType": "application/vnd.ollama.image.model", "digest": f"sha256:{sha}", "size": gguf.stat().st_size},
            {"mediaType": "application/vnd.ollama.image.template", "digest": f"sha256:{'1' * 64}", "size": 13},
        ],
    }
    path = store / "manifests" / host / namespace / model / tag
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest))


# -- Hugging Face hub cache ------------------------------------------------------------------------


def hub_repo(cache: Path, repo_id: str, files: dict[str, Path], *, stale: dict[str, Path] | None = None) -> None:
    """A repo as huggingface_hub caches it: blobs by content hash, refs/main naming the commit,
    snapshots/<commit>/<file> linked (relatively) to the blob. `stale`: an older snapshot that
    refs/main no longer names."""
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    commits = [("a" * 40, files)] + ([("b" * 40, stale)] if stale else [])
    for commit, content in commits:
        for name, source in content.items():
            blob = repo / "blobs" / digest(source)[:40]
            if not blob.exists():
                link(source, blob)
            where = repo / "snapshots" / commit / name
            where.parent.mkdir(parents=True, exist_ok=True)
            where.symlink_to(os.path.relpath(blob, where.parent))
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text("a" * 40)


@dataclass(frozen=True)
class Machine:
    home: Path
    search: ModelSearch
    config_folder: Path
    offered: dict[str, Path]  # name -> the file `recchat models` lists and --model loads
    not_loading: dict[str, str]  # name -> what `recchat models` says stops llama.cpp
    left_out: dict[str, str]  # name -> why it is no chat model (listed by --all only)


def build_machine(home: Path, variants: Variants) -> Machine:
    v = variants
    ollama = home / ".ollama" / "models"
    ollama_model(ollama, "qwen2.5", "3b", v.model)
    ollama_model(ollama, "smollm2", "latest", v.model)  # the same blob under a second name
    ollama_model(ollama, "SmolLM2-GGUF", "Q4_1", v.model, namespace="bartowski", host="hf.co")
    ollama_model(ollama, "tiny-base", "q4", v.no_template, namespace="someone")

    # LM Studio moved: the pointer file names its home, whose settings name the models folder
    lms_home = home / "apps" / "lmstudio"
    lms_models = home / "Models"
    lms_home.mkdir(parents=True)
    (home / ".lmstudio-home-pointer").write_text(f"{lms_home}\n")
    (lms_home / "settings.json").write_text(json.dumps({"downloadsFolder": str(lms_models)}))
    link(v.model, lms_models / "lmstudio-community" / "SmolLM2-GGUF" / "SmolLM2-135M-Instruct-Q4_1.gguf")
    link(v.projector, lms_models / "lmstudio-community" / "SmolLM2-GGUF" / "mmproj-SmolLM2-f16.gguf")
    for part in v.split_parts:
        link(part, lms_models / "bartowski" / "SmolLM2-split" / part.name)
    link(v.model, home / ".cache" / "lm-studio" / "models" / "TheBloke" / "Old-GGUF" / "old.Q4_1.gguf")

    hub = home / ".cache" / "huggingface" / "hub"
    hub_repo(
        hub,
        "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF",
        {"smollm2-135m-instruct-q4_1.gguf": v.model, "lora/adapter.gguf": v.adapter, "imatrix.gguf": v.imatrix},
        stale={"smollm2-old.gguf": v.model},
    )
    (hub / "models--sentence-transformers--all-MiniLM-L6-v2" / "snapshots" / ("c" * 40)).mkdir(parents=True)

    llama_cache = home / ".cache" / "llama.cpp"
    link(v.model, llama_cache / "bartowski_SmolLM2-135M-Instruct-GGUF_SmolLM2-135M-Instruct-Q4_1.gguf")
    (llama_cache / "bartowski_SmolLM2-135M-Instruct-GGUF_SmolLM2-135M-Instruct-Q4_1.gguf.etag").write_text('"x"')
    link(v.broken, llama_cache / "interrupted.gguf")

    folder = home / "my-models"
    link(v.model, folder / "chat" / "mine.gguf")
    link(v.unknown_arch, folder / "future.gguf")
    link(v.truncated, folder / "cut.gguf")
    (folder / "notes.txt").write_text("not a model")

    return Machine(
        home=home,
        search=ModelSearch(user_home=home, folders=(folder,)),
        config_folder=folder,
        offered={
            "ollama:qwen2.5:3b": v.model,
            "ollama:smollm2:latest": v.model,
            "ollama:hf.co/bartowski/SmolLM2-GGUF:Q4_1": v.model,
            "lmstudio:lmstudio-community/SmolLM2-GGUF/SmolLM2-135M-Instruct-Q4_1": v.model,
            "lmstudio:bartowski/SmolLM2-split/SmolLM2-135M-Instruct-Q4_1": v.split_parts[0],
            "lmstudio:TheBloke/Old-GGUF/old.Q4_1": v.model,
            "hf:HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/smollm2-135m-instruct-q4_1": v.model,
            "llamacpp:bartowski_SmolLM2-135M-Instruct-GGUF_SmolLM2-135M-Instruct-Q4_1": v.model,
            "dir:my-models/chat/mine": v.model,
        },
        not_loading={
            "dir:my-models/future": "architecture 'llama9000' is not one this llama.cpp knows",
            "dir:my-models/cut": "is cut short",
        },
        left_out={
            "ollama:someone/tiny-base:q4": "no chat template",
            "lmstudio:lmstudio-community/SmolLM2-GGUF/mmproj-SmolLM2-f16": "projector",
            "lmstudio:bartowski/SmolLM2-split/SmolLM2-135M-Instruct-Q4_1-00002-of-00002": "part 2 of a split",
            "hf:HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/lora/adapter": "adapter",
            "hf:HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/imatrix": "importance matrix",
            "llamacpp:interrupted": "runs past the end of the file",
        },
    )


STORE_VARIABLES = ("OLLAMA_MODELS", "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "LLAMA_CACHE", "XDG_CACHE_HOME")


def laptop_env(base: dict[str, str], home: Path, config_folder: Path) -> dict[str, str]:
    """`base` (an environment for the CLI) on that laptop: its HOME, its config folder, and none
    of the store variables of the machine the tests run on."""
    env = {key: value for key, value in base.items() if key not in STORE_VARIABLES}
    return {**env, "HOME": str(home), "RECCHAT_MODEL_DIRS": str(config_folder)}


def tree_state(home: Path) -> dict[str, tuple[int, int]]:
    """Every file and link under `home`: its size and modification time (links not followed)."""
    return {
        str(path.relative_to(home)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in sorted(home.rglob("*"))
    }
