"""The understanding gate: the conversation suites' turns that pass are recorded, and a change
that makes a recorded turn fail is caught (tests/test_understanding_gate.py). Run with the fake
backends (a hashing embedder, no language model), so the record depends on what recchat
understands and how it filters, not on an embedding model's taste, and the check takes seconds.
Run in a process of its own with PYTHONHASHSEED fixed: among items the hashing embedder cannot
tell apart, ranking's ties still follow set order in places.

    PYTHONHASHSEED=0 PYTHONPATH=$PWD python -m recchat.eval.gate --record   # after an improvement
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUITES = ("conversations", "heldout", "heldout2", "blind", "blind2", "blind3", "blind5")  # never the untouched suite
RECORD = ROOT / "tests" / "gate" / "passing.json"


def passing_turns(suites: Iterable[str] = SUITES, root: Path = ROOT) -> dict[str, list[str]]:
    """Per suite, the turns ('conversation#turn') that pass, replayed on the fake backends in a
    throwaway data folder."""
    from recchat.config import Settings
    from recchat.eval.conversations import import_catalogs, load_truths, run_suite
    from recchat.eval.suite import read_suite
    from recchat.factory import Runtime

    passing: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="recchat-gate-") as home:
        runtime = Runtime(Settings(home=Path(home), backend="fake", use_llm=False))
        for name in suites:
            suite = read_suite(root / "tests" / name)
            truths = load_truths(suite)
            import_catalogs(runtime, suite, sorted(suite.catalogs))
            results = run_suite(runtime, suite, truths)
            passing[name] = sorted(f"{r.conversation}#{r.number}" for r in results if r.turn.scored and r.right)
    return passing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help=f"write the passing turns to {RECORD}")
    parser.add_argument("--json", action="store_true", help="print the passing turns as JSON")
    args = parser.parse_args()
    passing = passing_turns()
    if args.json:
        print(json.dumps(passing))
        return
    for name, turns in passing.items():
        print(f"{name}: {len(turns)} turns pass")
    if args.record:
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(passing, indent=1) + "\n", encoding="utf-8")
        print(f"recorded in {RECORD}")


if __name__ == "__main__":
    main()
