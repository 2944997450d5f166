"""Importing a history: read the exports, match every row to the catalog, merge the rows of
each item into one verdict, and (unless it is a dry run) write one profile entry per item.

An import is a conversation of its own (`import-<id>`): every entry it writes carries that id and
the catalog, so `profile forget --import ID` undoes exactly it. Everything is read and matched
before anything is written: a bad file stops the import with the profile as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.domain import FeedbackKind, Mention, Polarity, Role, Utterance
from recchat.errors import CatalogError, InvalidCatalogError
from recchat.imports.formats import DISLIKE, LIKE, SEEN, VERDICTS, WISH
from recchat.imports.matching import AMBIGUOUS, MATCHED, NOT_FOUND, Match, Matcher, Wanted
from recchat.imports.rows import FileRead, HistoryRow, read_history
from recchat.profile import IMPORT_PREFIX, ProfileEntry, new_id

if TYPE_CHECKING:
    from recchat.catalog.library import CatalogIndex
    from recchat.catalog.schema import CatalogSchema
    from recchat.profile import Profile
    from recchat.snapshot import Vector

_POLARITY = {LIKE: Polarity.POSITIVE, DISLIKE: Polarity.NEGATIVE}


@dataclass(frozen=True)
class RowResult:
    row: HistoryRow
    match: Match


@dataclass(frozen=True)
class Outcome:
    """One item's verdict, from all the rows that name it (the latest opinion wins)."""

    item_id: str
    title: str
    verdict: str
    rows: tuple[HistoryRow, ...]


@dataclass
class ImportPlan:
    catalog: str
    import_id: str
    files: list[FileRead] = field(default_factory=list)
    results: list[RowResult] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[CatalogError] = field(default_factory=list)  # rows a reader stepped over
    already: int = 0  # items the profile holds with this verdict already (not written again)

    def with_status(self, status: str) -> list[RowResult]:
        return [r for r in self.results if r.match.status == status]

    def counts(self) -> dict[str, int]:
        verdicts = {v: sum(o.verdict == v for o in self.outcomes) for v in VERDICTS}
        return {
            "rows": len(self.results),
            "matched": len(self.with_status(MATCHED)),
            "ambiguous": len(self.with_status(AMBIGUOUS)),
            "not_found": len(self.with_status(NOT_FOUND)),
            "items": len(self.outcomes),
            **verdicts,
        }

    def to_json(self) -> dict[str, Any]:
        def row(result: RowResult) -> dict[str, Any]:
            r, m = result.row, result.match
            data: dict[str, Any] = {"where": r.where, "title": r.title, "year": r.year, "verdict": r.verdict}
            if m.item is not None:
                data["item"] = {"id": m.item.id, "title": m.item.title}
            if m.candidates:
                data["candidates"] = [{"id": e.id, "title": e.title, "year": e.year} for e in m.candidates]
            if m.note:
                data["note"] = m.note
            return data

        return {
            "schema": "recchat.import/1",
            "catalog": self.catalog,
            "import": self.import_id,
            "files": [{"file": f.source, "format": f.format, "rows": len(f.rows)} for f in self.files],
            **self.counts(),
            "already_in_profile": self.already,
            "skipped_rows": [str(e) for e in self.skipped],
            "rows_matched": [row(r) for r in self.with_status(MATCHED)],
            "rows_ambiguous": [row(r) for r in self.with_status(AMBIGUOUS)],
            "rows_not_found": [row(r) for r in self.with_status(NOT_FOUND)],
        }


def plan_import(paths: Sequence[Path], catalog: str, index: CatalogIndex, schema: CatalogSchema) -> ImportPlan:
    """Read and match everything; write nothing. Raises on files recchat cannot read."""
    plan = ImportPlan(catalog, f"{IMPORT_PREFIX}{uuid.uuid4().hex[:8]}")
    problems: list[CatalogError] = []
    for path in paths:
        try:
            plan.files += read_history(path, plan.skipped)
        except CatalogError as error:
            problems.append(error)
    if problems:
        raise InvalidCatalogError(problems, "nothing was imported; fix or leave out these files")
    matcher = Matcher(index, schema)
    for read in plan.files:
        for row in read.rows:
            wanted = Wanted(row.titles, row.year, row.year_at_most, row.creators, row.kind)
            plan.results.append(RowResult(row, matcher.match(wanted)))
    plan.outcomes = merged(plan.results)
    return plan


def merged(results: Iterable[RowResult]) -> list[Outcome]:
    """One verdict per matched item: its latest like or dislike; else seen if any row says so
    (watched, read, rated in between); else a wish. Rows without a date count as older."""
    rows: dict[str, list[HistoryRow]] = {}
    titles: dict[str, str] = {}
    for result in results:
        if result.match.item is not None:
            rows.setdefault(result.match.item.id, []).append(result.row)
            titles[result.match.item.id] = result.match.item.title
    outcomes = []
    for item_id, named in rows.items():
        ordered = sorted(named, key=lambda r: r.date)  # stable: file order among equal dates
        opinions = [r.verdict for r in ordered if r.opinion]
        verdict = opinions[-1] if opinions else SEEN if any(r.verdict != WISH for r in ordered) else WISH
        outcomes.append(Outcome(item_id, titles[item_id], verdict, tuple(ordered)))
    return sorted(outcomes, key=lambda o: max(r.date for r in o.rows))


def apply_import(plan: ImportPlan, profile: Profile, vectors: Mapping[str, Vector], now: float) -> int:
    """Write the plan's verdicts as one profile entry per item; returns how many were written.
    Items the profile already holds with the same verdict over this catalog are left as they are,
    so importing the same export twice changes nothing."""
    held = {
        (m.item_id, e.utterance.feedback.value)
        for e in profile.entries
        if e.utterance.feedback is not None and e.utterance.catalog == plan.catalog
        for m in e.utterance.mentions
    }
    fresh = [o for o in plan.outcomes if (o.item_id, o.verdict) not in held and o.item_id in vectors]
    plan.already = len(plan.outcomes) - len(fresh)
    entries = []
    for rank, outcome in enumerate(fresh):
        when = now - (len(fresh) - rank) * 1e-3  # in the history's own order: later rows weigh a hair more
        entries.append(ProfileEntry(_utterance(plan, outcome, when), vectors[outcome.item_id]))
    profile.record_many(entries)
    return len(entries)


def _utterance(plan: ImportPlan, outcome: Outcome, when: float) -> Utterance:
    polarity = _POLARITY.get(outcome.verdict, Polarity.NEUTRAL)
    first = outcome.rows[-1]
    return Utterance(
        id=new_id(when),
        text=f"{outcome.verdict}: {outcome.title} (from {first.where})",
        role=Role.USER,
        time=when,
        session=plan.import_id,
        polarity=polarity,
        mentions=(Mention(outcome.item_id, outcome.title, polarity),),
        feedback=FeedbackKind(outcome.verdict),
        catalog=plan.catalog,
    )
