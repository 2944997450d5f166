"""`recchat doctor`: check what recchat needs, one line each, and say how to fix what is wrong.

Each check returns a Check and never raises: a broken part is exactly what the doctor is for.
"""

from __future__ import annotations

import shutil
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recchat.errors import RecchatError, StoreError

if TYPE_CHECKING:
    from recchat.config import Settings
    from recchat.factory import Runtime

MIN_PYTHON = (3, 11)
MIN_FREE_BYTES = 500 * 1024 * 1024  # a big catalog with its vectors, with room to spare
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str | None = None


def run_checks(runtime: Runtime, *, min_free_bytes: int = MIN_FREE_BYTES) -> list[Check]:
    settings = runtime.settings
    checks: list[tuple[str, Callable[[], Check]]] = [
        ("python", check_python),
        ("disk space", lambda: check_disk(settings.home, min_free_bytes)),
        ("privacy", lambda: check_permissions(settings)),  # before the store opens (which repairs them)
        ("language model", lambda: check_model_file(settings)),
        ("embedder files", lambda: check_embedder_files(settings)),
        ("embedder", lambda: check_embedder_loads(runtime)),
        ("store", lambda: check_store(runtime)),
        ("catalogs", lambda: check_catalogs(runtime)),
        ("profiles", lambda: check_profiles(runtime)),
    ]
    results: list[Check] = []
    store_opened = True
    for name, check in checks:
        if name in {"catalogs", "profiles"} and not store_opened:
            results.append(Check(name, False, "not checked: the store did not open"))
            continue
        results.append(run_check(name, check))
        store_opened = store_opened and (name != "store" or results[-1].ok)
    return results


def run_check(name: str, check: Callable[[], Check]) -> Check:
    try:
        return check()
    except RecchatError as error:
        return Check(name, False, error.message, error.hint)
    except Exception as error:  # the doctor reports what breaks; it must not break itself
        return Check(name, False, f"unexpected {type(error).__name__}: {error}", "run with --debug and report it")


def check_python(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> Check:
    shown = ".".join(map(str, version))
    if version[:2] >= MIN_PYTHON:
        return Check("python", True, f"Python {shown}")
    wanted = ".".join(map(str, MIN_PYTHON))
    return Check("python", False, f"Python {shown} is too old", f"install Python {wanted} or newer")


def check_disk(home: Path, min_free_bytes: int = MIN_FREE_BYTES) -> Check:
    existing = next(p for p in (home, *home.parents) if p.exists())
    free = shutil.disk_usage(existing).free
    shown = f"{free / (1 << 30):.1f} GiB free at {existing}"
    if free >= min_free_bytes:
        return Check("disk space", True, shown)
    need = f"{min_free_bytes / (1 << 20):.0f} MiB"
    return Check("disk space", False, f"only {shown}", f"free at least {need} there, or use --home on another disk")


def check_permissions(settings: Settings) -> Check:
    loose = [
        path
        for folder in (*settings.data_dirs, settings.lock_dir)
        if folder.exists()
        for path in (folder, *folder.rglob("*"))
        if not path.is_symlink() and stat.S_IMODE(path.lstat().st_mode) & 0o077
    ]
    if not loose:
        return Check("privacy", True, f"data in {settings.home} is readable by you only")
    return Check(
        "privacy",
        False,
        f"{len(loose)} file(s) others can read, e.g. {loose[0]}",
        f"run `chmod -R go-rwx {settings.home}` (any recchat command also fixes it)",
    )


def check_model_file(settings: Settings) -> Check:
    if settings.backend == "fake":
        return Check("language model", True, "not used (fake backend)")
    if not settings.use_llm:
        return Check("language model", True, "not used (LLM turned off)")
    import importlib.util

    from recchat.llm.llama_cpp import check_gguf
    from recchat.models.describe import describe
    from recchat.models.listing import resolve

    found = resolve(str(settings.model or "default"), settings.model_search)
    check_gguf(found.path)
    if importlib.util.find_spec("llama_cpp") is None:
        return Check("language model", False, "llama-cpp-python is not installed", "run the README's set-up command")
    facts = describe(found.path)
    name = found.path.name if found.store in {"file", "default"} else found.name
    size = f"{facts.file_size / (1 << 20):.0f} MiB"
    shown = f"{name} ({facts.architecture}, {facts.size_label}, {facts.quantization}, {size}, GGUF)"
    if facts.problem:
        return Check("language model", False, f"{shown}: {facts.problem}", "choose another with --model")
    return Check("language model", True, shown)


def check_embedder_files(settings: Settings) -> Check:
    if settings.backend == "fake":
        return Check("embedder files", True, "not used (fake backend)")
    from recchat.embed.sentence_transformers import check_model_dir, default_model_dir

    folder = Path(settings.embedder).expanduser() if settings.embedder else default_model_dir()
    check_model_dir(folder)
    if not any((folder / name).exists() for name in WEIGHT_FILES):
        return Check(
            "embedder files",
            False,
            f"no weights in {folder} ({' or '.join(WEIGHT_FILES)})",
            "the model folder is incomplete: copy it again, or pass --embedder with a complete one",
        )
    return Check("embedder files", True, str(folder))


def check_embedder_loads(runtime: Runtime) -> Check:
    started = time.perf_counter()
    embedder = runtime.embedder
    vectors = embedder.embed(["a quiet film about the sea"])
    if vectors.shape != (1, embedder.dimension):
        return Check("embedder", False, f"made vectors of shape {vectors.shape}", "try another --embedder")
    seconds = time.perf_counter() - started
    return Check("embedder", True, f"{embedder.name}, {embedder.dimension} dimensions, ready in {seconds:.1f}s")


def check_store(runtime: Runtime) -> Check:
    from recchat.store.files import integrity

    try:
        store = runtime.store
        store.heartbeat()
    except StoreError as error:
        return Check(
            "store", False, error.message, "restore the data folder from a backup, or start over: `recchat reset`"
        )
    detail = f"{'embedded at' if store.embedded_path else 'server at'} {store.where}"
    if store.embedded_path is not None:
        with store.using("checking the database"):
            problem = integrity(store.embedded_path)
        if problem:
            return Check(
                "store", False, f"{detail}: database damaged ({problem})", "restore a backup, or `recchat reset`"
            )
    return Check("store", True, detail)


def check_catalogs(runtime: Runtime) -> Check:
    from recchat.store import check_embedder

    store = runtime.store
    names = store.catalogs()
    if not names:
        return Check("catalogs", False, "no catalog loaded", "add one: `recchat catalog add FOLDER`")
    for name in names:
        collection = store.open("catalog", name)
        info = collection.info
        if info.get("state") != "ready":
            from recchat.catalog.library import incomplete

            error = incomplete(collection, info)
            return Check("catalogs", False, error.message, error.hint)
        check_embedder(collection, runtime.embedder.name, runtime.embedder.dimension)
        if collection.count() != info.get("items"):
            return Check(
                "catalogs",
                False,
                f"catalog '{name}' holds {collection.count()} items, its last import counted {info.get('items')}",
                f"run `recchat catalog add {info.get('source', 'FOLDER')} --name {name}` again",
            )
    shown = ", ".join(f"{n} ({store.open('catalog', n).info.get('items')} items)" for n in names)
    return Check("catalogs", True, shown)


def check_profiles(runtime: Runtime) -> Check:
    from recchat.store import check_embedder

    store = runtime.store
    names = store.profiles()
    for name in names:
        check_embedder(store.open("profile", name), runtime.embedder.name, runtime.embedder.dimension)
    return Check("profiles", True, ", ".join(names) if names else "none yet")
