"""Writes campsites/campsite_directory.csv: a camping guide's directory export, `,` between cells
(seeded: running it again writes the same bytes). Regions and countries are real and campsite
names are the usual ones (the same "Camping Les Pins" in several regions); pitches, prices,
facilities and the rest are invented, drawn from typical ranges for each kind of site."""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("campsites") / "campsite_directory.csv"
# region, country, on the coast, names in the local language
REGIONS = [
    ("Brittany", "France", True, "fr"),
    ("Vendée", "France", True, "fr"),
    ("Dordogne", "France", False, "fr"),
    ("Provence", "France", False, "fr"),
    ("Languedoc", "France", True, "fr"),
    ("Costa Brava", "Spain", True, "es"),
    ("Andalusia", "Spain", True, "es"),
    ("Lake Garda", "Italy", False, "it"),
    ("Tuscany", "Italy", True, "it"),
    ("Veneto", "Italy", True, "it"),
    ("Algarve", "Portugal", True, "pt"),
    ("Zeeland", "Netherlands", True, "nl"),
    ("Istria", "Croatia", True, "hr"),
    ("Black Forest", "Germany", False, "de"),
]
NAMES = {
    "fr": ["Les Pins", "La Plage", "Le Moulin", "Les Chênes", "Le Lac", "Les Dunes", "La Rivière", "Les Mouettes"],
    "es": ["El Pinar", "La Playa", "Mar Azul", "Sol y Mar", "Las Dunas", "El Molino", "Les Pins"],
    "it": ["Bella Vista", "Paradiso", "Il Frutteto", "Al Lago", "La Pineta", "Le Palme", "Bella Italia"],
    "pt": ["Mar Azul", "Quinta do Sol", "Praia Dourada", "O Pinhal", "Bella Vista"],
    "nl": ["De Duinen", "Het Strand", "De Zeeuwse Kust", "Zeebad", "De Molen"],
    "hr": ["Lanterna", "Valkanela", "Bi-Village", "Mon Perin", "Bella Vista"],
    "de": ["Am Waldsee", "Seeblick", "Schwarzwaldhorn", "Kirchzarten", "Am Mühlbach", "Bella Vista"],
}
# type: share, title prefix, pitches, price per night (€), stars, minimum stays
TYPES = {
    "Campsite": (0.5, "Camping", (40, 420), (17, 46), (2, 4), [1, 1, 1, 2, 3]),
    "Holiday park": (0.17, "Camping", (300, 2900), (34, 88), (4, 5), [1, 2, 3, 7, 7]),
    "Glamping": (0.13, "Glamping", (6, 60), (68, 190), (3, 5), [2, 2, 3, 7]),
    "Farm site": (0.11, "Camping à la ferme", (5, 25), (10, 21), (1, 2), [1, 1, 2]),
    "Motorhome aire": (0.09, "Aire", (10, 70), (8, 16), (None, None), [1]),
}
PREFIX = {
    "Farm site": {
        "es": "Camping Rural",
        "it": "Agricampeggio",
        "pt": "Parque Rural",
        "nl": "Boerderijcamping",
        "hr": "Kamp",
        "de": "Bauernhof-Camping",
    }
}
FACILITIES = {
    "Campsite": [
        "electric hook-up",
        "wifi",
        "shop",
        "bar",
        "restaurant",
        "pool",
        "playground",
        "laundry",
        "bike hire",
        "tennis",
        "disabled access",
        "BBQ allowed",
        "motorhome service point",
        "fishing",
    ],
    "Holiday park": [
        "electric hook-up",
        "wifi",
        "shop",
        "bar",
        "restaurant",
        "pool",
        "heated pool",
        "waterslides",
        "kids club",
        "playground",
        "laundry",
        "spa",
        "tennis",
        "bike hire",
        "evening entertainment",
        "disabled access",
    ],
    "Glamping": [
        "wifi",
        "private bathroom",
        "hot tub",
        "breakfast",
        "pool",
        "BBQ allowed",
        "bike hire",
        "spa",
        "kayak hire",
        "horse riding",
    ],
    "Farm site": ["electric hook-up", "farm shop", "BBQ allowed", "fishing", "horse riding", "laundry", "playground"],
    "Motorhome aire": ["electric hook-up", "motorhome service point", "wifi"],
}
SEASONS = ["All year", "Apr-Oct", "Apr-Sep", "May-Sep", "Mar-Nov", "Jun-Sep"]


def pick_type(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for name, spec in TYPES.items():
        total += spec[0]
        if roll < total:
            return name
    return "Campsite"


def beach(rng: random.Random, coastal: bool, region: str) -> str:
    if not coastal:
        return "" if rng.random() < 0.7 else f"{rng.randint(45, 160)} km"
    metres = int(rng.choice([rng.uniform(40, 900), rng.uniform(900, 4000), rng.uniform(4000, 22000)]))
    if region in ("Zeeland", "Istria", "Costa Brava") and rng.random() < 0.6:
        metres = int(rng.uniform(30, 600))
    if metres < 1000:
        return f"{round(metres, -1)} m"
    if metres < 2000 and rng.random() < 0.5:
        return f"{round(metres, -1):,} m"
    return f"{metres / 1000:.1f} km"


def site(rng: random.Random, number: int, region: tuple[str, str, bool, str], kind: str) -> list[str]:
    name, country, coastal, language = region
    _, prefix, pitches, price, stars, stays = TYPES[kind]
    prefix = PREFIX.get(kind, {}).get(language, prefix)
    if kind == "Campsite" and language != "fr":
        prefix = {
            "es": "Camping",
            "it": "Camping",
            "pt": "Parque de Campismo",
            "nl": "Camping",
            "hr": "Kamp",
            "de": "Campingplatz",
        }[language]
    count = rng.randint(*pitches)
    count = round(count, -1) if count > 100 else count
    cost = round(rng.uniform(*price) * (1.15 if coastal else 1.0) * 2) / 2
    grade = "" if stars[0] is None else str(rng.randint(*stars))
    facilities = rng.sample(FACILITIES[kind], k=min(len(FACILITIES[kind]), rng.randint(2, 7)))
    dogs = rng.choice(["Allowed", "Allowed", "Not allowed"] if kind != "Glamping" else ["Allowed", "Not allowed"])
    if rng.random() < 0.08:
        dogs = ""
    season = "All year" if kind == "Motorhome aire" and rng.random() < 0.7 else rng.choice(SEASONS)
    opened = rng.randint(2008, 2024) if kind == "Glamping" else rng.randint(1956, 2022)
    stay = rng.choice(stays)
    return [
        f"CS-{number:04d}",
        f"{prefix} {rng.choice(NAMES[language])}",
        kind,
        name,
        country,
        f"{count:,}",
        f"€{cost:.2f}",
        ", ".join(facilities),
        dogs,
        beach(rng, coastal, name),
        season,
        grade,
        f"{stay} night" if stay == 1 else f"{stay} nights",
        str(opened),
    ]


def main() -> None:
    rng = random.Random(20270311)
    rows = []
    number = 1000
    for region in REGIONS:
        for _ in range(13):
            number += rng.randint(1, 9)
            rows.append(site(rng, number, region, pick_type(rng)))
    header = [
        "Site ID",
        "Campsite",
        "Type",
        "Region",
        "Country",
        "Pitches",
        "Price per night",
        "Facilities",
        "Dogs",
        "Distance to beach",
        "Season",
        "Stars",
        "Minimum stay",
        "Year opened",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
