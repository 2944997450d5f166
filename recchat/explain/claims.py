"""Claims an explanation makes about its item, each checked against the item's own facts: what
kind of thing it is, its genres and subjects, its numbers, who plays whom, and whether the text
is the description's own sentence rather than a reason. Each check returns why the text cannot
be shown, or None."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from recchat.explain.facts import ItemFacts, kind_group
from recchat.text import STOPWORDS, stem, words
from recchat.vocabulary import NUMBER_WORDS, ORDINALS, SUBJECT_GROUPS

# Kind words that are only ever nouns for a kind of item ("show", "record" and "series" are
# also everyday words, so they are not claims).
KIND_CLAIMS = frozenset(
    "movie movies film films flick flicks book books novel novels novella paperback ebook audiobook "
    "game games boardgame boardgames tabletop album albums podcast podcasts manga".split()
)
MORE_NUMBER_WORDS = {
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
# Too common as plain words to count as claims of a number ("one of the best", "first-rate").
_LOOSE_NUMBERS = frozenset({"one", "first", "a couple", "couple", "pair", "a pair", "1st"})
_DIGITS = re.compile(r"\d+")
_ROLE = re.compile(r"\b([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*)\s+as\s+(?:the\s+)?([A-Z][\w'’.-]+|main character)")
_CREDIT = re.compile(
    r"\b(written|directed|produced|designed|illustrated|narrated|created|screenplay|script|novel|book|film|movie|"
    r"game|story|music|score)\s+by\s+((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)"
)
_ROLES_OF_FIELD = {
    "author": {"written", "novel", "book", "story"},
    "writer": {"written", "novel", "book", "story", "screenplay", "script"},
    "director": {"directed", "film", "movie"},
    "designer": {"designed", "game"},
    "illustrator": {"illustrated"},
    "narrator": {"narrated"},
    "creator": {"created"},
    "composer": {"music", "score"},
}
COPY_RUN = 8  # words in a row taken from the description: a copy, not a reason
# What an item "is not" (a wish it misses, said as missed): no claim that it is.
NEGATED = re.compile(
    r"\b(?:not|isn't|doesn't|does not|is not|never|without|rather than|instead of)\b"
    r"[^,.;:!?]*?(?=[,.;:!?]|\bbut\b|\bthough\b|\balthough\b|$)",
    re.I,
)
# Claims of the request, and what a number said with a unit must be (general language).
REQUEST_CLAIM = re.compile(
    r"\b(?:as you (?:asked|wanted|said|requested)|as requested|you asked for|you wanted|you're after|"
    r"just what you|exactly what you|your request|fits the bill|you mentioned)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:!?]|\.(?!\d)|\b(?:but|though|although)\b", re.I)
_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?)\s*([a-zA-Z%]+)")
SHORT_COPY_SHARE = 0.6  # ...or most of a short sentence


def sequence(text: str) -> list[str]:
    """Stems of the words, hyphenated ones also split: 'Slaughterhouse-Five', 'sci-fi'."""
    found: list[str] = []
    for word in words(text):
        word = word.removesuffix("'s")  # "an astronaut's struggle"
        found.append(stem(word))
        if "-" in word:
            found.extend(stem(part) for part in word.split("-") if part)
    return found


def holds(phrase: str, seq: Sequence[str]) -> bool:
    """The phrase's words, stemmed, in a row in the sequence."""
    wanted = sequence(phrase)
    if not wanted:
        return False
    joined = f" {' '.join(seq)} "
    return f" {' '.join(wanted)} " in joined


def wrong_kind(text: str, facts: ItemFacts) -> str | None:
    """'Blokus is the funniest family movie': a kind word that is not the item's kind."""
    title = set(words(facts.title))
    for word in words(text):
        if word in KIND_CLAIMS and word not in title:
            group = kind_group(word)
            if facts.kind is None and not holds(word, sequence(facts.text)):
                return f"calls it a {word} (its kind is unknown)"
            if facts.kind is not None and group != facts.kind:
                return f"calls it a {word} (it is a {facts.kind_noun or facts.kind})"
    return None


def unsupported_subject(text: str, facts: ItemFacts, tags: Iterable[str] = ()) -> str | None:
    """A genre or subject the item's own text does not hold ('an alien story' for The Martian,
    'a romantic comedy' for a romantic drama). `tags`: the catalog's tag vocabulary, each one a
    claim too when the explanation uses it."""
    said = sequence(text)
    item = sequence(facts.text)
    for group in SUBJECT_GROUPS:
        if any(holds(w, said) for w in group) and not any(holds(w, item) for w in group):
            return f"says it is {group[0]}, which the item does not say"
    for tag in tags:
        if all(w in STOPWORDS for w in words(tag)) or not holds(tag, said) or holds(tag, item):
            continue
        group = next((g for g in SUBJECT_GROUPS if tag in g), ())
        if not any(holds(w, item) for w in group):
            return f"says it is {tag}, which the item does not say"
    return None


def invented_number(text: str, facts: ItemFacts, extra: str = "") -> str | None:
    """Numbers, counts and ordinals must be the item's ('after his tenth birthday' for a book
    that says eleventh), or inside one of its ranges ('for 5' for a game of 2-6)."""
    known = numbers_in(f"{facts.text} {extra}")
    spans = [span for n in facts.numbers if (span := _span(n.shown)) is not None]
    for number, said in _claimed_numbers(text):
        if number not in known and not any(low <= number <= high for low, high in spans):
            return f"mentions a number not in the item's facts ({said})"
    return None


