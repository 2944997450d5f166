"""Explanations before and after a change, from two saved runs of
`recchat eval --explanations SET --save FILE.jsonl` (the runner uses only Session calls that older
recchat has too, so a checkout of an older commit can make the "before" file):

    python -m benchmarks.explanations rejudge SET SAVED.jsonl [--prompts DIR]   # figures, current judge
    python -m benchmarks.explanations compare SET BEFORE.jsonl AFTER.jsonl [--pick 20] [--seed 16]

`rejudge` judges a saved run again with the current judge (so two runs are judged alike),
`--prompts` naming the prompt folder that run used (its worked example is what may leak).
`compare` prints the figures of both and, side by side, the explanations of `--pick` (item,
conversation) pairs that both runs explained, drawn with random.Random(seed).sample from
those pairs sorted by conversation and item id.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from recchat.eval.explanation_judge import Conversation, faults, linked
from recchat.eval.explanation_set import read_explanation_set
from recchat.eval.explanation_terms import CatalogTerms, catalog_terms
from recchat.eval.explanations import CHECKS
from recchat.eval.judge import Truth, read_truth
from recchat.prompts import Prompts


def rejudged(set_path: Path, saved: Path, prompts: Path | None) -> list[dict[str, Any]]:
    explanation_set = read_explanation_set(set_path)
    cases = {c.id: c for c in explanation_set.cases}
    truths: dict[str, Truth] = {}
    terms: dict[str, CatalogTerms] = {}
    folder = Prompts(prompts)
    example = " ".join(folder.template(n) for n in ("explain.example.user", "explain.example.assistant"))
    rows = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        case = cases[row["case"]]
        truth = truths.setdefault(case.catalog, read_truth(explanation_set.catalogs[case.catalog]))
        record = truth.get(row["id"])
        titles = [r.title for r in truth.records.values()]
        conversation = Conversation(case.turns, case.avoid, case.kind, case.wants)
        known = terms.setdefault(case.catalog, catalog_terms(truth.records.values()))
        if record is None:
            row["shown_faults"], row["raw_faults"], row["linked"] = {"other title": "not in the catalog"}, {}, False
            continue
        row["shown_faults"] = faults(row["shown"], record, conversation, titles=titles, example=example, terms=known)
        row["linked"] = linked(row["shown"], record, conversation)
        raw = " ".join((row.get("raw") or "").split())
        row["raw_faults"] = (
            faults(raw, record, conversation, titles=titles, example=example, terms=known) if raw else {}
        )
    return rows


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    raw = [r for r in rows if r.get("raw")]
    result: dict[str, Any] = {"explanations": len(rows), **_shares(rows)}
    result["faulty_shown_count"] = sum(bool(r["shown_faults"]) for r in rows)
    result["by_check"] = {
        check: {"shown": _share([check in r["shown_faults"] for r in rows]),
                "shown_count": sum(check in r["shown_faults"] for r in rows),
                "raw": _share([check in r["raw_faults"] for r in raw])}
        for check in CHECKS
    }  # fmt: skip
    for half in sorted({r["half"] for r in rows}):
        result[f"half {half}"] = _shares([r for r in rows if r["half"] == half])
    for catalog in sorted({r["catalog"] for r in rows}):
        result[f"catalog {catalog}"] = _shares([r for r in rows if r["catalog"] == catalog])
    return result


def _shares(rows: list[dict[str, Any]]) -> dict[str, float]:
    raw = [r for r in rows if r.get("raw")]
    return {
        "faulty_shown": _share([bool(r["shown_faults"]) for r in rows]),
        "faulty_raw": _share([bool(r["raw_faults"]) for r in raw]),
        "linked_shown": _share([r["linked"] for r in rows]),
        "written_by_llm": _share([r["source"] == "llm" for r in rows]),
    }


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def side_by_side(before: list[dict[str, Any]], after: list[dict[str, Any]], pick: int, seed: int) -> str:
    old = {(r["case"], r["id"]): r for r in before}
    new = {(r["case"], r["id"]): r for r in after}
    common = sorted(set(old) & set(new))
    chosen = sorted(random.Random(seed).sample(common, min(pick, len(common))))
    lines = ["| # | request (last turn) | item | before | after |", "| --- | --- | --- | --- | --- |"]
    for number, key in enumerate(chosen, start=1):
        b, a = old[key], new[key]
        lines.append(
            f"| {number} | {_cell(a['turns'][-1])} | {_cell(a['title'])} | {_cell(_shown(b))} | {_cell(_shown(a))} |"
        )
    return "\n".join(lines)


def _shown(row: dict[str, Any]) -> str:
    marks = [row["source"]] + [f"fault: {check}" for check in row["shown_faults"]]
    return f"{row['shown']} ({'; '.join(marks)})"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("rejudge")
    one.add_argument("set", type=Path)
    one.add_argument("saved", type=Path)
    one.add_argument("--prompts", type=Path)
    two = sub.add_parser("compare")
    two.add_argument("set", type=Path)
    two.add_argument("before", type=Path)
    two.add_argument("after", type=Path)
    two.add_argument("--before-prompts", type=Path, help="the prompt folder the before run used")
    two.add_argument("--pick", type=int, default=20)
    two.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    if args.command == "rejudge":
        print(json.dumps(figures(rejudged(args.set, args.saved, args.prompts)), indent=1))
        return
    before = rejudged(args.set, args.before, args.before_prompts)
    after = rejudged(args.set, args.after, None)
    print(json.dumps({"before": figures(before), "after": figures(after)}, indent=1))
    print()
    print(side_by_side(before, after, args.pick, args.seed))


if __name__ == "__main__":
    main()
