"""Amounts put on the catalog's own number fields, whatever they measure and whatever they are
called: "under 45 minutes" on the duration field, "less than 5 miles" on the distance field (in
its unit), "under $30" on the price, "at least 10 seasons" on the field named for seasons, "we're
6" on the field that counts people, "for my nephew who's 10" on the age field, "rated 4.5 or
more" on the rating. "short", "cheap" and "highly rated" read as a third of the catalog's own
values; "shorter" and "cheaper" as less than the last list (or the item pointed at).

Which field an amount is about comes from its unit's dimension, the noun said with it, the
header's words, and which field's values can hold it. Nothing here names a field or a domain:
the words are data (language/measures.toml, people.toml), the fields are the schema's."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from recchat.catalog.schema import CatalogSchema, FieldInfo, FieldKind
from recchat.conversation.amounts import Amount, also_money, find_amounts, solo
from recchat.conversation.kinds import Found
from recchat.conversation.relative import read_relative
from recchat.conversation.spans import Span, Utterance
from recchat.domain import Constraint
from recchat.language import alternation, compound_parts, load
from recchat.language.units import plain_bound, units
from recchat.text import figure, stem

if TYPE_CHECKING:
    from recchat.catalog.library import CatalogIndex

ABOUT = float(load("comparisons")["about_share"]["share"])
_NEEDS_UNIT = frozenset({"money", "duration"})
_RESTATED = re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in load('comparisons')['restated']['words'])})$")
_UNWANTED = re.compile(rf"^\s*(?:{alternation(load('comparisons')['unwanted_after']['words'])})\b")
_DAY = 1440  # minutes: durations this long or longer are labelled in the unit said
_NOUN_WORDS = 3  # words before a bound that may name the field ("prep time under 15 minutes")


@dataclass(frozen=True)
class NumberField:
    info: FieldInfo
    nouns: frozenset[str]  # stems of its header's noun words
    whole: bool  # its values are whole numbers: "fewer than 4" means at most 3

    @property
    def name(self) -> str:
        return self.info.name

    def holds(self, value: float) -> bool:
        low, high = self.info.low, self.info.high
        return low is not None and high is not None and low <= value <= high


@dataclass(frozen=True)
class Pivot:
    """What a comparative is read against: each shown (or pointed-at) item's facts."""

    facts: Sequence[dict[str, object]] = ()


