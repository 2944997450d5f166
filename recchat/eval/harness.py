"""Replaying recorded conversations through the real Session and scoring what it suggests.

Each case gets a fresh profile held in memory, so the user's own data is never read or
touched. The seeker's turns go in as the user's words, the recommender's as earlier assistant
messages (their titles count as already suggested). recchat answers the last turn; nothing is
removed from its list here: suggesting an excluded item counts against it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recchat.errors import ConfigError
from recchat.eval.cases import Case
from recchat.eval.metrics import CaseScore, percentile, score_case
from recchat.profile import MemoryProfileStore, Profile

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.factory import Runtime
    from recchat.ranking.retrieval import Ranker
    from recchat.session import Session

METHODS = ("recchat", "popularity", "dense", "bm25", "bm25+items", "bm25+items+popularity")
Progress = Callable[[int, int], None]
EXPLAINED_PER_CASE = 5  # what a person sees; explaining all 50 would measure nothing useful


def make_ranker(method: str, runtime: Runtime, catalog: Catalog) -> Ranker | None:
    """None means recchat's own ranking."""
    from recchat.eval import baselines

    if method == "recchat":
        return None
    if method == "popularity":
        return baselines.PopularityRanker(catalog)
    if method == "dense":
        return baselines.DenseRanker(catalog, runtime.embedder)
    if method.startswith("bm25"):
        return baselines.Bm25Ranker(
            catalog,
            catalog.lexical,
            with_mentions="+items" in method,
            popularity=0.5 if "+popularity" in method else 0.0,
        )
    raise ConfigError(f"unknown method {method!r}", f"choose one of: {', '.join(METHODS)}")


@dataclass
class Tally:
    scores: list[CaseScore] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    explain_latencies: list[float] = field(default_factory=list)
    explanations: int = 0
    fallbacks: int = 0
    diversity: list[float] = field(default_factory=list)
    suggested: set[str] = field(default_factory=set)


def evaluate(
    runtime: Runtime,
    catalog_name: str,
    cases: Sequence[Case],
    *,
    method: str = "recchat",
    ks: Sequence[int] = (1, 10, 50),
    explain: bool = False,
    on_progress: Progress | None = None,
    ranker: Ranker | None = None,
) -> dict[str, Any]:
    """Scores of `method` on `cases`; `ranker`, when given, replaces the method's ranking (the
    ablation script runs recchat's own with other weights this way, `method` naming it)."""
    catalog = runtime.catalog(catalog_name)
    ranker = ranker or make_ranker(method, runtime, catalog)
    known = {entry.id for entry in catalog.index.entries}
    tally = Tally()
    for done, case in enumerate(cases, start=1):
        session = runtime.session(catalog=catalog_name, profile=Profile("eval", MemoryProfileStore()), ranker=ranker)
        _run_case(session, case, ks, known, explain, tally)
        if on_progress:
            on_progress(done, len(cases))
    return _summary(tally, ks, len(known), method, catalog_name, explain)


def _run_case(session: Session, case: Case, ks: Sequence[int], known: set[str], explain: bool, tally: Tally) -> None:
    for turn in case.context[:-1]:
        if turn.role == "user":
            if turn.text.strip():
                session.listen(turn.text)
        else:
            session.note_assistant(turn.text)
    started = time.perf_counter()
    reply = session.handle(case.context[-1].text or "?", k=max(ks), explain=False, always_recommend=True)
    tally.latencies.append((time.perf_counter() - started) * 1000)
    ranked = [rec.item.id for rec in reply.recommendations]
    tally.scores.append(score_case(ranked, case.targets, case.exclude, known, ks))
    tally.suggested.update(ranked[:10])
    tally.diversity.append(_diversity(session.catalog, ranked[:10]))
    if explain:
        started = time.perf_counter()
        explained = session.explain(reply.recommendations[:EXPLAINED_PER_CASE])
        tally.explain_latencies.append((time.perf_counter() - started) * 1000)
        tally.explanations += len(explained)
        tally.fallbacks += sum(rec.explanation_source == "template" for rec in explained)


def _diversity(catalog: Catalog, ids: Sequence[str]) -> float:
    """Intra-list diversity: 1 - mean cosine similarity between the suggestions' vectors."""
    import numpy as np

    vectors = list(catalog.vectors(ids).values())
    if len(vectors) < 2:
        return 0.0
    matrix = np.stack(vectors)
    similarity = matrix @ matrix.T
    pairs = len(vectors) * (len(vectors) - 1)
    return float(1.0 - (similarity.sum() - np.trace(similarity)) / pairs)


def _summary(
    tally: Tally, ks: Sequence[int], catalog_size: int, method: str, catalog: str, explain: bool
) -> dict[str, Any]:
    count = len(tally.scores)

    def mean(values: Sequence[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    suggested = sum(s.suggested for s in tally.scores) or 1
    summary: dict[str, Any] = {"method": method, "catalog": catalog, "cases": count}
    for k in ks:
        summary[f"recall@{k}"] = mean([s.recall[k] for s in tally.scores])
    summary.update(
        {
            "ndcg@10": mean([s.ndcg10 for s in tally.scores]),
            "mrr": mean([s.mrr for s in tally.scores]),
            "out_of_catalog_rate": round(sum(s.out_of_catalog for s in tally.scores) / suggested, 4),
            "repeat_rate": round(sum(s.repeats for s in tally.scores) / suggested, 4),
            "coverage": round(len(tally.suggested) / max(catalog_size, 1), 4),
            "intra_list_diversity": mean(tally.diversity),
            "latency_p50_ms": round(percentile(tally.latencies, 0.5), 1),
            "latency_p95_ms": round(percentile(tally.latencies, 0.95), 1),
        }
    )
    if explain:
        summary.update(
            {
                "explanations": tally.explanations,
                "template_fallbacks": tally.fallbacks,
                "explain_latency_p50_ms": round(percentile(tally.explain_latencies, 0.5), 1),
                "explain_latency_p95_ms": round(percentile(tally.explain_latencies, 0.95), 1),
            }
        )
    return summary
