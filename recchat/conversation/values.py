"""The catalog's own values as things a person can ask for or rule out: every value of its
category fields ("Napa Valley", "Moderate"), of its list fields ("waterfall", "gluten-free") and
its tags, found in what people type whatever the case, accents, hyphens or plurals ("sci-fi",
"rose" for Rosé, "reds"), a slip of the keyboard ("chardonay"), a distinctive word of a longer
value ("barossa"), and everyday words for them (language/synonyms.toml). The kind field's
values are the kind reader's; yes/no fields are asked for by their name ("dog friendly")."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from recchat.catalog.schema import CatalogSchema, FieldKind
from recchat.conversation.spans import Span
from recchat.domain import Constraint
from recchat.language import common_words, compound_parts, load
from recchat.text import STOPWORDS, fold_with_offsets, normalise_title, root, stem
from recchat.vocabulary import GENERIC_NOUNS, TAG_FALLBACKS, TAG_SYNONYMS

if TYPE_CHECKING:
    from recchat.catalog.library import CatalogIndex

TAGS = "tags"  # the items' own tags, as a field
MAX_VALUE_WORDS = 5
MIN_FUZZY = 5  # a word shorter than this has too many neighbours one slip away
SHORT_NAME = 2  # letters: a place name this short ('us', 'uk') is a word unless typed in capitals
MIN_PREFIX = 3  # 'cab sauv', not 'c s'
MIN_CLIPPED = 3  # letters a clipped word leaves off ('stat' of statistics)
MIN_PART = 4  # a word of a longer value said alone ("napa", "barossa") must be at least this long
_TOKEN = re.compile(r"[a-z0-9]+")
_YES = frozenset(load("fields")["yes_no"]["yes"])  # 'Yes', 'Allowed', 'Included'
_NO = frozenset(load("fields")["yes_no"]["no"])  # 'No', 'Not allowed'
_NOT_A_VALUE = frozenset({"other", "others", "none", "n/a", "na", "unknown", "various", "misc", "mixed", "-"})


@dataclass(frozen=True)
class Value:
    """One value of the catalog: as it writes it, where (its fields), and whether those are
    category fields (one value an item) or lists and tags (several)."""

    text: str
    fields: tuple[str, ...]
    category: bool
    # a yes/no field asked for by its name ("dog friendly"): `text` is its "no", which a wish
    # for the field rules out
    named: bool = False
    yes: tuple[str, ...] = ()  # of such a field: its other values, one of which a wish asks for

    @property
    def field(self) -> str:
        return "|".join(self.fields)


def _key(words: Iterable[str]) -> str:
    return " ".join(stem(_SHORTHAND.get(w, w)) for w in words)


# chat shorthand ('yr', 'hrs', 'ppl'), one word for one or two (synonyms.toml [shorthand])
_SHORTHAND: dict[str, str] = dict(load("synonyms")["shorthand"]["words"])


class ValueVocabulary:
    """Every value's spellings, each pointing at the value; longest spellings win."""

    def __init__(
        self,
        schema: CatalogSchema,
        index: CatalogIndex,
        tags: Iterable[str] = (),
        known: Callable[[str], float] | None = None,
    ) -> None:
        """`known(word)`: is the word one of the catalog's own (in some item's text)? A word the
        catalog uses is no slip of the keyboard ('cards' is not 'cars')."""
        self._known = known
        self._by_key: dict[str, Value] = {}
        self._upper_only: set[str] = set()  # short names meant only when typed in capitals
        # a value that is also an everyday word for another ('funny' beside 'comedy'): either is meant
        self.wider: dict[str, Value] = {}
        found: dict[tuple[str, bool], set[str]] = {}  # (value as written, category) -> fields
        kind = schema.kind_field.name if schema.kind_field else None
        for info in schema.fields:
            if info.kind is FieldKind.CATEGORY and info.name != kind:
                if _is_yes_no(info.values):
                    self._add_named_field(info.name, info.values)
                for value in info.values:
                    found.setdefault((value, True), set()).add(info.name)
            elif info.kind is FieldKind.LIST:
                for value in index.with_value(info.name):
                    found.setdefault((value, False), set()).add(info.name)
        for tag in tags:
            found.setdefault((tag, False), set()).add(TAGS)
        # one word for a list value and a category value ('spanish' a skill, 'Spanish' the
        # language): the list value is meant, unless said as where the item is ('taught in spanish')
        self.placed: dict[str, Value] = {}
        for (text, category), fields in sorted(found.items(), key=lambda f: (f[0][1], f[0][0])):
            if normalise_title(text) in _NOT_A_VALUE or not normalise_title(text):
                continue
            held = Value(text, tuple(sorted(fields)), category)
            owner = self._by_key.get(_key(normalise_title(text).split()))
            if category and owner is not None and not owner.category:
                self.placed[owner.text] = held
            self._add(text, held)
        self._add_everyday()
        self._add_short_forms()
        self._roots = {root(k): v for k, v in self._by_key.items() if " " not in k and len(root(k)) >= 5}
        field_words = {stem(w) for info in schema.fields for w in normalise_title(info.name).split()}
        self._parts = _distinctive_parts(self._by_key, field_words | GENERIC_NOUNS | _title_nouns(index))
        # 'Gundog' typed 'gun dog': whole only, after the parts above ('java' is no 'javascript')
        for key, named in [(k, v) for k, v in self._by_key.items() if " " not in k]:
            for head, tail in compound_parts(key):
                self._by_key.setdefault(_key([head, tail]), named)
        self._words = {k: v for k, v in self._by_key.items() if " " not in k}
        # for words that begin with a clipped one: one-word values only ('roast' is no clipping of
        # 'roastednut', the joined form of 'roasted nuts'), and no field's own name clipped
        self._sorted_words = sorted(k for k, v in self._words.items() if " " not in normalise_title(v.text))
        self._field_words = field_words
        # values written as letters ('B&B', 'R&B') named by the words they stand for
        self._lettered = {
            _initials(k.split()): v
            for k, v in self._by_key.items()
            if _initials(k.split()) and all(len(w) == 1 for w in _joined(k.split()))
        }
        self._value_words = {w for k in self._by_key for w in k.split()}
        self._multi: dict[int, list[tuple[str, Value]]] = {}  # values of several words, by how many
        for key, named in self._by_key.items():
            if " " in key:
                self._multi.setdefault(len(key.split()), []).append((key, named))

    def _add(self, text: str, value: Value) -> None:
        words = normalise_title(text).split()
        if not words or (len(words) == 1 and (words[0] in STOPWORDS or words[0].isdigit())):
            return
        for said in _said_as(words):
            for key in {_key(said), " ".join(said)}:
                self._by_key.setdefault(key, value)
        if len(words) == 2:  # 'sci fi' is also written 'scifi', 'non fiction' 'nonfiction'
            self._by_key.setdefault(stem("".join(words)), value)

    def _add_short_forms(self) -> None:
        """Shorter ways to name a value of several words, where only one value is named so:
        its initials ('ya' for young-adult, 'glacier np' for Glacier National Park), and the word
        it has beside nouns for any item ('cards' for card game)."""
        initials: dict[str, set[Value]] = {}
        heads: dict[str, set[Value]] = {}
        for key, value in list(self._by_key.items()):
            words = key.split()
            if len(words) >= 2 and " " in key:
                initials.setdefault("".join(w[0] for w in words), set()).add(value)
                # 'glacier np': the first words whole, the rest as initials
                for cut in range(1, len(words) - 1):
                    initials.setdefault(" ".join([*words[:cut], "".join(w[0] for w in words[cut:])]), set()).add(value)
                own = [w for w in words if w not in GENERIC_NOUNS and stem(w) not in GENERIC_NOUNS]
                if len(own) == 1 and len(own[0]) >= MIN_PART and own[0] not in measure_words():
                    heads.setdefault(stem(own[0]), set()).add(value)
        for short, found in (*initials.items(), *heads.items()):
            if len(found) == 1 and short not in self._by_key and short not in _spoken() and len(short) >= 2:
                self._by_key[short] = next(iter(found))

    def _add_named_field(self, name: str, values: tuple[str, ...]) -> None:
        """A yes/no field ('Dogs allowed', 'Certificate') is asked for by its first word: a wish
        for it rules out its 'no' ('dog friendly': allowed, or on a leash)."""
        no = next((v for v in values if v.lower() in _NO), None)
        words = [w for w in normalise_title(name).split() if w not in STOPWORDS]
        if no is not None and words and len(words[0]) >= 3:
            value = Value(no, (name,), True, named=True, yes=tuple(v for v in values if v.lower() not in _NO))
            # also in everyday words for the same thing: 'good with kids' for Good with children,
            # for a broader or narrower one: 'pet friendly' for Dogs, and by its last word, the
            # thing it is about, where the first is a verb or a quality ('can book' for Takes bookings)
            head = [[words[-1]]] if len(words) > 1 and len(words[-1]) >= 4 and words[-1] not in _YES else []
            if head and (verb := re.sub(r"ings?$", "", words[-1])) != words[-1] and len(verb) >= 3:
                head.append([verb])  # the thing done: 'can book' for Takes bookings
            for said in [*_same_words(words), *_wider_words(words), *head]:
                self._by_key.setdefault(stem(said[0]), value)
                if len(said) > 1:  # 'still running' whole, where its first word alone says nothing
                    self._by_key.setdefault(" ".join(said), value)

    def _add_everyday(self) -> None:
        """Everyday words for values the catalog has ('funny' for comedy), or for the broader
        value it has instead ('rom com' for romance, where there is no romantic comedy), and every
        name of a place whose one name it has ('french' where it says France)."""
        for place in load("places")["place"]:
            names = [normalise_title(n) for n in place["names"]]
            value = next((v for n in names if (v := self._by_key.get(_key(n.split())) or self._by_key.get(n))), None)
            if value is not None:
                for name in names:
                    if len(name) <= SHORT_NAME:
                        self._upper_only.add(name)  # 'US', not 'us'
                    self._by_key.setdefault(name, value)
                    self._by_key.setdefault(_key(name.split()), value)
        for phrase, target in TAG_SYNONYMS.items():
            for candidate in (target, TAG_FALLBACKS.get(target, "")):
                value = self._by_key.get(_key(candidate.split())) if candidate else None
                if value is not None:
                    for key in (phrase, _key(phrase.split())):
                        own = self._by_key.setdefault(key, value)
                        if own is not value and own.fields == value.fields and not own.named:
                            self.wider[own.text] = value  # 'funny' tags a few; comedy many more
                    break

    def spans(self, text: str, *, fuzzy: bool = True) -> list[tuple[Value, Span]]:
        """Each value named in `text` (offsets into it), in order; longer names first ("science
        fiction" is that value, not also "science")."""
        folded, where = fold_with_offsets(text)
        tokens = [(m.group(), where[m.start()], where[m.end() - 1] + 1) for m in _TOKEN.finditer(folded)]
        stems = [_key([t]) for t, _, _ in tokens]
        found: list[tuple[int, Value, Span]] = []
        covered: set[int] = set()
        for size in range(min(MAX_VALUE_WORDS, len(tokens)), 0, -1):
            for i in range(len(tokens) - size + 1):
                if covered.intersection(range(i, i + size)):
                    continue
                value = self._lookup(" ".join(stems[i : i + size]), size)
                if value is not None and size == 1 and tokens[i][0] in self._upper_only:
                    value = value if text[tokens[i][1] : tokens[i][2]].isupper() else None
                if value is not None:
                    found.append((i, value, Span(tokens[i][1], tokens[i + size - 1][2])))
                    covered.update(range(i, i + size))
        if fuzzy:
            for i, (token, start, end) in enumerate(tokens):
                value = None if i in covered else self._near(token)
                if value is not None:
                    found.append((i, value, Span(start, end)))
        return [(value, span) for _, value, span in sorted(found, key=lambda f: f[0])]

    def _lookup(self, key: str, size: int) -> Value | None:
        found = self._by_key.get(key)
        if found is None and size == 1:
            found = self._roots.get(root(key)) or self._parts.get(key) or self._clipped(key)
        if found is None and size >= 2:
            words = key.split()
            found = self._prefixed(words) or (self._lettered.get(_initials(words)) if _initials(words) else None)
            if found is None and len(words[-1]) <= 3 and words[-1].endswith("s"):  # 'b&bs', 'cds'
                found = self._by_key.get(key[:-1])
        return found

    def _clipped(self, word: str) -> Value | None:
        """A clipped word ('stats' for statistics, 'econ' for economics): the start of one value's
        word, at least three letters short of it, and no everyday word itself; the rest no word
        of its own either ('java' is not javascript, 'foot' not football)."""
        if len(word) < MIN_PART or plain(word) or word in _spoken() or stem(word) in self._field_words:
            return None
        start = bisect.bisect_left(self._sorted_words, word)
        found: dict[str, Value] = {}
        for key in itertools.islice(self._sorted_words, start, None):
            if not key.startswith(word):
                break
            rest = key[len(word) :]
            if len(rest) >= MIN_CLIPPED and not plain(rest) and not plain(rest.rstrip("s")):
                found[self._words[key].text] = self._words[key]
        return next(iter(found.values())) if len(found) == 1 else None

    def _prefixed(self, words: list[str]) -> Value | None:
        """'sauv blanc', 'cab sauv': each word the start of one of a value's words, in order, and no
        other value named so."""
        if any(len(w) < MIN_PREFIX or w in STOPWORDS for w in words):
            return None
        found = {
            value.text: value
            for key, value in self._multi.get(len(words), ())
            if all(part.startswith(w) for part, w in zip(key.split(), words, strict=True))
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _near(self, token: str) -> Value | None:
        """A slip of the keyboard: one edit from a value's word (two in a long word), the same
        first letter, and no other value as close."""
        if len(token) < MIN_FUZZY or token.isdigit() or stem(token) in self._value_words or plain(token):
            return None
        if self._known is not None and self._known(token):
            return None
        from rapidfuzz.distance import OSA

        allowed = 1 if len(token) < 9 else 2
        close = {
            value.text: value
            for key, value in self._words.items()
            if key[:1] == token[:1] and abs(len(key) - len(token)) <= allowed and OSA.distance(token, key) <= allowed
        }
        return next(iter(close.values())) if len(close) == 1 else None

    @property
    def spellings(self) -> set[str]:
        """Every spelling of every value, normalised (what 'known' means to other readers)."""
        return set(self._by_key)

    def values_in(self, text: str) -> tuple[Value, ...]:
        return tuple(dict.fromkeys(value for value, _ in self.spans(text)))

    def tags_in(self, text: str) -> tuple[str, ...]:
        """The list and tag values named in the text (category values are asked for otherwise)."""
        return tuple(dict.fromkeys(v.text for v in self.values_in(text) if not v.category))


TITLE_NOUN_SHARE = 0.05  # a word in this share of titles is a noun for the items ('plant', 'hotel')
TITLE_SAMPLE = 5000


def _title_nouns(index: CatalogIndex) -> set[str]:
    """Stems of words many titles share: what the catalog calls its items, no value's head."""
    entries = index.entries[:: max(1, len(index.entries) // TITLE_SAMPLE)]
    counts: dict[str, int] = {}
    for entry in entries:
        for word in {stem(w) for w in normalise_title(entry.title).split()}:
            counts[word] = counts.get(word, 0) + 1
    least = max(3, TITLE_NOUN_SHARE * len(entries))
    return {w for w, n in counts.items() if n >= least and w not in STOPWORDS}


def _joined(words: list[str]) -> list[str]:
    return [w for w in words if w not in ("and", "n")]


def _initials(words: list[str]) -> str:
    """'bed and breakfast' and 'b and b' alike: 'b&b' (only with the 'and': 'big blue' is no B&B)."""
    if len(_joined(words)) < 2 or len(_joined(words)) == len(words):
        return ""
    return "".join("&" if w in ("and", "n") else w[0] for w in words)


def _same_words(words: list[str]) -> list[list[str]]:
    """The words, and each way of saying them with everyday words for the same thing
    (synonyms.toml [same]: 'kids' for children), one word changed at a time."""
    groups = [set(group) for group in load("synonyms")["same"]["groups"]]
    found = [words]
    for i, word in enumerate(words):
        for group in groups:
            if word in group:
                found += [[*words[:i], other, *words[i + 1 :]] for other in sorted(group - {word})]
    return found


def _said_as(words: list[str]) -> list[list[str]]:
    """A value's words as people say them: as written; without a possessive's 's' ('Children's':
    children); 'and' as 'or' ('Science & Nature': science or nature); and each word in everyday
    words for the same thing (synonyms.toml [same]: kids for children)."""
    found = [words]
    if len(words) >= 2 and words[-1] == "s":
        found.append(words[:-1])
    if "and" in words[1:-1]:
        found.append(["or" if w == "and" else w for w in words])
    return [variant for said in found for variant in _same_words(said)]


def _wider_words(words: list[str]) -> list[list[str]]:
    """A field's first word said as a broader or narrower thing (synonyms.toml
    [wider_or_narrower]): 'pets' for Dogs, 'cats' for Pets."""
    first, found = words[0], []
    if not set(words[1:]) <= _YES:
        return []  # 'Pet safe' is not about cats as 'Pets (allowed)' is
    for group in load("synonyms")["wider_or_narrower"]["groups"]:
        if first in group["narrower"]:
            found += [[other, *words[1:]] for other in group["broader"]]
        if first in group["broader"]:
            found += [[other, *words[1:]] for other in group["narrower"]]
    return found


def _is_yes_no(values: tuple[str, ...]) -> bool:
    """Yes and no, and perhaps a shade between ('Yes', 'No', 'On leash')."""
    lowered = {v.lower() for v in values}
    return bool(lowered & _YES) and bool(lowered & _NO) and len(lowered) <= 4


def _distinctive_parts(by_key: dict[str, Value], not_heads: set[str]) -> dict[str, Value]:
    """Words of multi-word values that only one value holds ('barossa' of 'Barossa Valley', not
    'valley' where several valleys are; 'marais' of 'Le Marais', 'pool' of 'Swimming pool'), long
    enough not to be a plain word by chance, and no value of their own. A last word is the head,
    often shared: it is taken only where no field's name holds it ('centre' of 'Fitness centre'
    beside 'Distance to centre') and it is no noun for any item (`not_heads`)."""
    holders: dict[str, dict[str, Value]] = {}
    for key, value in by_key.items():
        words = key.split()
        for i, word in enumerate(words):
            if i < len(words) - 1 or (len(words) > 1 and word not in not_heads and stem(word) not in not_heads):
                holders.setdefault(word, {})[value.text] = value
    for key, value in by_key.items():  # a head shared with another value's other words is no one's
        for word in key.split()[-1:]:
            if word in holders:
                holders[word][value.text] = value
    return {
        word: next(iter(values.values()))
        for word, values in holders.items()
        if len(values) == 1 and len(word) >= MIN_PART and not plain(word) and word not in by_key
    }


@cache
def _spoken() -> frozenset[str]:
    """Small words and sounds of the chat itself: no short name for a value."""
    return STOPWORDS | frozenset(load("feelings")["interjections"]["words"])


@cache
def measure_words() -> frozenset[str]:
    """Words that say how much of something ('short', 'long', 'cheap', 'easier'): they are read as
    measures, never as a short name for a value ('short' is not 'short stories')."""
    measures = [w for section in ("adjective", "comparative") for e in load("measures")[section] for w in e["words"]]
    scales = [w for scale in load("scales")["scale"] for w in (*scale["less"], *scale["more"])]
    return frozenset(word for phrase in (*measures, *scales) for word in phrase.split())


def plain(word: str) -> bool:
    """An everyday word: no slip of the keyboard, and no name for a longer value ('roll' is not
    'Roll and Write'; 'barossa' is 'Barossa Valley')."""
    return word in STOPWORDS or word in common_words() or stem(word) in common_words()


def value_constraint(values: tuple[Value, ...], negated: bool, said: str) -> Constraint:
    """A wish for (or against) one value, or for any of several ("comedy or action"): a tag or
    list value is had ('has'), a category value is the item's ('is'), on the fields that hold it."""
    from recchat.conversation.genres import alternatives_label

    if len(values) == 1 and values[0].named:  # "dog friendly": one of the field's yeses
        field, yes = values[0].field, values[0].yes
        label = f"{'no ' if negated else ''}{field.lower()}"
        # an item that says nothing of it is no answer to a wish for it ('Dogs' left blank)
        wanted: str | tuple[str, ...] = values[0].text if negated or not yes else yes[0] if len(yes) == 1 else yes
        return Constraint("category", field, "is", wanted, not negated and not yes, label, said)
    texts = tuple(v.text for v in values)
    value: str | tuple[str, ...] = texts[0] if len(texts) == 1 else texts
    fields = "|".join(dict.fromkeys(f for v in values for f in v.fields))
    label = alternatives_label(texts)
    if all(v.category for v in values):
        return Constraint("category", fields, "is", value, negated, f"not {label}" if negated else label, said)
    return Constraint("tag", fields, "has", value, negated, f"no {label}" if negated else label, said)
