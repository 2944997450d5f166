"""Every entry of recchat/language/*.toml says what it is for with an example; here each example
is read the way recchat reads it, and must come out as the entry says. A new phrasing is a data
line and, through its example, a test line."""

from __future__ import annotations

from typing import Any

import pytest

from recchat.catalog.library import CatalogIndex, index_entry
from recchat.catalog.measures import header_is, header_noun, header_says
from recchat.catalog.record import item_metadata
from recchat.catalog.schema import FieldKind, learn_schema
from recchat.conversation.amounts import find_amounts, solo
from recchat.conversation.day_parts import parts_of_week, times_of_day
from recchat.conversation.measured import MeasuredFields, Pivot
from recchat.conversation.references import Shown, read_references
from recchat.conversation.relative import ordinal_fields, read_scaled
from recchat.conversation.spans import NEGATOR, Span, Utterance
from recchat.conversation.times import YearContext, read_years
from recchat.conversation.values import ValueVocabulary
from recchat.domain import Item
from recchat.language import common_words, load
from recchat.language.detect import foreign_language
from recchat.language.quantities import read_cell
from recchat.language.units import units
from recchat.vocabulary import SUBJECT_GROUPS, TAG_FALLBACKS, TAG_SYNONYMS


def catalog(items: list[Item]) -> tuple[Any, CatalogIndex]:
    schema = learn_schema(items)
    index = CatalogIndex([index_entry(i.id, item_metadata(i, "t:1", ""), schema) for i in items])
    return schema, index


def items_with(**fields: list[Any]) -> list[Item]:
    count = len(next(iter(fields.values())))
    return [Item(f"i{n}", f"Item {n}", metadata={k: v[n] for k, v in fields.items()}) for n in range(count)]


# -- units.toml --------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", load("units")["unit"] + load("units")["currency"], ids=lambda e: str(e["id"]))
def test_each_unit_reads_its_example(entry: dict[str, Any]) -> None:
    text, base = entry["example"]
    if "names" in entry and not entry["names"]:  # a unit of chat only ('2 years'): cells keep it as a word
        assert read_cell(text) is None or read_cell(text).unit is None  # type: ignore[union-attr]
        (found,) = find_amounts(Utterance(text))
    else:
        found = read_cell(text)  # type: ignore[assignment]
    assert found is not None and found.unit is not None and found.unit.id == entry["id"]
    assert found.in_base()[0] == pytest.approx(base, rel=1e-3)


def test_money_words_and_multipliers() -> None:
    text, amount = load("units")["money_words"]["example"]
    found = read_cell(text)
    assert found is not None and found.low == amount and found.unit is not None and found.unit.dimension == "money"
    text, amount = load("units")["multipliers"]["example"]
    assert read_cell(text) is not None and read_cell(text).low == amount  # type: ignore[union-attr]
    text, amount = load("units")["money_nouns"]["example"]
    said = find_amounts(Utterance(text))
    assert [(a.low, a.bound, a.unit.dimension if a.unit else None) for a in said] == [(amount, "at_most", "money")]


@pytest.mark.parametrize("name", list(load("units")["dimensions"]))
def test_each_dimension_has_an_example_of_its_kind(name: str) -> None:
    found = read_cell(load("units")["dimensions"][name]["example"])
    assert found is not None and found.unit is not None and found.unit.dimension == name


# -- numbers.toml ------------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["cardinals", "scales", "phrases", "fractions", "articles", "and_a_half"])
def test_numbers_in_words(section: str) -> None:
    text, value = load("numbers")[section]["example"]
    amounts = find_amounts(Utterance(text))
    assert amounts, text
    amount = amounts[0]
    said = amount.in_base()[0] if amount.unit is not None else amount.low
    assert said == pytest.approx(value)


def test_a_rate_names_what_the_amount_is_for() -> None:
    text, noun = load("numbers")["rates"]["example"]
    assert [a.noun for a in find_amounts(Utterance(text))] == [noun]


def test_ordinals_point_at_the_last_list() -> None:
    text, position = load("numbers")["ordinals"]["example"]
    shown = [Shown(f"i{n}", f"Item {n}") for n in range(5)]
    pointed = read_references(Utterance(text), shown, [])
    assert [r.item_id for r in pointed.references] == [f"i{position - 1}"]


