"""Crash safety: SIGKILL `catalog add` at chosen points of its progress, or `ask` at random
moments, again and again; the next run must leave a complete, correct catalog, and no profile
entry is ever lost or doubled.

Real processes (the CLI with `--backend fake`), real embedded Chroma, real kills.
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env, run_cli
from recchat.catalog.importer import ErrorList, iter_valid_items
from recchat.catalog.items import content_hash, item_to_json
from recchat.catalog.record import HASH, ITEM
from recchat.config import Settings
from recchat.domain import Role
from recchat.factory import Runtime

ROUNDS = 8
SEED = 20240611


def write_catalog(folder: Path, rng: random.Random, round_number: int) -> None:
    """About 2,000 items in JSONL and CSV; every round edits, drops and adds some (about 600, so
    an import stores three batches: kills land before, between and after them)."""
    folder.mkdir(exist_ok=True)
    with (folder / "items.jsonl").open("w") as handle:
        for i in range(1600):
            if rng.random() < 0.05:
                continue  # removed this round
            edited = f" edit {round_number}" if rng.random() < 0.1 else ""
            row = {"id": f"j{i}", "title": f"Item {i}", "description": f"about thing {i % 37}{edited}", "tags": "a|b"}
            handle.write(json.dumps(row) + "\n")
        for i in range(rng.randrange(50)):
            handle.write(json.dumps({"id": f"new{round_number}-{i}", "title": f"New {round_number} {i}"}) + "\n")
    with (folder / "more.csv").open("w") as handle:
        handle.write("id,title,year,tags\n")
        for i in range(400):
            handle.write(f"c{i},Thing {i},{1950 + (i + round_number) % 70},science\n")


def expected(folder: Path) -> dict[str, tuple[str, dict[str, object]]]:
    errors = ErrorList()
    found = {item.id: (content_hash(item), item_to_json(item)) for item, _ in iter_valid_items(folder, errors)}
    assert not errors
    return found


def stored(home: Path) -> tuple[dict[str, tuple[str, dict[str, object]]], dict[str, object]]:
    runtime = Runtime(Settings(home=home, backend="fake"))
    collection = runtime.store.open("catalog", "c")
    records = {r.id: (str(r.metadata[HASH]), json.loads(r.metadata[ITEM])) for r in collection.iter_all()}
    return records, collection.info


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "recchat", "--backend", "fake", *args],
        env=cli_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as in a terminal: a suite run as a background job inherits SIGINT ignored, and
        # Python then keeps ignoring it (the last CI simulations failed so)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


PROGRESS = re.compile(r"^Embedding \S+: ([\d,]+)/([\d,]+)\b")
# How far through its writes an import is killed, one point a round: as they begin (the catalog
# is marked as being imported, nothing is written), part-way, or once all are written (before
# deletions and the final mark). Points of the import's own progress, not delays tuned to the
# machine's speed.
KILL_POINTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def number(text: str) -> int:
    return int(text.replace(",", ""))


def kill_at_progress(process: subprocess.Popen[str], fraction: float) -> int:
    """Kill the import when it reports at least `fraction` of its items stored; its exit code
    (-9 when killed, 0 when it finished before the kill could land)."""
    assert process.stderr is not None
    for line in process.stderr:
        found = PROGRESS.match(line.strip())
        if found and number(found[1]) >= fraction * number(found[2]):
            process.send_signal(signal.SIGKILL)
            break
    process.communicate()
    return process.returncode


def kill_after(process: subprocess.Popen[str], seconds: float) -> int:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.communicate()
        return -9


@pytest.mark.slow
def test_killing_catalog_add_as_it_stores_never_leaves_a_wrong_catalog(home: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder = tmp_path / "catalog"
    killed = 0
    for round_number, point in enumerate(KILL_POINTS):
        write_catalog(folder, rng, round_number)
        code = kill_at_progress(start(home, "catalog", "add", str(folder), "--name", "c"), point)
        assert code in (0, -9)
        killed += code == -9
        # Whatever the moment, reading either works or says clearly that the import must be re-run.
        asked = run_cli(home, "--backend", "fake", "ask", "--no-llm", "thing 3 science", "-c", "c", "--incognito")
        assert asked.returncode == 0 or "an import was interrupted" in asked.stderr or "no catalog" in asked.stderr, (
            asked.stderr
        )
        assert "Traceback" not in asked.stderr and "store error" not in asked.stderr
    assert killed >= len(KILL_POINTS) // 2, "the kills should land mid-import most of the time"
    final = run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c")
    assert final.returncode == 0, final.stderr
    records, info = stored(home)
    assert records == expected(folder)
    assert info["state"] == "ready" and info["items"] == len(records)
    asked = run_cli(home, "--backend", "fake", "ask", "--no-llm", "thing 3", "-c", "c", "--json")
    assert asked.returncode == 0, asked.stderr


@pytest.mark.slow
def test_killing_ask_never_loses_or_doubles_profile_entries(home: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    folder = tmp_path / "catalog"
    write_catalog(folder, rng, 0)
    assert run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c").returncode == 0
    finished: list[str] = []
    for number in range(ROUNDS):
        text = f"utterance {number} about thing {number} science"
        code = kill_after(start(home, "ask", "--no-llm", text, "-c", "c"), rng.uniform(0.2, 2.5))
        if code == 0:
            finished.append(text)
        else:
            assert code == -9
        # After every kill the store opens and the whole profile reads back, each entry once.
        said = said_in_profile(home)
        assert len(said) == len(set(said)), f"an entry was written twice: {said}"
        assert set(finished) <= set(said), "an answered question is missing from the profile"
        assert set(said) <= {f"utterance {n} about thing {n} science" for n in range(number + 1)}
    exported = run_cli(home, "--backend", "fake", "profile", "export")
    assert exported.returncode == 0, exported.stderr
    said = [e["text"] for e in json.loads(exported.stdout)["entries"] if e["role"] == "user"]
    assert len(said) == len(set(said)), "an entry was written twice"
    assert set(finished) <= set(said), "an answered question is missing from the profile"


def said_in_profile(home: Path) -> list[str]:
    """What the person said, as the default profile holds it (read in this process)."""
    profile = Runtime(Settings(home=home, backend="fake")).profile()
    return [e.utterance.text for e in profile.entries if e.utterance.role is Role.USER]


def _break_vector_index(home: Path, *, interrupted: bool) -> None:
    """What a kill mid-write can leave: Chroma's on-disk vector index unreadable."""
    runtime = Runtime(Settings(home=home, backend="fake"))
    collection = runtime.store.open("catalog", "c")
    if interrupted:
        collection.set_info(state="importing")
    headers = list((home / "chroma").glob("*/header.bin"))
    assert headers, "the catalog has an on-disk vector index"
    for header in headers:
        header.write_bytes(b"\xff" * len(header.read_bytes()))


