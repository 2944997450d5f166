"""Understanding whose vocabulary is the catalog's schema: catalogs of other domains, exported as
people have them, read the day they are added. The catalogs here are small and made up; their
field names and values appear nowhere in recchat's code."""

from __future__ import annotations

from typing import Any

import pytest
from conversation_support import Toy, item, toy

from recchat.catalog.schema import FieldKind, learn_schema
from recchat.conversation.request import Context
from recchat.domain import Constraint, Item
from recchat.ranking.filters import meets_entry

COPIES = 3  # each row three times: a field's values recur as a real catalog's do


def repeated(prefix: str, rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> list[Item]:
    """Each row as COPIES items ('t0a', 't0b', 't0c'), the same title and fields."""
    return [
        item(f"{prefix}{n}{'abc'[copy]}", row[0], **dict(zip(columns, row[1:], strict=True)))
        for n, row in enumerate(rows)
        for copy in range(COPIES)
    ]


def wines() -> Toy:
    rows = [
        ("Reserva", "Red", "Rioja", "Spain", "Tempranillo, Garnacha", "13.5%", "$24.99", "Full"),
        ("Gran Reserva 904", "Red", "Rioja", "Spain", "Tempranillo", "14%", "$83.00", "Full"),
        ("Chablis", "White", "Burgundy", "France", "Chardonnay", "12.5%", "$31.00", "Light"),
        ("Meursault", "White", "Burgundy", "France", "Chardonnay", "13%", "$75.00", "Medium"),
        ("Sancerre", "White", "Loire Valley", "France", "Sauvignon Blanc", "12.5%", "$29.99", "Light"),
        ("Barolo", "Red", "Piedmont", "Italy", "Nebbiolo", "14.5%", "$1,250.00", "Full"),
        ("Prosecco", "Sparkling", "Veneto", "Italy", "Glera", "11%", "$14.99", "Light"),
        ("Chianti", "Red", "Tuscany", "Italy", "Sangiovese", "13%", "$19.99", "Medium"),
        ("Rioja Blanco", "White", "Rioja", "Spain", "Viura", "12%", "$17.50", "Medium"),
        ("Cava", "Sparkling", "Penedès", "Spain", "Macabeo, Xarel-lo", "11.5%", "$12.99", "Light"),
    ]
    columns = ("Type", "Region", "Country", "Grapes", "ABV", "Price", "Body")
    return toy(repeated("w", rows, columns))


def trails() -> Toy:
    rows = [
        ("Lost Lake", "Easy", "Loop", "3.2 km", "1h", ["lake", "forest"], "Yes"),
        ("Eagle Peak", "Hard", "Out & back", "14.5 km", "6h 30m", ["views", "summit"], "No"),
        ("Falls Walk", "Easy", "Out & back", "2.1 km", "45 min", ["waterfall"], "On leash"),
        ("Ridge Run", "Moderate", "Loop", "9.8 km", "3h 45m", ["views", "wildflowers"], "On leash"),
        ("Canyon Rim", "Moderate", "Point to point", "7.4 km", "2h 30m", ["canyon", "views"], "No"),
        ("Summit Push", "Strenuous", "Out & back", "21.0 km", "9h", ["summit", "views"], "No"),
    ]
    columns = ("Difficulty", "Route Type", "Length", "Est. Time", "Features", "Dogs Allowed")
    return toy(repeated("t", rows, columns))


def recipes() -> Toy:
    rows = [
        ("Banana Bread", "Baking", "15 mins", "1 hr 10 mins", "8-10", 320, "Nigella Lawson"),
        ("Shakshuka", "Breakfast", "10 mins", "35 mins", "4", 280, "Yotam Ottolenghi"),
        ("Chili", "Main", "20 mins", "2 hrs", "12-16", 450, "J. Kenji López-Alt"),
        ("Green Salad", "Side", "10 mins", "10 mins", "2", 90, "Samin Nosrat"),
        ("Lasagne", "Main", "40 mins", "1 hr 50 mins", "8", 620, "Marcella Hazan"),
        ("Soup", "Main", "15 mins", "45 mins", "6", 210, "Yotam Ottolenghi"),
    ]
    columns = ("Course", "Prep Time", "Total Time", "Servings", "Calories (kcal)", "Author")
    return toy(repeated("r", rows, columns))


def read(catalog: Toy, text: str, **kwargs: Any) -> list[Constraint]:
    return catalog.constraints(text, **kwargs)


def meeting(catalog: Toy, constraint: Constraint) -> list[str]:
    return sorted({e.title for e in catalog.index.entries if meets_entry(e, constraint)})


def test_the_schema_learns_what_numbers_measure_from_cells_and_headers() -> None:
    schema = wines().schema
    price, abv = schema.field("Price"), schema.field("ABV")
    assert price is not None and (price.kind, price.dimension, price.measure.unit) == (FieldKind.NUMBER, "money", "USD")
    assert (price.low, price.high) == (12.99, 1250.0)  # '$1,250.00' is a number, not a list
    assert abv is not None and (abv.dimension, abv.measure.unit) == ("percent", "%")
    grapes = schema.field("Grapes")
    assert grapes is not None and grapes.kind is FieldKind.LIST
    time = trails().schema.field("Est. Time")
    assert time is not None and (time.dimension, time.low, time.high) == ("duration", 45.0, 540.0)
    servings = recipes().schema.field("Servings")
    assert servings is not None and servings.role == "people_count"


def test_numbers_written_the_export_way() -> None:
    items = [
        Item(str(n), f"T{n}", metadata={"Students": v, "Length (km)": k})
        for n, (v, k) in enumerate([("1,162", "12.4"), ("74k", "3"), ("1.2M", "0.8"), ("980", "25")])
    ]
    schema = learn_schema(items)
    students, length = schema.field("Students"), schema.field("Length (km)")
    assert students is not None and (students.kind, students.low, students.high) == (FieldKind.NUMBER, 980, 1_200_000)
    assert length is not None and (length.dimension, length.low, length.high) == ("distance", 800.0, 25_000.0)


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("a red from rioja", "Region", ["Gran Reserva 904", "Reserva", "Rioja Blanco"]),
        ("something under 20 bucks", "Price", ["Cava", "Chianti", "Prosecco", "Rioja Blanco"]),
        ("at least 14% alcohol", "ABV", ["Barolo", "Gran Reserva 904"]),
        ("a chardonay", "Grapes", ["Chablis", "Meursault"]),
        ("french wine", "Country", ["Chablis", "Meursault", "Sancerre"]),
        ("something bubbly", "Type", ["Cava", "Prosecco"]),
        ("a light bodied one", "Body", ["Cava", "Chablis", "Prosecco", "Sancerre"]),
    ],
)
def test_category_list_and_number_fields_by_their_own_values(text: str, field: str, titles: list[str]) -> None:
    found = [c for c in read(wines(), text) if c.field == field]
    assert len(found) == 1, [c.label for c in read(wines(), text)]
    assert meeting(wines(), found[0]) == titles


