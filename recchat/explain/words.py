"""Word helpers for reasons and checks: which of a person's words carry a wish, how a field's
role reads as a verb, how tags read as a phrase, and which words two descriptions share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from recchat.text import STOPWORDS, content_words, root, stem, words
from recchat.vocabulary import KIND_GROUPS, NUMBER_WORDS, ORDINALS

# Words of a request that say how to search, not what to like ("books instead", "the second one").
CONVERSATIONAL = frozenset(
    """
    instead actually also else older newer recent recently latest old classic-ish bit little
    pretty rather quite kinda sorta maybe perhaps probably definitely certainly especially
    again next last previous earlier later another others second third fourth fifth first
    something anything nothing everything someone anyone please need needs wanna gonna
    tonight today weekend evening night watch read play listen try suggest suggestions
    ideas idea options option pick picks choose recommendations along lines same ones
    similar alike sounds sound seems seem perfect best better top favourite favorite
    fan fans lover lovers kinds sorts types type stuff things thing shows show
    year years old age aged kid's
    """.split()
)
KIND_WORDS = frozenset(w for group in KIND_GROUPS for member in group for w in member.split())
# Too common to be what two items share ("both are American films").
GENERIC = frozenset(
    stem(w)
    for w in """
    film films movie movies american british story stories directed director written writer
    released release starring stars star based novel novels book books game games player players
    year years first series sequel character characters plot also world life new people man woman
    young old time part own become becomes later follows follow version original adaptation
    produced producer screenplay production received critics box office commercial success
    cast role roles played play plays named known including include includes
    studio studios company pictures distributed grossed award awards nominated academy million budget
    worldwide audience audiences franchise installment instalment remake reboot trilogy premiered
    festival rated review reviews critical acclaim acclaimed success successful theatrical
    """.split()
)
_ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "ic", "ical", "ish", "less", "able", "ible")
_ADJECTIVES = frozenset(
    "funny scary cozy spooky quirky dark light tense silly gentle short long quick epic heavy sad happy "
    "strange weird smart clever lovely charming magical bleak grim gritty violent slow fast big small".split()
)
_ROLE_VERBS = (
    (re.compile(r"author|writer|by$", re.I), "is written by"),
    (re.compile(r"director", re.I), "is directed by"),
    (re.compile(r"star|cast|actor|performer", re.I), "stars"),
    (re.compile(r"designer", re.I), "is designed by"),
    (re.compile(r"illustrator|artist", re.I), "is illustrated by"),
    (re.compile(r"narrator", re.I), "is narrated by"),
    (re.compile(r"creator", re.I), "is created by"),
)
_RARE_ENOUGH = 2.5  # idf of a word found in about a tenth of the catalog or less


def is_function_word(word: str) -> bool:
    """A word that carries no wish of its own: stop words, conversation words ('instead',
    'second'), kind words, numbers and short words."""
    word = word.lower()
    return (
        len(word) < 3
        or word in STOPWORDS
        or word in CONVERSATIONAL
        or word in KIND_WORDS
        or stem(word) in KIND_WORDS
        or word in NUMBER_WORDS
        or word in ORDINALS
        or any(ch.isdigit() for ch in word)
    )


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def join_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def looks_adjective(word: str) -> bool:
    """A rough guess, enough to choose between "it is funny" and "it has the dragons"."""
    word = word.lower()
    return word in _ADJECTIVES or word.endswith(_ADJECTIVE_ENDINGS) or "-" in word


def role_verb(field_name: str) -> str:
    """How a people field reads after a title: 'author' -> 'is written by'."""
    return next((verb for pattern, verb in _ROLE_VERBS if pattern.search(field_name)), "is by")


def genre_phrase(tags: Sequence[str], kind_noun: str | None) -> str:
    """'a science fiction book', 'an abstract board game', 'a party game': tags as the kind of
    thing the item is; without a kind, 'a space pick' (not 'a space', and not a kind it may not be)."""
    joined = join_words(list(tags))
    if joined.split()[-1] in KIND_WORDS or stem(joined.split()[-1]) in KIND_WORDS:
        return f"{article(joined)} {joined}"
    return f"{article(joined)} {joined} {kind_noun or 'pick'}"


def article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeio" else "a"


def surface_forms(wanted: Iterable[str], text: str) -> list[str]:
    """For each wanted word, the form the text uses for it (same stem or root), lower-case."""
    found: dict[str, str] = {}
    for word in words(text):
        key = stem(word)
        found.setdefault(key, word)
        found.setdefault(root(key), word)
    forms = []
    for word in wanted:
        form = found.get(stem(word)) or found.get(root(stem(word)))
        if form and form not in forms:
            forms.append(form)
    return forms


def shared_words(
    text: str, other: str, rarity: Callable[[str], float] | None, *, exclude: Iterable[str] = ()
) -> list[str]:
    """Content words of both texts (setting, subject), rarest first, as `text` writes them;
    never names (capitalised in `text`), generic film-and-book words or the excluded words."""
    skip = {stem(w) for w in exclude}
    theirs = {stem(w) for w in content_words(other)}
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", text)}
    candidates: dict[str, str] = {}
    for word in content_words(text):
        key = stem(word)
        plain = len(word) >= 5 and not word.endswith(("ed", "ly", "ing")) and not is_function_word(word)
        rare = key not in skip and key not in GENERIC and plain
        if key in theirs and rare and word not in capitalised:
            candidates.setdefault(key, word)
    if rarity is not None:
        ranked = sorted(candidates, key=lambda k: -rarity(k))
        return [candidates[k] for k in ranked if rarity(k) >= _RARE_ENOUGH]
    return sorted(candidates.values(), key=len, reverse=True)
