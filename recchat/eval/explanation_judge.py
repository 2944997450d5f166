"""The fault judge of the explanation evaluation: one explanation against its item's own record,
as the catalog file has it, and against the conversation as the set's author wrote it.

Deliberately independent of recchat's explanation checks (recchat/explain/): its own word lists
(judge_words.json) and each catalog's own values (explanation_terms.py),
its own parsing, the raw record rather than what recchat learned of the fields, and the set's
own list of words to avoid. A mistake shared by both would otherwise pass unseen, and a 0%
fault rate would be true by definition. What it can see: kind words against the item's kind
field (or how its description names itself), years and numbers against the record's values,
capitalised names against the record, genre and subject words against the record's text, words
the person asked to avoid, a copied description sentence, words of the prompt's example, other
catalog titles, broken text. What it cannot: whether a claim built from the item's own words is
put together truly ("Keir Dullea as HAL" when both names are in the description but not as a
pair), opinions ("a delightful film"), and facts it has no field for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recchat.eval.explanation_asked import false_claim
from recchat.eval.explanation_terms import CatalogTerms, false_comparison, unheld_value, wrong_credit, wrong_unit
from recchat.eval.judge import Record
from recchat.eval.suite import Predicate

CHECKS = (
    "kind",
    "year",
    "number",
    "name",
    "genre",
    "avoided",
    "copied",
    "example",
    "other title",
    "not about it",
    "broken",
    "value",
    "asked",
    "credit",
    "unit",
    "compare",
)
_KIND_FIELDS = re.compile(r"^(type|kind|format|media|medium|category|(?:item|title|media|content)[ _]?type)$", re.I)
WORDS = json.loads(Path(__file__).with_name("judge_words.json").read_text(encoding="utf-8"))
_KINDS: dict[str, str] = {word: kind for kind, forms in WORDS["kinds"].items() for word in forms}
# A kind field's words for kinds that are also everyday words in a card ("a series of ...").
_FIELD_KIND_WORDS = {**_KINDS, "series": "series", "show": "series", "episode": "series"}
_FIELD_KINDS = (
    (re.compile(r"^(director|directors|stars|cast|starring)$", re.I), "movie"),
    (re.compile(r"^(author|authors|pages)$", re.I), "book"),
    (re.compile(r"^(players|designer|minplayers|maxplayers)$", re.I), "game"),
)
# Genres and subjects, each with the words that support it in an item's text.
_GENRES: dict[str, tuple[str, ...]] = {genre: tuple(forms) for genre, forms in WORDS["genres"].items()}
_GENRE_ALIASES: dict[str, str] = WORDS["genre_aliases"]
_NUMBERS: dict[str, int] = WORDS["numbers"]
_STOP = frozenset(WORDS["stop"])
_OPENERS = frozenset(WORDS["openers"])
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_CAPITALISED = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
_SENTENCE_END = re.compile(r"[.!?]")
COPY_WORDS = 8
_TITLE_TAIL = re.compile(r"\s*\((?:\d{4}|[^()]*#\s*\d+(?:\.\d+)?)\)\s*$")
_NEGATED = re.compile(
    r"\b(?:not|isn't|isn’t|aren't|wasn't|never|without|rather than|instead of|no)\b"
    r"[^,.;:!?]*?(?=[,.;:!?]|\bbut\b|\bthough\b|\balthough\b|\band\b|$)",
    re.I,
)
# How any explanation may frame its reasons, whatever the prompt's example: not a leak.
_FRAMING = "asked request requested mentioned wanted said reason reasons fact facts item detail suits fits"


@dataclass(frozen=True)
class Conversation:
    """What the judge knows of the request: the person's turns and what they asked to avoid."""

    turns: tuple[str, ...]
    avoid: tuple[str, ...] = ()
    kind: str | None = None
    wants: tuple[Predicate, ...] = ()  # the request as the set's author reads it, on the raw record


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def root(word: str) -> str:
    """Plural and possessive endings off: 'dragons' 'dragon', 'stories' 'story'."""
    word = word.removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and len(word) > 4 and word[-3] in "sxzh":
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def record_text(record: Record) -> str:
    parts = [record.title]
    for value in record.fields.values():
        parts.append(" ".join(map(str, value)) if isinstance(value, list) else str(value))
    return " ".join(parts)


