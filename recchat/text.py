"""Small text helpers shared by title matching, understanding and explanation checks."""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Escape sequences (CSI, OSC such as hyperlinks), C0/C1 controls, and the bidi overrides that
# make a terminal show text in another order than it is stored.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
YEAR_SUFFIX = re.compile(r"\s*\((\d{4})\)\s*$")  # "Arrival (2016)": catalogs often put the year in the title
# The one range of a year, in catalogs, descriptions and what people type: four digits, 1000-2099,
# as a number (FIRST_YEAR..LAST_YEAR) and as a pattern (YEAR_DIGITS); a test keeps them alike.
FIRST_YEAR, LAST_YEAR = 1000, 2099
YEAR_DIGITS = r"1\d\d\d|20\d\d"
YEAR = re.compile(rf"\b({YEAR_DIGITS})\b")


def is_year(number: float) -> bool:
    """A whole number in the one year range (1995 yes; 1995.5, 150 and 2150 no)."""
    return float(number).is_integer() and FIRST_YEAR <= number <= LAST_YEAR


# The years a person means in chat, 1800-2099: below that, "from 1000 to 1500 pages" is a count.
SPOKEN_YEAR_DIGITS = r"1[89]\d\d|20\d\d"

# Frequent words that carry no preference on their own (kept short on purpose: a stop list,
# not a dictionary).
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any anything are aren't as at be because
    been before being below between both but by can can't could couldn't did didn't do does
    doesn't doing don't down during each even ever few for from further get got had hadn't
    has hasn't have haven't having he he'd he's her here hers herself him himself his how i
    i'd i'll i'm i've if in into is isn't it it's its itself just know let's like likes
    liked love loved lot lots maybe me more most much my myself no nor not now of off on
    once one only or other ought our ours ourselves out over own please really recommend
    recommendation recommendations same see seen she should so some something such suggest
    than thanks thank that that's the their theirs them themselves then there these they
    this those through to too under until up very want wanted was wasn't watch watched we
    were what when where which while who whom why will with would you your yours yourself
    yourselves yes yeah ok okay hi hello hey sure good great well thing things stuff kind
    sort movie movies film films book books show shows any other another similar enjoy
    enjoyed think looking look find give new something anything everything mood feel feeling
    today tonight haven't hasn't seen heard right cool nice awesome fun
    """.split()
)


_NAME_PHRASE = re.compile(
    r"\b(?:[A-Z][a-zà-ÿ]+(?:['’-][A-Za-zà-ÿ]+)?|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ]+(?:['’-][A-Za-zà-ÿ]+)?|[A-Z]\.|"
    r"de|da|del|van|von|der|le|la|du|di|bin)){1,3}\b"
)
_NAME_PARTICLES = frozenset("de da del van von der le la du di bin".split())
# Capitalised at the start of a clause without being part of a name ("Starring Tom Hanks").
_NAME_LEAD_WORDS = frozenset("starring stars directed produced written featuring narrated created co-starring".split())
_NAME_SKIPPED_FIRST = STOPWORDS | _NAME_PARTICLES | _NAME_LEAD_WORDS  # once, not per phrase


def figure(value: float) -> str:
    """A number as a label shows it: '4.5', '30', and big whole ones with separators ('1,000,000',
    never '1e+06')."""
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 10_000 else f"{value:g}"


def names_in(text: str, limit: int = 12) -> list[str]:
    """Capitalised name phrases in running text ('directed by Christopher Nolan', 'stars Tom
    Hanks'): two to four words, neither end a common word, so 'The Film' or 'In 1994' are not."""
    found: list[str] = []
    for match in _NAME_PHRASE.finditer(text):
        tokens = [re.sub(r"['’]s$", "", token) for token in match.group().split()]
        while tokens and tokens[0].lower() in _NAME_SKIPPED_FIRST:
            tokens = tokens[1:]
        while tokens and (tokens[-1].lower() in STOPWORDS or tokens[-1].lower() in _NAME_PARTICLES):
            tokens = tokens[:-1]
        name = " ".join(tokens)
        if len(tokens) >= 2 and name not in found:
            found.append(name)
            if len(found) >= limit:
                break
    return found


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for matching: accents dropped, '&' read as 'and'."""
    if text.isascii():  # the common case, and nothing to decompose: much faster
        return text.lower().replace("&", " and ")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return ascii_text.lower().replace("&", " and ")


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters where it came from in `text` ('B&B' folds to
    'b and b', longer than it was: a span found in the fold maps back through these)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    parts, where = [], []
    for i, ch in enumerate(text):
        part = fold(ch)
        parts.append(part)
        where += [i] * len(part)
    return "".join(parts), where


@functools.lru_cache(maxsize=2**18)  # opening a catalog normalises every title and name, many repeated
def normalise_title(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def words(text: str) -> list[str]:
    return [w.lower().strip("'-") for w in WORD.findall(fold(text))]


@functools.lru_cache(maxsize=200_000)  # a catalog's vocabulary repeats: BM25 stems every word
def stem(word: str) -> str:
    """Crude plural folding: 'comedies' -> 'comedy', 'thrillers' -> 'thriller'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[-3:-2] in {"s", "x", "z", "h"} and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def without_year(title: str) -> str:
    """'Arrival (2016)' -> 'Arrival', as people say it."""
    return YEAR_SUFFIX.sub("", title)


def year_in_title(title: str) -> int | None:
    found = YEAR_SUFFIX.search(title)
    return int(found.group(1)) if found else None


_ROOT_ENDINGS = (
    *("isation", "ization", "ation", "ised", "ized", "ising", "izing"),
    *("ically", "ical", "ian", "ic", "ia", "al", "ous", "ist", "ism", "y", "s"),
)


def root(word: str) -> str:
    """A word without one common ending, for matching a word to a tag of another form
    ('strategic' ~ 'strategy', 'dystopian' ~ 'dystopia', 'comedic' ~ 'comedy', 'dramatisation'
    ~ 'dramatised'); unchanged
    when fewer than five letters would be left."""
    for ending in _ROOT_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)]
    return word


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]


def clean(text: str) -> str:
    """Untrusted text (LLM output, catalog fields) made safe to print: no escapes, no controls."""
    return _CONTROL.sub("", text).replace("\r", "")


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"