def test_negation_falls_on_the_phrase() -> None:
    found = read(wines(), "nothing from spain, and no reds")
    assert {(c.field, c.negated) for c in found} == {("Country", True), ("Type", True)}


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("under 5 miles", "Length", ["Canyon Rim", "Falls Walk", "Lost Lake"]),  # 8.05 km
        ("no more than 3 hours", "Est. Time", ["Canyon Rim", "Falls Walk", "Lost Lake"]),
        ("something easy", "Difficulty", ["Falls Walk", "Lost Lake"]),
        ("a loop", "Route Type", ["Lost Lake", "Ridge Run"]),
        ("with a waterfall", "Features", ["Falls Walk"]),
        ("it has to be dog friendly", "Dogs Allowed", ["Falls Walk", "Lost Lake", "Ridge Run"]),
    ],
)
def test_trails_by_distance_time_level_and_features(text: str, field: str, titles: list[str]) -> None:
    found = [c for c in read(trails(), text) if c.field == field]
    assert len(found) == 1, [c.label for c in read(trails(), text)]
    assert meeting(trails(), found[0]) == titles


def _sites() -> Toy:
    dogs = ["Allowed", "Not allowed", "", "Allowed", "Not allowed", "", "Allowed", "Not allowed"]
    return toy([item(f"s{n}", f"Site {n}", Region="Coast", Dogs=d) for n, d in enumerate(dogs)])


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("dog friendly please", ["Site 0", "Site 3", "Site 6"]),  # not the sites that say nothing of dogs
        ("somewhere pet friendly", ["Site 0", "Site 3", "Site 6"]),  # a broader word for the field's
        ("no dogs please", ["Site 1", "Site 4", "Site 7"]),
    ],
)
def test_a_yes_no_field_asked_for_by_its_name_wants_a_yes(text: str, titles: list[str]) -> None:
    (found,) = [c for c in read(_sites(), text) if c.field == "Dogs"]
    assert meeting(_sites(), found) == titles


def test_a_narrower_word_names_no_field_that_is_about_something_else() -> None:
    plants = toy([item(f"p{n}", f"Plant {n}", **{"Pet safe": ["Yes", "No"][n % 2]}) for n in range(6)])
    assert [c for c in read(plants, "not toxic for my cat") if c.field == "Pet safe"] == []
    assert [c.field for c in read(plants, "pet safe only")] == ["Pet safe"]


def test_a_word_of_an_ordered_fields_own_name_asks_for_its_upper_half() -> None:
    levels = ["Low", "Moderate", "High", "Very high"] * 2
    classes = toy([item(f"c{n}", f"Class {n}", Intensity=level) for n, level in enumerate(levels)])
    (intense,) = read(classes, "something intense")
    (gentle,) = read(classes, "nothing too intense please")
    assert meeting(classes, intense) == ["Class 2", "Class 3", "Class 6", "Class 7"]
    assert meeting(classes, gentle) == ["Class 0", "Class 1", "Class 4", "Class 5"]
    # the name itself asks for nothing, and a tier said before it is the wish
    assert read(classes, "what intensity is it") == []
    assert [c.value for c in read(classes, "low intensity")] == ["Low"]


def test_at_least_on_a_range_is_the_whole_range_unless_reaching_it_is_said() -> None:
    from recchat.language import load

    weights = ["37-41", "44-50", "29-34", "40-45", "36-44", "50-60"]
    spans = ["10-12 years", "8-10 years", "12-14 years", "9-11 years", "7-9 years", "11-13 years"]
    breeds = toy(
        [
            item(f"d{n}", f"Breed {n}", **{"Weight (kg)": w, "Life span": s})
            for n, (w, s) in enumerate(zip(weights, spans, strict=True))
        ]
    )
    (heavy,) = read(breeds, "a big dog, at least 40 kilos")
    assert meeting(breeds, heavy) == ["Breed 1", "Breed 3", "Breed 5"]  # not 37-41 or 36-44
    text, op = load("comparisons")["reach_before"]["example"]
    (living,) = read(breeds, text)
    assert living.op == op and meeting(breeds, living) == [
        "Breed 0",
        "Breed 1",
        "Breed 2",
        "Breed 3",
        "Breed 4",
        "Breed 5",
    ]


def test_values_as_people_say_them() -> None:
    genres = ["Children's", "Science & Nature", "Horror", "Classics"] * 2
    yes_no = ["Yes", "No", "Yes", "No"] * 2
    books = toy(
        [
            item(f"b{n}", f"Book {n}", Genre=g, **{"Suitable for beginners": y})
            for n, (g, y) in enumerate(zip(genres, yes_no, strict=True))
        ]
    )
    assert [c.value for c in read(books, "not the kids stuff") if c.field == "Genre"] == [
        "Children's"
    ]  # kids: children
    assert [c.value for c in read(books, "something about science or nature")] == ["Science & Nature"]
    # a yes/no field named by what it is about, its last word, where its first is a quality
    (beginners,) = read(books, "good for total beginners")
    assert beginners.field == "Suitable for beginners" and meeting(books, beginners) == [
        "Book 0",
        "Book 2",
        "Book 4",
        "Book 6",
    ]


