"""Concurrency: a long-lived session (what the TUI runs), `recchat ask` and `recchat catalog add`
on one data folder at the same time, as real processes. Nothing may be lost or corrupted, and
nobody may fail with a raw database error: they wait for each other, or say clearly why not."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import cli_env, run_cli
from recchat.catalog.importer import ErrorList, iter_valid_items
from recchat.catalog.items import content_hash
from recchat.catalog.record import HASH
from recchat.config import Settings
from recchat.errors import BusyError
from recchat.factory import Runtime
from recchat.store import lock_path
from recchat.store.locking import StoreLock

SECONDS = 15
RAW_ERRORS = ("Traceback", "store error", "database is locked", "internal error", "Error finding id")

# What the TUI does, minus the screen: one Runtime for minutes, talking and liking, starting new
# conversations (which read the profile others write to) and looking into the catalog being
# re-imported.
LONG_SESSION = """
import json, sys, time
from pathlib import Path
from recchat.config import Settings
from recchat.domain import FeedbackKind
from recchat.errors import NotFoundError, RecchatError
from recchat.factory import Runtime

runtime = Runtime(Settings(home=Path(sys.argv[1]), backend="fake", use_llm=False))
turns, liked, errors, seen = [], 0, [], 0
stop = time.monotonic() + float(sys.argv[2])
while time.monotonic() < stop:
    text = f"session turn {len(turns)} about thing {len(turns) % 7} science"
    try:
        if len(turns) % 3 == 0:
            session = runtime.session(catalog="c")  # a new conversation reloads the profile
            entries = len(session.profile.entries)
            if entries < seen:
                errors.append(f"the profile shrank from {seen} to {entries} entries")
            seen = entries
        reply = session.handle(text, k=3, always_recommend=True)
        turns.append(text)
        if reply.recommendations:
            session.feedback(reply.recommendations[0].item.id, FeedbackKind.LIKE)
            liked += 1
        try:
            other = runtime.store.open("catalog", "d")
            other.get(limit=50, embeddings=True)
            other.query(runtime.embedder.embed([text]), 5)
        except NotFoundError:
            pass  # not imported yet
    except RecchatError as error:
        errors.append(str(error))
