"""Checks on an LLM explanation: untrusted text is cleaned, cut to whole sentences, and refused
when it names another title, claims what the item's own facts do not hold (its kind, genres,
subjects, years, numbers, names, roles), brings up what the person asked to avoid, copies the
prompt's example or the item's description, or gives no reason linked to the request."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from recchat.domain import Recommendation
from recchat.explain import claims
from recchat.explain.facts import ItemFacts
from recchat.explain.reasons import Reason, reason_words
from recchat.explain.words import KIND_WORDS, is_function_word
from recchat.injection import injected
from recchat.language import load
from recchat.language.units import units
from recchat.text import (
    STOPWORDS,
    YEAR,
    clean,
    content_words,
    fold,
    normalise_title,
    root,
    stem,
    without_year,
    words,
)
from recchat.vocabulary import TAG_SYNONYMS, spellings

if TYPE_CHECKING:
    from recchat.conversation.mentions import TitleMatcher

MAX_SENTENCES = 2
MAX_CHARS = 260
# A sentence ends at . ! or ?, but not after an initial or a title ("J. K. Rowling", "Dr. No").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\b(?:Mr|Dr|St|Ms|Jr|Sr)\.)(?<!\bMrs\.)[\"')\]]*(?=\s|$)")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")
# Capitalised at the start of a sentence without being names.
SENTENCE_STARTERS = frozenset("fans perfect expect enjoy whether its both great like if".split())
_DECADE = re.compile(r"\b(1[5-9]\d0|20[0-2]0|[2-9]0)['’]?s\b")  # "the 1940s", "the 90s"
COMPARISON_WORDS = tuple(
    dict.fromkeys(" ".join(words(w)) for entry in load("measures")["adjective"] for w in entry["words"])
)
# Words of units of measure (not currencies: "$24.99" is read by the number checks).
UNIT_WORDS = frozenset(name for name, unit in units().by_name.items() if name.isalpha() and unit.dimension != "money")
_REFUSAL = re.compile(r"\b(as an ai|language model|i cannot|i can't help|i'm sorry)\b", re.I)


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    return [p for p in parts if p]


def tidy(raw: str) -> str:
    """Clean untrusted text and keep at most two complete sentences."""
    text = " ".join(clean(raw).replace("*", "").replace("#", "").split())
    return " ".join(sentences(text)[:MAX_SENTENCES])


@dataclass(frozen=True)
class Grounds:
    """What an explanation may draw on: the item and its facts, the person's words, the reasons
    (and the liked items they name), and what to stay off."""

    rec: Recommendation
    matcher: TitleMatcher | None = None
    avoid: Sequence[str] = ()
    user_words: str = ""
    example: str = ""  # the prompt's worked example, which small models like to copy
    item: ItemFacts | None = None
    reasons: tuple[Reason, ...] = ()
    tags: tuple[str, ...] = field(default=())  # the catalog's tag vocabulary: claims when used

    @property
    def facts(self) -> str:
        if self.item is not None:
            return self.item.text
        item = self.rec.item
        return f"{item.title} {' '.join(item.tags)} {item.description} {' '.join(map(str, item.metadata.values()))}"

    @property
    def named(self) -> str:
        """Titles the reasons name (the liked items they compare with): the explanation may too."""
        return " ".join(r.about for r in self.reasons)


def rejection(raw: str, grounds: Grounds) -> str | None:
    """Why an LLM explanation cannot be shown, or None when it is fine."""
    text = tidy(raw)
    if not text:
        return "empty or unfinished" if raw.strip() else "empty"
    checks = (
        _shape,
        _other_titles,
        _hijacked,
        _invented_facts,
        _avoided,
        _claims,
        _copied_example,
        _unbacked_comparison,
        _ungrounded,
        _unlinked,
    )
    return next((reason for check in checks if (reason := check(text, grounds))), None)


def _shape(text: str, grounds: Grounds) -> str | None:
    if _REFUSAL.search(text):
        return "not an explanation"
    if len(text) > MAX_CHARS:
        return "rambles"
    # The item's own values may share a word ("Cooperative Game", "party game"): no repetition.
    values = grounds.item.values if grounds.item is not None else ()
    valued = {w for v in values if len(v.value.split()) > 1 for w in words(v.value)}
    own = set(normalise_title(grounds.rec.item.title).split()) | valued
    meaningful = [w for w in content_words(text) if w not in own]
    tokens = words(text)
    trigrams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
    if len(set(trigrams)) < len(trigrams) or any(meaningful.count(w) >= 3 for w in set(meaningful)):
        return "rambles (repeats itself)"
    return None


def _hijacked(text: str, grounds: Grounds) -> str | None:
    """Orders, links or markup in the reply: an item's description tried to steer the model."""
    return injected(text, grounds.rec.item.title)


