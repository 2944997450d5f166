"""What a reply says above its suggestions: what was understood ("Movies from the 1990s, no
romance:"), and, when too few items meet it, that the rest are the closest others, each of
which says what it misses (Evidence.misses). When items that fit were left out because they were
seen or shown already, the reply says that, never that there are none."""

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
    *,
    inferred: int = 0,
    unavailable: int = 0,
) -> str:
    """What was understood, then the list; led by what could not be used ('Nothing here records
    distances. ...'). `meeting`: suggestions meeting every wish by their fields; `inferred`: more
    that meet them, some only by evidence; `unavailable`: items that fit but were seen, shown or
    ruled out before."""
    message = _message(count, meeting, constraints, relaxed, catalog, leaning, inferred, unavailable)
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
    inferred: int,
    unavailable: int,
) -> str:
    if count == 0:
        if unavailable:
            return f"You have seen or been shown all {unavailable} that fit here. Try other words, or another catalog."
        return "Nothing left in this catalog fits that. Try other words, or another catalog."
    understood = summary(constraints, leaning=leaning)
    if not understood:
        return f"Here {'is' if count == 1 else 'are'} {count} from {catalog}:"
    if not relaxed:
        return f"{understood}:"
    fitting = meeting + inferred
    wanted = summary([c for c in constraints if not c.negated], one=fitting == 1) or understood
    lowered = wanted[:1].lower() + wanted[1:]
    has_kind = any(c.about == "kind" and not c.negated for c in constraints)
    wish = lowered if has_kind or lowered.startswith(READS_ON) else f"match ({lowered})"
    if fitting == 0:
        if unavailable:
            every = "the one" if unavailable == 1 else f"all {unavailable}"
            return f"You have seen or been shown {every} here ({lowered}); the closest others:"
        return (
            f"Nothing here is {lowered}; the closest I have:"
            if has_kind
            else f"Nothing here matches ({lowered}); the closest I have:"
        )
    return _only(fitting, wish, has_kind, inferred, unavailable)


def _only(fitting: int, wish: str, has_kind: bool, inferred: int, unavailable: int) -> str:
    notes = []
    if inferred:
        notes.append(f"{inferred} of them not labelled so, but likely")
    if unavailable:
        notes.append(f"{unavailable} more seen or shown already")
    aside = f" ({'; '.join(notes)})" if notes else ""
    new = "new " if unavailable else ""
    here = " here" if has_kind else ""
    return f"Only {fitting} {new}{wish}{here}{aside}; the closest others:"