# -- comparisons.toml --------------------------------------------------------------------------


@pytest.mark.parametrize("bound", ["at_most", "at_least", "about", "between"])
def test_each_bound_reads_its_example(bound: str) -> None:
    text, expected = load("comparisons")[bound]["example"]
    assert find_amounts(Utterance(text))[0].bound == expected


# -- negation.toml -----------------------------------------------------------------------------


def test_negators_and_the_scope_they_govern() -> None:
    data = load("negation")
    for section in ("negators", "do_not"):
        text, negator = data[section]["example"]
        assert [m.group().lower() for m in NEGATOR.finditer(text)] == [negator]
    text, _ = data["not_negating"]["example"]
    said = Utterance(text)
    assert not said.negated(_span_of(said, "funny"))
    text, opener = data["scope"]["example"]
    said = Utterance(text)
    assert said.negated(_span_of(said, "violent")) and not said.negated(_span_of(said, "arrival"))
    assert opener in text


def _span_of(said: Utterance, word: str) -> Span:
    start = said.lower.index(word)
    return Span(start, start + len(word))


# -- kinds.toml, synonyms.toml, places.toml, subjects.toml -------------------------------------


@pytest.mark.parametrize("group", load("kinds")["group"], ids=lambda g: g["example"][1])
def test_each_kind_group_reads_its_example(group: dict[str, Any]) -> None:
    from recchat.conversation.kinds import KindReader

    text, value = group["example"]
    schema, _ = catalog(items_with(type=[value, "other", value, "other", value, "other"]))
    found = KindReader(schema).read(Utterance(text), [])
    assert [f.constraint.value for f in found] == [value]


def test_verbs_name_a_kind() -> None:
    from recchat.conversation.kinds import KindReader

    text, value = load("kinds")["verbs"]["example"]
    schema, _ = catalog(items_with(type=[value, "movie", value, "movie", value, "movie"]))
    assert [f.constraint.value for f in KindReader(schema).read(Utterance(text), [])] == [value]


@pytest.mark.parametrize(("phrase", "target"), sorted(TAG_SYNONYMS.items()))
def test_each_everyday_word_names_its_value(phrase: str, target: str) -> None:
    schema, index = catalog([Item(f"i{n}", f"Item {n}", tags=(target, "other")) for n in range(4)])
    vocabulary = ValueVocabulary(schema, index, index.tag_vocabulary())
    assert vocabulary.tags_in(f"something {phrase} please") == (target,)


@pytest.mark.parametrize(("value", "broader"), sorted(TAG_FALLBACKS.items()))
def test_a_missing_value_falls_back_to_the_broader_one(value: str, broader: str) -> None:
    phrase = next((p for p, t in TAG_SYNONYMS.items() if t == value), value)
    schema, index = catalog([Item(f"i{n}", f"Item {n}", tags=(broader, "other")) for n in range(4)])
    assert ValueVocabulary(schema, index, index.tag_vocabulary()).tags_in(phrase) == (broader,)


@pytest.mark.parametrize("place", load("places")["place"], ids=lambda p: p["names"][0])
def test_each_place_is_read_by_its_other_names(place: dict[str, Any]) -> None:
    text, named = place["example"]
    value = named.title() if len(named) > 3 else named.upper()
    others = ["Elsewhere", "Nowhere", value, "Elsewhere", value, "Nowhere", "Elsewhere", value]
    schema, index = catalog(items_with(Country=others))
    found = ValueVocabulary(schema, index).values_in(text)
    assert [v.text for v in found] == [value]


def test_subject_groups_back_up_their_example() -> None:
    said, word = load("subjects")["example"]
    assert any(word in group and any(w in said.split() for w in group) for group in SUBJECT_GROUPS)


# -- measures.toml, scales.toml ----------------------------------------------------------------

