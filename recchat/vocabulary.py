"""Everyday words for what catalogs spell out, read from the data files of recchat/language/: one
place for understanding (what the person asked for) and the explanation checks (what an
explanation may call an item). Names kept for the modules that read them."""

from __future__ import annotations

from recchat.language import load


def _table(name: str, key: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in load(name)[key].items() if k != "example"}


def _numbers(key: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in load("numbers")[key].items() if k != "example"}


# Everyday words for tags that catalogs tend to name differently ("sci fi": science fiction).
TAG_SYNONYMS = _table("synonyms", "everyday")
# When a catalog lacks the tag a word names, the broader tag it falls back to.
TAG_FALLBACKS = _table("synonyms", "broader")


def spellings(tag: str) -> tuple[str, ...]:
    """Other ways people write a tag: 'science fiction' -> ('sci fi', 'scifi', 'sf', ...)."""
    return tuple(word for word, target in TAG_SYNONYMS.items() if target == tag)


# What sort of item a word asks for (language/kinds.toml).
KIND_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(group["words"]) for group in load("kinds")["group"])
KIND_VERBS = _table("kinds", "verbs")
# Nouns for items in general: every kind word (singular and plural) and the generic ones.
GENERIC_NOUNS = frozenset(
    {form for group in KIND_GROUPS for word in group if " " not in word for form in (word, word + "s")}
    | set(load("kinds")["generic"]["words"])
)
# Counts said in words, as a person names how many (one to twelve, a couple, a pair, a dozen).
NUMBER_WORDS = {
    **{k: v for k, v in _numbers("cardinals").items() if 1 <= v <= 12},
    **{
        k: v for k, v in _numbers("phrases").items() if k.split()[-1] in {"couple", "pair", "dozen"} and "half" not in k
    },
}
DECADE_WORDS = {str(k): int(v) for k, v in load("time")["decades"].items() if k != "example"}
ORDINALS = _numbers("ordinals")
# Genre and subject words, in groups that back each other up (language/subjects.toml).
SUBJECT_GROUPS: tuple[tuple[str, ...], ...] = tuple(tuple(group.split(",")) for group in load("subjects")["groups"])
