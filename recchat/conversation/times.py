"""When: "from the 90s", "nineties", "1990s", "late 80s", "before 1980", "after 2000", "between
1990 and 2005", "recent", "this century", and "older" / "newer" than a suggestion or the last
list. Read into one year range on the catalog's year (its year field, or years in titles)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recchat.conversation.kinds import Found
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint
from recchat.language import alternation, load
from recchat.text import SPOKEN_YEAR_DIGITS
from recchat.vocabulary import DECADE_WORDS, GENERIC_NOUNS

RECENT_YEARS = 5  # "recent": within this many years of the catalog's newest item
OLD_YEARS = 25  # "old movies": at least this many years before the newest

_DECADE = (
    r"(?:(?P<part>early|mid|late)[\s-]+)?(?:the\s+)?"
    r"(?:(?P<full>1[89]\d0|20\d0)'?s|'?(?P<short>\d0)'?s|(?P<word>" + "|".join(DECADE_WORDS) + "))"
)
_YEAR = rf"(?P<year>{SPOKEN_YEAR_DIGITS})"
_WHEN = rf"(?:{_YEAR}|{_DECADE})"
_BEFORE = r"before|pre|prior\s+to|earlier\s+than|older\s+than|until|till|up\s+to|no\s+later\s+than|by"
_AFTER = r"after|post|since|later\s+than|newer\s+than|more\s+recent\s+than|from|no\s+earlier\s+than|starting"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "between",
        re.compile(
            rf"\b(?:between|from)\s+(?P<y1>{SPOKEN_YEAR_DIGITS})\s*(?:and|to|till|until|-|–)\s*(?P<b>{SPOKEN_YEAR_DIGITS})\b"
        ),
    ),
    ("span", re.compile(rf"\b(?P<y1>{SPOKEN_YEAR_DIGITS})\s*(?:-|–|to)\s*(?P<y2>{SPOKEN_YEAR_DIGITS})\b")),
    ("either", re.compile(rf"\b(?P<y1>{SPOKEN_YEAR_DIGITS})\s+or\s+(?P<y2>{SPOKEN_YEAR_DIGITS})\b")),
    ("before", re.compile(rf"\b(?P<cue>{_BEFORE})[\s-]+{_WHEN}(?!\s*(?:minutes|mins|pages|players))")),
    (
        "after",
        re.compile(
            rf"\b(?P<cue>{_AFTER})[\s-]+{_WHEN}\s*(?P<on>on(?:wards?)?|and\s+(?:later|after|newer|up))?(?!\s*(?:minutes|mins|pages|players))"
        ),
    ),
    ("decade", re.compile(rf"\b{_DECADE}\b")),
    (
        "year",
        re.compile(
            rf"\b(?:in|of|released\s+in|made\s+in|published\s+in|written\s+in|came\s+out\s+in|circa|around)\s+{_YEAR}\b"
        ),
    ),
)
_RELATIVE = re.compile(
    r"\b(?P<older>older|earlier|less\s+recent)\b|\b(?P<newer>newer|more\s+recent|later|fresher)\b(?!\s+than\s+\d)"
)
_SHOWN = load("time")["relative_to_shown"]
# "opened before those", "won more recently than them": earlier or later than the pointer's items.
_THAN_SHOWN = re.compile(
    rf"\b(?:(?P<older>{alternation(_SHOWN['earlier'])})|(?P<newer>{alternation(_SHOWN['later'])}))"
    rf"(?=\s+(?:{alternation(_SHOWN['pointers'])})\b)"  # the pointer is the reference reader's
)
_RECENT = re.compile(
    r"\b(?:(?<!more )(?<!less )recent(?!ly)|latest|newest|brand[\s-]new|new\s+releases?|modern|contemporary|"
    r"this\s+decade|(?:last|past)\s+(?:few|couple\s+of)\s+years)\b"
)
_LAST_N = re.compile(r"\b(?:last|past)\s+(?P<n>\d+|ten|five|twenty|fifteen)\s+years\b|\b(?:last|past)\s+decade\b")
_OLD = re.compile(rf"\b(?:old|vintage)\s+(?:ones|stuff|classics|{alternation(GENERIC_NOUNS)})\b|\boldies\b")
_CENTURY = re.compile(r"\b(?P<this>this|21st|twenty[\s-]first)\s+century\b|\b(?P<last>last|20th|twentieth)\s+century\b")
_NUMBER_WORDS = {"ten": 10, "five": 5, "twenty": 20, "fifteen": 15}
# "the 2000s or earlier", "1995 and later"
_OPEN_END = re.compile(
    r"\s*(?:or|and)\s+(?:(?P<earlier>earlier|before|older)|(?P<later>later|after|newer|up|since))\b|\s+on(?:wards?)?\b"
)


@dataclass(frozen=True)
class YearContext:
    field: str  # the catalog's year field ("year", "Year Published", or "title" for years in titles)
    newest: int
    oldest: int
    referenced: Sequence[int] = ()  # years of the items this turn points at ("the second one")
    shown: Sequence[int] = ()  # years of the last list


def read_years(said: Utterance, taken: Sequence[Span], context: YearContext) -> list[Found]:
    text = said.lower
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = Span(match.start(), match.end())
            if any(span.overlaps(t) for t in taken):
                continue
            bounds = _bounds(kind, match, context)
            if bounds is not None:
                return [_found(bounds, span, said, context)]
    return _bare(said, taken, context) or _named(said, taken, context)


# the bound may follow a word for what the year is of ('the 2024 harvest or earlier')
_BARE = re.compile(
    rf"\b(?P<year>{SPOKEN_YEAR_DIGITS})\b(?P<open>(?:\s+(?!or\b|and\b)[a-z]+)?\s*(?:or|and)\s+"
    r"(?:(?P<earlier>older|earlier|before)|later|newer|after|more\s+recent|up))?"
)


def _bare(said: Utterance, taken: Sequence[Span], context: YearContext) -> list[Found]:
    """A year said alone ('my birth year, 2009', '2017 or older'), within the catalog's years,
    with no bound, currency or unit around it (those make it an amount: 'under 2000 calories')."""
    for match in _BARE.finditer(said.lower):
        span = Span(match.start(), match.end())
        year = int(match.group("year"))
        if any(span.overlaps(t) for t in taken) or not context.oldest <= year <= context.newest:
            continue
        if _amount_around(said.lower, match) or _in_brackets(said.lower, match):
            continue
        bounds: tuple[int | None, int | None] = (year, year)
        if match.group("open"):
            bounds = (None, year) if match.group("earlier") else (year, None)
        elif (open_end := _OPEN_END.match(said.lower, match.end())) is not None:  # '2020 onwards'
            bounds = (None, year) if open_end.group("earlier") else (year, None)
            span = Span(span.start, open_end.end())
        return [_found(bounds, span, said, context)]
    return []


def _in_brackets(text: str, match: re.Match[str]) -> bool:
    """'Heat (1995)': a year in brackets after a name says which one is meant, not when."""
    return text[: match.start()].endswith("(") and text[match.end() :].startswith(")")


def _amount_around(text: str, match: re.Match[str]) -> bool:
    """Words around a bare number that make it something else: a bound or a currency before
    it, a unit after it, or a title's cue ('I loved 1984', '1984 the novel')."""
    from recchat.conversation.mentions import CUES
    from recchat.language import words
    from recchat.language.units import units

    before = text[: match.start()].rstrip()
    if re.search(r"(?:^|\s)like$", before) and _OPEN_END.match(text, match.end()):
        return False  # 'like 2020 onwards': a year, 'like' a filler, no title's cue
    previous = re.search(r"([a-z']+)$", before)
    if (previous is not None and previous.group(1) in CUES) or re.match(r"\s+the\b", text[match.end() :]):
        return True
    if before.endswith(("$", "€", "£", "¥", "₹", "#")):
        return True
    bounds = [p for bound in ("at_most", "at_least", "about") for p in words("comparisons", bound, "before")]
    if re.search(r"\b(?:what|how)\s+about$", before):
        return False  # 'what about 2011': a year suggested
    if any(re.search(rf"(?:^|\s){re.escape(p)}$", before) for p in bounds):
        return True
    after = re.match(r"\s*([a-z%]+)", text[match.end() :])
    return after is not None and units().named(after.group(1), chat=True) is not None


