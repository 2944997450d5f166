"""Offline for real: `catalog add` and `ask` with the real models inside a network namespace
with no network at all, watched two ways: a sitecustomize that records (and refuses) every
socket connection and name lookup Python makes, and strace for the ones native code makes.
It also records the Hugging Face offline switches at the moment those libraries are imported:
recchat must have set them itself (the test removes them from the environment)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI_CATALOG, cli_env

SITECUSTOMIZE = """
import os, socket, sys

def _record(variable, line):
    with open(os.environ[variable], "a") as handle:
        handle.write(line + "\\n")

_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

def connect(self, address):
    if self.family != socket.AF_UNIX:
        _record("RECCHAT_TEST_NET_LOG", f"connect {self.family!r} {address!r}")
        raise OSError("network refused by the offline test")
    return _connect(self, address)

def connect_ex(self, address):
    if self.family != socket.AF_UNIX:
        _record("RECCHAT_TEST_NET_LOG", f"connect_ex {self.family!r} {address!r}")
        return 111
    return _connect_ex(self, address)

def getaddrinfo(host, *args, **kwargs):
    _record("RECCHAT_TEST_NET_LOG", f"getaddrinfo {host!r}")
    raise socket.gaierror("name lookups refused by the offline test")

socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo

class _WatchHuggingFace:
    def find_spec(self, name, path=None, target=None):
        if name in ("huggingface_hub", "transformers", "sentence_transformers"):
            switches = " ".join(f"{v}={os.environ.get(v)}" for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))
            _record("RECCHAT_TEST_IMPORT_LOG", f"{name} {switches}")
        return None

sys.meta_path.insert(0, _WatchHuggingFace())
"""


def no_network_prefix() -> list[str]:
    # A failure, not a skip: a machine where this cannot run has not shown recchat is offline.
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("unshare is not installed (util-linux): cannot build a machine with no network")
    prefix = [unshare, "-n"] if os.geteuid() == 0 else [unshare, "-rn"]
    if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode != 0:
        pytest.fail("cannot create a network namespace here (unshare -n was refused)")
    return prefix


def watched_env(home: Path, tmp_path: Path) -> dict[str, str]:
    """The CLI's environment with the watcher installed and every offline/telemetry switch
    removed: whatever keeps recchat offline must come from recchat itself."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = cli_env(home)
    for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_TELEMETRY", "ANONYMIZED_TELEMETRY"):
        env.pop(variable, None)
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(hooks), env.get("PYTHONPATH", "")])),
        RECCHAT_TEST_NET_LOG=str(tmp_path / "net.log"),
        RECCHAT_TEST_IMPORT_LOG=str(tmp_path / "imports.log"),
    )
    return env


@pytest.mark.slow
def test_catalog_add_and_ask_on_the_embedded_store_attempt_no_connection(home: Path, tmp_path: Path) -> None:
    # Runs everywhere (fake models, no network namespace needed), so a connection added anywhere
    # on the store and CLI path (a telemetry client, a hub lookup) fails the fast suite too.
    env = watched_env(home, tmp_path)
    for args in (["catalog", "add", str(MINI_CATALOG), "--name", "mini"], ["ask", "space science fiction", "--json"]):
        command = [sys.executable, "-m", "recchat", "--backend", "fake", *args]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stderr
    assert (home / "chroma").is_dir(), "the embedded store was used"
    net_log = tmp_path / "net.log"
    assert not net_log.exists(), net_log.read_text()


@pytest.mark.real
def test_catalog_add_and_ask_never_touch_the_network(home: Path, tmp_path: Path) -> None:
    prefix = no_network_prefix()
    env = watched_env(home, tmp_path)
    net_log, import_log = tmp_path / "net.log", tmp_path / "imports.log"
    strace = shutil.which("strace")
    traces: list[Path] = []
    results = []
    for number, args in enumerate(
        (["catalog", "add", str(MINI_CATALOG), "--name", "mini"], ["ask", "space science fiction", "--json"])
    ):
        command = [sys.executable, "-m", "recchat", *args]
        if strace:
            traces.append(tmp_path / f"trace{number}.txt")
            command = [strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(traces[-1]), *command]
        result = subprocess.run([*prefix, *command], env=env, capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stderr
        results.append(result)

    assert json.loads(results[1].stdout)["items"], "the real models answered"
    assert not net_log.exists(), net_log.read_text()
    imported = import_log.read_text().splitlines()
    assert any(line.startswith("sentence_transformers ") for line in imported)
    assert all("HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1" in line for line in imported), imported
    for trace in traces:
        calls = trace.read_text().splitlines()
        assert not [c for c in calls if "AF_INET" in c], calls  # AF_INET6 included