def _other_titles(text: str, grounds: Grounds) -> str | None:
    if grounds.matcher is None:
        return None
    own = normalise_title(f"{grounds.rec.item.title} {grounds.named}")
    for match in grounds.matcher.find(text, fuzzy=False, strict=True):
        if match.item_id != grounds.rec.item.id and normalise_title(match.title.rsplit("(", 1)[0]) not in own:
            return f"names another title ({match.title})"
    return None


def _invented_facts(text: str, grounds: Grounds) -> str | None:
    """Years and names must come from the item or the user: a small model invents both."""
    told = " ".join(w for r in grounds.reasons for w in r.wordings)  # true by construction
    known = fold(f"{grounds.facts} {grounds.user_words} {grounds.named} {told}")
    invented = [year for year in YEAR.findall(text) if year not in known]
    if invented:
        return f"mentions a year not in the item's facts ({invented[0]})"
    years = {int(y) for y in YEAR.findall(known)}
    for decade in _DECADE.findall(text):
        start = int(decade) if len(decade) == 4 else 1900 + int(decade)
        if not any(start <= y < start + 10 for y in years):
            return f"mentions a decade not in the item's facts ({decade}s)"
    known_words = set(words(known)) | _word_parts(known) | STOPWORDS | SENTENCE_STARTERS  # "Slaughterhouse-Five"
    for sentence in sentences(text) or [text]:
        for name in _NAME.findall(sentence):
            if words(name)[0] not in known_words and stem(words(name)[0]) not in known_words:
                return f"mentions a name not in the item's facts ({name})"
    return None


def _claims(text: str, grounds: Grounds) -> str | None:
    """Kind, genres and subjects, numbers and roles, against the item's own facts."""
    item = grounds.item
    if item is None:
        return None
    said = claims.affirmed(_without_named(text, grounds))
    met = [_wish_stems(r) for r in grounds.reasons if r.asked or r.sort == "words"]
    return (
        claims.wrong_kind(said, item)
        or claims.unsupported_subject(said, item, grounds.tags)
        or claims.invented_number(said, item)
        or claims.wrong_unit(said, item, UNIT_WORDS)
        or claims.claims_unmet(text, met)
        or claims.wrong_role(text, item)
        or claims.wrong_credit(claims.affirmed(text), item)
        or claims.copied_description(text, item)
    )


def _wish_stems(reason: Reason) -> set[str]:
    """What names a wish met: its values, the person's words for it, and the tags those stand for."""
    found = {w for part in (*reason.words, reason.said) for w in claims.sequence(part)}
    found |= linking_stems(" ".join(reason.words))
    return {claims.loose(w) for w in found}


def _unbacked_comparison(text: str, grounds: Grounds) -> str | None:
    """'short', 'cheap', 'highly rated' (language/measures.toml) say where the item sits among
    the others: only the reasons may say so."""
    backed = " ".join(w for r in grounds.reasons for w in r.wordings).lower()
    lowered = f" {' '.join(words(claims.affirmed(_without_named(text, grounds))))} "
    for word in COMPARISON_WORDS:
        if f" {word} " in lowered and f" {word} " not in f" {backed} ":
            return f"calls it {word}, which no reason says"
    return None


def _without_named(text: str, grounds: Grounds) -> str:
    """The text less the titles it may name (its own, the liked ones): 'The Martian' is no claim
    of a martian, 'Like Alien' none of aliens."""
    own = [grounds.rec.item.title, grounds.item.title if grounds.item else ""]
    for title in [*own, *(r.about for r in grounds.reasons if r.about)]:
        short = without_year(title)
        if short:
            text = re.sub(re.escape(short), " ", text, flags=re.I)
    return text


def _avoided(text: str, grounds: Grounds) -> str | None:
    """What the person ruled out, said of the item as wanted ('is not explicit' keeps the wish)."""
    said = {stem(w) for w in content_words(claims.affirmed(text))}
    for phrase in grounds.avoid:
        if {stem(w) for w in content_words(phrase) if not is_function_word(w)} & said:
            return f"brings up what you asked to avoid ({phrase})"
    return None