def _named(said: Utterance, taken: Sequence[Span], context: YearContext) -> list[Found]:
    """Years said in words: recent, old, this century, older / newer than what was shown."""
    text = said.lower
    checks: list[tuple[re.Pattern[str], object]] = [
        (_LAST_N, None),
        (_RECENT, (context.newest - RECENT_YEARS, None)),
        (_CENTURY, None),
        (_THAN_SHOWN, None),
        (_RELATIVE, None),
        (_OLD, (None, context.newest - OLD_YEARS)),
    ]
    for pattern, fixed in checks:
        match = pattern.search(text)
        if match is None:
            continue
        span = Span(match.start(), match.end())
        if any(span.overlaps(t) for t in taken) or (pattern is _RELATIVE and _about_the_chat(text, match)):
            continue
        bounds = fixed if fixed is not None else _words(pattern, match, context)
        if bounds is not None:
            return [_found(bounds, span, said, context)]  # type: ignore[arg-type]
    return []


_AS_WISH_BEFORE = re.compile(
    r"\b(?:something|anything|bit|little|much|slightly|even|but|and|or|an?|maybe|perhaps|some|any|the|"
    r"way|lot|something\s+a\s+bit)\s*,?\s*$"
)
_AS_WISH_AFTER = re.compile(rf"^\s*(?:ones?|stuff|works?|releases?|{alternation(GENERIC_NOUNS)})\b")