def test_a_word_about_the_chat_is_no_kind_its_stem_shares() -> None:
    shows = toy([item(f"p{n}", f"Show {n}", type=kind, year=2015 + n) for n, kind in enumerate(["News", "Comedy"] * 4)])
    assert [c.value for c in read(shows, "news podcasts please") if c.about == "kind"] == ["News"]
    assert [c for c in read(shows, "new podcasts from 2020 on") if c.about == "kind"] == []


def test_a_status_said_with_a_word_for_having_seen_is_that_status_unless_pointing() -> None:
    shows = toy([item(f"p{n}", f"Show {n}", Status=["Finished", "Active"][n % 2]) for n in range(8)])
    assert [c.value for c in read(shows, "a finished series please")] == ["Finished"]
    assert [c for c in read(shows, "finished the 2nd one already", shown=["p0", "p1"]) if c.field == "Status"] == []


def test_shorter_and_easier_than_the_last_list() -> None:
    shown = ["t3a", "t4a"]  # Ridge Run (Moderate, 9.8 km), Canyon Rim (Moderate, 7.4 km)
    shorter = read(trails(), "something shorter", shown=shown)
    assert [meeting(trails(), c) for c in shorter] == [["Falls Walk", "Lost Lake"]]
    easier = read(trails(), "anything easier?", shown=shown)
    assert [meeting(trails(), c) for c in easier] == [["Falls Walk", "Lost Lake"]]


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("for fifteen people", "Servings", ["Chili"]),
        ("under 300 calories", "Calories (kcal)", ["Green Salad", "Shakshuka", "Soup"]),
        ("ready in three quarters of an hour", "Total Time", ["Green Salad", "Shakshuka", "Soup"]),
        ("any ottolenghi recipes?", "Author", ["Shakshuka", "Soup"]),
        ("kenji lopez alt", "Author", ["Chili"]),
    ],
)
def test_recipes_by_people_counts_energy_time_and_authors(text: str, field: str, titles: list[str]) -> None:
    found = [c for c in read(recipes(), text) if c.field == field]
    assert len(found) == 1, [c.label for c in read(recipes(), text)]
    assert meeting(recipes(), found[0]) == titles


def test_a_kind_under_a_not_with_a_modifier_stays_wanted() -> None:
    mixed = toy(
        [item(f"b{n}", f"Book {n}", type="book", year=1900 + 20 * n) for n in range(5)]
        + [item(f"m{n}", f"Movie {n}", type="movie", year=1960 + 10 * n) for n in range(5)]
    )
    books = read(mixed, "no books from before 1950")
    assert {(c.about, c.negated) for c in books} == {("kind", False), ("year", True)}
    movies = read(mixed, "not a movie from the 90s")
    assert {(c.about, c.negated) for c in movies} == {("kind", False), ("year", True)}
    assert [(c.about, c.negated) for c in read(mixed, "not a book")] == [("kind", True)]


def test_what_cannot_be_used_is_said() -> None:
    heard = recipes().read("a main under 5 km, something japanese").heard
    assert "nothing here records distances" in heard.unused
    assert any("japanese" in note for note in heard.unused)
    assert recipes().read("un plat rapide pour ce soir, pas de porc").language == "French"


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("from italy or spain.. actually just spain", ["Cava", "Gran Reserva 904", "Reserva", "Rioja Blanco"]),
        ("a red, actually a white", ["Chablis", "Meursault", "Rioja Blanco", "Sancerre"]),
        ("a red. no wait, a white", ["Chablis", "Meursault", "Rioja Blanco", "Sancerre"]),
    ],
)
def test_a_correction_in_the_same_message_replaces_what_came_before(text: str, titles: list[str]) -> None:
    found = read(wines(), text)
    assert len(found) == 1 and not found[0].negated, [c.label for c in found]
    assert meeting(wines(), found[0]) == titles


def test_serves_more_than_the_one_pointed_at() -> None:
    more = read(recipes(), "one that makes more than the first one", shown=["r0a", "r3a"])  # Banana Bread: 8-10
    assert [meeting(recipes(), c) for c in more] == [["Chili"]]


def test_not_one_value_but_another_of_the_same_field() -> None:
    assert {(c.label, c.negated) for c in read(wines(), "no wait not french, italian")} == {
        ("not France", True),
        ("Italy", False),
    }
    listed = read(wines(), "not french, italian or spanish")  # a list goes on: all ruled out
    assert all(c.negated for c in listed) and len(listed) == 3


def test_a_kind_with_an_accent_is_read_as_typed_with_or_without_it() -> None:
    cellar = toy(repeated("c", [("Tavel", "Rosé"), ("Bandol", "Rosé"), ("Rioja", "Red")], ("Type",)))
    for text in ("need a rose for a picnic", "a rosé please", "some rosés"):
        found = read(cellar, text)
        assert [meeting(cellar, c) for c in found] == [["Bandol", "Tavel"]], text


def test_clock_style_lengths_are_durations() -> None:
    rows = [("Blue", "36:15"), ("Illinois", "74:00"), ("Zombie", "25:01"), ("Live at Budokan", "1:52:30")]
    shelf = toy(repeated("a", rows, ("Length",)))
    length = shelf.schema.field("Length")
    assert length is not None and (length.dimension, length.low, length.high) == ("duration", 25.0 + 1 / 60, 112.5)
    [under] = [c for c in read(shelf, "something under 40 minutes") if c.field == "Length"]
    assert meeting(shelf, under) == ["Blue", "Zombie"]


def albums() -> Toy:
    rows = [
        ("Kind of Blue", "Miles Davis", "LP", "Jazz"),
        ("A Love Supreme", "John Coltrane", "LP", "Jazz"),
        ("Pastel Blues", "Nina Simone", "CD", "Jazz"),
        ("Rumours", "Fleetwood Mac", "CD", "Rock"),
        ("Nevermind", "Nirvana", "LP", "Rock"),
    ]
    return toy(repeated("m", rows, ("Artist", "Format", "Genre")))