_CELLS = {
    "duration": ["20 min", "45 min", "90 min", "2 hours", "3 hours", "30 min"],
    "distance": ["2 km", "5 km", "9 km", "14 km", "20 km", "3 km"],
    "money": ["$9", "$15", "$25", "$40", "$90", "$12"],
    "rating": [3.1, 3.6, 4.0, 4.4, 4.8, 3.9],
    "weight": ["0.9 kg", "1.2 kg", "1.5 kg", "2.0 kg", "2.6 kg", "1.1 kg"],
    "energy": ["120 kcal", "300 kcal", "450 kcal", "600 kcal", "800 kcal", "250 kcal"],
    "percent": ["8%", "11.5%", "12.5%", "13.5%", "15%", "14%"],
    "area": ["28 m²", "45 m²", "62 m²", "80 m²", "120 m²", "38 m²"],
}


@pytest.mark.parametrize(
    "entry",
    load("measures")["adjective"] + load("measures")["comparative"],
    ids=lambda e: e["example"][0],
)
def test_each_measure_word_moves_its_field(entry: dict[str, Any]) -> None:
    text, direction = entry["example"]
    dimension = entry["dimensions"][0] if entry["dimensions"] else None
    cells = _CELLS[dimension] if dimension else [120, 250, 320, 480, 700, 150]
    counted = next((n.title() for n in entry["nouns"] if n.endswith("s")), "Pages")
    name = counted if dimension is None else {"rating": "Rating", "money": "Price"}.get(dimension, "Amount")
    name = str(entry["named"][0]).title() if entry.get("named") else name  # 'tall': a field named for height
    schema, index = catalog(items_with(**{name: cells}))
    fields = MeasuredFields(schema, index)
    pivot = Pivot(
        ({f.name: 300.0 for f in fields.fields} | {f.name: 3.9 for f in fields.fields if f.info.dimension == "rating"},)
    )
    found = fields.relative(Utterance(text), [], (), pivot, set())
    ops = {"low": "at_most", "high": "at_least", "less": "below", "more": "above"}
    assert [f.constraint.op for f in found] == [ops[direction]]


@pytest.mark.parametrize("entry", load("measures")["none"], ids=lambda e: e["example"][0])
def test_each_word_for_none_or_some_bounds_the_field_at_zero(entry: dict[str, Any]) -> None:
    text, direction = entry["example"]
    schema, index = catalog(items_with(Price=["Free", "$9", "Free", "$25", "$40", "$12"]))
    found = MeasuredFields(schema, index).relative(Utterance(text), [], (), Pivot(), set())
    op = {"none": "at_most", "some": "above"}[direction]
    assert [(f.constraint.field, f.constraint.op, f.constraint.value) for f in found] == [("Price", op, 0.0)]
    # not where no item costs nothing, nor of another thing ('free wifi'), nor 'gluten free'
    schema, index = catalog(items_with(Price=["$5", "$9", "$7", "$25", "$40", "$12"]))
    assert MeasuredFields(schema, index).relative(Utterance(text), [], (), Pivot(), set()) == []
    schema, index = catalog(items_with(Price=["Free", "$9", "Free", "$25", "$40", "$12"]))
    for other in (f"{entry['words'][0]} wifi", *(f"{w} {entry['words'][0]}" for w in entry["not_after"][:3])):
        assert MeasuredFields(schema, index).relative(Utterance(other), [], (), Pivot(), set()) == [], other


def test_a_comparative_against_the_whole_last_list() -> None:
    text, phrase = load("comparisons")["than_shown"]["example"]
    from recchat.conversation.request import _THAN_SHOWN

    found = _THAN_SHOWN.search(text)
    assert found is not None and found.group() == phrase


def test_a_place_word_asks_for_the_category_value_a_list_value_shares() -> None:
    _, word = load("places")["placed"]["example"]
    schema, index = catalog(
        items_with(Language=["English", "Spanish", "English", "French"] * 2, Skills=[[word, "x"], ["y"]] * 4)
    )
    values = ValueVocabulary(schema, index)
    ((value, _),) = values.spans(word)
    assert not value.category and values.placed[value.text].fields == ("Language",)


@pytest.mark.parametrize("word", load("feelings")["interjections"]["words"])
def test_a_sound_of_the_chat_is_no_value_initials(word: str) -> None:
    if len(word) < 2:
        return
    value = " ".join(f"{letter}word" for letter in word)  # 'eh' -> 'eword hword'
    schema, index = catalog(items_with(Subject=[value.title(), "Other", value.title(), "Else"]))
    assert ValueVocabulary(schema, index).values_in(f"{word}, something else") == ()


