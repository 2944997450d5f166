"""A history as a head start, on ReDial dev: does importing what the seeker mentioned earlier
recover what the whole dialogue gives?

    RECCHAT_HOME=... python -m benchmarks.redial_history --catalog redial [--limit N] [--json OUT]

For each case, three ways (Recall@10 / @50 against the human recommender's next titles):
- whole dialogue: today's `recchat eval --cases` (every turn replayed in one conversation);
- last message: a new conversation with an empty profile, asked only the seeker's last message;
- last message + history: the movies the seeker mentioned before that message (the titles the
  dialogue wrote out, "Title (Year)", that the case lists as mentioned), written as a history
  file of likes (title,year,status) and imported through `recchat profile import`'s own code
  into an empty profile, then the last message asked in a new conversation.
The catalog must be loaded already (`recchat catalog add .../redial-movies/catalog --name NAME`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import BENCHMARK_CATALOG, load, machine, print_table, write
from recchat.config import load_settings
from recchat.eval.cases import Case, read_cases
from recchat.eval.harness import evaluate
from recchat.eval.metrics import CaseScore, score_case
from recchat.factory import Runtime
from recchat.imports.history import apply_import, plan_import
from recchat.profile import MemoryProfileStore, Profile
from recchat.ranking.retrieval import RankingWeights, Retriever

KS = (10, 50)


def seeker_mentions(runtime: Runtime, catalog: str, case: Case) -> list[str]:
    """Items the seeker named, with their year, before the last message (and that the case
    lists as mentioned in the dialogue)."""
    matcher, _ = runtime.reader(runtime.catalog(catalog))
    found: list[str] = []
    for turn in case.context[:-1]:
        if turn.role == "user":
            found += [m.item_id for m in matcher.find(turn.text, fuzzy=False) if m.explicit_year]
    return [i for i in dict.fromkeys(found) if i in case.exclude]


def history_file(runtime: Runtime, catalog: str, ids: Sequence[str], folder: Path) -> Path:
    """The mentioned movies as a spreadsheet of likes, as a person would keep it."""
    from recchat.text import without_year

    path = folder / "history.csv"
    index = runtime.catalog(catalog).index.by_id
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "year", "status"])
        for item_id in ids:
            entry = index[item_id]
            writer.writerow([without_year(entry.title), entry.year or "", "liked"])
    return path


def ask_last(runtime: Runtime, catalog: str, case: Case, profile: Profile, ranker: Retriever) -> list[str]:
    session = runtime.session(catalog=catalog, profile=profile, ranker=ranker)
    reply = session.handle(case.context[-1].text or "?", k=max(KS), explain=False, always_recommend=True)
    return [r.item.id for r in reply.recommendations]


def run(runtime: Runtime, catalog: str, cases: Sequence[Case], ranker: Retriever) -> dict[str, Any]:
    """The last message alone and with the imported history: recall over every case, and over
    the cases that have a history (elsewhere the two are the same request)."""
    stored = runtime.catalog(catalog)
    known = {e.id for e in stored.index.entries}
    scores: dict[str, list[tuple[bool, CaseScore]]] = {"last": [], "history": []}
    rows = matched = 0
    with tempfile.TemporaryDirectory(prefix="recchat-redial-history-") as folder:
        for case in cases:
            alone = ask_last(runtime, catalog, case, Profile("e", MemoryProfileStore()), ranker)
            ids = seeker_mentions(runtime, catalog, case)
            scores["last"].append((bool(ids), score_case(alone, case.targets, case.exclude, known, KS)))
            profile = Profile("h", MemoryProfileStore())
            if ids:
                written = history_file(runtime, catalog, ids, Path(folder))
                plan = plan_import([written], catalog, stored.index, stored.schema)
                rows += len(plan.results)
                matched += sum(r.match.item is not None for r in plan.results)
                apply_import(plan, profile, stored.vectors([o.item_id for o in plan.outcomes]), time.time())
            helped = ask_last(runtime, catalog, case, profile, ranker)
            scores["history"].append((bool(ids), score_case(helped, case.targets, case.exclude, known, KS)))
    result: dict[str, Any] = {
        "cases": len(cases),
        "cases_with_history": sum(had for had, _ in scores["last"]),
        "history_rows": rows,
        "history_rows_matched": matched,
    }
    for name, values in scores.items():
        for k in KS:
            result[f"{name} recall@{k}"] = _mean([s.recall[k] for _, s in values])
            result[f"{name} recall@{k} with history"] = _mean([s.recall[k] for had, s in values if had])
    return result


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def dialogue(runtime: Runtime, catalog: str, cases: Sequence[Case], ranker: Retriever) -> dict[str, float]:
    """Today's whole-dialogue figure, over every case and over the cases with a history."""
    had = [c for c in cases if seeker_mentions(runtime, catalog, c)]
    rest = [c for c in cases if c not in had]
    parts = [(evaluate(runtime, catalog, group, ks=KS, ranker=ranker), len(group)) for group in (had, rest) if group]
    result = {}
    for k in KS:
        result[f"dialogue recall@{k}"] = round(sum(p[f"recall@{k}"] * n for p, n in parts) / len(cases), 4)
        result[f"dialogue recall@{k} with history"] = parts[0][0][f"recall@{k}"] if had else 0.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", default="redial")
    parser.add_argument("--cases", type=Path, default=BENCHMARK_CATALOG.parent / "dev_cases.jsonl")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--background", type=float, help="the ranking's background weight (default: recchat's)")
    parser.add_argument("--skip-dialogue", action="store_true", help="leave out the whole-dialogue run")
    parser.add_argument("--only-with-history", action="store_true", help="only the cases that have a history")
    args = parser.parse_args()
    started = machine()
    settings = load_settings({"catalog": args.catalog, "use_llm": False, "incognito": True}, os.environ)
    runtime = Runtime(settings)
    cases = read_cases(args.cases, args.limit)
    if args.only_with_history:
        cases = [c for c in cases if seeker_mentions(runtime, args.catalog, c)]
    weights = RankingWeights() if args.background is None else RankingWeights(background=args.background)
    ranker = Retriever(runtime.catalog(args.catalog), weights)
    clock = time.perf_counter()
    result = run(runtime, args.catalog, cases, ranker)
    result["background_weight"] = weights.background
    if not args.skip_dialogue:
        result.update(dialogue(runtime, args.catalog, cases, ranker))
    result["seconds"] = round(time.perf_counter() - clock, 1)
    result["load_at_end"] = load()
    rows = [["way", "R@10", "R@50", "R@10, cases with a history", "R@50, cases with a history"]]
    ways = (
        ("dialogue", "whole dialogue (today)"),
        ("last", "last message only"),
        ("history", "last message + imported history"),
    )
    for name, label in ways:
        if f"{name} recall@10" in result:
            figures = [f"{name} recall@{k}{part}" for part in ("", " with history") for k in KS]
            rows.append([label, *(f"{result[key]:.3f}" for key in figures)])
    print_table(f"ReDial dev, {len(cases)} cases ({result['cases_with_history']} with a history)", rows)
    print(f"history rows matched: {result['history_rows_matched']} of {result['history_rows']}")
    write("redial_history", result, started)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