def test_a_format_is_no_kind_of_item() -> None:
    shelf = albums()
    [jazz] = read(shelf, "a jazz album")  # LPs and CDs are albums alike: no kind
    assert meeting(shelf, jazz) == ["A Love Supreme", "Kind of Blue", "Pastel Blues"]
    [vinyl] = [c for c in read(shelf, "some jazz on vinyl") if c.about == "kind"]
    assert meeting(shelf, vinyl) == ["A Love Supreme", "Kind of Blue", "Nevermind"]


def test_people_joined_by_or_are_any_of_them() -> None:
    [either] = read(albums(), "anything by miles davis or coltrane?")
    assert meeting(albums(), either) == ["A Love Supreme", "Kind of Blue"]


def laptops() -> Toy:
    rows = [
        ("Air 13", "1.24 kg", "8 GB", '13.6"'),
        ("X1", "1.12 kg", "16 GB", '14"'),
        ("Zen 14", "1.2 kg", "16 GB", '14"'),
        ("Scar 18", "3.1 kg", "32 GB", '18"'),
        ("Omen 16", "2.35 kg", "16 GB", '16.1"'),
    ]
    return toy(repeated("l", rows, ("Weight", "RAM", "Screen size")))


def test_two_amounts_in_one_breath_each_on_its_field() -> None:
    found = read(laptops(), "a light one under 1.3 kg with at least 16 gb ram")
    assert {c.field: meeting(laptops(), c) for c in found} == {
        "Weight": ["Air 13", "X1", "Zen 14"],
        "RAM": ["Omen 16", "Scar 18", "X1", "Zen 14"],
    }


def test_a_size_said_plainly_is_about_that_size() -> None:
    [size] = read(laptops(), "a 14 inch one")
    assert size.op == "between" and meeting(laptops(), size) == ["Air 13", "Omen 16", "X1", "Zen 14"]


def test_a_size_word_before_a_fields_name() -> None:
    [big] = read(laptops(), "one with a big screen")
    assert big.field == "Screen size" and meeting(laptops(), big) == ["Omen 16", "Scar 18"]
    assert "16.1 in" in big.label  # said in the unit the export wrote, not in metres


def test_many_of_a_thing_is_no_measure_of_one() -> None:
    shows = toy(repeated("s", [("Long", 60, 8), ("Short", 25, 2), ("Mid", 45, 5)], ("Episode Length (min)", "Seasons")))
    assert not [c for c in read(shows, "loads of episodes") if c.field == "Episode Length (min)"]


def cars() -> Toy:
    rows = [
        ("Corolla", "Gasoline", 5, "$22,050", 13.1),
        ("Sienna", "Hybrid", 8, "$37,685", 33.5),
        ("Model Y", "Electric", 7, "$43,990", 30.2),
        ("Miata", "Gasoline", 2, "$28,050", 4.6),
        ("Telluride", "Gasoline", 8, "$35,990", 21.0),
    ]
    return toy(repeated("c", rows, ("Fuel", "Seats", "Price", "Cargo space (cu ft)")))


def test_a_count_of_people_named_by_its_own_noun() -> None:
    [seats] = read(cars(), "a family car with 7 seats or more")
    assert seats.field == "Seats" and meeting(cars(), seats) == ["Model Y", "Sienna", "Telluride"]


def test_a_new_wish_after_a_comma_is_out_of_the_nots_reach() -> None:
    found = {c.field: c for c in read(cars(), "no electric, lots of cargo space")}
    assert found["Fuel"].negated and not found["Cargo space (cu ft)"].negated
    assert meeting(cars(), found["Cargo space (cu ft)"]) == ["Model Y", "Sienna"]


def test_thousands_said_as_slang() -> None:
    [price] = read(cars(), "under 30 grand")
    assert meeting(cars(), price) == ["Corolla", "Miata"]


def test_a_word_of_a_tier_asks_for_that_tier() -> None:
    [easy] = read(trails(), "something beginner friendly")
    assert meeting(trails(), easy) == ["Falls Walk", "Lost Lake"]
    places = [
        item(f"p{n}", name, Cuisine=cuisine, Price=price)
        for n, (name, cuisine, price) in enumerate(
            [
                ("Taco Loco", "Mexican", "$"),
                ("Sakura", "Japanese", "$$$"),
                ("Pho 1", "Vietnamese", "$"),
                ("Roma", "Italian", "$$"),
                ("Luigi", "Italian", "$$"),
                ("Ramen Ya", "Japanese", "$"),
                ("Bistro", "French", "$$$$"),
                ("Thai Garden", "Thai", "$$"),
            ]
        )
    ]
    small = toy(places)  # eight places: few repeats, still a category
    found = {c.field: c for c in read(small, "cheap thai or vietnamese")}
    assert meeting(small, found["Price"]) == ["Pho 1", "Ramen Ya", "Taco Loco"]
    assert meeting(small, found["Cuisine"]) == ["Pho 1", "Thai Garden"]


def test_two_yes_no_fields_and_a_tier_ruled_out() -> None:
    rows = [
        ("Green Leaf", "Yes", "Yes", "$$"),
        ("Taco Loco", "Yes", "No", "$"),
        ("Bistro", "No", "Yes", "$$$$"),
        ("Sakura", "No", "No", "$$$"),
        ("Athena", "Yes", "Yes", "$$$"),
    ]
    places = toy(repeated("p", rows, ("Vegetarian Friendly", "Outdoor Seating", "Price")))
    found = read(places, "somewhere vegetarian friendly with outdoor seating, not too pricey")
    titles = set.intersection(*(set(meeting(places, c)) for c in found))
    assert len(found) == 3 and titles == {"Green Leaf"}


def test_a_count_by_its_noun_and_a_yes_no_field_by_its_whole_name() -> None:
    rows = [("Daily", "25 min", 2000, "Yes"), ("Serial", "45 min", 40, "No"), ("Lore", "30 min", 250, "Yes")]
    pods = toy(repeated("p", rows, ("Episode length", "Episodes", "Still running")))
    [many] = read(pods, "something with over 1000 episodes")
    assert many.field == "Episodes" and meeting(pods, many) == ["Daily"]
    [running] = read(pods, "something that's still running")
    assert meeting(pods, running) == ["Daily", "Lore"]


