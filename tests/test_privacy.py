"""Privacy: what recchat keeps is readable by the user only; `profile forget` and `recchat reset`
remove the words from disk, not just from view; incognito changes nothing at all; nothing is
written that nobody asked for."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import MINI_CATALOG, cli_env, invoke_cli, run_cli
from recchat.store import PREFIXES, REBUILD_PREFIX, Store


def fake(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return invoke_cli(home, "--backend", "fake", *args, **env)


def files_containing(root: Path, word: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and word.encode() in p.read_bytes()]


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def used(home: Path) -> Path:
    """A data folder after a catalog import and two questions, each with a word to look for."""
    assert fake(home, "catalog", "add", str(MINI_CATALOG), "--name", "mini").returncode == 0
    assert fake(home, "ask", "--no-llm", "I adore zebrafinchsecret space films").returncode == 0
    assert fake(home, "ask", "--no-llm", "also quokkasecret comedy please").returncode == 0
    return home


def test_everything_recchat_keeps_is_readable_by_the_user_only(used: Path) -> None:
    paths = list(used.rglob("*"))  # the tests made `used` itself; recchat leaves a user's folder as it is
    assert any(p.name == "chroma.sqlite3" for p in paths)
    loose = [p for p in paths if stat.S_IMODE(p.lstat().st_mode) & 0o077]
    assert loose == []


def test_a_data_folder_recchat_creates_is_private(tmp_path: Path) -> None:
    home = tmp_path / "new" / "recchat"
    assert fake(home, "catalog", "add", str(MINI_CATALOG)).returncode == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_loose_permissions_from_before_are_tightened(used: Path) -> None:
    for path in [used / "chroma", *(used / "chroma").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert fake(used, "profile", "list").returncode == 0
    assert [p for p in (used / "chroma").rglob("*") if stat.S_IMODE(p.stat().st_mode) & 0o077] == []


def test_forget_removes_the_words_from_disk(used: Path) -> None:
    assert files_containing(used, "zebrafinchsecret"), "the check must be able to see the words"
    entries = json.loads(fake(used, "profile", "export").stdout)["entries"]
    zebra = next(e["id"] for e in entries if "zebrafinchsecret" in e["text"])
    result = fake(used, "profile", "forget", zebra)
    assert result.returncode == 0, result.stderr
    assert files_containing(used, "zebrafinchsecret") == []
    assert files_containing(used, "quokkasecret"), "only the forgotten entry goes"
    remaining = json.loads(fake(used, "profile", "export").stdout)["entries"]
    assert len(remaining) == len(entries) - 1
    assert fake(used, "profile", "forget", "--all", "--yes").returncode == 0
    assert files_containing(used, "quokkasecret") == []
    assert json.loads(fake(used, "profile", "export").stdout)["entries"] == []
    assert fake(used, "ask", "--no-llm", "space films").returncode == 0, "the catalog survived"


def test_forget_all_asks_first(used: Path) -> None:
    result = fake(used, "profile", "forget", "--all")
    assert result.returncode == 1 and "pass --yes" in result.stderr
    assert files_containing(used, "quokkasecret")


def test_an_interrupted_erase_is_finished_or_undone_on_the_next_open(tmp_path: Path) -> None:
    store = Store.embedded(tmp_path / "chroma")
    vectors = np.eye(3, 4, dtype=np.float32)
    profile = store.open_or_create("profile", "p", "fake", 4)
    profile.upsert(["a", "b", "c"], vectors, ["one", "two", "three"], [{"n": 1}, {"n": 2}, {"n": 3}])
    with store.using("simulating a crash", write=True) as client:
        # Killed after the copy was complete and the original deleted, before the rename:
        staging = client.create_collection(
            f"{REBUILD_PREFIX}profile-p", metadata={**profile.info, "rebuild": "complete"}, embedding_function=None
        )
        staging.add(ids=["a", "c"], embeddings=vectors[[0, 2]], documents=["one", "three"])
        client.delete_collection(PREFIXES["profile"] + "p")
    recovered = store.open("profile", "p")
    assert sorted(r.id for r in recovered.iter_all()) == ["a", "c"]
    assert "rebuild" not in recovered.info
    with store.using("simulating a crash", write=True) as client:
        # Killed while copying: the original is still whole, the half copy must go.
        client.create_collection(f"{REBUILD_PREFIX}profile-p", metadata={"rebuild": "writing"}, embedding_function=None)
    assert sorted(r.id for r in store.open("profile", "p").iter_all()) == ["a", "c"]
    assert store.profiles() == ["p"] and store.catalogs() == []


def test_reset_asks_then_removes_everything_but_the_config(used: Path) -> None:
    (used / "config.toml").write_text('profile = "default"\n')
    (used / "history").mkdir(exist_ok=True)  # `ask` saves its conversations there too
    (used / "history" / "conversation.jsonl").write_text('{"text": "quokkasecret"}\n')
    refused = fake(used, "reset")
    assert refused.returncode == 1 and "pass --yes" in refused.stderr
    assert files_containing(used, "quokkasecret")
    result = fake(used, "reset", "--yes")
    assert result.returncode == 0, result.stderr
    assert "1 catalog (mini) and 1 profile (default)" in result.stderr
    assert files_containing(used, "quokkasecret") == [] and files_containing(used, "zebrafinchsecret") == []
    assert sorted(p.name for p in used.iterdir()) == ["config.toml", "locks"]
    assert json.loads(fake(used, "catalog", "list", "--json").stdout) == []


def test_reset_waits_for_no_one_and_refuses_during_an_import(used: Path) -> None:
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom recchat.store.locking import FileLock\n"
        "with FileLock(Path(sys.argv[1]), what='x').held(\"importing catalog 'mini'\"):\n"
        "    print('held', flush=True); time.sleep(30)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(used / "locks" / "import-mini.lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = fake(used, "reset", "--yes")
        assert result.returncode == 1 and "is importing a catalog" in result.stderr
        assert files_containing(used, "quokkasecret")
    finally:
        holder.kill()
        holder.wait()


def test_incognito_changes_not_one_byte_of_the_data_folder(used: Path, tmp_path: Path) -> None:
    before = snapshot(used)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # A process of its own: its private copy of the store must be gone when it exits.
    result = run_cli(used, "--backend", "fake", "ask", "--incognito", "hedgehogsecret board games", TMPDIR=str(scratch))
    assert result.returncode == 0, result.stderr
    assert "1. " in result.stdout, "suggestions were made"
    assert snapshot(used) == before
    assert list(scratch.iterdir()) == [], "the private copy is removed at exit"


def test_nothing_is_written_that_nobody_asked_for(home: Path, tmp_path: Path) -> None:
    cwd, fake_home = tmp_path / "cwd", tmp_path / "user-home"
    cwd.mkdir()
    fake_home.mkdir()
    env = {**cli_env(home), "HOME": str(fake_home), "XDG_CACHE_HOME": str(fake_home / ".cache")}
    for args in (
        ["catalog", "add", str(MINI_CATALOG), "--name", "mini"],
        ["ask", "hedgehogsecret board games", "--json"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "recchat", "--backend", "fake", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert result.stderr == "", "no chatter on stderr when only JSON was asked for"
    assert list(cwd.iterdir()) == [] and list(fake_home.iterdir()) == []
    assert sorted(p.name for p in home.iterdir()) == ["cache", "chroma", "history", "locks"]
    assert not [p for p in home.rglob("*") if p.suffix == ".log"]
    # The only copies of the words: the profile entry, and the conversation `ask --continue`
    # carries on; the user can see, export and forget both (test_forget_removes_the_words_from_disk).
    holders = files_containing(home, "hedgehogsecret")
    conversation = f"{json.loads(result.stdout)['conversation']}.jsonl"
    assert sorted(p.name for p in holders) == sorted(["chroma.sqlite3", conversation])
