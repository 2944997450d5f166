"""Writes headphones/headphones_stock.csv: an audio shop's stock export, `,` between cells (seeded:
running it again writes the same bytes). Brands and model names are real and their specs near
the makers' own; weights, prices, grades and colours are drawn around them, so they are not
exact."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("headphones") / "headphones_stock.csv"
# brand, model, type, noise cancelling, battery h (None: wired), charge min, weight g, price £,
# driver mm (None: none), codecs, year, multipoint, water resistance
W = "Wireless"
AX = "SBC, AAC, aptX Adaptive"
AXL = AX + ", LC3"
AXLD = AX + ", LDAC"
LD = "SBC, AAC, LDAC"
MODELS = [
    ("Sony", "WH-1000XM5", "Over-ear", True, 30, 210, 250, 379, 30, LD, 2022, True, ""),
    ("Sony", "WH-1000XM4", "Over-ear", True, 30, 180, 254, 279, 40, LD, 2020, True, ""),
    ("Sony", "WH-CH720N", "Over-ear", True, 35, 210, 192, 119, 30, "SBC, AAC", 2023, True, ""),
    ("Sony", "WH-CH520", "On-ear", False, 50, 180, 147, 59, 30, "SBC, AAC", 2023, True, ""),
    ("Sony", "WH-ULT900N", "Over-ear", True, 30, 200, 255, 199, 40, LD, 2024, True, ""),
    ("Sony", "WF-1000XM5", "True wireless", True, 8, 90, 5.9, 259, 8.4, "SBC, AAC, LDAC, LC3", 2023, True, "IPX4"),
    ("Sony", "WF-C700N", "True wireless", True, 7.5, 120, 4.6, 99, 5, "SBC, AAC", 2023, True, "IPX4"),
    ("Sony", "WF-C500", "True wireless", False, 10, 180, 5.4, 59, 5.8, "SBC, AAC", 2021, False, "IPX4"),
    ("Sony", "LinkBuds S", "True wireless", True, 6, 120, 4.8, 149, 5, LD, 2022, True, "IPX4"),
    ("Sony", "MDR-7506", "Over-ear", False, None, None, 230, 89, 40, "", 1991, None, ""),
    ("Sony", "MDR-MV1", "Over-ear", False, None, None, 223, 349, 40, "", 2023, None, ""),
    ("Bose", "QuietComfort Ultra Headphones", "Over-ear", True, 24, 180, 250, 449, 35, AX, 2023, True, ""),
    ("Bose", "QuietComfort Headphones", "Over-ear", True, 24, 150, 240, 299, 35, "SBC, AAC", 2023, True, ""),
    ("Bose", "QuietComfort 45", "Over-ear", True, 24, 150, 238, 249, 35, "SBC, AAC", 2021, True, ""),
    ("Bose", "QuietComfort Ultra Earbuds", "True wireless", True, 6, 60, 6.2, 299, 9.3, AX, 2023, True, "IPX4"),
    ("Bose", "QuietComfort Earbuds II", "True wireless", True, 6, 60, 6.2, 199, 9.3, "SBC, AAC", 2022, False, "IPX4"),
    ("Bose", "Ultra Open Earbuds", "Open-ear", False, 7.5, 60, 6.3, 299, 12, AX, 2024, True, "IPX4"),
    ("Apple", "AirPods Pro 2", "True wireless", True, 6, 60, 5.3, 229, 11, "SBC, AAC", 2022, False, "IP54"),
    ("Apple", "AirPods 4", "True wireless", False, 5, 60, 4.3, 129, 11, "SBC, AAC", 2024, False, "IP54"),
    ("Apple", "AirPods Max", "Over-ear", True, 20, 120, 385, 499, 40, "SBC, AAC", 2020, False, ""),
    ("Beats", "Studio Pro", "Over-ear", True, 40, 120, 260, 349, 40, "SBC, AAC", 2023, False, ""),
    ("Beats", "Solo 4", "On-ear", False, 50, 120, 217, 199, 40, "SBC, AAC", 2024, False, ""),
    ("Beats", "Fit Pro", "True wireless", True, 6, 90, 5.6, 199, 9.5, "SBC, AAC", 2021, False, "IPX4"),
    ("Beats", "Powerbeats Pro 2", "True wireless", True, 10, 90, 8.7, 249, 11, "SBC, AAC", 2025, False, "IPX4"),
    ("Sennheiser", "Momentum 4 Wireless", "Over-ear", True, 60, 120, 293, 299, 42, AX, 2022, True, ""),
    ("Sennheiser", "Momentum True Wireless 4", "True wireless", True, 7.5, 90, 6, 259, 7, AXL, 2024, True, "IP54"),
    ("Sennheiser", "Accentum Plus", "Over-ear", True, 50, 120, 227, 179, 37, "SBC, AAC, aptX HD", 2024, True, ""),
    ("Sennheiser", "Accentum", "Over-ear", True, 50, 180, 222, 129, 37, "SBC, AAC", 2023, True, ""),
    ("Sennheiser", "HD 450BT", "Over-ear", True, 30, 120, 238, 99, 32, "SBC, AAC, aptX Low Latency", 2019, False, ""),
    ("Sennheiser", "HD 560S", "Over-ear", False, None, None, 240, 169, 38, "", 2020, None, ""),
    ("Sennheiser", "HD 600", "Over-ear", False, None, None, 260, 299, 40, "", 1997, None, ""),
    ("Sennheiser", "HD 660S2", "Over-ear", False, None, None, 260, 499, 38, "", 2023, None, ""),
    ("Sennheiser", "HD 800 S", "Over-ear", False, None, None, 330, 1399, 56, "", 2016, None, ""),
    ("Sennheiser", "IE 600", "In-ear", False, None, None, 6, 599, 7, "", 2022, None, ""),
    ("Sennheiser", "HD 25", "On-ear", False, None, None, 140, 129, 38, "", 1988, None, ""),
    ("Jabra", "Elite 10", "True wireless", True, 6, 120, 5.7, 199, 10, "SBC, AAC, LC3", 2023, True, "IP57"),
    ("Jabra", "Elite 8 Active", "True wireless", True, 8, 150, 5, 169, 6, "SBC, AAC, LC3", 2023, True, "IP68"),
    ("Jabra", "Elite 4", "True wireless", True, 5.5, 150, 4.6, 79, 6, "SBC, aptX", 2022, True, "IP55"),
    ("Jabra", "Evolve2 65", "On-ear", False, 37, 160, 170, 219, 40, "SBC", 2020, True, ""),
    ("Bowers & Wilkins", "Px7 S2e", "Over-ear", True, 30, 120, 307, 349, 40, AX, 2023, True, ""),
    ("Bowers & Wilkins", "Px8", "Over-ear", True, 30, 120, 320, 599, 40, AX, 2022, True, ""),
    (
        "Bowers & Wilkins",
        "Pi8",
        "True wireless",
        True,
        6.5,
        120,
        6.5,
        349,
        12,
        "SBC, AAC, aptX Lossless",
        2024,
        True,
        "IP54",
    ),
    ("Audio-Technica", "ATH-M50x", "Over-ear", False, None, None, 285, 129, 45, "", 2014, None, ""),
    ("Audio-Technica", "ATH-M50xBT2", "Over-ear", False, 50, 180, 307, 179, 45, LD, 2021, True, ""),
    ("Audio-Technica", "ATH-M40x", "Over-ear", False, None, None, 240, 89, 40, "", 2014, None, ""),
    ("Audio-Technica", "ATH-R70x", "Over-ear", False, None, None, 210, 299, 45, "", 2015, None, ""),
    ("beyerdynamic", "DT 770 Pro", "Over-ear", False, None, None, 270, 129, 45, "", 1985, None, ""),
    ("beyerdynamic", "DT 990 Pro", "Over-ear", False, None, None, 250, 139, 45, "", 1985, None, ""),
    ("beyerdynamic", "DT 1990 Pro", "Over-ear", False, None, None, 370, 459, 45, "", 2016, None, ""),
    ("beyerdynamic", "Aventho 300", "Over-ear", True, 50, 120, 280, 349, 40, AXL, 2024, True, ""),
    ("AKG", "K371", "Over-ear", False, None, None, 255, 119, 50, "", 2019, None, ""),
    ("AKG", "K702", "Over-ear", False, None, None, 235, 159, 40, "", 2009, None, ""),
    ("Shure", "Aonic 50 Gen 2", "Over-ear", True, 45, 120, 340, 299, 50, AXLD, 2023, True, ""),
    ("Shure", "SE215", "In-ear", False, None, None, 30, 99, None, "", 2011, None, ""),
    ("Shure", "SE846", "In-ear", False, None, None, 32, 799, None, "", 2013, None, ""),
    ("Samsung", "Galaxy Buds3 Pro", "True wireless", True, 6, 90, 5.4, 219, 10.5, "SBC, AAC, SSC", 2024, True, "IP57"),
    ("Samsung", "Galaxy Buds2 Pro", "True wireless", True, 5, 90, 5.5, 149, 10, "SBC, AAC, SSC", 2022, False, "IPX7"),
    ("Samsung", "Galaxy Buds FE", "True wireless", True, 6, 120, 5.6, 89, 12, "SBC, AAC", 2023, False, "IPX2"),
    ("Google", "Pixel Buds Pro 2", "True wireless", True, 8, 90, 4.7, 219, 11, "SBC, AAC", 2024, True, "IP54"),
    ("Google", "Pixel Buds A-Series", "True wireless", False, 5, 120, 5.1, 79, 12, "SBC, AAC", 2021, False, "IPX4"),
    ("Anker", "Soundcore Space Q45", "Over-ear", True, 50, 120, 295, 99, 40, LD, 2022, True, ""),
    ("Anker", "Soundcore Life Q30", "Over-ear", True, 40, 150, 260, 69, 40, "SBC, AAC", 2020, True, ""),
    ("Anker", "Soundcore Life Q20", "Over-ear", True, 40, 180, 265, 45, 40, "SBC", 2019, False, ""),
    ("Anker", "Soundcore Liberty 4 NC", "True wireless", True, 10, 90, 5.3, 79, 11, LD, 2023, True, "IPX4"),
    ("Anker", "Soundcore Sport X10", "True wireless", False, 8, 120, 7, 89, 10, "SBC, AAC", 2023, False, "IPX7"),
    ("JBL", "Tune 770NC", "Over-ear", True, 44, 120, 232, 99, 40, "SBC, AAC", 2023, True, ""),
    ("JBL", "Tune 520BT", "On-ear", False, 57, 120, 157, 45, 33, "SBC", 2023, True, ""),
    ("JBL", "Live 660NC", "Over-ear", True, 40, 120, 250, 129, 40, "SBC, AAC", 2021, True, ""),
    ("JBL", "Tour One M2", "Over-ear", True, 30, 120, 268, 249, 40, "SBC, AAC", 2023, True, ""),
    ("JBL", "Endurance Peak 3", "True wireless", False, 10, 120, 10.5, 79, 10, "SBC", 2022, False, "IP68"),
    ("JBL", "Tour Pro 2", "True wireless", True, 10, 120, 6.1, 179, 10, "SBC, AAC", 2023, True, "IP54"),
    ("Shokz", "OpenRun Pro 2", "Bone conduction", False, 12, 60, 30, 179, None, "SBC", 2024, True, "IP55"),
    ("Shokz", "OpenRun", "Bone conduction", False, 8, 60, 26, 119, None, "SBC", 2021, True, "IP67"),
    ("Shokz", "OpenSwim", "Bone conduction", False, 8, 90, 30, 149, None, "", 2020, None, "IP68"),
    ("Shokz", "OpenFit", "Open-ear", False, 7, 60, 8.3, 179, 18, "SBC, AAC", 2023, True, "IP54"),
    ("Marshall", "Major V", "On-ear", False, 100, 180, 186, 129, 40, "SBC", 2023, False, ""),
    ("Marshall", "Monitor III ANC", "Over-ear", True, 70, 120, 280, 319, 32, "SBC, LC3", 2024, True, ""),
    ("Marshall", "Motif II ANC", "True wireless", True, 6, 90, 4.8, 199, 6, "SBC, AAC, LC3", 2023, True, "IP54"),
    ("Nothing", "Ear (2)", "True wireless", True, 6, 60, 4.5, 129, 11.6, "SBC, AAC, LHDC", 2023, True, "IP54"),
    ("Nothing", "Ear (a)", "True wireless", True, 9.5, 60, 4.8, 99, 11, LD, 2024, True, "IP54"),
    ("Nothing", "Headphone (1)", "Over-ear", True, 35, 120, 329, 299, 40, LD, 2025, True, ""),
    ("Skullcandy", "Crusher ANC 2", "Over-ear", True, 50, 150, 310, 199, 40, "SBC, AAC", 2022, True, ""),
    ("Skullcandy", "Dime 3", "True wireless", False, 8, 120, 4, 29, 6, "SBC", 2023, False, "IPX4"),
    ("Focal", "Bathys", "Over-ear", True, 30, 120, 350, 699, 40, AX, 2022, False, ""),
    ("Focal", "Clear MG", "Over-ear", False, None, None, 450, 1299, 40, "", 2020, None, ""),
    ("Grado", "SR80x", "On-ear", False, None, None, 235, 125, 44, "", 2019, None, ""),
    ("HiFiMAN", "Sundara", "Over-ear", False, None, None, 372, 299, None, "", 2017, None, ""),
    ("Koss", "Porta Pro", "On-ear", False, None, None, 79, 45, 40, "", 1984, None, ""),
    ("SteelSeries", "Arctis Nova Pro Wireless", "Over-ear", True, 22, 90, 337, 329, 40, "SBC", 2022, True, ""),
    ("HyperX", "Cloud III", "Over-ear", False, None, None, 308, 99, 53, "", 2023, None, ""),
    ("Logitech", "G Pro X 2 Lightspeed", "Over-ear", False, 50, 180, 345, 249, 50, "SBC", 2023, False, ""),
]
COLOURS = ["Black", "Black", "White", "Silver", "Midnight Blue", "Sand", "Graphite", "Green", "Pink"]
HOURS = {"Bose", "Jabra", "Samsung", "Marshall"}  # shops copy the makers' own spelling: "24 hours"


def grade(rng: random.Random, kind: str, battery: float | None) -> str:
    if battery is None:
        return rng.choice("AAB")
    if kind in ("True wireless", "Open-ear"):
        return rng.choice("DEEC")
    return rng.choice("BCCD")


def rows_for(rng: random.Random, spec: tuple[Any, ...], sku: int) -> list[list[str]]:
    brand, model, kind, nc, battery, charge, weight, price, driver, codecs, year, multipoint, water = spec
    colours = ["Black", *rng.sample([c for c in COLOURS if c != "Black"], k=rng.choice([0, 0, 1, 1, 2]))]
    repair = grade(rng, kind, battery)
    rows = []
    for colour in colours:
        sale = price if rng.random() < 0.7 else round(price * rng.uniform(0.75, 0.92))
        life = "" if battery is None else f"{battery:g} hours" if brand in HOURS else f"{battery:g} h"
        rows.append(
            [
                f"HP-{sku + len(rows):05d}",
                model,
                brand,
                kind,
                "Yes" if nc else "No",
                "Wired" if battery is None else W,
                life,
                "" if charge is None else str(charge),
                f"{weight:g}",
                f"£{sale:,.2f}",
                "" if driver is None else f"{driver:g} mm",
                codecs,
                "" if multipoint is None else ("Yes" if multipoint else "No"),
                water,
                repair,
                str(year),
                colour,
            ]
        )
    return rows


def main() -> None:
    rng = random.Random(20270312)
    rows: list[list[str]] = []
    sku = 40100
    for spec in MODELS:
        rows.extend(rows_for(rng, spec, sku))
        sku += 10 * rng.randint(1, 4)
    header = [
        "SKU",
        "Model",
        "Brand",
        "Type",
        "Noise cancelling",
        "Connection",
        "Battery life",
        "Charge time (min)",
        "Weight (g)",
        "Price",
        "Driver",
        "Codecs",
        "Multipoint",
        "Water resistance",
        "Repairability",
        "Year",
        "Colour",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