def test_an_everyday_word_that_is_also_a_tag_means_either() -> None:
    shelf = toy(
        [item("f1", "Party Game", tags=["funny", "party"]), item("c1", "Big Laugh", tags=["comedy"])]
        + [item(f"d{n}", f"Drama {n}", tags=["drama"]) for n in range(3)]
    )
    [funny] = read(shelf, "something funny")
    assert meeting(shelf, funny) == ["Big Laugh", "Party Game"]


def test_a_rating_said_plainly_is_at_least_that() -> None:
    rows = [("Dune", "5"), ("Emma", "4"), ("Ubik", "3"), ("Kindred", "5")]
    shelf = toy(repeated("b", rows, ("My Rating",)))
    [rated] = read(shelf, "one I rated 5 stars")
    assert meeting(shelf, rated) == ["Dune", "Kindred"]


def test_a_noun_before_a_comma_names_no_later_amount() -> None:
    found = {c.field: c for c in read(cars(), "no electric, lots of cargo space, under 30 grand")}
    assert meeting(cars(), found["Price"]) == ["Corolla", "Miata"]
    assert found["Cargo space (cu ft)"].op == "at_least"


def workshops() -> Toy:
    rows = [
        ("Wheel Throwing Basics", "Ana Ruiz", "Spanish", "pottery, ceramics", "Free", "2,400,000"),
        ("Glaze Chemistry", "Ben Ode", "English", "ceramics, chemistry", "$45", "12,000"),
        ("Conversational Spanish", "Ana Ruiz", "English", "spanish, speaking", "$30", "880,000"),
        ("Stats for Makers", "Ida Voss", "English", "statistics, spreadsheets", "Free", "95,000"),
        ("Web Pages in a Day", "Ida Voss", "English", "javascript, html", "$20", "1,300,000"),
        ("Cerámica para todos", "Lía Paz", "Spanish", "pottery, painting", "$15", "40,000"),
    ]
    columns = ("Host", "Spoken in", "Topics", "Fee", "Reviews")
    return toy(repeated("k", rows, columns), name="workshops")


PAID = ["Cerámica para todos", "Conversational Spanish", "Glaze Chemistry", "Web Pages in a Day"]


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("free ones only", "Fee", ["Stats for Makers", "Wheel Throwing Basics"]),
        ("free workshops?", "Fee", ["Stats for Makers", "Wheel Throwing Basics"]),
        (
            "the paid ones",
            "Fee",
            ["Cerámica para todos", "Conversational Spanish", "Glaze Chemistry", "Web Pages in a Day"],
        ),
        ("not free", "Fee", ["Cerámica para todos", "Conversational Spanish", "Glaze Chemistry", "Web Pages in a Day"]),
        ("taught in spanish", "Spoken in", ["Cerámica para todos", "Wheel Throwing Basics"]),
        ("spanish workshops", "Topics", ["Conversational Spanish"]),
        ("stats", "Topics", ["Stats for Makers"]),
        ("over 1M reviews", "Reviews", ["Web Pages in a Day", "Wheel Throwing Basics"]),
        ("something popular", "Reviews", ["Web Pages in a Day", "Wheel Throwing Basics"]),
    ],
)
def test_free_placed_clipped_and_popular_on_any_catalog(text: str, field: str, titles: list[str]) -> None:
    found = read(workshops(), text)
    assert [c.field for c in found] == [field], [c.label for c in found]
    assert meeting(workshops(), found[0]) == titles


def test_words_that_are_not_what_they_look_like() -> None:
    assert read(workshops(), "java") == []  # the start of javascript, and a word of its own
    assert read(workshops(), "eh, anything") == []  # no initials of a value
    assert read(workshops(), "free wifi") == []  # free of something else
    # 'more popular than those' is above the last list, even with a title named
    (above,) = read(workshops(), "more popular than all of those", shown=["k3a", "k5a"])
    assert above.op == "above" and meeting(workshops(), above) == [
        "Conversational Spanish",
        "Web Pages in a Day",
        "Wheel Throwing Basics",
    ]


def test_the_one_said_by_a_word_of_its_title() -> None:
    heard = workshops().read("not the glaze one", shown=["k0a", "k1a", "k2a"]).heard
    assert [(r.item_id, r.act) for r in heard.references] == [("k1a", "exclude")]


def rentals() -> Toy:
    """A made-up instrument rental shop's export: no descriptions, worded fields, units in cells."""
    rows = [
        (
            "Studio Strat",
            "Electric",
            "Swamp ash and maple",
            "R&B",
            "€12",
            4.6,
            "6",
            "98 cm",
            ["locking tuners"],
        ),
        ("Parlor Six", "Acoustic", "Mahogany body and rosewood board", "Folk", "€8", 4.1, "6", "86 cm", ["gig bag"]),
        ("Twelve Jangle", "Acoustic", "Spruce top and sapele back", "Folk", "€15", 4.8, "12", "104 cm", ["gig bag"]),
        ("Baritone Seven", "Electric", "Alder body and ebony board", "Metal", "€19", 3.9, "7", "110 cm", ["strap"]),
        ("Jazz Box", "Hollow", "Maple top and spruce bracing", "Jazz", "€22", 4.4, "6", "102 cm", ["strap"]),
        ("Travel Mini", "Acoustic", "Laminate body", "Folk", "€5", 3.6, "6", "79 cm", ["gig bag", "strap"]),
        *((f"Loaner {n}", "Electric", "Laminate body", "Rock", "€9", 3.0, "6", "96 cm", ["strap"]) for n in range(6)),
    ]
    columns = ("Type", "Build", "Style", "Rental per day", "Score", "Strings", "Length", "Extras")
    return toy(repeated("g", rows, columns), name="rentals", words=True)


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("under 90cm long", "Length", ["Parlor Six", "Travel Mini"]),
        ("under 8 a day", "Rental per day", ["Travel Mini"]),
        ("4.5 or higher", "Score", ["Studio Strat", "Twelve Jangle"]),  # a decimal is no count of strings
        ("with tuners", "Extras", ["Studio Strat"]),  # the head of 'locking tuners', which no other value has
        ("rhythm and blues", "Style", ["Studio Strat"]),  # 'R&B' spelled out
    ],
)
def test_units_rates_heads_letters_and_field_words(text: str, field: str, titles: list[str]) -> None:
    found = read(rentals(), text)
    assert [c.field for c in found] == [field], [c.label for c in found]
    assert meeting(rentals(), found[0]) == titles