print(json.dumps({"turns": turns, "liked": liked, "errors": errors}))
"""


def write_items(folder: Path, count: int, version: int) -> None:
    folder.mkdir(exist_ok=True)
    with (folder / "items.jsonl").open("w") as handle:
        for i in range(count):
            text = f"about thing {i % 37} science" + (f" version {version}" if i % 4 == version % 4 else "")
            handle.write(json.dumps({"id": f"i{i}", "title": f"Item {i}", "description": text, "tags": "x"}) + "\n")


def run_together(*loops: Callable[[], None]) -> None:
    """Run the loops in threads at once, and fail here with the first thing that failed in one
    (an assertion in a thread would otherwise end only that thread)."""
    failures: list[BaseException] = []

    def guarded(loop: Callable[[], None]) -> None:
        try:
            loop()
        except BaseException as error:  # re-raised in the test's own thread below
            failures.append(error)

    threads = [threading.Thread(target=guarded, args=(loop,)) for loop in loops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def catalog_matches(home: Path, folder: Path, name: str) -> bool:
    collection = Runtime(Settings(home=home, backend="fake")).store.open("catalog", name)
    stored = {r.id: r.metadata[HASH] for r in collection.iter_all()}
    wanted = {item.id: content_hash(item) for item, _ in iter_valid_items(folder, ErrorList())}
    return stored == wanted and collection.info["state"] == "ready"


@pytest.mark.slow
def test_session_ask_and_import_at_once_lose_nothing(home: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "c", tmp_path / "d"
    write_items(first, 300, 0)
    assert run_cli(home, "--backend", "fake", "catalog", "add", str(first), "--name", "c").returncode == 0

    session = subprocess.Popen(
        [sys.executable, "-c", LONG_SESSION, str(home), str(SECONDS)],
        env=cli_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    outputs: list[str] = []
    asked: list[str] = []
    imports: list[int] = []

    def ask_loop() -> None:
        stop = time.monotonic() + SECONDS
        while time.monotonic() < stop:
            text = f"ask number {len(asked)} about thing {len(asked) % 5} science"
            result = run_cli(home, "--backend", "fake", "ask", "--no-llm", text, "-c", "c")
            outputs.append(result.stderr)
            assert result.returncode == 0, result.stderr
            asked.append(text)
            other = run_cli(home, "--backend", "fake", "ask", "--no-llm", "thing", "-c", "d", "--incognito")
            outputs.append(other.stderr)
            clear = ("being imported right now", "no catalog named 'd'", "an import was interrupted")
            assert other.returncode == 0 or any(words in other.stderr for words in clear), other.stderr

    def import_loop() -> None:
        stop = time.monotonic() + SECONDS
        version = 0
        while time.monotonic() < stop:
            write_items(second, 1500, version)
            result = run_cli(home, "--backend", "fake", "catalog", "add", str(second), "--name", "d")
            outputs.append(result.stderr)
            imports.append(result.returncode)
            version += 1

    run_together(ask_loop, import_loop)
    out, err = session.communicate(timeout=120)
    outputs.append(err)
    assert session.returncode == 0, err
    report = json.loads(out)

    for text in outputs:
        assert not any(raw in text for raw in RAW_ERRORS), text
    assert report["errors"] == [] and report["turns"], report
    assert asked and imports and all(code == 0 for code in imports)
    assert catalog_matches(home, second, "d") and catalog_matches(home, first, "c")
    exported = run_cli(home, "--backend", "fake", "profile", "export")
    said = [e["text"] for e in json.loads(exported.stdout)["entries"] if e["role"] == "user"]
    spoken = [text for text in said if not text.startswith("like: ")]
    assert sorted(spoken) == sorted(asked + report["turns"]), "a profile write was lost or doubled"
    assert len(said) - len(spoken) == report["liked"]


HOLD = """
import sys, time
from pathlib import Path
from recchat.store.locking import FileLock
with FileLock(Path(sys.argv[1]), what="test").held(sys.argv[2]):
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def hold(path: Path, doing: str, seconds: float) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), doing, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


@pytest.mark.slow
def test_a_busy_data_folder_makes_ask_wait_and_say_so(home: Path, mini_catalog: Path) -> None:
    assert run_cli(home, "--backend", "fake", "catalog", "add", str(mini_catalog), "--name", "mini").returncode == 0
    holder = hold(lock_path(home / "chroma"), "a long write", 3.0)
    result = run_cli(home, "--backend", "fake", "ask", "--no-llm", "space science fiction")
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert f"waiting for another recchat (pid {holder.pid}: a long write) to finish with the data folder" in (
        result.stderr
    )


def test_a_lock_held_too_long_is_a_clear_error(tmp_path: Path) -> None:
    holder = hold(tmp_path / "locks" / "store.lock", "writing to catalog 'movies'", 5.0)
    try:
        lock = StoreLock(tmp_path / "locks" / "store.lock", timeout=0.5)
        with pytest.raises(BusyError) as caught, lock.operation(write=True):
            pass
        assert str(caught.value).startswith(
            f"the data folder is busy: another recchat (pid {holder.pid}: writing to catalog 'movies') is using it"
        )
        assert caught.value.hint and "wait for it to finish" in caught.value.hint
    finally:
        holder.kill()
        holder.wait()


def test_a_second_import_of_the_same_catalog_stops_at_once(home: Path, mini_catalog: Path) -> None:
    holder = hold(home / "locks" / "import-mini.lock", "importing catalog 'mini'", 10.0)
    try:
        result = run_cli(home, "--backend", "fake", "catalog", "add", str(mini_catalog), "--name", "mini")
        assert holder.poll() is None, "it answered while the other import still ran: it did not wait"
        assert result.returncode == 1
        assert f"catalog 'mini' is busy: another recchat (pid {holder.pid}: importing catalog 'mini')" in (
            result.stderr
        )
    finally:
        holder.kill()
        holder.wait()