def _copied_example(text: str, grounds: Grounds) -> str | None:
    """A word or phrase of the worked example that neither the item nor the user backs up.

    Words the item or the user do back up may be reused ("thoughtful sci-fi" for a user who
    asked for something thoughtful and a science fiction item): only the borrowed claim is wrong.
    """
    # The reasons' own framing ("as you asked", "you mentioned") is no borrowed claim.
    framing = " ".join(r.sentence for r in grounds.reasons) or "as you asked, as you said, you mentioned"
    allowed = fold(f"{grounds.facts} {grounds.user_words} {grounds.named} {framing}")
    backed = _word_parts(allowed)
    said = {stem(w) for w in words(text)}
    example = content_words(without_year(grounds.example))
    for word in example:
        if stem(word) in said and stem(word) not in backed and not is_function_word(word):
            return f"copies the prompt's example ({word})"
    for pair in pairwise(example):
        phrase = " ".join(pair)
        if phrase in fold(text) and phrase not in allowed and not all(stem(w) in backed for w in pair):
            return f"copies the prompt's example ({phrase})"
    return None


def _word_parts(text: str) -> set[str]:
    """Stems of every word and of each part of a hyphenated word, plus common genre spellings."""
    found = set()
    for word in words(text):
        found.add(stem(word))
        found.update(stem(part) for part in re.split(r"[-'’]", word) if part)
    for spelled_out in set(TAG_SYNONYMS.values()):
        if spelled_out in text:
            found.update(word.replace(" ", "-") for word in spellings(spelled_out))
            found.update(word.replace(" ", "") for word in spellings(spelled_out))
    return found


def _ungrounded(text: str, grounds: Grounds) -> str | None:
    if not _names_the_item(text, grounds):
        return "does not name the item"
    item_words = {stem(w) for w in content_words(grounds.facts)} | set(re.findall(r"\d+", grounds.facts))
    said = {stem(w) for w in content_words(text)} | set(re.findall(r"\d+", text))
    if not item_words & said:
        return "not grounded in the item"
    return None


def _names_the_item(text: str, grounds: Grounds) -> bool:
    """Its title, or a part of a long one that names it ('Harry Potter', 'the Quiche of Death':
    two words or more, not only small ones), is there; and the sentence is not about a liked item
    instead ('The Martian is a board game' for Terraforming Mars)."""
    spoken = grounds.item.title if grounds.item is not None else ""  # 'The Giver', not 'The Giver (The Giver, #1)'
    title = normalise_title(spoken or without_year(grounds.rec.item.title))
    said = f" {normalise_title(text)} "
    if not title or not (f" {title} " in said or any(f" {part} " in said for part in _title_parts(title))):
        return False
    for liked in (r.about for r in grounds.reasons if r.about):
        other = normalise_title(liked)
        if other and other not in title and said.startswith(other) and not said.startswith(title):
            return False
    return True


def _title_parts(title: str) -> list[str]:
    """Runs of a long title's words that still name it: two words at least, two of them content."""
    tokens = title.split()
    if len(tokens) <= 2:
        return []
    return [
        " ".join(tokens[i:j])
        for i in range(len(tokens))
        for j in range(i + 2, len(tokens) + 1)
        if (i, j) != (0, len(tokens)) and len([t for t in tokens[i:j] if t not in STOPWORDS]) >= 2
    ]


def _unlinked(text: str, grounds: Grounds) -> str | None:
    """At least one link to the request a reader can see: what they asked for (the words of a
    constraint it meets, not the bare kind), a liked item by name, or their own words (not what
    they ruled out). The item's own title is no link ('The Matrix Reloaded' under 'The Matrix')."""
    if not grounds.reasons and not grounds.user_words:
        return None  # nothing was asked: nothing to link to
    # Wishes met, and wishes missed said as missed ("is not by Agatha Christie"): both name the request.
    asked = [r for r in grounds.reasons if (r.asked and r.sort != "kind") or r.sort == "missed"]
    links = reason_words(asked) | linking_stems(grounds.user_words)
    links |= {stem(w) for r in grounds.reasons if r.about for w in words(r.about)}
    links = {loose(w) for w in links if w not in KIND_WORDS}
    title = without_year(grounds.rec.item.title)
    said = re.sub(re.escape(title), " ", text, count=1, flags=re.I) if title else text
    if links & {loose(w) for w in claims.sequence(said)}:
        return None
    return "says nothing about what you asked for"


def linking_stems(user_words: str) -> set[str]:
    """Stems of the person's words that can carry a wish, and of the tags their everyday words
    stand for ('sci-fi': science fiction)."""
    found = {stem(w) for w in words(user_words) if not is_function_word(w)}
    spaced = f" {' '.join(words(user_words.replace('-', ' ')))} "
    for everyday, tag in TAG_SYNONYMS.items():
        if f" {everyday} " in spaced:
            found |= {stem(w) for w in words(tag)}
    return found


_ENDINGS = ("ation", "ing", "ion", "al", "ed", "er", "ly", "ical", "ic", "ous", "y", "e")


def loose(word: str) -> str:
    """A word without one common ending, so that 'survival' links to 'surviving' and
    'dystopian' to 'dystopia'."""
    word = root(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word