@pytest.mark.parametrize("entry", load("measures")["named"], ids=lambda e: e["example"][0])
def test_each_size_word_before_a_fields_name_moves_that_field(entry: dict[str, Any]) -> None:
    text, direction = entry["example"]  # 'a big screen': the field named by the word after it
    noun = text.split()[-1].title()
    schema, index = catalog(items_with(**{f"{noun} size": [11, 13, 14, 15, 16, 17], "Other": [1, 2, 3, 4, 5, 6]}))
    found = MeasuredFields(schema, index).relative(Utterance(text), [], (), Pivot(), set())
    ops = {"low": "at_most", "high": "at_least"}
    assert [(f.constraint.field, f.constraint.op) for f in found] == [(f"{noun} size", ops[direction])]


@pytest.mark.parametrize("scale", load("scales")["scale"], ids=lambda s: s["example"][0])
def test_each_scale_orders_its_values(scale: dict[str, Any]) -> None:
    text, direction = scale["example"]
    tiers = [tier[0] for tier in scale["tiers"]]
    schema, _ = catalog(items_with(Level=[t.title() for t in tiers] * 2))
    ordinals = ordinal_fields(schema)
    assert [o.field for o in ordinals] == ["Level"]
    middle = tiers[len(tiers) // 2].title().lower()
    found = read_scaled(ordinals, Utterance(text), [], Pivot(({"Level": middle},)))
    wanted = tiers[: len(tiers) // 2] if direction == "less" else tiers[len(tiers) // 2 + 1 :]
    value = found[0].constraint.value
    assert {v.lower() for v in ((value,) if isinstance(value, str) else value)} == set(wanted)


# -- people.toml, fields.toml, languages.toml, time.toml ---------------------------------------


def test_how_people_say_how_many_they_are() -> None:
    data = load("people")
    for section in ("nouns", "groups"):
        text, _ = data[section]["example"]
        assert find_amounts(Utterance(text))[0].people, text
    assert solo(Utterance(data["solo"]["example"][0])) is not None
    assert find_amounts(Utterance(data["ages"]["example"][0]))[0].age


def test_what_headers_say() -> None:
    data = load("fields")
    for entry in data["measure"]:
        header, dimension = entry["example"]
        cells = [1, 2, 3]
        schema = learn_schema(items_with(**{header: cells}))
        assert (schema.fields[0].dimension or "") == dimension, header
    for section in ("people", "year", "people_counts", "ages"):
        header, _ = data[section]["example"]
        assert header_says(header, section), header
    assert header_is(data["kind"]["example"][0], "kind")
    header, noun = data["not_nouns"]["example"]
    assert header_noun(header) == noun


@pytest.mark.parametrize("language", load("languages")["language"], ids=lambda lang: lang["name"])
def test_each_language_is_told_by_its_example(language: dict[str, Any]) -> None:
    text, name = language["example"]
    assert foreign_language(text) == name


def test_english_is_read() -> None:
    assert foreign_language(load("languages")["english"]["example"][0]) is None


def test_decades_in_words() -> None:
    text, start = load("time")["decades"]["example"]
    found = read_years(Utterance(text), [], YearContext("year", 2020, 1900))
    assert found[0].constraint.value == (start, start + 9)


def _priced_by_weight() -> MeasuredFields:
    # a cheese counter: a price per 100 g and the weight of a whole wheel
    prices = ["£1.90", "£2.40", "£3.10", "£4.60", "£5.20", "£2.80"]
    wheels = [250, 500, 1200, 3000, 8000, 400]
    return MeasuredFields(*catalog(items_with(**{"Price per 100g": prices, "Wheel (g)": wheels})))


def _read(fields: MeasuredFields, text: str) -> list[tuple[str, str, Any]]:
    return [(f.constraint.field, f.constraint.op, f.constraint.value) for f in fields.amounts(Utterance(text), [], ())]


def test_a_price_for_a_quantity_lands_on_the_price_for_that_quantity() -> None:
    text, price, grams = load("units")["per_quantity"]["example"]
    fields = _priced_by_weight()
    assert _read(fields, text) == [("Price per 100g", "at_most", price)]  # no wish of 100 g
    # converted to the header's quantity; 'pound' paid for a weight is money
    assert _read(fields, "30 quid a kilo max") == [("Price per 100g", "at_most", 30 * grams / 1000)]
    assert _read(fields, "under 3 pound per 100g") == [("Price per 100g", "at_most", 3.0)]
    assert _read(fields, "a wheel under a kilo") == [("Wheel (g)", "at_most", 1000.0)]  # a weight alone


def test_pounds_are_money_where_no_weight_comes_near() -> None:
    fields = MeasuredFields(
        *catalog(items_with(Price=["£90", "£150", "£240", "£320"], **{"Weight (g)": [5, 7, 250, 300]}))
    )
    assert _read(fields, "under 150 pounds") == [("Price", "at_most", 150.0)]
    assert _read(fields, "under 0.5 pounds") == [("Weight (g)", "at_most", pytest.approx(226.8, abs=0.1))]


def test_years_said_land_on_a_duration_or_on_a_count_written_in_years() -> None:
    breeds = MeasuredFields(
        *catalog(
            items_with(
                **{
                    "Life span": ["10-11 years", "12-14 years", "8-10 years", "13-15 years"],
                    "Exercise": ["30 min", "1 h", "90 min", "2 hours"],
                }
            )
        )
    )
    assert _read(breeds, "lives 12 years or more") == [("Life span", "at_least", 12.0)]  # not 12 years of exercise
    cheeses = MeasuredFields(*catalog(items_with(Age=["3 months", "12 months", "24 months", "36 months"])))
    assert _read(cheeses, "aged at least 2 years") == [("Age", "at_least", 2 * 525600.0)]


def test_an_er_word_counts_the_thing_it_is_made_of() -> None:
    cars = MeasuredFields(*catalog(items_with(Seats=[2, 4, 5, 5, 7, 7], Doors=[3, 5, 5, 5, 5, 5])))
    assert _read(cars, "we need a 7 seater") == [("Seats", "at_least", 7.0)]


def test_a_unit_said_as_the_header_writes_it_names_that_field() -> None:
    cars = MeasuredFields(
        *catalog(items_with(**{"CO2 (g/km)": [0, 95, 104, 120, 155, 99], "Seats": [5, 5, 7, 5, 4, 5]}))
    )
    (found,) = _read(cars, "low co2, under 100 g/km please")
    assert found[0] == "CO2 (g/km)" and found[1] == "at_most" and found[2] < 100


def test_a_budget_names_the_price_and_long_names_no_count() -> None:
    shows = MeasuredFields(
        *catalog(
            items_with(
                **{
                    "Price": ["£2,000", "£9,000", "£18,000", "£30,000"],
                    "Mileage": ["9,000 miles", "40,000 miles", "70,000 miles", "120,000 miles"],
                }
            )
        )
    )
    assert _read(shows, "budget is like 15-25k") == [("Price", "between", (15000.0, 25000.0))]
    pods = MeasuredFields(
        *catalog(
            items_with(
                **{"Episode length": ["20 min", "45 min", "1 hr 20 min", "55 min"], "Episodes": [12, 340, 80, 600]}
            )
        )
    )
    found = pods.relative(Utterance("podcasts with long episodes"), [], (), Pivot(), set())
    assert [f.constraint.field for f in found] == ["Episode length"]


def test_a_year_after_like_with_an_open_end_is_a_year() -> None:
    (found,) = read_years(Utterance("like 2020 onwards"), [], YearContext("First aired", 2024, 1990))
    assert found.constraint.value == (2020, None)


def test_a_bound_said_to_be_too_much_is_the_other_bound() -> None:
    text, op = load("comparisons")["unwanted_after"]["example"]
    fields = _priced_by_weight()
    assert _read(fields, text) == [("Price per 100g", op, 3.5)]
    assert _read(fields, "a wheel under 300g is too small") == [("Wheel (g)", "at_least", 300.0)]
    assert _read(fields, "over 3.50 a 100g") == [("Price per 100g", "at_least", 3.5)]


def test_earlier_or_later_than_the_items_pointed_at() -> None:
    text, direction = load("time")["relative_to_shown"]["example"]
    context = YearContext("Year opened", 2024, 1950, shown=[1998, 2005, 2011])
    earlier = read_years(Utterance(text), [], context)[0].constraint.value
    later = read_years(Utterance("any that opened more recently than those?"), [], context)[0].constraint.value
    assert direction == "earlier"
    assert (earlier, later) == ((None, 1997), (2012, None))  # than every one of them
    # the pointer is left to the reference reader ('those' is a reference to the last list)
    pointer = Utterance(text).lower.index("those")
    assert read_years(Utterance(text), [Span(pointer, pointer + 5)], context)
    assert read_years(Utterance("before that I want to say hi"), [], context) == []


def test_chat_shorthand_names_a_value_written_in_full() -> None:
    text, value = load("synonyms")["shorthand"]["example"]
    schema, index = catalog(items_with(Season=[value, "Apr-Sep", "Apr-Oct", value, "May-Sep", "Apr-Sep"]))
    assert [v.text for v in ValueVocabulary(schema, index).values_in(text)] == [value]


def _timetable() -> tuple[Any, CatalogIndex]:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] * 2
    times = ["Early morning", "Morning", "Lunchtime", "Evening"] * 3 + ["Evening", "Morning"]
    return catalog(items_with(Day=days, **{"Time of day": times}))


def test_a_time_of_day_said_as_what_happens_then_is_the_catalogs_value() -> None:
    text, meant = load("time")["parts_of_day"]["example"]
    schema, index = _timetable()
    found = times_of_day(ValueVocabulary(schema, index), Utterance(text), [])
    assert [v.text.lower() for v, _ in found] == [meant]
    # only where a category has it: a catalog without times of day reads nothing into it
    bare, bare_index = catalog(items_with(Day=["Monday", "Friday", "Sunday", "Monday"]))
    assert times_of_day(ValueVocabulary(bare, bare_index), Utterance(text), []) == []


def test_a_part_of_the_week_is_its_days() -> None:
    text, part = load("time")["parts_of_week"]["example"]
    schema, _ = _timetable()
    (found,) = parts_of_week(schema, Utterance(text), [])
    assert found.constraint.value == tuple(d.title() for d in load("time")["parts_of_week"][part]["days"])
    (weekend,) = parts_of_week(schema, Utterance("not at the weekend"), [])
    assert weekend.constraint.negated and weekend.constraint.value == ("Saturday", "Sunday")


@pytest.mark.parametrize(
    ("text", "low", "high", "bound"),
    [
        ("budget is like 15-25k", 15000, 25000, "between"),  # the multiplier said once is both ends'
        ("between 15 and 25k", 15000, 25000, "between"),
        ("like 4.5 stars or more", 4.5, 4.5, "at_least"),  # a firmer bound after 'like' wins
        ("like 2 hours", 2, 2, "about"),
    ],
)
def test_ranges_and_bounds_as_people_type_them(text: str, low: float, high: float, bound: str) -> None:
    (found,) = find_amounts(Utterance(text))
    assert (found.low, found.high, found.bound) == (low, high, bound)


def test_a_money_scale_is_money_and_a_word_after_a_number_may_name_nothing() -> None:
    text, amount = load("units")["money_scales"]["example"]
    (found,) = find_amounts(Utterance(text))
    assert found.unit is not None and found.unit.dimension == "money" and found.low == amount
    said, word = load("numbers")["not_nouns"]["example"]
    (plain,) = find_amounts(Utterance(said))
    assert plain.noun != word


def test_everyday_words_are_plain_and_names_are_not() -> None:
    words = common_words()
    assert {"short", "roll", "card", "light", "dark"} <= words
    assert not {"napa", "barossa", "ottolenghi", "yosemite", "nolan", "spielberg"} & words
    assert units().named("km", chat=True) is not None  # the table loads beside the list
    assert FieldKind.NUMBER.value == "number"


def test_everyday_words_hold_english_and_not_a_catalogs_names() -> None:
    from recchat.language import everyday_words

    words = everyday_words()
    assert {"library", "pool", "steep"} <= words and len(words) > 20_000
    assert not {"monstera", "ficus", "marais"} & words
