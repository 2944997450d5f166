"""Writes bicycles/bike_shop_products.csv: a bike shop's product export, `;` between cells
(seeded: running it again writes the same bytes). Brands and model names are real; the specs,
prices and colours are invented, drawn from typical ranges for each kind of bike."""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("bicycles") / "bike_shop_products.csv"
# (brand, model, type, frame, suspension, gears, drivetrain, brakes, wheel, price €, weight kg, motor, battery Wh, range km)
MODELS = [
    ("Trek", "Domane AL 2", "Road", "Aluminium", "Rigid", 16, "Shimano Claris 2x8", "Rim", "700c", 999, 10.3),
    ("Trek", "Domane SL 5", "Road", "Carbon", "Rigid", 22, "Shimano 105 2x11", "Hydraulic disc", "700c", 3299, 8.9),
    ("Trek", "Émonda SL 6", "Road", "Carbon", "Rigid", 24, "Shimano 105 Di2 2x12", "Hydraulic disc", "700c", 4499, 7.9),
    ("Trek", "FX 2", "Hybrid", "Aluminium", "Rigid", 18, "Shimano Altus 2x9", "Hydraulic disc", "700c", 799, 11.6),
    ("Trek", "Marlin 5", "Mountain", "Aluminium", "Front", 16, "Shimano Altus 2x8", "Mechanical disc", '29"', 749, 14.2),
    ("Trek", "Marlin 7", "Mountain", "Aluminium", "Front", 10, "Shimano Deore 1x10", "Hydraulic disc", '29"', 1099, 13.6),
    ("Trek", "Fuel EX 8", "Mountain", "Aluminium", "Full", 12, "Shimano XT 1x12", "Hydraulic disc", '29"', 4199, 15.4),
    ("Trek", "Checkpoint ALR 5", "Gravel", "Aluminium", "Rigid", 22, "Shimano GRX 2x11", "Hydraulic disc", "700c", 2299, 9.9),
    ("Trek", "Rail 9.7", "E-bike", "Carbon", "Full", 12, "SRAM NX Eagle 1x12", "Hydraulic disc", '29"', 6999, 22.5, "Bosch Performance Line CX", 750, 110),
    ("Trek", "Allant+ 7", "E-bike", "Aluminium", "Rigid", 10, "Shimano Deore 1x10", "Hydraulic disc", "27.5\"", 4299, 24.8, "Bosch Performance Line", 625, 140),
    ("Specialized", "Allez", "Road", "Aluminium", "Rigid", 16, "Shimano Claris 2x8", "Rim", "700c", 1100, 9.7),
    ("Specialized", "Tarmac SL7 Comp", "Road", "Carbon", "Rigid", 24, "Shimano 105 Di2 2x12", "Hydraulic disc", "700c", 5200, 7.8),
    ("Specialized", "Diverge Elite E5", "Gravel", "Aluminium", "Rigid", 11, "Shimano GRX 1x11", "Hydraulic disc", "700c", 1900, 10.0),
    ("Specialized", "Sirrus 2.0", "Hybrid", "Aluminium", "Rigid", 8, "Shimano Acera 1x8", "Hydraulic disc", "700c", 750, 11.8),
    ("Specialized", "Rockhopper Sport", "Mountain", "Aluminium", "Front", 10, "Shimano Deore 1x10", "Hydraulic disc", '29"', 950, 13.4),
    ("Specialized", "Stumpjumper Comp", "Mountain", "Carbon", "Full", 12, "SRAM GX Eagle 1x12", "Hydraulic disc", '29"', 5400, 14.1),
    ("Specialized", "Turbo Vado 4.0", "E-bike", "Aluminium", "Front", 12, "Shimano Deore 1x12", "Hydraulic disc", "27.5\"", 4100, 26.9, "Specialized 2.2", 710, 150),
    ("Specialized", "Turbo Levo Comp", "E-bike", "Carbon", "Full", 12, "SRAM GX Eagle 1x12", "Hydraulic disc", '29"', 7800, 23.2, "Specialized 3.1", 700, 100),
    ("Giant", "Contend 2", "Road", "Aluminium", "Rigid", 16, "Shimano Claris 2x8", "Rim", "700c", 849, 10.1),
    ("Giant", "TCR Advanced 1", "Road", "Carbon", "Rigid", 22, "Shimano 105 2x11", "Hydraulic disc", "700c", 2999, 8.2),
    ("Giant", "Revolt 1", "Gravel", "Aluminium", "Rigid", 22, "Shimano GRX 2x11", "Hydraulic disc", "700c", 1799, 10.2),
    ("Giant", "Escape 3", "Hybrid", "Aluminium", "Rigid", 21, "Shimano Tourney 3x7", "Rim", "700c", 529, 11.9),
    ("Giant", "Talon 2", "Mountain", "Aluminium", "Front", 18, "Shimano Altus 2x9", "Hydraulic disc", "27.5\"", 829, 13.9),
    ("Giant", "Trance X 2", "Mountain", "Aluminium", "Full", 12, "Shimano Deore 1x12", "Hydraulic disc", '29"', 3199, 15.6),
    ("Giant", "Explore E+ 2", "E-bike", "Aluminium", "Front", 9, "Shimano Alivio 1x9", "Hydraulic disc", "700c", 3299, 24.1, "Giant SyncDrive Sport", 625, 160),
    ("Cannondale", "CAAD Optimo 3", "Road", "Aluminium", "Rigid", 18, "Shimano Sora 2x9", "Rim", "700c", 1050, 9.5),
    ("Cannondale", "Synapse Carbon 3", "Road", "Carbon", "Rigid", 24, "Shimano 105 2x12", "Hydraulic disc", "700c", 3499, 8.6),
    ("Cannondale", "Topstone 2", "Gravel", "Aluminium", "Rigid", 20, "Shimano GRX 2x10", "Hydraulic disc", "700c", 1599, 10.4),
    ("Cannondale", "Quick 4", "Hybrid", "Aluminium", "Rigid", 8, "microSHIFT 1x8", "Rim", "700c", 649, 10.9),
    ("Cannondale", "Trail 6", "Mountain", "Aluminium", "Front", 16, "Shimano Altus 2x8", "Mechanical disc", '29"', 699, 14.5),
    ("Cannondale", "Habit 4", "Mountain", "Aluminium", "Full", 12, "Shimano Deore 1x12", "Hydraulic disc", '29"', 2899, 15.1),
    ("Cube", "Attain SL", "Road", "Aluminium", "Rigid", 22, "Shimano 105 2x11", "Hydraulic disc", "700c", 1299, 9.4),
    ("Cube", "Nuroad Pro", "Gravel", "Aluminium", "Rigid", 10, "Shimano Cues 1x10", "Hydraulic disc", "700c", 1199, 10.6),
    ("Cube", "Aim Race", "Mountain", "Aluminium", "Front", 18, "Shimano Alivio 2x9", "Hydraulic disc", '29"', 799, 14.0),
    ("Cube", "Kathmandu Hybrid One 625", "E-bike", "Aluminium", "Front", 10, "Shimano Deore 1x10", "Hydraulic disc", "700c", 3499, 26.2, "Bosch Performance Line", 625, 170),
    ("Cube", "Reaction Hybrid Pro 750", "E-bike", "Aluminium", "Front", 12, "Shimano Deore 1x12", "Hydraulic disc", '29"', 3299, 25.4, "Bosch Performance Line CX", 750, 120),
    ("Cube", "Stereo Hybrid 140 HPC", "E-bike", "Carbon", "Full", 12, "Shimano XT 1x12", "Hydraulic disc", '29"', 5999, 24.0, "Bosch Performance Line CX", 750, 115),
    ("Orbea", "Orca M30", "Road", "Carbon", "Rigid", 22, "Shimano 105 2x11", "Hydraulic disc", "700c", 2399, 8.4),
    ("Orbea", "Terra H40", "Gravel", "Aluminium", "Rigid", 11, "Shimano GRX 1x11", "Hydraulic disc", "700c", 1699, 9.8),
    ("Orbea", "Vibe H30", "E-bike", "Aluminium", "Rigid", 1, "Gates belt, single speed", "Hydraulic disc", "700c", 2699, 15.9, "Mahle X35+", 250, 75),
    ("Scott", "Speedster 20", "Road", "Aluminium", "Rigid", 18, "Shimano Sora 2x9", "Rim", "700c", 999, 9.9),
    ("Scott", "Addict Gravel 30", "Gravel", "Carbon", "Rigid", 12, "SRAM Rival 1x12", "Hydraulic disc", "700c", 3599, 8.9),
    ("Scott", "Scale 970", "Mountain", "Aluminium", "Front", 12, "Shimano Deore 1x12", "Hydraulic disc", '29"', 1299, 12.9),
    ("Scott", "Spark 930", "Mountain", "Carbon", "Full", 12, "Shimano SLX 1x12", "Hydraulic disc", '29"', 4299, 13.2),
    ("Bianchi", "Via Nirone 7", "Road", "Aluminium", "Rigid", 20, "Shimano Tiagra 2x10", "Rim", "700c", 1150, 9.6),
    ("Bianchi", "Specialissima Comp", "Road", "Carbon", "Rigid", 24, "Shimano Ultegra Di2 2x12", "Hydraulic disc", "700c", 6999, 7.3),
    ("Genesis", "Croix de Fer 20", "Gravel", "Steel", "Rigid", 20, "Shimano Tiagra 2x10", "Mechanical disc", "700c", 1399, 12.1),
    ("Genesis", "Tour de Fer 20", "Touring", "Steel", "Rigid", 27, "Shimano Sora 3x9", "Mechanical disc", "700c", 1499, 14.3),
    ("Surly", "Long Haul Trucker", "Touring", "Steel", "Rigid", 27, "Shimano Sora 3x9", "Rim", "700c", 1650, 13.8),
    ("Surly", "Bridge Club", "Touring", "Steel", "Rigid", 11, "microSHIFT Advent X 1x10", "Mechanical disc", "27.5\"", 1550, 13.2),
    ("Kona", "Rove AL 700", "Gravel", "Aluminium", "Rigid", 18, "Shimano Sora 2x9", "Mechanical disc", "700c", 1049, 11.2),
    ("Kona", "Rove ST", "Gravel", "Steel", "Rigid", 20, "Shimano Tiagra 2x10", "Hydraulic disc", "700c", 1749, 11.9),
    ("Marin", "Four Corners", "Touring", "Steel", "Rigid", 18, "Shimano Sora 2x9", "Mechanical disc", "700c", 1099, 13.5),
    ("Marin", "Nicasio 2", "Road", "Steel", "Rigid", 20, "Shimano Tiagra 2x10", "Mechanical disc", "650b", 1249, 11.4),
    ("Marin", "Fairfax 1", "Hybrid", "Aluminium", "Rigid", 24, "Shimano Tourney 3x8", "Mechanical disc", "700c", 549, 12.0),
    ("Santa Cruz", "Hightower C R", "Mountain", "Carbon", "Full", 12, "SRAM NX Eagle 1x12", "Hydraulic disc", '29"', 5499, 14.8),
    ("Santa Cruz", "5010 C S", "Mountain", "Carbon", "Full", 12, "SRAM GX Eagle 1x12", "Hydraulic disc", "27.5\"", 6299, 14.0),
    ("Kinesis", "Tripster ATR", "Gravel", "Titanium", "Rigid", 22, "Shimano GRX 2x11", "Hydraulic disc", "700c", 3899, 9.4),
    ("Van Nicholas", "Ventus Disc", "Road", "Titanium", "Rigid", 22, "Shimano Ultegra 2x11", "Hydraulic disc", "700c", 4599, 8.5),
    ("Van Nicholas", "Amazon Rohloff", "Touring", "Titanium", "Rigid", 14, "Rohloff Speedhub 14", "Hydraulic disc", "700c", 5499, 12.6),
    ("Brompton", "C Line Explore", "Folding", "Steel", "Rigid", 6, "Brompton 2x3", "Rim", '16"', 1795, 11.8),
    ("Brompton", "P Line Urban", "Folding", "Titanium", "Rigid", 4, "Brompton 4-speed", "Rim", '16"', 2995, 9.6),
    ("Brompton", "Electric C Line", "E-bike", "Steel", "Rigid", 6, "Brompton 2x3", "Rim", '16"', 3550, 17.4, "Brompton front hub", 300, 70),
    ("Tern", "Link D8", "Folding", "Aluminium", "Rigid", 8, "Shimano Claris 1x8", "Rim", '20"', 799, 12.5),
    ("Tern", "Vektron S10", "E-bike", "Aluminium", "Rigid", 10, "Shimano Deore 1x10", "Hydraulic disc", '20"', 3999, 22.0, "Bosch Active Line Plus", 400, 95),
    ("Dahon", "Mariner D8", "Folding", "Aluminium", "Rigid", 8, "Shimano Claris 1x8", "Rim", '20"', 699, 12.3),
    ("Frog", "Frog 44", "Kids", "Aluminium", "Rigid", 1, "Single speed", "Rim", '16"', 389, 6.1),
    ("Frog", "Frog 55", "Kids", "Aluminium", "Rigid", 8, "Shimano Altus 1x8", "Rim", '20"', 479, 7.6),
    ("Frog", "Frog 62", "Kids", "Aluminium", "Rigid", 8, "Shimano Altus 1x8", "Rim", '24"', 529, 8.8),
    ("Islabikes", "Cnoc 16", "Kids", "Aluminium", "Rigid", 1, "Single speed", "Rim", '16"', 399, 5.9),
    ("Islabikes", "Beinn 20", "Kids", "Aluminium", "Rigid", 8, "Shimano Altus 1x8", "Rim", '20"', 499, 7.4),
    ("Woom", "woom 3", "Kids", "Aluminium", "Rigid", 1, "Single speed", "Rim", '16"', 449, 5.4),
    ("Woom", "woom OFF 5", "Kids", "Aluminium", "Front", 9, "SRAM X5 1x9", "Hydraulic disc", '24"', 999, 10.0),
    ("Trek", "Precaliber 24", "Kids", "Aluminium", "Front", 8, "Shimano Tourney 1x8", "Rim", '24"', 429, 11.6),
    ("Riese & Müller", "Load 60 Touring", "E-bike", "Aluminium", "Full", 5, "Enviolo Automatiq", "Hydraulic disc", '20"', 8499, 36.9, "Bosch Cargo Line", 750, 120),
    ("Gazelle", "Ultimate C8", "E-bike", "Aluminium", "Front", 8, "Shimano Nexus 8", "Hydraulic disc", "700c", 3699, 25.5, "Bosch Performance Line", 500, 130),
    ("Gazelle", "Esprit", "Hybrid", "Steel", "Rigid", 3, "Shimano Nexus 3", "Rim", "700c", 599, 17.2),
    ("Pashley", "Britannia", "Hybrid", "Steel", "Rigid", 5, "Sturmey Archer 5", "Rim", "700c", 1099, 19.0),
    ("Cinelli", "Tutto Plus", "Road", "Steel", "Rigid", 1, "Single speed / fixed", "Rim", "700c", 899, 9.9),
]
COLOURS = ["Black", "Matte Black", "Gloss White", "Deep Blue", "Forest Green", "Sage", "Red", "Orange", "Silver",
           "Grey", "Purple", "Sand", "Teal", "Yellow"]