def test_longer_and_a_bigger_one_than_that_are_read_against_the_last_list() -> None:
    (longer,) = read(rentals(), "anything longer?", shown=["g4a"])  # 102 cm
    assert read(rentals(), "im tall") == []  # no field is named for height
    assert meeting(rentals(), longer) == ["Baritone Seven", "Twelve Jangle"]
    (bigger,) = read(rentals(), "a bigger length than that", shown=["g2a"])  # 104 cm
    assert bigger.op == "above" and meeting(rentals(), bigger) == ["Baritone Seven"]


def test_a_tier_word_with_a_slip() -> None:
    (easy,) = read(trails(), "a hike for a beginer")
    assert easy.value == "Easy"


def test_a_rare_word_of_the_items_own_fields_asks_for_them() -> None:
    """'anything in bubinga' where each item's build is its own words (no value repeats)."""
    woods = ["bubinga", "library", *("laminate",) * 18]
    items = [item(f"b{n}", f"Model {n}", Build=f"{wood} body no {n}") for n, wood in enumerate(woods)]
    catalog = toy(items, name="rentals", words=True)
    (wish,) = read(catalog, "anything in bubinga")
    assert (wish.field, wish.op, wish.negated) == ("text", "mentions", False)
    assert read(catalog, "anything in wenge") == []  # no item has it: a word of the request only
    assert read(catalog, "one from the library") == []  # an everyday word: no wish on its own


def storage_units() -> Toy:
    """Made up: a self-storage firm's units. An area in m², a count whose header is a compound
    word, a letter grade, numbered levels, an Allowed / Not allowed field, a one-letter code under
    a header that names people elsewhere ('band')."""
    rows = [
        ("Unit 1", "12 m²", 1, "A", "Ground", "Allowed", "C"),
        ("Unit 2", "25 m²", 2, "B", "1st", "Not allowed", "A"),
        ("Unit 3", "40 m²", 3, "C", "2nd", "Allowed", "B"),
        ("Unit 4", "8 m²", 1, "D", "Basement", "Not allowed", "D"),
        ("Unit 5", "60 m²", 4, "E", "3rd", "Allowed", "B"),
        ("Unit 6", "18 m²", 2, "B", "4th", "Not allowed", "C"),
    ]
    columns = ("Floor space", "Doorways", "Security grade", "Level", "Vans", "Price band")
    return toy(repeated("s", rows, columns))


def test_the_schema_reads_areas_and_no_people_in_one_letter_codes() -> None:
    schema = storage_units().schema
    space, band = schema.field("Floor space"), schema.field("Price band")
    assert space is not None and (space.dimension, space.low, space.high) == ("area", 8.0, 60.0)
    assert band is not None and band.kind is FieldKind.CATEGORY


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("at least 30m2", "Floor space", ["Unit 3", "Unit 5"]),
        ("under 200 sq ft", "Floor space", ["Unit 1", "Unit 4", "Unit 6"]),  # 18.6 m²
        ("something roomy", "Floor space", ["Unit 3", "Unit 5"]),
        ("3 door", "Doorways", ["Unit 3"]),  # 'door' of Doorways
        ("security grade b or better", "Security grade", ["Unit 1", "Unit 2", "Unit 6"]),
        ("nothing worse than a C grade", "Security grade", ["Unit 1", "Unit 2", "Unit 3", "Unit 6"]),
        ("2nd level or above", "Level", ["Unit 3", "Unit 5", "Unit 6"]),
        ("below the 1st", "Level", ["Unit 1", "Unit 4"]),
        ("van friendly please", "Vans", ["Unit 1", "Unit 3", "Unit 5"]),
    ],
)
def test_areas_compound_counts_grades_levels_and_permissions(text: str, field: str, titles: list[str]) -> None:
    found = [c for c in read(storage_units(), text) if c.field == field]
    assert len(found) == 1, [c.label for c in read(storage_units(), text)]
    assert meeting(storage_units(), found[0]) == titles


def test_a_grade_letter_needs_a_bound_and_an_article_is_no_grade() -> None:
    assert not [c for c in read(storage_units(), "a unit with a view") if c.field == "Security grade"]
    found = [c for c in read(storage_units(), "at least a B") if c.field == "Security grade"]
    assert len(found) == 1 and meeting(storage_units(), found[0]) == ["Unit 1", "Unit 2", "Unit 6"]


def teas() -> Toy:
    """Made up: a tea merchant's list, with a score out of 100 and a one-word value made of two words."""
    rows = [
        ("Assam Gold", "Teabag", "£4.50", 84),
        ("Darjeeling First Flush", "Loose", "£12.00", 93),
        ("Sencha", "Loose", "£9.00", 90),
        ("Builders", "Teabag", "£3.00", 80),
        ("Oolong", "Loose", "£15.00", 95),
    ]
    return toy(repeated("tea", rows, ("Form", "Price", "Judges score")))


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("under a tenner", "Price", ["Assam Gold", "Builders", "Sencha"]),
        ("92 points or more", "Judges score", ["Darjeeling First Flush", "Oolong"]),
        ("scoring 90 or higher", "Judges score", ["Darjeeling First Flush", "Oolong", "Sencha"]),
        ("just a tea bag", "Form", ["Assam Gold", "Builders"]),
    ],
)
def test_money_nouns_score_words_and_values_typed_as_two_words(text: str, field: str, titles: list[str]) -> None:
    found = [c for c in read(teas(), text) if c.field == field]
    assert len(found) == 1, [c.label for c in read(teas(), text)]
    assert meeting(teas(), found[0]) == titles


