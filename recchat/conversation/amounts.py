"""Amounts in what people type: a number in digits or words ("15", "1,200", "100k", "fifteen",
"two hundred", "a couple"), with its unit ("45 mins", "an hour and a half", "three quarters of
an hour", "1h30", "$30", "20 bucks", "13%", "5 miles", "4.5 stars"), a range ("10-20 km",
"between 2 and 4 hours"), the words that bound it ("under", "or less", "at least", "about") and
the noun that follows it ("4 players", "300 pages", "10 seasons"). Which field an amount is about
is decided elsewhere (conversation/measured.py); here is only what was said. The words are data
(language/numbers.toml, units.toml, comparisons.toml, people.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from recchat.conversation.spans import Span, Utterance
from recchat.language import load, words
from recchat.language.units import Unit, units
from recchat.text import STOPWORDS

# a unit with a power ('m2', 'm²', 'km²') is one token, not metres and a number; so is a unit
# per another ('km/h')
_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]{1,3}[23²³](?![\d.])|[a-z]{1,3}/[a-z](?![a-z])"
    r"|[a-z]+(?:'[a-z]+)?|[$€£¥₹%+~<>≤≥½]|[-–—/]"
)
MAX_NOUN_WORDS = 2


@dataclass(frozen=True)
class Amount:
    """One amount as said: (low, high) in `unit` (None: a plain count), where, and how bound."""

    low: float
    high: float
    unit: Unit | None
    span: Span  # the number and its unit, widened to the bounding words once they are read
    bound: str = "plain"  # "at_most", "at_least", "about", "between", "plain"
    strict: bool = False  # "fewer than 4" excludes 4 where whole things are counted
    noun: str = ""  # words right after it that are no unit ("players", "seasons")
    rate: bool = False  # the noun is what it is paid for: '300 a night'
    noun_span: Span | None = None
    people: bool = False  # said as how many people: "we're 6", "for 4 players", "solo"
    age: bool = False  # said as an age: "who's 10", "a 12 year old"
    per: Amount | None = None  # the quantity it is paid for: '£3 per 100g', '30 quid a kilo'

    @property
    def single(self) -> float:
        return self.low

    def in_base(self) -> tuple[float, float]:
        if self.unit is None:
            return self.low, self.high
        return self.unit.to_base(self.low), self.unit.to_base(self.high)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


@cache
def _vocabulary() -> dict[str, dict[str, float]]:
    numbers = load("numbers")
    table = {
        section: {k: float(v) for k, v in numbers[section].items() if k != "example"}
        for section in ("cardinals", "scales", "phrases", "fractions")
    }
    return table


def find_amounts(said: Utterance) -> list[Amount]:
    """Every amount in the utterance, with its bound and the noun after it, in order."""
    # a multiplier's case is kept: "1M" is a million, "1m" a metre or a minute
    tokens = [
        _Token("M" if said.text[m.start() : m.end()] == "M" else m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(said.lower)
    ]
    found: list[Amount] = []
    i = 0
    while i < len(tokens):
        read = _amount_at(tokens, i, said.lower)
        if read is None:
            i += 1
            continue
        amount, i = read
        found.append(amount)
    found = _per_quantity(_ranges(found, said.lower), said)
    return [_bounded(_with_noun(_as_people(a, said.lower), said.lower), said.lower) for a in found]


_NO_NOUN = frozenset(load("numbers")["not_nouns"]["words"])  # 'under 20 grand if poss': no noun


_PER = load("units")["per_quantity"]
# the words between a price and the quantity it is for: '£3 per 100g', '30 quid a kilo'
_PER_JOIN = re.compile(rf"\s*(?:(?:{'|'.join(re.escape(w) for w in _PER['words'])})\s*)?")


def also_money(amount: Amount, text: str) -> Unit | None:
    """The currency a unit word of the amount also names ('pound': GBP), if it does."""
    word = text[amount.span.start : amount.span.end].split()[-1]
    return units().symbols.get(str(_PER["also_money"].get(word, "")).lower())


def _per_quantity(found: list[Amount], said: Utterance) -> list[Amount]:
    """'£3 per 100g', '30 quid a kilo', '3.50 a 100g': a price and the quantity it is for, one
    amount (units.toml [per_quantity]); '3 pound per 100g' is money, as no weight is paid in weight."""
    merged: list[Amount] = []
    i = 0
    while i < len(found):
        price = found[i]
        quantity = found[i + 1] if i + 1 < len(found) else None
        between = said.lower[price.span.end : quantity.span.start] if quantity else ""
        if (
            quantity is not None
            and quantity.unit is not None
            and quantity.unit.dimension not in ("money", "duration")  # '8 a day' is a rate's noun
            and _PER_JOIN.fullmatch(between)
            and (between.strip() or said.lower[quantity.span.start :].startswith(("a ", "an ")))
            and (price.unit is None or price.unit.dimension in ("money", quantity.unit.dimension))
        ):
            unit = price.unit
            if unit is not None and unit.dimension == quantity.unit.dimension:
                unit = also_money(price, said.lower)
            if unit is not None or price.unit is None:
                merged.append(replace(price, unit=unit, per=quantity, span=Span(price.span.start, quantity.span.end)))
                i += 2
                continue
        merged.append(price)
        i += 1
    return merged


def _amount_at(tokens: list[_Token], i: int, text: str) -> tuple[Amount, int] | None:
    """A number (with its unit) starting at token i, and the index after it."""
    currency, j = _currency_before(tokens, i)
    number = _number(tokens, j)
    if number is None:
        return _unit_alone(tokens, i)
    value, j = number
    if j < len(tokens) and tokens[j].text == "+" and currency is None:
        end = tokens[j].end
        amount = Amount(value, value, None, Span(tokens[i].start, end), "at_least")
        unit, k = _unit(tokens, j + 1)
        return (
            (replace(amount, unit=unit, span=Span(tokens[i].start, tokens[k - 1].end)), k) if unit else (amount, j + 1)
        )
    unit, k = _unit(tokens, j)
    if currency is not None and (unit is None or unit.dimension != "money"):
        unit, k = currency, j
    if unit is None and any(t.text in load("units")["money_scales"]["words"] for t in tokens[i:j]):
        unit = Unit("", "money", 1.0)  # '20 grand': money in the catalog's currency
    value, k = _and_a_half(tokens, k, value, unit)
    value, k = _compound(tokens, k, value, unit)
    end = tokens[k - 1].end
    return Amount(value, value, unit if unit is not None else None, Span(tokens[i].start, end)), k


def _currency_before(tokens: list[_Token], i: int) -> tuple[Unit | None, int]:
    symbol = units().symbols.get(tokens[i].text)
    if symbol is not None and tokens[i].text in {"$", "€", "£", "¥", "₹"} and i + 1 < len(tokens):
        return symbol, i + 1
    return None, i


def _number(tokens: list[_Token], i: int) -> tuple[float, int] | None:
    """Digits ('1,200', '2.5', '100k') or number words ('twenty five', 'two hundred', 'a couple',
    'a dozen', 'half an', 'three quarters of an')."""
    if i >= len(tokens):
        return None
    text = tokens[i].text
    if text[0].isdigit():
        value = float(text.replace(",", ""))
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and following.start == tokens[i].end:
            factor = units().multipliers.get(following.text if len(following.text) == 1 else following.text.lower())
            if factor is not None and following.text in {"k", "M", "thousand", "million", "bn"}:
                return value * factor, i + 2
        scale = _vocabulary()["scales"].get(following.text) if following is not None else None
        if isinstance(scale, int | float) and scale >= 1000:  # '5 thousand', '30 grand'
            return value * scale, i + 2
        return value, i + 1
    for size in (4, 3, 2, 1):  # phrases and fractions of several words first
        phrase = " ".join(t.text for t in tokens[i : i + size])
        for section in ("fractions", "phrases"):
            said = _vocabulary()[section].get(phrase)
            if said is not None and len(tokens[i : i + size]) == size:
                if section == "fractions" and _unit(tokens, i + size)[0] is None:
                    continue  # 'half' alone is no amount; 'half an hour' is
                return said, i + size
    return _number_words(tokens, i)


def _number_words(tokens: list[_Token], i: int) -> tuple[float, int] | None:
    cardinals, scales = _vocabulary()["cardinals"], _vocabulary()["scales"]
    total, current, j = 0.0, None, i
    while j < len(tokens):
        word = tokens[j].text
        if word in cardinals:
            current = (current or 0.0) + cardinals[word]
        elif word in scales and (current is not None or word != "thousand"):
            total += (current if current is not None else 1.0) * scales[word]
            current = None
        elif word in {"and", "-"} and current is not None and j + 1 < len(tokens) and tokens[j + 1].text in cardinals:
            pass  # 'two hundred and fifty', 'twenty-five'
        elif word == "a" and j + 1 < len(tokens) and tokens[j + 1].text in scales:
            current = 1.0
        else:
            break
        j += 1
    if j == i or (current is None and total == 0.0 and j - i == 1 and tokens[i].text not in cardinals):
        return None
    return total + (current or 0.0), j


def _unit_alone(tokens: list[_Token], i: int) -> tuple[Amount, int] | None:
    """'an hour', 'a mile', 'one hour': an article before a unit is one of it; 'a tenner' is
    money in whatever currency the catalog uses (units.toml [money_nouns])."""
    if tokens[i].text not in set(load("numbers")["articles"]["words"]):
        return None
    money = load("units")["money_nouns"]["words"].get(tokens[i + 1].text) if i + 1 < len(tokens) else None
    if money is not None:
        return Amount(
            float(money), float(money), Unit("", "money", 1.0), Span(tokens[i].start, tokens[i + 1].end)
        ), i + 2
    unit, k = _unit(tokens, i + 1)
    if unit is None or k != i + 2 or unit.dimension == "money":
        return None
    value, k = _and_a_half(tokens, k, 1.0, unit)
    return Amount(value, value, unit, Span(tokens[i].start, tokens[k - 1].end)), k


def _unit(tokens: list[_Token], j: int) -> tuple[Unit | None, int]:
    """A unit at token j (two-word names first: 'per cent'), and the index after it."""
    for size in (2, 1):
        if j + size <= len(tokens):
            name = " ".join(t.text for t in tokens[j : j + size])
            unit = units().named(name, chat=True)
            if unit is not None:
                return unit, j + size
    return None, j


def _and_a_half(tokens: list[_Token], k: int, value: float, unit: Unit | None) -> tuple[float, int]:
    """'an hour and a half', '2 and a half hours' (the half said before the unit is taken by
    the number words; this reads it after the unit)."""
    for phrase in load("numbers")["and_a_half"]["words"]:
        size = len(phrase.split())
        if " ".join(t.text for t in tokens[k : k + size]) == phrase and unit is not None:
            return value + 0.5, k + size
    return value, k


def _compound(tokens: list[_Token], k: int, value: float, unit: Unit | None) -> tuple[float, int]:
    """'1h30', '1 hour 30 minutes', '2 hours and 15 minutes': the smaller part in the first unit."""
    if unit is None or unit.dimension != "duration" or k >= len(tokens):
        return value, k
    j = k + (tokens[k].text == "and")
    if j < len(tokens) and tokens[j].text[0].isdigit():
        minor, after = _unit(tokens, j + 1)
        if minor is not None and minor.dimension == "duration" and minor.factor < unit.factor:
            return value + minor.to_base(float(tokens[j].text)) / unit.factor, after
        if minor is None and unit.id == "h" and tokens[j].start == tokens[k - 1].end:
            return value + float(tokens[j].text) / 60, j + 1  # '1h30'
    return value, k


def _ranges(found: list[Amount], text: str) -> list[Amount]:
    """'10-20 km', '10 to 20 minutes', 'between 2 and 4 hours', '2 or 3 players': one range."""
    joiners = set(load("comparisons")["between"]["joiners"])
    merged: list[Amount] = []
    for amount in found:
        last = merged[-1] if merged else None
        between = text[last.span.end : amount.span.start].strip() if last else ""
        if last is not None and between in joiners and last.high <= amount.low:
            unit = amount.unit or last.unit
            low = last.low if last.unit in (None, unit) or unit is None else last.unit.to_base(last.low) / unit.factor
            low *= _shared_multiplier(text, last, amount)
            merged[-1] = Amount(low, amount.high, unit, Span(last.span.start, amount.span.end), "between")
            continue
        merged.append(amount)
    return merged


def _shared_multiplier(text: str, first: Amount, second: Amount) -> float:
    """'15-25k', '1.5 to 2m': the multiplier said once, after the second number, is the first's too."""
    said = [re.match(r"[\d][\d,]*(?:\.\d+)?", text[a.span.start : a.span.end]) for a in (first, second)]
    plain = [float(m.group().replace(",", "")) for m in said if m is not None]
    if len(plain) != 2:
        return 1.0
    factor = second.low / plain[1] if plain[1] else 1.0
    if first.low == plain[0] and factor in (1e3, 1e6) and first.low * factor <= second.high:
        return factor
    return 1.0