ADULT_SIZES = ["XS", "S", "M", "L", "XL"]


def sizes(rng: random.Random, kind: str) -> str:
    if kind in ("Kids", "Folding") or kind == "E-bike" and rng.random() < 0.15:
        return "One size"
    start = rng.choice([0, 1, 1])
    end = rng.choice([4, 4, 5])
    return ", ".join(ADULT_SIZES[start:end])


def variant(rng: random.Random, sku: int, spec: tuple, colour: str, year: int) -> list[str]:
    brand, model, kind, frame, suspension, gears, drivetrain, brakes, wheel, price, weight, *motor = spec
    factor = {2023: 0.85, 2024: 0.95, 2025: 1.0}[year]
    euros = int(round(price * factor / 10) * 10) - 1 if price >= 300 else price
    grams = round(weight + rng.uniform(-0.2, 0.2), 1)
    engine, battery, reach = (motor + ["", "", ""])[:3] if motor else ("", "", "")
    return [
        f"BK-{brand[:3].upper()}-{sku:04d}", model, brand, kind, frame, suspension, str(gears), drivetrain, brakes,
        f"{grams} kg", wheel, f"€{euros:,}.00", sizes(rng, kind), str(year), colour, engine,
        f"{battery} Wh" if battery else "", f"{reach} km" if reach else "",
    ]


def main() -> None:
    rng = random.Random(20270114)
    header = ["SKU", "Model", "Brand", "Type", "Frame", "Suspension", "Gears", "Drivetrain", "Brakes", "Weight",
              "Wheel size", "Price", "Sizes", "Year", "Colour", "Motor", "Battery", "Range"]
    rows = []
    sku = 1000
    for spec in MODELS:
        for colour in rng.sample(COLOURS, rng.choice([1, 2, 2, 3])):
            rows.append(variant(rng, sku, spec, colour, rng.choice([2023, 2024, 2025, 2025])))
            sku += rng.randint(1, 17)
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