def garden_tools() -> Toy:
    """Made up: a tool library's cordless tools. One date field (no field named for a year), a
    yes/no field named with 'children', a battery that lasts, a weight."""
    rows = [
        ("Hedge Trimmer", "2021-03", "No", "45 min", "3.1 kg"),
        ("Leaf Blower", "2022-09", "Yes", "20 min", "2.4 kg"),
        ("Lawn Mower", "2023-05", "Yes", "60 min", "14 kg"),
        ("Chainsaw", "2022-01", "No", "35 min", "4.8 kg"),
        ("Strimmer", "2023-11", "Yes", "30 min", "5.5 kg"),
    ]
    return toy(repeated("g", rows, ("Bought", "Safe around children", "Battery life", "Weight")))


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("one bought in 2022", "Bought", ["Chainsaw", "Leaf Blower"]),
        ("the 2022 lot or earlier", "Bought", ["Chainsaw", "Hedge Trimmer", "Leaf Blower"]),
        ("safe around kids", "Safe around children", ["Lawn Mower", "Leaf Blower", "Strimmer"]),
        ("with a 40 minute battery", "Battery life", ["Hedge Trimmer", "Lawn Mower"]),
        ("5 kg or heavier", "Weight", ["Lawn Mower", "Strimmer"]),
    ],
)
def test_a_lone_date_is_the_year_everyday_words_name_a_field_and_lasting_amounts(
    text: str, field: str, titles: list[str]
) -> None:
    found = [c for c in read(garden_tools(), text) if c.field == field]
    assert len(found) == 1, [c.label for c in read(garden_tools(), text)]
    assert meeting(garden_tools(), found[0]) == titles


def test_a_head_word_that_another_kind_ends_with_names_neither_kind() -> None:
    """Made up: a marina's berths, whose kinds are 'Boathouse' and 'Summer house': 'houses' alone
    is no Summer house (the Boathouse is a house too), the whole name still is."""
    rows = [("Berth 1", "Boathouse"), ("Berth 2", "Summer house"), ("Berth 3", "Pontoon")]
    marina = toy(repeated("m", rows, ("Type",)))
    assert not [c for c in read(marina, "any houses free?") if c.about == "kind"]
    found = [c for c in read(marina, "a summer house") if c.about == "kind"]
    assert [c.value for c in found] == ["Summer house"]


def pitches() -> Toy:
    """Made up: a festival's camping pitches, priced per night, with a minimum stay."""
    rows = [
        ("Meadow A", "Quiet field", "€18.00", "1 night", "Allowed"),
        ("Meadow B", "Family field", "€25.00", "2 nights", "Not allowed"),
        ("Hilltop", "Quiet field", "€32.00", "3 nights", "Allowed"),
        ("Lakeside", "Lake field", "€45.00", "2 nights", "Allowed"),
    ]
    return toy(repeated("p", rows, ("Area", "Price per night", "Minimum stay", "Campfires")))


def test_anywhere_but_negates_and_a_count_with_a_noun_is_no_price() -> None:
    found = [c for c in read(pitches(), "anywhere but the quiet field") if c.field == "Area"]
    assert [(c.value, c.negated) for c in found] == [("Quiet field", True)]
    assert not [c for c in read(pitches(), "we're only here one night") if c.field == "Price per night"]
    rate = [c for c in read(pitches(), "under 30 a night") if c.field == "Price per night"]
    assert len(rate) == 1 and meeting(pitches(), rate[0]) == ["Meadow A", "Meadow B"]


def test_make_it_restates_the_amount_of_the_wish_last_bounded() -> None:
    context = Context(measured=("Price per night",), bounds=(("Price per night", "at_most"),))
    found = pitches().reader.read("actually make it 35", context).heard.constraints
    assert [(c.field, c.op, c.value) for c in found] == [("Price per night", "at_most", 35.0)]
    assert not pitches().reader.read("make it 35", Context()).heard.constraints  # nothing to restate


def _venues() -> Toy:
    rows = [
        ("Hall A", ["Monday", "Tuesday"], "Yes", "Dramatised"),
        ("Hall B", ["Sunday"], "No", "Dramatised"),
        ("Hall C", ["Tuesday"], "Yes", "Narrated"),
        ("Hall D", [], "No", "Narrated"),
    ]
    return toy(repeated("v", rows, ("Days shut", "Offers tastings", "Format")))


def test_a_value_said_with_the_opposite_of_its_fields_name_is_ruled_out() -> None:
    [open_tuesdays] = read(_venues(), "one thats open tuesdays?")
    assert open_tuesdays.negated and open_tuesdays.field == "Days shut"
    assert meeting(_venues(), open_tuesdays) == ["Hall B", "Hall D"]
    [shut] = read(_venues(), "shut on a tuesday is fine, actually i want one shut tuesdays")
    assert not shut.negated and meeting(_venues(), shut) == ["Hall A", "Hall C"]


def test_a_yes_no_field_named_by_the_thing_done() -> None:
    [book] = read(_venues(), "somewhere i can taste a few")
    assert book.field == "Offers tastings" and meeting(_venues(), book) == ["Hall A", "Hall C"]


def test_another_form_of_a_one_word_value() -> None:
    staged = [c for c in read(_venues(), "any dramatisations on?") if c.field == "Format"]
    assert [meeting(_venues(), c) for c in staged] == [["Hall A", "Hall B"]]


def _machines() -> Toy:
    rows = [
        ("Mower A", "18V", "2.5Ah", "400 W", "25 km/h", "3.4 fl oz"),
        ("Mower B", "36V", "5.0Ah", "1,200 W", "40 km/h", "1.7 fl oz"),
        ("Mower C", "12V", "4000 mAh", "250 W", "15 km/h", "6.8 fl oz"),
    ]
    return toy(repeated("m", rows, ("Voltage", "Battery", "Motor", "Top speed", "Tank")))


