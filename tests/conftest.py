"""Shared fixtures. Unit tests use the fake backends (scripted chat model, hashing embedder)
behind the real protocols, with a real Chroma: the embedded store in a temporary folder. Tests
where storage is what is tested (the store, the profile's and the catalog's collections, the
end-to-end paths) run against a real Chroma server on loopback as well: they say so with
`both_stores`, and each server run gets a database of its own on that server.

The `recchat` command runs in this process (`invoke_cli`, what `fake_cli` uses): starting
Python with chromadb and onnxruntime costs over a second a call. A few tests run it as a real
process (`run_cli`), where the process is what they test: the entry point, exit codes seen by a
shell, kills, locks between processes, imports, the network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from chroma_process import ChromaProcess
from model_stores import Machine, Variants, build_machine, make_variants

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


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> str:
    """'embedded', unless the test asks for both stores (`both_stores`)."""
    return str(getattr(request, "param", "embedded"))


# For tests (or modules: `pytestmark = both_stores`) where storage is what is tested.
both_stores = pytest.mark.parametrize(
    "store_kind", ["embedded", pytest.param("server", marks=pytest.mark.server)], indirect=True
)


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


@pytest.fixture(scope="session")
def real_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the mini catalog as the real embedder stored it, made once per run
    by the real command (embedding with the real model is the slow part): copy it to use it."""
    home = tmp_path_factory.mktemp("real-mini") / "home"
    added = run_cli(home, "catalog", "add", str(MINI_CATALOG), "--name", "mini")
    assert added.returncode == 0, added.stderr
    return home


@pytest.fixture
def real_home(real_mini: Path, tmp_path: Path) -> Path:
    """A data folder holding nothing but the real embedder's ONNX export (made by `real_mini`):
    making it again takes most of a minute in every fresh folder. test_offline makes its own."""
    home = tmp_path / "real-home"
    shutil.copytree(real_mini / "cache" / "onnx", home / "cache" / "onnx")
    return home


@pytest.fixture
def real_mini_home(real_mini: Path, tmp_path: Path) -> Path:
    """A copy of `real_mini` of this test's own."""
    home = tmp_path / "real-mini-home"
    shutil.copytree(real_mini, home)
    return home


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


@pytest.fixture(scope="session")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Variants:
    """GGUF files made from the bundled model: a projector, an adapter, a split model, ..."""
    return make_variants(tmp_path_factory.mktemp("gguf-variants"))


@pytest.fixture
def machine(tmp_path: Path, variants: Variants) -> Machine:
    """A laptop's model stores (Ollama, LM Studio, the hub cache, ...) in a temporary home."""
    return build_machine(tmp_path / "laptop", variants)


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


def invoke_cli(home: Path, *args: str, stdin: str | None = None, **env: str | None) -> subprocess.CompletedProcess[str]:
    """Run the `recchat` command in this process, as its entry point (`recchat.cli.main`) runs
    it, with its own stdin, stdout, stderr, environment (a variable given as None is unset) and
    arguments (Click's CliRunner isolation), and give back what `run_cli` would."""
    from click.testing import CliRunner

    from recchat.cli import main

    environment: dict[str, str | None] = {key: None for key in os.environ if key.startswith("RECCHAT_")}
    environment.update(RECCHAT_HOME=str(home), NO_COLOR="1", COLUMNS="120", **env)
    umask, argv, code = os.umask(0o077), sys.argv, 0
    os.umask(umask)  # main() sets the process's umask: it is put back after the call
    with CliRunner().isolation(input=stdin, env=environment) as (out, err, _):
        sys.argv = ["recchat", *args]
        try:
            main()
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
        except Exception:  # what a process would print before dying with status 1
            traceback.print_exc()
            code = 1
        finally:
            sys.argv = argv
            os.umask(umask)
        output, errors = out.getvalue().decode(), err.getvalue().decode()
    return subprocess.CompletedProcess(["recchat", *args], code, output, errors)


def chroma_env(chroma: ChromaServer | None) -> dict[str, str]:
    """The environment that points the CLI at the same store as `settings`."""
    if chroma is None:
        return {}
    return {"RECCHAT_CHROMA_URL": chroma.url, "RECCHAT_CHROMA_DATABASE": chroma.database or ""}


@pytest.fixture
def fake_cli(home: Path, chroma: ChromaServer | None) -> Iterator[object]:
    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return invoke_cli(home, "--backend", "fake", *args, stdin=stdin, **chroma_env(chroma))

    yield run


@pytest.fixture
def fake_cli_process(home: Path, chroma: ChromaServer | None) -> Iterator[object]:
    """`fake_cli` as a real process: for the few tests of the entry point itself."""

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_cli(home, "--backend", "fake", *args, stdin=stdin, **chroma_env(chroma))

    yield run