class MeasuredFields:
    """The catalog's number fields, and how amounts in chat land on them."""

    def __init__(self, schema: CatalogSchema, index: CatalogIndex, generic: frozenset[str] = frozenset()) -> None:
        """`generic`: stems of nouns for any item or this catalog's items ('course', 'option')."""
        self.generic = generic
        numeric = [f for f in schema.fields if f.kind in (FieldKind.NUMBER, FieldKind.RANGE) and f.role != "year"]
        whole: dict[str, bool] = {f.name: True for f in numeric}
        kind_field = schema.kind_field.name if schema.kind_field else None
        self._by_kind: dict[str, set[str]] = {}
        values: dict[str, dict[str, list[float]]] = {}  # kind -> field -> values
        for entry in index.entries:
            kind = str(entry.facts.get(kind_field, "")) if kind_field else ""
            for info in numeric:
                value = entry.facts.get(info.name)
                if value is None:
                    continue
                number = float(max(value)) if isinstance(value, list) else float(value)
                self._by_kind.setdefault(kind, set()).add(info.name)
                values.setdefault(kind, {}).setdefault(info.name, []).append(number)
                whole[info.name] = whole[info.name] and number.is_integer()
        self.fields = [NumberField(f, _nouns(f), whole[f.name]) for f in numeric]
        self._thirds = {kind: _thirds(found) for kind, found in values.items()}
        every: dict[str, list[float]] = {}
        for found in values.values():
            for name, numbers in found.items():
                every.setdefault(name, []).extend(numbers)
        self._thirds_all = _thirds(every)
        self.kind_field = kind_field

    def present(self, kinds: Sequence[str]) -> list[NumberField]:
        """The fields the items of the wanted kinds have (all, when no kind is wanted)."""
        if not kinds or self.kind_field is None:
            names = set().union(*self._by_kind.values()) if self._by_kind else set()
        else:
            names = set().union(*(self._by_kind.get(str(k).lower(), set()) for k in kinds))
        return [f for f in self.fields if f.name in names]

    def thirds(self, name: str, kinds: Sequence[str]) -> tuple[float, float] | None:
        """(a third, two thirds) of a field's values, among the one kind asked for if any."""
        table = self._thirds.get(str(kinds[0]).lower(), self._thirds_all) if len(kinds) == 1 else self._thirds_all
        return table.get(name) or self._thirds_all.get(name)

    def amounts(
        self,
        said: Utterance,
        taken: Sequence[Span],
        kinds: Sequence[str],
        recent: Sequence[str] = (),
        bounds: Mapping[str, str] | None = None,
    ) -> list[Found]:
        """Amounts said in numbers or number words, each on the field it is about (`recent`: the
        number fields the conversation asked about, oldest first; `bounds`: how each was bound)."""
        present = self.present(kinds)
        if not present:
            return []
        found: list[Found] = []
        alone = solo(said)
        people = [f for f in present if f.info.role == "people_count"]
        if alone is not None and people and not _overlaps(alone, taken):
            found.append(_found(people[0], "covers", 1.0, f"for one {_noun(people[0])}", alone, said))
        for amount in find_amounts(said):
            if _overlaps(amount.span, [*taken, *(f.span for f in found)]):
                continue
            restated = _restated(amount, said, present, recent, bounds or {})
            if restated is not None:
                found.append(restated)
                continue
            by_header = _header_unit(amount, said, present)  # 'under 100 g/km' of 'CO2 (g/km)'
            if by_header is not None:
                found.append(_constraint(by_header, replace(amount, unit=None, per=None), said))
                continue
            amount = _as_money(amount, said, present)
            if amount.per is not None:
                field, amount = _paid_for(amount, present)
            else:
                field, amount = _written_in(amount, present)
            field = field or self._field_for(amount, said, present, recent)
            if field is not None:
                found.append(_constraint(field, amount, said))
        return _one_each(found)

    def relative(
        self, said: Utterance, taken: Sequence[Span], kinds: Sequence[str], pivot: Pivot, already: set[str]
    ) -> list[Found]:
        """'short', 'cheap', 'shorter', 'cheaper' on fields this turn put no amount on (`already`)."""
        present = self.present(kinds)
        return read_relative(self, said, taken, present, kinds, pivot, already) if present else []

    def _field_for(
        self, amount: Amount, said: Utterance, present: list[NumberField], recent: Sequence[str] = ()
    ) -> NumberField | None:
        ages = [f for f in present if f.info.role == "age"]
        if amount.age and ages:
            return ages[0]
        people = [f for f in present if f.info.role == "people_count"]
        if amount.people or (amount.noun == "" and amount.unit is None and _said_for(said, amount)):
            return people[0] if people else None
        named = _named_before(said, amount)
        if amount.unit is not None:
            dimension = amount.unit.dimension
            # 'lives 12 years' is no daily exercise: a field whose values are far from the amount
            base = amount.in_base()[0]
            same = [f for f in present if f.info.dimension == dimension and _within(f, base, FAR)]
            if dimension == "rating" and not same:
                same = [f for f in present if f.nouns & {stem(amount.unit.id)}]
            return _choose(same, named | _noun_stems(amount.noun), amount.in_base()[0])
        if amount.noun:
            nouns = _noun_stems(amount.noun)
            # '1000 episodes' counts them (Episodes), no measure of one (Episode length); a field
            # that counts people is named by its own noun only ('7 seats' for Seats); a count is
            # no price or time ('one night' is not €1 'per night', 'on one charge' no minute of
            # 'Charge time'): those take a unit, a bound ('under 1800 pcm') or a rate ('30 a night')
            if amount.bound == "plain" and not amount.rate:
                present = [f for f in present if f.info.dimension not in _NEEDS_UNIT]
            named_by = (
                [f for f in present if f.nouns & nouns]
                or [f for f in present if _heads(f) & nouns]
                or [f for f in present if _dimension_named(f, nouns)]  # '85 points' of a score
            )
            return min(named_by, key=lambda f: (f.info.dimension is not None, len(f.nouns)), default=None)
        if named and (by_name := [f for f in present if f.nouns & named or _dimension_named(f, named)]):
            return _choose(by_name, named, amount.low)
        decimal = "." in said.text[amount.span.start : amount.span.end]
        mentioned = {stem(w) for w in re.findall(r"[a-z]+", said.lower) if len(w) >= 3}
        return _bare(amount, [f for f in present if not (decimal and f.whole)], recent, mentioned)