def _about_the_chat(text: str, match: re.Match[str]) -> bool:
    """'did I talk to you earlier', 'I'll watch it later': times in the chat, not a wish for
    older or newer items ('something later', 'earlier ones', 'but earlier')."""
    word = match.group()
    if word not in ("earlier", "later"):
        return False
    return not (_AS_WISH_BEFORE.search(text[: match.start()]) or _AS_WISH_AFTER.match(text[match.end() :]))


def _words(
    pattern: re.Pattern[str], match: re.Match[str], context: YearContext
) -> tuple[int | None, int | None] | None:
    if pattern is _LAST_N:
        n = match.group("n")
        years = 10 if n is None else int(n) if n.isdigit() else _NUMBER_WORDS[n]
        return (context.newest - years, None)
    if pattern is _CENTURY:
        return (2000, None) if match.group("this") else (1900, 1999)
    pivot = context.referenced or context.shown
    if not pivot:
        return None
    if match.group("older"):
        return (None, min(pivot) - 1)  # older than all of them: the safe reading of "older"
    return (max(pivot) + 1, None)


def _bounds(kind: str, match: re.Match[str], context: YearContext) -> tuple[int | None, int | None] | None:
    groups = match.groupdict()
    if kind in ("between", "span", "either"):
        low, high = int(groups["y1"]), int(groups.get("b") or groups["y2"])
        if kind == "either" and not 0 < high - low <= 3:
            return None  # "2022 or 2023" is a span; "1984 or 2001" names two things
        return (low, high) if low <= high else None
    first, last = _when(groups, context)
    if first is None or last is None:
        return None
    open_end = _OPEN_END.match(match.string, match.end())
    if open_end and kind in ("decade", "year", "after"):
        return (None, last) if open_end.group("earlier") else (first, None)
    if kind == "before":
        inclusive = groups["cue"].split()[0] in {"until", "till", "up", "no", "by"}
        return (None, last if inclusive and first == last else first - (0 if inclusive else 1))
    if kind == "after":
        if groups["cue"] == "from" and not groups.get("on"):
            return (first, last)  # "from 1994" is that year; "from the 90s" that decade
        inclusive = groups["cue"] in {"since", "from", "starting"} or groups["cue"].startswith("no")
        return (first if inclusive else last + 1, None)
    return (first, last)


def _when(groups: dict[str, str | None], context: YearContext) -> tuple[int | None, int | None]:
    if groups.get("year"):
        year = int(groups["year"] or 0)
        return year, year
    start = _decade_start(groups, context)
    if start is None:
        return None, None
    span = 99 if _century(groups) else 9
    part = groups.get("part")
    if span == 99:
        third = {"early": (0, 33), "mid": (33, 66), "late": (66, 99)}.get(part or "", (0, 99))
        return start + third[0], start + third[1]
    if part == "early":
        return start, start + 3
    if part == "mid":
        return start + 3, start + 6
    if part == "late":
        return start + 6, start + 9
    return start, start + 9


def _century(groups: dict[str, str | None]) -> bool:
    """'the 1800s' and 'the 1900s' are centuries; 'the 2000s' is usually the decade."""
    full = groups.get("full") or ""
    return full.endswith("00") and full < "2000"


def _decade_start(groups: dict[str, str | None], context: YearContext) -> int | None:
    if groups.get("full"):
        return int(groups["full"] or 0)
    if groups.get("word"):
        start = DECADE_WORDS[str(groups["word"])]
        # "the twenties": the 2020s where the catalog reaches them, else the 1920s
        return start + 100 if start < 1930 and context.newest >= start + 100 else start
    short = groups.get("short")
    if short is None:
        return None
    decade = int(short)
    century = 2000 if decade <= 20 and context.newest >= 2000 + decade else 1900
    return century + decade


def _found(bounds: tuple[int | None, int | None], span: Span, said: Utterance, context: YearContext) -> Found:
    low, high = bounds
    negated = said.negated(span) and _close_negator(said, span)  # "nothing from the 2000s"
    label = ("not " if negated else "") + year_label(low, high)
    words = said.text[span.start : span.end]
    return Found(Constraint("year", context.field, "between", (low, high), negated, label, words), span)


def _close_negator(said: Utterance, span: Span) -> bool:
    """A period is avoided only when the negator is right before it ("nothing from the 2000s",
    "not from the 90s"), or before the kind it modifies ("not a movie from the 90s", "no books
    from before 1950"); "not too old, after 2000" asks for the period."""
    before = said.lower[max(0, span.start - 40) : span.start]
    return bool(
        re.search(r"\b(?:no|not|nothing|none|never|avoid|except|anything\s+but)(?:\s+\w+){0,2}\s*(?:from\s+)?$", before)
    )


def year_label(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        if low == high:
            return f"from {low}"
        if low % 10 == 0 and high == low + 9:
            return f"from the {low}s"
        if low % 100 == 0 and high == low + 99:
            return f"from the {low}s"
        return f"from {low} to {high}"
    if high is not None:
        return f"from before {high + 1}"
    return f"from {low} on" if low is not None else ""
