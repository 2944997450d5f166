""" "Why this?": the evidence behind one suggestion, as the ranker reported it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from recchat.catalog.facts import metadata_line
from recchat.domain import Recommendation
from recchat.text import clean, shorten
from recchat.tui.screens.panel import PanelScreen


def evidence_lines(rec: Recommendation) -> list[str]:
    """The evidence as plain lines (also what the tests read)."""
    evidence = rec.evidence
    lines = [clean(rec.item.title), metadata_line(rec.item), ""]
    if rec.reasons:
        lines.append("Why it fits:")
        lines += [f"  · {clean(reason)}" for reason in rec.reasons]
        lines.append("")
    if rec.refused:
        lines.append(f"(The model's own text was not shown: {clean(rec.refused)}.)")
        lines.append("")
    if evidence.constraints:
        lines.append("What you asked for that it meets: " + ", ".join(clean(c) for c in evidence.constraints))
    if evidence.inferred:
        lines.append(
            "Not in its fields, but likely: "
            + "; ".join(f"{clean(i.label)} ({clean(i.why)})" for i in evidence.inferred)
        )
    if evidence.misses:
        lines.append("What it misses: " + ", ".join(clean(m) for m in evidence.misses))
    if evidence.constraints or evidence.inferred or evidence.misses:
        lines.append("")
    lines.append("What you said that matched:")
    if evidence.utterances:
        lines += [
            f"  · “{shorten(clean(u.text), 70)}”  similarity {u.similarity:.2f} · weight {u.weight:.2f}"
            for u in evidence.utterances
        ]
    else:
        lines.append("  (nothing you said: it came from the catalog side)")
    lines.append("")
    lines.append("Fields of the item that matched: " + (", ".join(clean(f) for f in evidence.fields) or "none"))
    if evidence.related_titles:
        lines.append("Close to: " + ", ".join(clean(t) for t in evidence.related_titles))
    lines.append("")
    lines.append(f"Score {rec.score:.3f}, made of:")
    lines += [f"  {name:<24} {value:+.3f}" for name, value in evidence.score_parts.items()]
    if not evidence.score_parts:
        lines.append("  (no parts recorded)")
    return lines


class WhyScreen(PanelScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,w", "close", "Close")]
    heading = "Why this?  (Esc closes)"

    def __init__(self, rec: Recommendation) -> None:
        super().__init__()
        self.rec = rec

    def body(self) -> ComposeResult:
        yield Static(Content("\n".join(evidence_lines(self.rec))), markup=False, id="evidence")