def _as_money(amount: Amount, said: Utterance, present: list[NumberField]) -> Amount:
    """'under 20 pounds' where nothing the catalog weighs comes near 20 lb but it has prices:
    money (units.toml [per_quantity] also_money)."""
    unit = amount.unit
    if unit is None or any(f.info.dimension == unit.dimension and _near(f, amount.in_base()[0]) for f in present):
        return amount
    currency = also_money(amount, said.lower)
    if currency is None or not any(f.info.dimension == "money" for f in present):
        return amount
    return replace(amount, unit=currency)


_HEADER_UNIT = re.compile(r"\(([^()]*[a-z][^()]*)\)\s*$")


def _header_unit(amount: Amount, said: Utterance, present: list[NumberField]) -> NumberField | None:
    """A number written with the unit a field's header gives in brackets, as the header writes
    it, where recchat reads no unit of its own in it ('100 g/km' of 'CO2 (g/km)')."""
    number = re.search(r"\d[\d.,]*", said.lower[amount.span.start : amount.span.end])
    if number is None:
        return None
    start = amount.span.start + number.end()
    written = re.match(r"\s*(\S+)", said.lower[start:])
    if written is None or "/" not in written.group(1):
        return None  # a plain unit ('45 g') is read as one already
    for field in present:
        header = _HEADER_UNIT.search(field.name.lower())
        if header is not None and header.group(1).replace(" ", "") == written.group(1).rstrip(".,;!?"):
            return field
    return None


def _written_in(amount: Amount, present: list[NumberField]) -> tuple[NumberField | None, Amount]:
    """'lives 12 years or more' where Life span reads '10-11 years' and no field of durations comes
    near: a count of the field whose cells are written in the unit said."""
    unit = amount.unit
    if unit is None or unit.dimension == "money":
        return None, amount
    if any(f.info.dimension == unit.dimension and _within(f, amount.in_base()[0], FAR) for f in present):
        return None, amount
    names = {name for name, other in units().in_chat.items() if other.id == unit.id}
    for field in present:
        written = [e.split()[-1].lower() for e in field.info.examples if e.split()]
        if field.info.dimension is None and written and all(w in names for w in written):
            return field, replace(amount, unit=None)
    return None, amount


FAR = 100.0  # times beyond a field's values: an amount this far off is about something else


def _within(field: NumberField, value: float, factor: float) -> bool:
    low, high = field.info.low, field.info.high
    return low is None or high is None or value == 0 or low / factor <= value <= high * factor


_REACH = load("comparisons")["reach_before"]
_REACH_WORDS = re.compile(rf"\b(?:{alternation(_REACH['words'])})\b")


def _reach_said(said: Utterance, span: Span) -> bool:
    """'can live to 9 at least': a range that reaches the amount will do (comparisons.toml)."""
    before = said.lower[: span.start].split()[-int(_REACH["window"]) :]
    return bool(_REACH_WORDS.search(" ".join(before)))


def _near(field: NumberField, value: float) -> bool:
    """Within a factor of two of the field's values: a weight of 68 kg is no headphones'."""
    low, high = field.info.low, field.info.high
    return low is None or high is None or low / 2 <= value <= high * 2


