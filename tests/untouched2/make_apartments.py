"""Writes apartments/lettings_export.csv: a letting agency's listings export (seeded: running it
again writes the same bytes). Neighbourhoods and cities are real; listings, figures and agents
are invented, drawn from typical ranges for each city."""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("apartments") / "lettings_export.csv"
CITIES = {
    "Manchester": (
        1.0,
        ["Ancoats", "Northern Quarter", "Didsbury", "Chorlton", "Salford Quays", "Castlefield", "Levenshulme"],
    ),
    "Leeds": (0.85, ["Headingley", "Chapel Allerton", "Leeds Dock", "Kirkstall", "Roundhay", "Meanwood"]),
    "Bristol": (1.2, ["Clifton", "Redland", "Bedminster", "Harbourside", "Southville", "Montpelier", "Bishopston"]),
    "Birmingham": (0.9, ["Jewellery Quarter", "Digbeth", "Edgbaston", "Moseley", "Harborne", "Kings Heath"]),
}
AGENTS = ["Northgate Lettings", "Hollis & Wren", "Keyhouse Property", "Urban Nest Lettings", "Fairbrook Estates"]
# type: (share in percent, bedroom counts drawn from)
TYPES = {
    "Flat": (52, [1, 1, 2, 2, 2, 3], 0, 0),
    "Studio": (12, [0], 0, 0),
    "House": (14, [2, 3, 3, 4, 5], 0, 0),
    "Maisonette": (8, [2, 3], 0, 0),
    "Penthouse": (5, [2, 3], 0, 0),
    "Room": (9, [1], 0, 0),
}
WORDS = {0: "Studio", 1: "One bed", 2: "Two bed", 3: "Three bed", 4: "Four bed", 5: "Five bed"}
FLAT_FEATURES = [
    "balcony",
    "lift",
    "dishwasher",
    "concierge",
    "gym",
    "bike storage",
    "washer dryer",
    "wooden floors",
    "double glazing",
    "allocated parking",
    "roof terrace",
    "en suite",
    "underfloor heating",
    "EV charging",
]
HOUSE_FEATURES = [
    "garden",
    "off-street parking",
    "dishwasher",
    "washer dryer",
    "fireplace",
    "double glazing",
    "gas central heating",
    "wooden floors",
    "en suite",
    "bike storage",
    "conservatory",
]
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def rent(rng: random.Random, kind: str, beds: int, factor: float) -> int:
    base = {"Studio": 800, "Room": 600}.get(kind, 780 + 330 * beds)
    if kind == "Penthouse":
        base += 1300
    if kind == "House":
        base -= 80
    return int(round(base * factor * rng.uniform(0.85, 1.2) / 5) * 5)


def size(rng: random.Random, kind: str, beds: int) -> int:
    base = {"Studio": 30, "Room": 14}.get(kind, 28 + 24 * beds)
    if kind in ("Penthouse", "House"):
        base += 20
    return int(base * rng.uniform(0.85, 1.2))


def floor(rng: random.Random, kind: str) -> str:
    if kind in ("House", "Room"):
        return ""
    if kind == "Penthouse":
        level = rng.randint(8, 18)
    elif kind == "Maisonette":
        level = rng.choice([0, 0, 1, 2])
    else:
        level = rng.choice([-1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 11, 14])
    if level == -1:
        return "Basement"
    if level == 0:
        return "Ground"
    return ORDINALS.get(level, f"{level}th")


def features(rng: random.Random, kind: str, level: str) -> str:
    pool = HOUSE_FEATURES if kind in ("House", "Maisonette", "Room") else FLAT_FEATURES
    chosen = rng.sample(pool, rng.randint(2, 5))
    if kind == "Penthouse" and "roof terrace" not in chosen:
        chosen.append("roof terrace")
    if kind == "Maisonette" and rng.random() < 0.4:
        chosen.append("garden")
    if level in ("Basement", "Ground", "1st") or kind in ("House", "Maisonette", "Room"):
        chosen = [f for f in chosen if f != "lift"]
    return ", ".join(chosen)


def epc(rng: random.Random, kind: str, area: str) -> str:
    if area in ("Leeds Dock", "Salford Quays", "Harbourside", "Ancoats", "Digbeth") and kind != "House":
        return rng.choice("ABBBC")
    return rng.choice("BCCCDDDEEF" if kind == "House" else "BBCCCCDDDE")


def listing(rng: random.Random, number: int, city: str, factor: float, area: str) -> list[str]:
    kind = rng.choices(list(TYPES), weights=[t[0] for t in TYPES.values()])[0]
    beds = rng.choice(TYPES[kind][1])
    level = floor(rng, kind)
    title = (
        "Double room in a shared house"
        if kind == "Room"
        else ("Studio apartment" if kind == "Studio" else f"{WORDS[beds]} {kind.lower()}")
    )
    title = f"{title}, {area}"
    pets = (
        ""
        if rng.random() < 0.07
        else ("Allowed" if rng.random() < (0.55 if kind == "House" else 0.25) else "Not allowed")
    )
    bills = "Yes" if kind == "Room" or (kind == "Studio" and rng.random() < 0.3) else "No"
    furnished = (
        rng.choice(["Furnished", "Furnished", "Unfurnished", "Part-furnished"]) if kind != "Room" else "Furnished"
    )
    if kind == "House":
        furnished = rng.choice(["Unfurnished", "Unfurnished", "Part-furnished", "Furnished"])
    available = "Now" if rng.random() < 0.2 else f"2027-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
    baths = 1 if beds <= 1 else rng.choice([1, 2, 2]) if beds <= 3 else rng.choice([2, 3])
    return [
        f"LET-{number:05d}",
        title,
        kind,
        area,
        city,
        f"£{rent(rng, kind, beds, factor):,}",
        str(beds),
        str(baths),
        f"{size(rng, kind, beds)} m²",
        furnished,
        available,
        pets,
        bills,
        features(rng, kind, level),
        epc(rng, kind, area),
        rng.choice("ABBCCCDDE"),
        level,
        rng.choice(AGENTS),
    ]


def main() -> None:
    rng = random.Random(20270114)
    header = [
        "Listing ID",
        "Title",
        "Type",
        "Neighbourhood",
        "City",
        "Rent (pcm)",
        "Bedrooms",
        "Bathrooms",
        "Size",
        "Furnished",
        "Available from",
        "Pets",
        "Bills included",
        "Features",
        "EPC rating",
        "Council tax band",
        "Floor",
        "Agent",
    ]
    rows = []
    number = 20411
    for city, (factor, areas) in CITIES.items():
        for index in range(45):
            rows.append(listing(rng, number, city, factor, areas[index % len(areas)]))
            number += rng.randint(1, 9)
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
