"""Shared fixtures. Unit tests use the fake backends (scripted chat model, hashing embedder)
behind the real protocols, with a real embedded Chroma in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from recchat.config import Settings
from recchat.factory import Runtime

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI_CATALOG = DATA / "mini_catalog"
SAMPLE_CATALOG = ROOT / "sample_catalog"
BENCHMARK = ROOT.parent / "shared" / "benchmarks" / "redial-movies"

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings(home=home, backend="fake")


@pytest.fixture
def runtime(settings: Settings) -> Runtime:
    return Runtime(settings)


@pytest.fixture
def mini_catalog(tmp_path: Path) -> Path:
    """A writable copy of the hand-made test catalog (tests edit it to test incremental import)."""
    target = tmp_path / "mini_catalog"
    shutil.copytree(MINI_CATALOG, target)
    return target


@pytest.fixture
def loaded(runtime: Runtime, mini_catalog: Path) -> Runtime:
    from recchat.catalog.importer import import_catalog

    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini")
    return runtime


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECCHAT_")}
    env.update(RECCHAT_HOME=str(home), NO_COLOR="1", COLUMNS="120", **extra)
    return env


def run_cli(home: Path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point as a user would, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "recchat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env(home, **env),
        timeout=600,
        check=False,
    )


@pytest.fixture
def fake_cli(home: Path) -> Iterator[object]:
    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_cli(home, "--backend", "fake", *args, stdin=stdin)

    yield run