def _paid_for(amount: Amount, present: list[NumberField]) -> tuple[NumberField | None, Amount]:
    """A price said for a quantity ('30 quid a kilo'), on the money field whose header says the
    quantity it is for ('Price per 100g'), converted to that quantity (£3); without such a field,
    the price alone, on whichever money field it fits."""
    quantity = amount.per
    assert quantity is not None and quantity.unit is not None
    said_for = quantity.in_base()[0]
    for field in present:
        per = header_quantity(field.name)
        if field.info.dimension != "money" or per is None or per.unit is None or not said_for:
            continue
        if per.unit.dimension == quantity.unit.dimension:
            scale = per.in_base()[0] / said_for
            unit = amount.unit or units().symbols.get(str(field.info.measure.unit).lower())
            return field, replace(amount, low=amount.low * scale, high=amount.high * scale, unit=unit, per=None)
    return None, replace(amount, per=None)


@cache
def header_quantity(header: str) -> Amount | None:
    """The quantity a field's header says its number is for: 'Price per 100g' -> 100 g,
    'Price (per kg)' -> 1 kg, 'Price/litre' -> 1 l."""
    found = re.search(r"(?:\bper\b|/)\s*([^)]*)", header.lower())
    if found is None:
        return None
    text = found.group(1).strip()
    for said in (text, f"1 {text}"):
        amounts = find_amounts(Utterance(said))
        if len(amounts) == 1 and amounts[0].unit is not None and amounts[0].unit.dimension != "money":
            return amounts[0]
    return None


def _restated(
    amount: Amount, said: Utterance, present: list[NumberField], recent: Sequence[str], bounds: Mapping[str, str]
) -> Found | None:
    """'actually make it 100' after 'under 80': the new amount of the wish last bounded, with its
    bound (comparisons.toml [restated])."""
    if amount.bound != "plain" or amount.noun or not recent:
        return None
    if not _RESTATED.search(said.lower[: amount.span.start].rstrip()):
        return None
    for name in reversed(recent):
        field = next((f for f in present if f.name == name), None)
        bound = {"below": "at_most", "above": "at_least"}.get(bounds.get(name, ""), bounds.get(name, ""))
        if (
            field is not None
            and bound in ("at_most", "at_least")
            and (amount.unit is None or field.holds(amount.in_base()[0]))
        ):
            return _constraint(field, replace(amount, bound=bound), said)
    return None


def _bare(
    amount: Amount, present: list[NumberField], recent: Sequence[str], mentioned: Set[str] = frozenset()
) -> NumberField | None:
    """'under 30', 'over 100' with nothing to say what: the field last asked about that can hold
    it, else the one that can whose noun the utterance says elsewhere ('loads of episodes, like
    500+'), else the one field that can, else the one price that can ('9.0 or higher' is no
    count: the caller leaves out fields of whole numbers)."""
    if amount.bound in ("plain", "between") or amount.people:
        return None
    holding = [f for f in present if f.info.role not in ("people_count", "age") and f.holds(amount.low)]
    for name in reversed(recent):
        found = next((f for f in holding if f.name == name), None)
        if found is not None:
            return found
    said_of = [f for f in holding if f.nouns & mentioned]
    if len(said_of) == 1:
        return said_of[0]
    money = [f for f in holding if f.info.dimension == "money"]
    return holding[0] if len(holding) == 1 else money[0] if len(money) == 1 else None


def _one_each(found: list[Found]) -> list[Found]:
    """One amount a field: the first said with a bound ('my drive is about half an hour, nothing
    longer than 30 min'), else the last ('6 friends, so 7 of us')."""
    kept: dict[str, Found] = {}
    for one in found:
        earlier = kept.get(one.constraint.field)
        if earlier is None or _loose(earlier) or (not _bounded(earlier) and not _loose(one)):
            kept[one.constraint.field] = one
    return [f for f in found if kept.get(f.constraint.field) is f]


def _loose(found: Found) -> bool:
    return found.constraint.label.startswith("about ")


def _bounded(found: Found) -> bool:
    return found.constraint.op in ("at_most", "at_least", "reaches", "below", "above")


def _choose(candidates: list[NumberField], named: set[str], value: float) -> NumberField | None:
    """Of fields that could hold an amount: the one its words name, else one whose values reach
    it, else the one with the largest values (a total rather than a part of it)."""
    if not candidates:
        return None
    by_name = [f for f in candidates if f.nouns & named]
    holding = [f for f in (by_name or candidates) if f.holds(value)]
    pool = by_name or holding or candidates
    return max(pool, key=lambda f: (f.holds(value), f.info.high or 0.0, f.info.count))