@pytest.mark.parametrize(
    ("text", "field", "titles"),
    [
        ("at least 18v", "Voltage", ["Mower A", "Mower B"]),
        ("over 500 watts", "Motor", ["Mower B"]),
        ("a 5ah battery or bigger", "Battery", ["Mower B"]),  # 'mAh' and 'Ah' in one column
        ("something over 20 km/h", "Top speed", ["Mower A", "Mower B"]),
        ("over 20 mph", "Top speed", ["Mower B"]),  # 32 km/h
        ("tank at least 100ml", "Tank", ["Mower A", "Mower C"]),  # fluid ounces, converted
    ],
)
def test_electrical_and_speed_units_and_fluid_ounces(text: str, field: str, titles: list[str]) -> None:
    schema = _machines().schema
    assert {f.name: f.dimension for f in schema.fields if f.name in {"Voltage", "Motor", "Top speed"}} == {
        "Voltage": "voltage",
        "Motor": "power",
        "Top speed": "speed",
    }
    (found,) = [c for c in read(_machines(), text) if c.field == field]
    assert meeting(_machines(), found) == titles


def test_a_fields_own_name_is_no_clipped_word_for_another_fields_value() -> None:
    rows = [("Bowl", "Matte", ["glazed rim", "handles"]), ("Jug", "Gloss", ["spout"]), ("Cup", "Matte", ["spout"])]
    pots = toy(repeated("p", rows, ("Glaze", "Features")))
    found = read(pots, "something with a matte glaze")
    assert [(c.field, meeting(pots, c)) for c in found] == [("Glaze", ["Bowl", "Cup"])]


def _shows() -> Toy:
    rows = [("Show A", 4.5, "1,900", "40"), ("Show B", 4.1, "52,000", "1,200"), ("Show C", 3.9, "300", "640")]
    return toy(repeated("s", rows, ("Rating", "Ratings count", "Episodes")))


def test_a_count_of_ratings_is_a_count_not_a_rating() -> None:
    assert _shows().schema.field("Ratings count").dimension is None  # type: ignore[union-attr]
    [many] = read(_shows(), "popular ones with 20k+ ratings")
    assert many.field == "Ratings count" and meeting(_shows(), many) == ["Show B"]


def test_a_bare_amount_goes_to_the_field_the_utterance_names_elsewhere() -> None:
    [episodes] = read(_shows(), "loads of episodes to get through, like 500+")
    assert episodes.field == "Episodes" and meeting(_shows(), episodes) == ["Show B", "Show C"]


def test_fewer_of_a_unit_than_those_on_the_field_measured_in_it() -> None:
    rows = [("Van A", "12,000 miles"), ("Van B", "48,500 miles"), ("Van C", "61,000 miles"), ("Van D", "30,200 miles")]
    vans = toy(repeated("v", rows, ("Odometer",)))
    (fewer,) = read(vans, "any with less miles than those?", shown=["v1a", "v2a"])
    assert fewer.op == "below" and meeting(vans, fewer) == ["Van A", "Van D"]
    (more,) = read(vans, "more miles than that one", shown=["v3a"])
    assert more.op == "above" and meeting(vans, more) == ["Van B", "Van C"]


def test_a_word_of_two_fields_beside_one_fields_name_is_that_fields_value() -> None:
    rows = [("Jar A", "Honey", ["honey", "oak"]), ("Jar B", "Dry", ["honey"]), ("Jar C", "Honey", ["smoke"])]
    jars = toy(repeated("j", rows, ("Process", "Notes")))
    [processed] = read(jars, "something honey processed")
    assert (processed.field, meeting(jars, processed)) == ("Process", ["Jar A", "Jar C"])
    [noted] = read(jars, "notes of honey")
    assert noted.field == "Notes" and meeting(jars, noted) == ["Jar A", "Jar B"]


def test_a_tier_or_beyond_it_on_an_ordered_field() -> None:
    rows = [("Walk A", "Easy"), ("Walk B", "Moderate"), ("Walk C", "Hard"), ("Walk D", "Strenuous")]
    walks = toy(repeated("w", rows, ("Difficulty",)))
    [easier] = read(walks, "moderate or easier")
    assert meeting(walks, easier) == ["Walk A", "Walk B"]
    [harder] = read(walks, "a hard walk or harder")
    assert meeting(walks, harder) == ["Walk C", "Walk D"]


def test_the_opposite_word_is_no_value_of_its_own() -> None:
    rows = [
        ("Gallery A", "Craft", ["open studios", "cafe"], ["Monday"]),
        ("Gallery B", "Photography", ["cafe"], []),
        ("Gallery C", "Photography", ["shop"], ["Monday"]),
        ("Gallery D", "Sculpture", ["open studios"], []),
    ]
    galleries = toy(repeated("g", rows, ("Theme", "Highlights", "Closed")))
    found = read(galleries, "photography, open on mondays?")
    assert {(c.field, c.negated) for c in found} == {("Theme", False), ("Closed", True)}


def test_a_word_ruled_out_that_two_fields_hold_is_ruled_out_of_both() -> None:
    rows = [
        ("Scent A", "Leather", ["leather", "oud"]),
        ("Scent B", "Woody", ["leather"]),
        ("Scent C", "Woody", ["cedar"]),
    ]
    scents = toy(repeated("s", rows, ("Family", "Notes")))
    found = read(scents, "not the leather ones")
    assert {(c.field, c.negated) for c in found} == {("Family", True), ("Notes", True)}
    assert set.intersection(*(set(meeting(scents, c)) for c in found)) == {"Scent C"}


def test_an_amount_said_under_a_not_is_ruled_out() -> None:
    [no_36] = read(_machines(), "no 36v ones please")
    assert no_36.negated and meeting(_machines(), no_36) == ["Mower A", "Mower C"]
    [plain] = read(_machines(), "a 36v one")
    assert not plain.negated and meeting(_machines(), plain) == ["Mower B"]


def test_a_hyphenated_kind_typed_as_two_words() -> None:
    rows = [("T1", "Multi-Tool", ["tool bag"]), ("T2", "Jigsaw", ["blade"]), ("T3", "Multi-Tool", ["case"])]
    tools = toy(repeated("t", rows, ("Type", "Kit")))
    kinds = [c for c in read(tools, "a multi tool please") if c.field == "Type"]
    assert [meeting(tools, c) for c in kinds] == [["T1", "T3"]]
