"""`recchat eval --explanations SET`: every conversation of an explanation set replayed through
a real Session (a fresh profile held in memory), its last turn's suggestions explained one by
one with the configured model, and each explanation judged (explanation_judge.py) twice: as
shown (after recchat's checks and fallback) and as the model wrote it (before them).

Generation uses only the Session's public turn and explain calls, so the same runner measures
older versions of recchat too (the README's before/after figures).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recchat.eval.conversations import stored_name
from recchat.eval.explanation_judge import CHECKS, Conversation, faults, linked
from recchat.eval.explanation_set import ExplanationCase, ExplanationSet
from recchat.eval.explanation_terms import CatalogTerms, catalog_terms
from recchat.profile import MemoryProfileStore, Profile

if TYPE_CHECKING:
    from recchat.eval.judge import Truth
    from recchat.factory import Runtime
    from recchat.llm.base import ChatMessage, ChatModel
    from recchat.llm.grammar import Grammar

SCHEMA = "recchat.eval.explanations/1"
EXPLAINED = 5  # what a person sees
Progress = Callable[[int, int], None]


@dataclass
class Call:
    text: str = ""
    pieces: int = 0
    first_piece_s: float = 0.0
    writing_s: float = 0.0


class RecordingModel:
    """A chat model that remembers what its inner model wrote (the raw text, before checks),
    how many pieces (tokens) and how fast. It changes nothing that passes through."""

    def __init__(self, inner: ChatModel) -> None:
        self.inner = inner
        self.calls: list[Call] = []

    @property
    def name(self) -> str:
        return self.inner.name

    def load(self) -> None:
        self.inner.load()

    def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
        self.inner.prefill(messages, **({"alongside": True} if alongside else {}))

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, grammar: Grammar | None = None
    ) -> Iterator[str]:
        call = Call()
        self.calls.append(call)
        started = time.perf_counter()
        first = 0.0
        # An older recchat's model takes no grammar: pass one only when there is one.
        inner = self.inner.stream(messages, max_tokens=max_tokens, **({"grammar": grammar} if grammar else {}))
        try:
            for piece in inner:
                first = first or time.perf_counter()
                call.text += piece
                call.pieces += 1
                yield piece
        finally:
            close = getattr(inner, "close", None)
            if close:
                close()
            end = time.perf_counter()
            call.first_piece_s = (first or end) - started
            call.writing_s = end - (first or end)


@dataclass
class Written:
    """One judged explanation."""

    case: ExplanationCase
    item_id: str
    title: str
    shown: str
    source: str
    raw: str | None  # None: the model was not called
    reasons: tuple[str, ...] = ()
    refused: str = ""  # recchat's own verdict on the raw text
    shown_faults: dict[str, str] = field(default_factory=dict)
    raw_faults: dict[str, str] = field(default_factory=dict)
    linked: bool = False
    raw_linked: bool = False
    calls: list[Call] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case.id,
            "catalog": self.case.catalog,
            "half": self.case.half,
            "turns": list(self.case.turns),
            "id": self.item_id,
            "title": self.title,
            "shown": self.shown,
            "source": self.source,
            "raw": self.raw,
            "reasons": list(self.reasons),
            "refused": self.refused,
            "shown_faults": self.shown_faults,
            "raw_faults": self.raw_faults,
            "linked": self.linked,
            "tries": len(self.calls),
        }


def run_explanations(
    runtime: Runtime,
    explanation_set: ExplanationSet,
    truths: dict[str, Truth],
    *,
    example: str = "",
    on_progress: Progress | None = None,
) -> list[Written]:
    """The catalogs must be imported already (under `stored_name`); the runtime's chat model is
    wrapped to record the raw text."""
    model = runtime.chat_model
    recorder = RecordingModel(model) if model is not None else None
    if recorder is not None:
        runtime.__dict__["chat_model"] = recorder  # the cached property, replaced for this run
    results: list[Written] = []
    terms = {name: catalog_terms(truth.records.values()) for name, truth in truths.items()}
    for done, case in enumerate(explanation_set.cases, start=1):
        truth = truths[case.catalog]
        titles = [record.title for record in truth.records.values()]
        for written in _explained(runtime, case, recorder):
            record = truth.get(written.item_id)
            if record is None:  # outside the catalog: the worst fault of all
                written.shown_faults = {"other title": "the item is not in the catalog"}
            else:
                _judge(written, record, titles, example, terms[case.catalog])
            results.append(written)
        if on_progress:
            on_progress(done, len(explanation_set.cases))
    return results


def _explained(runtime: Runtime, case: ExplanationCase, recorder: RecordingModel | None) -> list[Written]:
    session = runtime.session(catalog=stored_name(case.catalog), profile=Profile("eval", MemoryProfileStore()))
    for turn in case.turns[:-1]:
        session.handle(turn, k=EXPLAINED, explain=False, always_recommend=True)
    reply = session.handle(case.turns[-1], k=EXPLAINED, explain=False, always_recommend=True)
    written = []
    for rec in reply.recommendations:
        before = len(recorder.calls) if recorder else 0
        explained = session.explain([rec])[0]
        calls = recorder.calls[before:] if recorder else []
        written.append(
            Written(
                case=case,
                item_id=rec.item.id,
                title=rec.item.title,
                shown=explained.explanation,
                source=explained.explanation_source,
                raw=calls[0].text if calls else None,  # the model's first try, before any check
                reasons=tuple(getattr(explained, "reasons", ())),  # older recchat has none
                refused=str(getattr(explained, "refused", "")),
                calls=list(calls),
            )
        )
    return written


def _judge(written: Written, record: Any, titles: Sequence[str], example: str, terms: CatalogTerms) -> None:
    case = written.case
    conversation = Conversation(case.turns, case.avoid, case.kind, case.wants)
    written.shown_faults = faults(written.shown, record, conversation, titles=titles, example=example, terms=terms)
    written.linked = linked(written.shown, record, conversation)
    if written.raw is not None:
        raw = " ".join(written.raw.split())
        written.raw_faults = faults(raw, record, conversation, titles=titles, example=example, terms=terms)
        written.raw_linked = linked(raw, record, conversation)


def summary(results: Sequence[Written]) -> dict[str, Any]:
    """The figures, overall, by half and by catalog."""
    report: dict[str, Any] = {"schema": SCHEMA, **_figures(results)}
    report["by_half"] = {h: _figures([r for r in results if r.case.half == h]) for h in _values(results, "half")}
    report["by_catalog"] = {
        c: _figures([r for r in results if r.case.catalog == c]) for c in _values(results, "catalog")
    }
    return report


def _values(results: Sequence[Written], attribute: str) -> list[str]:
    return sorted({getattr(r.case, attribute) for r in results})


def _figures(results: Sequence[Written]) -> dict[str, Any]:
    count = len(results)
    raw = [r for r in results if r.raw is not None]
    calls = [c for r in results for c in r.calls]
    writing = sum(c.writing_s for c in calls)
    pieces = sum(max(c.pieces - 1, 0) for c in calls)  # the first piece comes with the prompt

    def share(values: Sequence[bool]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    return {
        "explanations": count,
        "faulty_shown": share([bool(r.shown_faults) for r in results]),
        "faulty_raw": share([bool(r.raw_faults) for r in raw]),
        "linked_shown": share([r.linked for r in results]),
        "linked_raw": share([r.raw_linked for r in raw]),
        "written_by_llm": share([r.source == "llm" for r in results]),
        "tokens_per_s": round(pieces / writing, 1) if writing > 0 else None,
        "first_token_s_median": round(sorted(c.first_piece_s for c in calls)[len(calls) // 2], 3) if calls else None,
        "by_check": {
            check: {
                "shown": share([check in r.shown_faults for r in results]),
                "raw": share([check in r.raw_faults for r in raw]),
            }
            for check in CHECKS
        },
    }