@cache
def _bound_patterns(part: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per bound, one pattern of all its words said before (ending the text) or after (starting
    it) an amount, longest first."""
    found = []
    for bound in ("at_most", "at_least", "about", "between"):
        phrases = words("comparisons", bound, part) if part in load("comparisons")[bound] else ()
        if not phrases:
            continue
        listed = "|".join(re.escape(p) for p in phrases)
        pattern = rf"(?:^|(?<=[\s(]))({listed})\s*$" if part == "before" else rf"\s*({listed})(?![a-z])"
        found.append((bound, re.compile(pattern)))
    return tuple(found)


def _bounded(amount: Amount, text: str, *, after_only: bool = False) -> Amount:
    """The words that bound an amount, before or after it; the span widened to them."""
    data = load("comparisons")
    before = text[: amount.span.start]
    if amount.bound in ("plain", "between") and not after_only:  # '5k+': the '+' said it already
        for bound, pattern in _bound_patterns("before"):
            found = pattern.search(before)
            if found is None or _suggested(before[: found.start()], found.group(1), data.get(bound, {})):
                continue
            if bound == "between" and amount.bound != "between":
                continue
            if bound == "about":  # 'like 4.5 stars or more', 'like 15-25k': the firmer words win
                firmer = _bounded(amount, text, after_only=True)
                if firmer.bound != amount.bound or amount.bound == "between":
                    return replace(firmer, span=Span(found.start(1), firmer.span.end))
            strict = found.group(1) in data.get(bound, {}).get("strict", [])
            kind = amount.bound if bound == "between" else bound
            return replace(amount, bound=kind, strict=strict, span=Span(found.start(1), amount.span.end))
    ends = [amount.span.end] + ([amount.noun_span.end] if amount.noun_span is not None else [])
    for end in ends:  # '5 or more players', '3 seasons or less'
        for bound, pattern in _bound_patterns("after"):
            if bound in ("at_most", "at_least", "about") and (found := pattern.match(text, end)) is not None:
                return replace(amount, bound=bound, span=Span(amount.span.start, max(ends[-1], found.end())))
    return amount


def _suggested(before: str, phrase: str, entry: dict[str, object]) -> bool:
    """'what about 2011', 'how about 20': the bound word suggests, it does not bound."""
    openers = entry.get("not_after", ())
    last = re.search(r"([a-z]+)\s*$", before)
    return phrase == "about" and last is not None and last.group(1) in openers  # type: ignore[operator]


def _as_people(amount: Amount, text: str) -> Amount:
    """'we're 6', 'party of 10', 'serves 4': a number said as how many people; 'who's 10', '12
    year old': an age."""
    if amount.unit is not None:
        return amount
    before = text[: amount.span.start]
    groups = words("people", "groups")
    for phrase in groups:
        found = re.search(rf"(?:^|(?<=\s))({re.escape(phrase)})\s+(?:about\s+|around\s+|like\s+)?$", before)
        if found is not None:
            return replace(amount, people=True, span=Span(found.start(1), amount.span.end))
    ages = load("people")["ages"]
    after = text[amount.span.end :]
    if any(re.search(rf"(?:^|\s){re.escape(p)}\s+(?:about\s+|around\s+)?$", before) for p in ages["before"]) or any(
        re.match(rf"[\s-]*{re.escape(p)}\b", after) for p in ages["after"]
    ):
        return replace(amount, age=True)
    return amount


def _with_noun(amount: Amount, text: str) -> Amount:
    """The words right after an amount, when they may name what it counts ('4 players', '10
    seasons', '100k students'), and whether they are people."""
    after = text[amount.span.end :]
    if amount.unit is not None and amount.unit.dimension != "rating":
        # '3000 ft of elevation gain', '700 m of gain': words that say which field, no count
        named = re.match(
            r"(\s+(?:of\s+)?)(?!(?:or|and|to|but)\b)([a-z]+)(?:\s+(?!(?:or|and|to|but)\b)([a-z]+))?", after
        )
        if named is None or named.group(2) in STOPWORDS:
            return amount  # 'under 1.3 kg with at least 16 gb': 'with' names no field
        second = named.group(3) and named.group(3) not in STOPWORDS
        end = amount.span.end + named.end(3 if second else 2)
        noun = f"{named.group(2)} {named.group(3)}" if second else named.group(2)
        return replace(amount, noun=noun, noun_span=Span(amount.span.end + len(named.group(1)), end))
    skip = 0
    for bound in ("at_most", "at_least"):  # '5 or more players': the noun after the bound
        for phrase in words("comparisons", bound, "after"):
            bounded = re.match(rf"\s*{re.escape(phrase)}(?![a-z])", after)
            if bounded is not None and phrase[:1].isalpha():
                skip = max(skip, bounded.end())
    found = re.match(r"([\s-]+)([a-z]+(?:'[a-z]+)?)(?:\s+([a-z]+))?", after[skip:])
    if found is None or found.group(2) in _NO_NOUN:
        return amount  # 'under 20 grand if poss': 'if' names nothing
    start = amount.span.end + skip + len(found.group(1))
    two = f"{found.group(2)} {found.group(3)}" if found.group(3) else ""
    people = words("people", "nouns")
    if two and two in people:
        noun, end = two, amount.span.end + skip + found.end(3)
    elif found.group(3) and found.group(2) in load("numbers")["rates"]["words"]:  # '300 a night'
        noun, end = found.group(3), amount.span.end + skip + found.end(3)
        return replace(amount, noun=noun, noun_span=Span(start, end), rate=True)
    else:
        noun, end = found.group(2), amount.span.end + skip + found.end(2)
    return replace(amount, noun=noun, noun_span=Span(start, end), people=amount.people or noun in people)


def solo(said: Utterance) -> Span | None:
    """'solo', 'by myself', 'just me': one person."""
    for phrase in words("people", "solo"):
        found = re.search(rf"\b{re.escape(phrase)}\b", said.lower)
        if found is not None:
            return Span(found.start(), found.end())
    return None
