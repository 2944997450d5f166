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
            return f"All {unavailable} that fit were seen, shown or named already. Try other words, or another catalog."
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
            return _all_seen(constraints, unavailable, has_kind) + "; the closest others:"
        return (
            f"Nothing here is {lowered}; the closest I have:"
            if has_kind
            else f"Nothing here matches ({lowered}); the closest I have:"
        )
    return _only(fitting, wish, has_kind, inferred, unavailable)


def _all_seen(constraints: Sequence[Constraint], unavailable: int, has_kind: bool) -> str:
    """Items that fit exist, but were seen, shown or named: say so, never that there are none."""
    one = unavailable == 1
    wanted = summary([c for c in constraints if not c.negated], one=one)
    lowered = wanted[:1].lower() + wanted[1:]
    every = "The one" if one else f"All {unavailable}"
    subject = f"{every} {lowered} here" if has_kind else f"{every} that {'matches' if one else 'match'} ({lowered})"
    return f"{subject} {'was' if one else 'were'} seen, shown or named already"


def _only(fitting: int, wish: str, has_kind: bool, inferred: int, unavailable: int) -> str:
    notes = []
    if inferred:
        notes.append(f"{inferred} of them not labelled so but likely")
    if unavailable:
        notes.append(f"{unavailable} more seen, shown or named already")
    aside = "".join(f", {note}" for note in notes)
    new = ("new " if has_kind else "new ones ") if unavailable else ""
    here = " here" if has_kind else ""
    return f"Only {fitting} {new}{wish}{here}{aside}; the closest others:"