def numbers_in(text: str) -> set[int]:
    return {number for number, _ in _claimed_numbers(text, loose=True)}


def _claimed_numbers(text: str, *, loose: bool = False) -> list[tuple[int, str]]:
    found = [(int(d), d) for d in _DIGITS.findall(text) if len(d) <= 6]
    for word in words(text):
        if loose or word not in _LOOSE_NUMBERS:
            value = NUMBER_WORDS.get(word) or ORDINALS.get(word) or MORE_NUMBER_WORDS.get(word)
            if value is not None:
                found.append((value, word))
    return found


def _span(shown: str) -> tuple[int, int] | None:
    digits = [int(d) for d in _DIGITS.findall(shown)]
    return (min(digits), max(digits)) if digits else None


def affirmed(text: str) -> str:
    """The text less what it says the item is not ('does not fall under Sci-Fi, but ...')."""
    return NEGATED.sub(" ", text)


def claims_unmet(text: str, met: Sequence[set[str]]) -> str | None:
    """A claim of the request ('as you asked') must sit in a clause that names a wish the item
    meets: `met` holds the loose stems of each wish met (its values and the person's words)."""
    for claim in REQUEST_CLAIM.finditer(text):
        ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, claim.start())]
        # the clause of the claim, and the one before when the claim stands alone (", as you asked")
        # a claim standing alone (", as you asked", ", which is what you asked for") is of the clause before
        alone = bool(ends) and all(w in STOPWORDS for w in words(text[ends[-1] : claim.start()]))
        start = (ends[-2] if len(ends) > 1 else 0) if alone else (ends[-1] if ends else 0)
        after = _CLAUSE_END.search(text, claim.end())
        stretch = {loose(w) for w in sequence(text[start : after.start() if after else len(text)])}
        if not any(wish & stretch for wish in met):
            return f"says {claim.group()!r} of nothing it meets"
    return None


def loose(word: str) -> str:
    """A word without one common ending: 'romantic' and 'romance' alike, 'dystopian' and
    'dystopia'."""
    for ending in ("ation", "ance", "ence", "ing", "ion", "ical", "ic", "al", "ed", "er", "ly", "ous", "y", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def wrong_unit(text: str, facts: ItemFacts, unit_words: Iterable[str]) -> str | None:
    """A number said with a unit ('10.1 minutes') must be one of the item's numbers as written
    with that unit ('10.1 km' is not)."""
    shown = " ".join(n.shown for n in facts.numbers).lower()
    units = set(unit_words)
    for match in _QUANTITY.finditer(text):
        number, unit = match.group(1), match.group(2).lower()
        if unit in units and f"{number} {unit}" not in shown and f"{number}{unit}" not in shown:
            return f"says {match.group()} , not one of the item's numbers with its unit"
    return None


def wrong_role(text: str, facts: ItemFacts) -> str | None:
    """'starring Keir Dullea as HAL': who plays whom must be what the item's text says."""
    for match in _ROLE.finditer(text):
        actor = match.group(1).split()[-1]
        if not re.search(
            rf"\b{re.escape(actor)}\b[^.]{{0,12}}\bas\s+(?:the\s+)?{re.escape(match.group(2).split()[0])}", facts.text
        ):
            return f"says {match.group(1)} plays {match.group(2)}, which the item does not say"
    return None


def wrong_credit(text: str, facts: ItemFacts) -> str | None:
    """'a screenplay by Andy Weir' when he wrote the novel: what someone did must be what the
    item says they did, in its people fields (an author wrote it) or in its text ('directed by')."""
    for match in _CREDIT.finditer(text):
        role, name = match.group(1).lower(), match.group(2)
        if not (_credited_in_fields(role, name, facts) or _credited_in_text(role, name, facts.text)):
            return f"says {role} by {name}, which the item does not say"
    return None


def _credited_in_fields(role: str, name: str, facts: ItemFacts) -> bool:
    for field_name, names in facts.people:
        if any(name.split()[-1] in n for n in names) and _ROLES_OF_FIELD.get(_field_role(field_name), set()) & {
            stem(role)
        }:
            return True
    return False


def _credited_in_text(role: str, name: str, text: str) -> bool:
    """'directed by Ridley Scott', 'written and directed by ...': the role word among the few
    words before 'by NAME' in the item's own text."""
    surname = re.escape(name.split()[-1])
    for found in re.finditer(rf"((?:\S+\s+){{1,4}})by\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}{surname}\b", text):
        if stem(role) in {stem(w) for w in words(found.group(1))}:
            return True
    return False


def _field_role(field_name: str) -> str:
    name = field_name.lower()
    return next((role for role in _ROLES_OF_FIELD if role in name), "")


def copied_description(text: str, facts: ItemFacts) -> str | None:
    """The description's own sentence (often its opening: '… is a 2016 American science fiction
    action film directed by …') says what the item is, not why it fits."""
    title = set(words(facts.title))  # the title is no copy, however long
    said = [w for w in words(text) if w not in title]
    for sentence in facts.sentences:
        theirs = [w for w in words(sentence) if w not in title]
        run = _longest_run(said, theirs)
        if run >= COPY_RUN or (len(theirs) >= 5 and run >= SHORT_COPY_SHARE * len(theirs)):
            return "copies the description instead of giving a reason"
    return None


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of words in a row that both share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