def _constraint(field: NumberField, amount: Amount, said: Utterance) -> Found:
    unwanted = bool(_UNWANTED.match(said.lower[amount.span.end :]))  # "over 3.50 is too much for me"
    if amount.noun_span is not None:  # "for 8 people": the noun was said of the amount too
        amount = replace(amount, span=Span(amount.span.start, max(amount.span.end, amount.noun_span.end)))
    low, high = amount.in_base()
    noun = _noun(field)
    if field.info.role == "people_count":
        if amount.bound == "at_least":  # a game for 2-6 is one for 5 or more players
            return _found(field, "reaches", low, f"for {low:g} or more {noun}", amount.span, said)
        if amount.bound == "at_most":
            return _found(field, "at_most", low, f"for at most {low:g} {noun}", amount.span, said)
        if field.info.kind is FieldKind.NUMBER and low == high:
            # one number ('Servings: 8') is how many it is enough for: it serves fewer as well
            return _found(field, "at_least", low, f"for {low:g} {noun}", amount.span, said)
        value: object = low if low == high else (low, high)
        label = f"for {low:g} {noun}" if low == high else f"for {low:g} to {high:g} {noun}"
        return _found(field, "covers", value, label, amount.span, said)
    if field.info.role == "age":
        op = "covers" if field.info.kind is FieldKind.RANGE else "at_most"
        return _found(field, op, low, f"for age {low:g}", amount.span, said)
    shown = _shown(amount, said, field)
    step = 1.0 if field.whole and amount.strict and amount.unit is None else 0.0
    # labels speak in the unit said ('at most 5 mi'), values in the field's own (metres)
    said_low, said_high = (low, high) if shown == "minutes" or amount.unit is None else (amount.low, amount.high)
    bound = _plain_bound(amount, field) if amount.bound == "plain" else amount.bound
    if said.negated(amount.span) and bound == "at_least":
        bound = "at_most"  # "nothing longer than 30 minutes"
    elif unwanted:
        bound = {"at_least": "at_most", "at_most": "at_least"}.get(bound, bound)
    if bound == "at_most":
        label = f"at most {_amount_label(said_low - step, shown)}"
        return _found(field, "at_most", low - step, label, amount.span, said)
    if bound == "at_least":
        label = f"at least {_amount_label(said_low + step, shown)}"
        op = "reaches" if field.info.kind is FieldKind.RANGE and _reach_said(said, amount.span) else "at_least"
        return _found(field, op, low + step, label, amount.span, said)
    if bound == "between":
        label = f"{_amount_label(said_low, shown)} to {_amount_label(said_high, shown)}"
        return _found(field, "between", (low, high), label, amount.span, said)
    if bound == "exactly":
        found = _found(field, "between", (low, low), _amount_label(said_low, shown), amount.span, said)
    else:
        spread = (low * (1 - ABOUT), high * (1 + ABOUT))
        found = _found(field, "between", spread, f"about {_amount_label(said_low, shown)}", amount.span, said)
    if amount.bound == "plain" and said.negated(amount.span):  # 'no 36v ones': not that amount
        constraint = found.constraint
        label = constraint.label.removeprefix("about ")
        found = replace(found, constraint=replace(constraint, negated=True, label=f"not {label}"))
    return found


def _plain_bound(amount: Amount, field: NumberField) -> str:
    """A number said with no bound: '10 seasons' is ten; 'a 30 minute game', 'a 10 km hike' no
    longer; 'a $20 wine', 'a 14 inch laptop' about that (language/units.toml)."""
    if amount.unit is None:
        return "exactly"
    if field.nouns & _lasting():
        return "at_least"  # '40h battery', 'a 100 km range': what lasts, the longer the better
    return plain_bound(amount.unit.id, field.info.dimension or amount.unit.dimension)


@cache
def _lasting() -> frozenset[str]:
    return frozenset(stem(w) for w in load("fields")["lasting"]["words"])


