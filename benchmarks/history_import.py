"""How well history exports match catalog items: the test exports in tests/data/history, against
sample_catalog and the history test catalog, judged by tests/data/history/truth.json.

    python -m benchmarks.history_import [--verbose]

Matching reads titles, years, makers and kinds only, so the catalogs are imported with the
hashing embedder (seconds). Prints, per catalog and format: rows, rows whose item the catalog
holds, how many of those were matched to it, wrong matches, ambiguous rows reported with
exactly their candidates, and what was missed.
"""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, machine, print_table, write

HISTORY = ROOT / "tests" / "data" / "history"
CATALOGS = {"sample": ROOT / "sample_catalog", "hist": HISTORY / "catalog"}


def zipped(folder: Path, target: Path) -> Path:
    """An export folder as the service's zip (members as they sit under the folder)."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def judge_all(home: Path) -> dict[str, Any]:
    from recchat.catalog.importer import import_catalog
    from recchat.config import Settings
    from recchat.eval.history_matching import Judged, judge, read_truth
    from recchat.factory import Runtime
    from recchat.imports.history import plan_import

    runtime = Runtime(Settings(home=home, backend="fake"))
    truth = read_truth(HISTORY / "truth.json")
    report: dict[str, Any] = {}
    total = Judged()
    for name, folder in CATALOGS.items():
        import_catalog(runtime.store, runtime.embedder, folder, name)
        catalog = runtime.catalog(name)
        for file in sorted({t["file"] for t in truth if t["catalog"] == name}):
            plan = plan_import([HISTORY / file], name, catalog.index, catalog.schema)
            judged = judge(plan.results, [t for t in truth if t["file"] == file])
            report[f"{name} {file}"] = {"format": plan.files[0].format, **judged.to_json()}
            total.add(judged)
    letterboxd = zipped(HISTORY / "hist" / "letterboxd", home / "letterboxd-export.zip")
    plan = plan_import([letterboxd], "hist", runtime.catalog("hist").index, runtime.catalog("hist").schema)
    report["hist letterboxd-export.zip"] = {"format": "Letterboxd (zip)", **plan.counts()}
    report["all"] = total.to_json()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the missed and wrong rows")
    args = parser.parse_args()
    started = machine()
    with tempfile.TemporaryDirectory(prefix="recchat-history-") as folder:
        report = judge_all(Path(folder))
    rows = []
    for where, figures in report.items():
        if "in_catalog" not in figures:
            continue
        rows.append(
            [
                where,
                figures.get("format", ""),
                figures["rows"],
                figures["in_catalog"],
                f"{figures['matched']} ({figures['match_rate']:.1%})",
                len(figures["wrong"]),
                f"{figures['ambiguous_listed']}/{figures['ambiguous']}",
                len(figures["missed"]),
            ]
        )
    header = ["file", "format", "rows", "in catalog", "matched", "wrong", "ambiguous listed", "missed"]
    print_table("History exports matched to catalog items", [header, *rows])
    zipped_counts = report["hist letterboxd-export.zip"]
    print(f"Letterboxd export as a zip: {zipped_counts['rows']} rows, {zipped_counts['matched']} matched")
    if args.verbose:
        for line in report["all"]["wrong"] + report["all"]["missed"]:
            print(" ", line)
    write("history_import", {"report": report}, started)


if __name__ == "__main__":
    main()
