"""Writes perfumes/fragrance_export.csv: a perfume shop's product export as its web shop writes
it, one row per bottle size, `,` between cells (seeded: running it again writes the same bytes).
Every house, fragrance and perfumer is invented; the notes and the families are the trade's own.
Most fragrances come in two or three sizes, so product names repeat: the SKU tells them apart."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("perfumes") / "fragrance_export.csv"
# house: (price per 100 ml in £ for an eau de parfum, its perfumers, founded)
# fmt: off
BRANDS = {
    "Maison Verlaine": (165, ["Anne Delorme", "Marc Vasseur"]),
    "Atelier Solenne": (210, ["Camille Roux", "Anne Delorme"]),
    "Ormond & Finch": (120, ["Thomas Hale", "Priya Mistry"]),
    "Casa Alvaro": (95, ["Lucia Ferrer", "Jordi Puig"]),
    "Nordlys": (140, ["Sigrid Holm"]),
    "Kaito Parfums": (185, ["Hiro Matsuda", "Camille Roux"]),
    "The Botanic Co.": (58, []),
    "Velour": (75, ["Marc Vasseur", "Thomas Hale"]),
    "Hartwell London": (130, ["Priya Mistry", "Olivia Brandt"]),
    "Saint-Aubin": (260, ["Anne Delorme", "Hiro Matsuda"]),
    "Mira Sol": (42, []),
    "Blackthorn": (110, ["Olivia Brandt", "Jordi Puig"]),
}
# family: the notes its fragrances draw on
FAMILIES = {
    "Floral": ["rose", "jasmine", "peony", "tuberose", "lily of the valley", "orange blossom", "iris", "violet", "magnolia", "freesia", "musk", "bergamot", "pear"],
    "Woody": ["sandalwood", "cedarwood", "vetiver", "oud", "patchouli", "cypress", "guaiac wood", "bergamot", "cardamom", "black pepper", "amber"],
    "Amber": ["amber", "vanilla", "benzoin", "labdanum", "cinnamon", "saffron", "oud", "rose", "tonka bean", "incense", "myrrh"],
    "Fresh": ["bergamot", "lemon", "neroli", "green tea", "mint", "cucumber", "white musk", "vetiver", "grapefruit", "basil"],
    "Citrus": ["bergamot", "lemon", "mandarin", "grapefruit", "lime", "yuzu", "neroli", "petitgrain", "vetiver", "white musk"],
    "Gourmand": ["vanilla", "tonka bean", "caramel", "praline", "coffee", "cocoa", "almond", "coconut", "pear", "musk", "sandalwood"],
    "Chypre": ["bergamot", "oakmoss", "patchouli", "labdanum", "rose", "jasmine", "peach", "blackcurrant", "vetiver"],
    "Aquatic": ["sea salt", "marine accord", "bergamot", "grapefruit", "sage", "driftwood", "ambergris", "white musk"],
    "Leather": ["leather", "birch tar", "saffron", "suede", "iris", "tobacco", "oud", "vanilla", "smoke"],
    "Aromatic": ["lavender", "rosemary", "sage", "geranium", "tonka bean", "oakmoss", "bergamot", "vetiver", "coumarin"],
}
WORDS = {
    "Floral": ["Rose", "Peony", "Jardin", "Bloom", "Petal", "Magnolia", "Tuberose", "Iris", "Garden", "Blossom"],
    "Woody": ["Cedar", "Forest", "Santal", "Timber", "Vetiver", "Oud", "Grove", "Bark"],
    "Amber": ["Amber", "Nuit", "Saffron", "Ember", "Sultan", "Velvet", "Incense"],
    "Fresh": ["Tea", "Breeze", "Linen", "Morning", "Mint", "Rain", "Clean"],
    "Citrus": ["Neroli", "Yuzu", "Lemon", "Sole", "Mandarin", "Riviera", "Zest"],
    "Gourmand": ["Vanilla", "Praline", "Cocoa", "Caramel", "Sugar", "Tonka", "Almond"],
    "Chypre": ["Mousse", "Chypre", "Mystère", "Peach", "Silk"],
    "Aquatic": ["Sea", "Tide", "Coast", "Marine", "Bay", "Salt"],
    "Leather": ["Cuir", "Leather", "Saddle", "Tabac", "Smoke"],
    "Aromatic": ["Lavande", "Herb", "Sage", "Fougère", "Barbershop"],
}
FIRST = ["Noir", "Blanc", "Wild", "Midnight", "Golden", "Secret", "Eau de", "Velvet", "Smoked", "Sacred", "Dusk", "Summer", "Winter", "Silver", "Pale", "Dark", "Little", "Grand"]
# fmt: on
TYPES = {  # type: (price factor, weight, sizes in ml)
    "Eau de Parfum": (1.0, 50, [(30, 50, 100), (50, 100), (50, 100)]),
    "Eau de Toilette": (0.75, 25, [(50, 100), (30, 50, 100), (100,)]),
    "Extrait de Parfum": (1.7, 8, [(50,), (30, 50), (50, 100)]),
    "Eau de Cologne": (0.6, 8, [(100,), (100, 200)]),
    "Body Mist": (0.25, 14, [(150,), (250,)]),
}
GENDERS = ["Feminine", "Masculine", "Unisex"]


def size_price(rng: random.Random, per_100: float, ml: int) -> float:
    """Smaller bottles cost more a millilitre; prices end in .00 or .99 as shops set them."""
    price = per_100 * (ml / 100) ** 0.78
    return round(price) - rng.choice([0.01, 0.0, 0.01])


def rows(rng: random.Random) -> list[list[str]]:
    out: list[list[str]] = []
    names: set[str] = set()
    sku = 10400
    for n in range(72):
        brand = rng.choice(list(BRANDS))
        per_100, perfumers = BRANDS[brand]
        family = rng.choice(list(FAMILIES))
        kind = rng.choices(list(TYPES), weights=[t[1] for t in TYPES.values()])[0]
        if kind == "Body Mist":  # only the high-street houses make them
            brand = rng.choice(["Mira Sol", "The Botanic Co.", "Velour"])
            per_100, perfumers = BRANDS[brand]
        factor, _, sizes = TYPES[kind]
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(WORDS[family])}".replace("Eau de Eau", "Eau")
            if rng.random() < 0.2:
                name = (
                    rng.choice(WORDS[family])
                    + " "
                    + rng.choice(["No. 5", "No. 9", "No. 12", "Absolu", "Intense", "Privé", "Sauvage", "Royale"])
                )
            if name not in names:
                names.add(name)
                break
        if kind == "Body Mist":
            name += " Body Mist"
        notes = rng.sample(FAMILIES[family], rng.randint(3, 6))
        if rng.random() < 0.35:  # a note from a neighbouring family
            other = rng.choice(list(FAMILIES))
            notes.append(rng.choice(FAMILIES[other]))
        notes = list(dict.fromkeys(notes))
        if perfumers and rng.random() < 0.9:
            perfumer = rng.choice(perfumers)
            if rng.random() < 0.12:
                perfumer = ", ".join(sorted({perfumer, rng.choice([*perfumers, "Sigrid Holm"])}))
        else:
            perfumer = ""
        gender = rng.choices(GENDERS, weights=[4, 3, 4])[0]
        if family == "Leather":
            gender = rng.choice(["Masculine", "Unisex"])
        launched = rng.choice([rng.randint(1988, 2009), rng.randint(2010, 2024), rng.randint(2016, 2024)])
        rating = min(4.9, max(3.1, rng.gauss(4.3, 0.35)))
        reviews = int(rng.lognormvariate(4.6, 1.3)) + 3
        refill = "Yes" if rng.random() < 0.25 and kind != "Body Mist" else "No"
        chosen = rng.choice(sizes)
        for ml in chosen:
            sku += rng.randint(1, 40)
            price = size_price(rng, per_100 * factor * rng.uniform(0.85, 1.2), ml)
            stock = rng.choice([0, 2, 5, 8, 12, 14, 23, 40, 67]) if rng.random() < 0.9 else ""
            out.append(
                [
                    f"FR-{sku}",
                    name,
                    brand,
                    perfumer,
                    kind,
                    f"{ml} ml",
                    f"£{price:,.2f}",
                    gender,
                    family,
                    ", ".join(notes),
                    str(launched),
                    f"{rating:.1f}",
                    f"{reviews:,}",
                    refill,
                    str(stock),
                ]
            )
        if n == 40:  # the house's flagship extrait in a collector's bottle
            out.append(
                [
                    "FR-99001",
                    "Saint-Aubin Grand Extrait",
                    "Saint-Aubin",
                    "Anne Delorme",
                    "Extrait de Parfum",
                    "200 ml",
                    "£1,249.99",
                    "Unisex",
                    "Amber",
                    "oud, saffron, rose, amber, incense",
                    "2021",
                    "4.8",
                    "17",
                    "Yes",
                    "1",
                ]
            )
    return out


def main() -> None:
    rng = random.Random(20261207)
    table = rows(rng)
    table.sort(key=lambda r: (r[2], r[1], int(r[5].split()[0])))  # by house, then name, then size
    header = [
        "SKU",
        "Product Name",
        "Brand",
        "Perfumer",
        "Type",
        "Size",
        "Price",
        "Gender",
        "Fragrance Family",
        "Key Notes",
        "Launch Year",
        "Rating",
        "Reviews",
        "Refillable",
        "Stock",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(table)


if __name__ == "__main__":
    main()