def _shown(amount: Amount, said: Utterance, field: NumberField) -> str:
    """How the amount's unit reads in a label: 'minutes' for durations, '$' (or the currency),
    the unit said ('miles', 'ft', '%'), else the field's noun ('seasons')."""
    unit = field.info.measure.unit
    if field.info.dimension == "duration":
        # 'aged at least 2 years' reads so, not in minutes; an hour or less reads in minutes
        long = amount.unit is not None and amount.unit.factor >= _DAY
        return f"{amount.unit.id}s" if long and amount.unit is not None else "minutes"
    if field.info.dimension == "money":
        said_unit = amount.unit.id if amount.unit is not None and amount.unit.id else unit
        return "$" if said_unit in (None, "USD") else str(said_unit)
    if amount.unit is not None:
        return amount.unit.id
    return _noun(field)


def _amount_label(value: float, shown: str) -> str:
    if value == 1 and shown.endswith("s") and shown != "minutes":
        shown = shown[:-1]  # 'at least 1 year'
    if shown == "$":
        return f"${figure(value)}"
    if shown == "%":
        return f"{figure(value)}%"
    return f"{figure(value)} {shown}".strip()


def _found(field: NumberField, op: str, value: object, label: str, span: Span, said: Utterance) -> Found:
    constraint = Constraint("number", field.name, op, value, False, label, said.text[span.start : span.end])
    return Found(constraint, span)


def _nouns(info: FieldInfo) -> frozenset[str]:
    words = re.findall(r"[a-z]+", f"{info.measure.noun} {info.name}".lower())
    return frozenset(stem(w) for w in words if len(w) >= 3)


@cache
def _heads(field: NumberField) -> frozenset[str]:
    """The first part of a compound word of the field's name, when both parts are words: '2 bed'
    counts Bedrooms, '2 bath' Bathrooms (said only where no field has the noun itself)."""
    words = re.findall(r"[a-z]+", field.info.name.lower())
    return frozenset(stem(head) for word in words for head, _ in compound_parts(word, plural_tail=True))


def _noun(field: NumberField) -> str:
    return field.info.measure.noun or field.info.name.lower()


def _noun_stems(noun: str) -> set[str]:
    """The noun's words, and the thing an '-er' word counts ('a 7 seater': seats, 'a 3 bedder')."""
    found = {stem(w) for w in noun.split() if len(w) >= 3}
    for word in noun.split():
        if len(word) >= 5 and word.endswith("er"):
            base = word[:-2]
            found.add(stem(base[:-1] if len(base) >= 4 and base[-1] == base[-2] else base))
    return found


def _named_before(said: Utterance, amount: Amount) -> set[str]:
    """Words just before an amount (and its bound) that may name its field: 'rated', 'price',
    'abv', 'prep time'."""
    before = said.lower[said.clause_of(amount.span.start).start : amount.span.start]
    before = re.split(r"[,;]", before)[-1]  # 'lots of cargo space, under 30 grand': another wish's noun
    return {stem(w) for w in re.findall(r"[a-z]+", before)[-_NOUN_WORDS:] if len(w) >= 3}


def _dimension_named(field: NumberField, named: set[str]) -> bool:
    """'rated 4.5 or more', 'price under 30': a word that names the field's dimension."""
    return bool(field.info.dimension) and any(_measure_word(word) == field.info.dimension for word in named)


def _measure_word(word: str) -> str | None:
    for entry in load("fields")["measure"]:
        if word in {stem(w) for w in entry["words"]}:
            return str(entry["dimension"])
    return None


def _said_for(said: Utterance, amount: Amount) -> bool:
    """'a game for 4': a bare number after 'for' is how many people (where items count them)."""
    return bool(re.search(r"\bfor\s+(?:up\s+to\s+|about\s+|around\s+)?$", said.lower[: amount.span.start]))


def _overlaps(span: Span, taken: Sequence[Span]) -> bool:
    return any(span.overlaps(t) for t in taken)


def _thirds(values: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """(a third, two thirds) of each field's values: where 'short' ends and 'long' begins."""
    thirds = {}
    for name, found in values.items():
        ordered = sorted(found)
        if ordered:
            thirds[name] = (ordered[len(ordered) // 3], ordered[2 * len(ordered) // 3])
    return thirds