def record_kind(record: Record, declared: str | None = None) -> str | None:
    """The item's kind field; else the first kind word of its description; else its fields."""
    for name, value in record.fields.items():
        if _KIND_FIELDS.match(name) and isinstance(value, str):
            words = tokens(value)
            found = [_FIELD_KIND_WORDS[w] for w in reversed(words) if w in _FIELD_KIND_WORDS]
            return found[0] if found else value.lower()
    opening = str(record.fields.get("description", "")).split(". ")[0]
    for word in tokens(opening):
        if word in _KINDS:
            return _KINDS[word]
    for pattern, kind in _FIELD_KINDS:
        if any(pattern.match(name) for name in record.fields):
            return kind
    return _KINDS.get(declared or "", declared)


def faults(
    text: str,
    record: Record,
    conversation: Conversation,
    *,
    titles: Iterable[str] = (),
    example: str = "",
    terms: CatalogTerms | None = None,
) -> dict[str, str]:
    """Every fault found, by check name ('kind': 'calls it a movie, it is a book'). `terms`: the
    catalog's own values and medians (explanation_terms.py), for the checks that need them."""
    item = record_text(record)
    said = " ".join(conversation.turns)
    claims = _affirmed(_without_titles(text, record.title, said))
    found = {
        "kind": _kind(_without_values(claims, record), record, conversation.kind),
        "year": _year(claims, item),
        "number": _number(claims, item),
        "name": _name(_affirmed(text), f"{item} {said}"),
        # a field's own name ('has Cactaceae as its family') is no genre claim
        "genre": _genre(claims, f"{item} {' '.join(record.fields)}", _tags(record)),
        "avoided": _avoided(_affirmed(text), conversation.avoid),  # "is not strenuous" keeps the wish
        "copied": _copied(text, str(record.fields.get("description", "")), record.title),
        "example": _example(text, f"{item} {said} {_FRAMING}", example),
        "other title": _other_title(text, record.title, said, titles),
        "not about it": _not_about_it(text, record.title),
        "broken": _broken(text),
        "asked": false_claim(text, record, conversation.wants),
        "unit": wrong_unit(claims, record),
    }
    if terms is not None:
        found["value"] = unheld_value(claims, record, terms)
        # The item's own title may hold 'by' ("North by Northwest"): no credit.
        found["credit"] = wrong_credit(_affirmed(_without_titles(text, record.title, "")), record, terms)
        found["compare"] = false_comparison(claims, record, terms)
    return {check: fault for check, fault in found.items() if fault}


def linked(text: str, record: Record, conversation: Conversation) -> bool:
    """Does the explanation say something about the request: a word of the person's (not one
    they ruled out, not a kind word), a title they named, or a number or decade they asked for?"""
    avoided = {root(w) for phrase in conversation.avoid for w in tokens(phrase)}
    asked = _linking(w for turn in conversation.turns for w in tokens(turn) if w not in _STOP and len(w) > 2)
    asked -= avoided
    # The item's own name is no link ("Toy Story 2" under "like Toy Story"); a second mention is.
    name = short_title(record.title)
    said = _linking(tokens(re.sub(re.escape(name), " ", text, count=1, flags=re.I)))
    return bool(asked & said) or bool(_decades(" ".join(conversation.turns)) & _decades_of(text))


def _linking(words: Iterable[str]) -> set[str]:
    """Roots, with the genre each everyday word names, as words ('sci-fi': science, fiction)."""
    found: set[str] = set()
    for word in words:
        found.add(root(word))
        for form in (word, root(word)):
            found.update(tokens(_GENRE_ALIASES.get(form, "")))
    return found


def short_title(title: str) -> str:
    """The title as people say it: without '(1995)' or a series marker '(Dune, #1)'."""
    return _TITLE_TAIL.sub("", title).strip() or title


