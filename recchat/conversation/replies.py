"""What a reply says above its suggestions: what was understood ("Movies from the 1990s, no
romance:"), and, when too few items meet it, that the rest are the closest others."""

from __future__ import annotations

from collections.abc import Sequence

from recchat.conversation.state import READS_ON, summary
from recchat.domain import Constraint


def reply_message(
    count: int,
    meeting: int,
    constraints: Sequence[Constraint],
    relaxed: Sequence[Constraint],
    catalog: str,
    unused: Sequence[str] = (),
    leaning: Sequence[str] = (),
) -> str:
    """What was understood, then the list; led by what could not be used ('Nothing here records
    distances. ...')."""
    message = _message(count, meeting, constraints, relaxed, catalog, leaning)
    if not unused:
        return message
    notes = "; ".join(unused)
    return f"{notes[:1].upper()}{notes[1:]}. {message}"


def _message(
    count: int,
    meeting: int,
    constraints: Sequence[Constraint],
    relaxed: Sequence[Constraint],
    catalog: str,
    leaning: Sequence[str],
) -> str:
    if count == 0:
        return "Nothing left in this catalog fits that. Try other words, or another catalog."
    understood = summary(constraints, leaning=leaning)
    if not understood:
        return f"Here {'is' if count == 1 else 'are'} {count} from {catalog}:"
    if not relaxed:
        return f"{understood}:"
    wanted = summary([c for c in constraints if not c.negated], one=meeting == 1) or understood
    lowered = wanted[:1].lower() + wanted[1:]
    has_kind = any(c.about == "kind" and not c.negated for c in constraints)
    wish = lowered if has_kind or lowered.startswith(READS_ON) else f"match ({lowered})"
    if meeting == 0:
        return (
            f"Nothing here is {lowered}; the closest I have:"
            if has_kind
            else f"Nothing here matches ({lowered}); the closest I have:"
        )
    return (
        f"Only {meeting} {wish} here; the closest others:"
        if has_kind
        else f"Only {meeting} {wish}; the closest others:"
    )