@pytest.mark.slow
def test_an_interrupted_import_that_left_the_index_unreadable_is_redone_from_the_folder(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "catalog"
    write_catalog(folder, random.Random(SEED), 0)
    assert run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c").returncode == 0
    _break_vector_index(home, interrupted=True)
    again = run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c")
    assert again.returncode == 0, again.stderr
    records, info = stored(home)
    assert records == expected(folder) and info["state"] == "ready"
    asked = run_cli(home, "--backend", "fake", "ask", "--no-llm", "thing 3", "-c", "c", "--json")
    assert asked.returncode == 0, asked.stderr


def test_a_ready_catalog_with_an_unreadable_index_is_never_dropped_silently(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    write_catalog(folder, random.Random(SEED), 0)
    assert run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c").returncode == 0
    _break_vector_index(home, interrupted=False)
    again = run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c")
    assert again.returncode == 1 and "store error while reading catalog 'c'" in again.stderr
    assert "recchat catalog remove c --yes" in again.stderr


def test_ctrl_c_then_add_again_embeds_only_what_was_not_stored(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    write_catalog(folder, random.Random(SEED), 0)
    total = len(expected(folder))
    process = start(home, "catalog", "add", str(folder), "--name", "c")
    assert process.stderr is not None
    reported = 0
    for line in process.stderr:
        found = PROGRESS.match(line.strip())
        # at the first batch stored: the import has most of its work left
        if found and 0 < number(found[1]) < total:
            reported = number(found[1])
            process.send_signal(signal.SIGINT)  # what Ctrl-C sends
            break
    _, rest = process.communicate()
    assert process.returncode == 130, rest
    assert "interrupted" in rest and "carries on" in rest and "Traceback" not in rest
    again = run_cli(home, "--backend", "fake", "catalog", "add", str(folder), "--name", "c")
    assert again.returncode == 0, again.stderr
    added = re.search(r"\((\d+) added", again.stderr)
    assert added is not None and 0 < int(added[1]) <= total - reported, again.stderr
    records, info = stored(home)
    assert records == expected(folder)
    assert info["state"] == "ready" and info["items"] == total