def _without_titles(text: str, title: str, said: str) -> str:
    """The text less the item's title and the titles the person named (capitalised phrases of
    their turns): 'The Martian' claims no martian, 'like Toy Story 2' no number."""
    named = [short_title(title)]
    named += re.findall(r"\b[A-Z0-9][\w'’:-]*(?:\s+(?:of|the|and|a|in|on|[A-Z0-9][\w'’:-]*))*", said)
    for phrase in sorted({n for n in named if n}, key=len, reverse=True):
        if phrase.lower() not in {"i", "a", "the"}:
            text = re.sub(rf"\b{re.escape(phrase)}\b", " ", text)
    return text


def _without_values(text: str, record: Record) -> str:
    """The text less the record's own values of several words ('The Prisoner Wine Company' is no
    claim that it is a wine)."""
    for value in record.fields.values():
        for part in value if isinstance(value, list) else re.split(r"\s*[,;|]\s*", str(value)):
            part = str(part).strip()
            if len(part.split()) > 1:
                text = re.sub(re.escape(part), " ", text, flags=re.I)
    return text


def _affirmed(text: str) -> str:
    """The text less what it says the item is not ('not Sci-Fi, but from 1988': 'but from
    1988'): a wish named as missed is no claim of it."""
    return _NEGATED.sub(" ", text)


def _kind(text: str, record: Record, declared: str | None) -> str | None:
    """A kind word that is neither the item's kind nor, where its kind field holds no kind word
    ('Red', 'Loop'), the catalog's declared kind."""
    kind = record_kind(record, declared)
    allowed = {kind} - {None}
    if kind not in _FIELD_KIND_WORDS.values():  # 'red', 'loop': the catalog's kind stands
        allowed.add(_KINDS.get(declared or "", declared))
    allowed -= {None}
    description = {root(w) for w in tokens(str(record.fields.get("description", "")))}
    for word in tokens(text):
        named = _KINDS.get(word)
        if named is None:
            continue
        if not allowed and root(word) not in description:
            return f"calls it a {word}; the record does not say what it is"
        if allowed and named not in allowed and root(word) not in description:
            return f"calls it a {word}; it is a {kind or declared}"
    return None


