"""`recchat profile import` and the per-catalog profile, as a user runs them (subprocess, fake
backend, real Chroma)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from conftest import MINI_CATALOG

Cli = Callable[..., CompletedProcess[str]]
SHEET = "title,year,rating,status\nThe Shining,1980,5,\nInterstellar,2014,,watched\nThe Mask,,4,\nParasite,2019,5,\n"


def test_import_dry_run_then_for_real_then_undo(fake_cli: Cli, tmp_path: Path) -> None:
    assert fake_cli("catalog", "add", str(MINI_CATALOG), "--name", "mini").returncode == 0
    sheet = tmp_path / "history.csv"
    sheet.write_text(SHEET, encoding="utf-8")

    dry = fake_cli("profile", "import", str(sheet), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "matched 2 of 4 rows" in dry.stdout
    assert "ambiguous" in dry.stdout and "The Mask (1988) [m20]" in dry.stdout  # and The Mask (1994)
    assert "history.csv:5 Parasite (2019) [like]" in dry.stdout  # not found
    assert "is empty" in fake_cli("profile", "show").stdout

    done = fake_cli("profile", "import", str(sheet), "--json")
    report = json.loads(done.stdout)
    assert (report["written"], report["matched"], report["ambiguous"], report["not_found"]) == (2, 2, 1, 1)
    import_id = report["import"]
    shown = fake_cli("profile", "show").stdout
    assert "mini" in shown and "The Shining" in shown and f"imported {import_id} into mini: 2 entries" in shown

    suggested = json.loads(fake_cli("ask", "space science fiction", "--json", "-k", "10").stdout)
    assert not {"m01", "m06"} & {item["id"] for item in suggested["items"]}  # seen, liked: never again

    assert "wrote 0 entries" in fake_cli("profile", "import", str(sheet)).stderr  # twice changes nothing
    undone = fake_cli("profile", "forget", "--import", import_id)
    assert undone.returncode == 0 and "deleted 2 entries" in undone.stderr
    assert import_id not in fake_cli("profile", "show").stdout

    cleared = fake_cli("profile", "forget", "--catalog", "mini")
    assert cleared.returncode == 0 and "of catalog mini" in cleared.stderr
    assert "is empty" in fake_cli("profile", "show").stdout


def test_a_file_recchat_cannot_read_changes_nothing(fake_cli: Cli, tmp_path: Path) -> None:
    assert fake_cli("catalog", "add", str(MINI_CATALOG), "--name", "mini").returncode == 0
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(SHEET, encoding="utf-8")
    bad.write_text("Naam;Jaar\nDune;2021\n", encoding="utf-8")
    result = fake_cli("profile", "import", str(good), str(bad))
    assert result.returncode == 1
    assert "bad.csv:1: not a history export recchat knows (columns: Naam, Jaar)" in result.stderr
    assert "is empty" in fake_cli("profile", "show").stdout
