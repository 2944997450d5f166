"""Shared fixtures. Unit tests use the fake backends (scripted chat model, hashing embedder)
behind the real protocols, with a real Chroma: the embedded store in a temporary folder, and,
for every test that uses `settings` (and so `runtime`, `loaded`, `fake_cli`), a real Chroma
server on loopback as well. Each server test gets a database of its own on that server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from chroma_process import ChromaProcess

from recchat.config import ChromaServer, Settings
from recchat.factory import Runtime

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI_CATALOG = DATA / "mini_catalog"
SAMPLE_CATALOG = ROOT / "sample_catalog"
BENCHMARK = ROOT.parent / "shared" / "benchmarks" / "redial-movies"
# The benchmark data sits beside a checkout (../shared), not in it: a fresh clone has none, and
# its tests skip saying so (CI has it, and runs them).
needs_benchmark = pytest.mark.skipif(
    not BENCHMARK.is_dir(), reason=f"needs the benchmark data in {BENCHMARK} (../shared beside the checkout)"
)

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaProcess]:
    """One real `chroma run` for the whole test run (tests that kill a server start their own)."""
    server = ChromaProcess(tmp_path_factory.mktemp("chroma-server") / "data").start()
    yield server
    server.stop()


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def chroma(store_kind: str, request: pytest.FixtureRequest) -> ChromaServer | None:
    """None for the embedded store; else the shared server with a fresh database for this test."""
    if store_kind == "embedded":
        return None
    server: ChromaProcess = request.getfixturevalue("chroma_server")
    return ChromaServer(url=server.url, database=f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture
def settings(home: Path, chroma: ChromaServer | None) -> Settings:
    return Settings(home=home, backend="fake", chroma=chroma)


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
        # Only a guard against a hung process: embedding the 4,166-movie benchmark takes ~2 min on
        # an idle 2-core machine and over 10 on a busy one. Speed is measured in benchmarks.
        timeout=1800,
        check=False,
    )


def chroma_env(chroma: ChromaServer | None) -> dict[str, str]:
    """The environment that points the CLI at the same store as `settings`."""
    if chroma is None:
        return {}
    return {"RECCHAT_CHROMA_URL": chroma.url, "RECCHAT_CHROMA_DATABASE": chroma.database or ""}


@pytest.fixture
def fake_cli(home: Path, chroma: ChromaServer | None) -> Iterator[object]:
    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_cli(home, "--backend", "fake", *args, stdin=stdin, **chroma_env(chroma))

    yield run