def _year(text: str, item: str) -> str | None:
    years = {int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", item)}
    for year in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b(?!s)", text):
        if int(year) not in years:
            return f"{year} is not in the record"
    for decade in _decades(text):
        if not any(decade <= y < decade + 10 for y in years):
            return f"the {decade}s: no year of the record is in them"
    return None


def _number(text: str, item: str) -> str | None:
    known = {int(d) for d in re.findall(r"\d+", item)}
    known |= {_NUMBERS[w] for w in tokens(item) if w in _NUMBERS}
    ranges = [(int(a), int(b)) for a, b in re.findall(r"\b(\d+)\s*[-–]\s*(\d+)\b", item)]
    claimed = [(int(d), d) for d in re.findall(r"\b\d{1,3}\b", text)]
    claimed += [(_NUMBERS[w], w) for w in tokens(text) if w in _NUMBERS and w != "second"]
    for value, word in claimed:
        if value not in known and not any(low <= value <= high for low, high in ranges):
            return f"{word} is not in the record"
    return None


def _name(text: str, known: str) -> str | None:
    known_words = set(tokens(known))
    known_words |= {part for word in list(known_words) for part in re.split(r"[-']", word)}  # "Three-Body", "O'Brien"
    for match in _CAPITALISED.finditer(text):
        word = match.group().lower()
        if word not in known_words and root(word) not in {root(w) for w in known_words} and word not in _OPENERS:
            return f"{match.group()} is not in the record"
    return None


def _tags(record: Record) -> set[str]:
    found: set[str] = set()
    for name, value in record.fields.items():
        if name.lower() in {"tags", "genres", "genre", "categories", "keywords", "subjects"}:
            values = value if isinstance(value, list) else re.split(r"[|;,]", str(value))
            found.update(str(v).strip().lower() for v in values if str(v).strip())
    return found


def _genre(text: str, item: str, tags: set[str]) -> str | None:
    item_words = " ".join(root(w) for w in tokens(item))
    said_words = [root(w) for w in tokens(text)]
    said = " ".join(said_words)
    for word in said_words:
        genre = _GENRE_ALIASES.get(word, word)
        if genre in _GENRES and not _supported(genre, item_words, tags):
            return f"says {word}; the record does not"
    for genre in _GENRES:
        if " " in genre and f" {genre} " in f" {said} " and not _supported(genre, item_words, tags):
            return f"says {genre}; the record does not"
    return None


def _supported(genre: str, item_words: str, tags: set[str]) -> bool:
    if genre in tags:
        return True
    padded = f" {item_words} "
    return any(f" {' '.join(root(w) for w in tokens(word))} " in padded for word in _GENRES[genre])


def _avoided(text: str, avoid: Sequence[str]) -> str | None:
    said = {root(w) for w in tokens(text)}
    for phrase in avoid:
        if {root(w) for w in tokens(phrase)} <= said:
            return f"brings up {phrase!r}, which the person asked to avoid"
    return None


def _copied(text: str, description: str, title: str) -> str | None:
    """Eight words in a row from the description, or the six after the title in its opening
    ('is a 2016 American science fiction'); the title itself is no copy."""
    name = short_title(title)
    mine = tokens(re.sub(re.escape(name), " ", text, flags=re.I))
    theirs = tokens(re.sub(re.escape(name), " | ", description, flags=re.I))
    runs = {tuple(theirs[i : i + COPY_WORDS]) for i in range(len(theirs) - COPY_WORDS + 1)}
    if any(tuple(mine[i : i + COPY_WORDS]) in runs for i in range(len(mine) - COPY_WORDS + 1)):
        return "copies a run of the description"
    opening = tokens(re.sub(re.escape(name), " ", description.split(". ")[0], flags=re.I))[:6]
    if len(opening) == 6 and f" {' '.join(opening)} " in f" {' '.join(mine)} ":
        return "copies the description's opening"
    return None


def _example(text: str, known: str, example: str) -> str | None:
    known_words = {root(w) for w in tokens(known)}
    for word in tokens(example):
        if (
            len(word) >= 4
            and word not in _STOP
            and root(word) not in known_words
            and root(word) in {root(w) for w in tokens(text)}
        ):
            return f"{word!r} comes from the prompt's example"
    return None


def _other_title(text: str, own: str, said: str, titles: Iterable[str]) -> str | None:
    lowered = " ".join(tokens(text))
    mine, asked = " ".join(tokens(own)), " ".join(tokens(said))
    for title in titles:
        short = " ".join(tokens(short_title(title)))
        if len(short.split()) < 2 or short in mine or short in asked:
            continue
        if f" {short} " in f" {lowered} " and re.search(re.escape(title.split()[0]), text):
            return f"names {title}"
    return None


def _not_about_it(text: str, title: str) -> str | None:
    """The explanation must name its item (a long title by a part that still names it: three
    words in a row, or two that are not small words): one about another item ('The Martian is a
    board game', under Terraforming Mars) explains nothing."""
    own = tokens(short_title(title))
    said = f" {' '.join(tokens(text))} "
    if not own or f" {' '.join(own)} " in said:
        return None
    for size in (3, 2):
        for start in range(len(own) - size + 1):
            part = own[start : start + size]
            if f" {' '.join(part)} " in said and (size == 3 or not set(part) & _STOP):
                return None
    return "does not name the item"


def _broken(text: str) -> str | None:
    stripped = text.strip()
    if not stripped:
        return "empty"
    if not _SENTENCE_END.search(stripped[-3:]):
        return "does not end a sentence"
    words = tokens(stripped)
    trigrams = list(zip(words, words[1:], words[2:], strict=False))
    if len(set(trigrams)) < len(trigrams):
        return "repeats itself"
    if re.search(r"https?://|www\.|\[/?\w+\]|\*\*", stripped) or len(stripped) > 320:
        return "markup, a link or too long"
    return None


def _decades(text: str) -> set[int]:
    found = {int(d) * 10 + 1900 for d in re.findall(r"\b([2-9])0s\b", text)}
    found |= {int(d) for d in re.findall(r"\b(1[89]\d0|20[0-2]0)s\b", text)}
    return found


def _decades_of(text: str) -> set[int]:
    return {int(y) // 10 * 10 for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", text)} | _decades(text)


def judged(
    texts: Mapping[str, str], record: Record, conversation: Conversation, **context: Any
) -> dict[str, dict[str, str]]:
    """Faults of several versions of one explanation ('shown', 'raw')."""
    return {name: faults(text, record, conversation, **context) for name, text in texts.items()}
