"""Writes tools/power_tools_stock.csv: a hardware store's power tools stock list as its stock
system exports it, `,` between cells (seeded: running it again writes the same bytes). Every
brand and model is invented; the tool types, voltages and kit contents are the trade's own. A
cordless tool is often sold twice, body only and as a kit with batteries, under one name."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("tools") / "power_tools_stock.csv"
# brand: (price factor, range names, cordless platforms in V)
# fmt: off
BRANDS = {
    "Torvik": (1.35, ["XR", "Pro"], [18, 36]),
    "Hammerline": (0.8, ["", "Plus"], [18]),
    "ProForge": (1.15, ["Pro", "Max"], [12, 18]),
    "Kestrel": (1.0, ["", "Fuel"], [12, 18]),
    "Brennan": (0.6, ["", "Home"], [18]),
    "Ashby": (0.45, [""], [18]),
    "Volterra": (1.5, ["Pro", "Elite"], [18, 36]),
}
# type: (base price £, weight kg range, corded watts, features, share cordless, how many)
TYPES = {
    "Combi Drill": (95, (1.3, 2.4), (550, 850), ["brushless", "hammer mode", "2-speed gearbox", "LED work light", "metal chuck", "belt clip"], 0.85, 14),
    "Drill Driver": (75, (1.0, 1.8), (400, 600), ["brushless", "2-speed gearbox", "LED work light", "keyless chuck", "belt clip"], 0.9, 10),
    "Impact Driver": (85, (1.0, 1.6), (0, 0), ["brushless", "3 speed modes", "LED work light", "belt clip", "quick-release hex chuck"], 1.0, 10),
    "SDS Plus Hammer Drill": (140, (2.2, 3.6), (650, 1100), ["brushless", "anti-vibration", "chisel mode", "quick-change chuck", "depth stop"], 0.55, 8),
    "Circular Saw": (120, (2.8, 4.6), (1200, 1600), ["brushless", "laser guide", "dust extraction port", "bevel cut", "electric brake"], 0.55, 8),
    "Jigsaw": (85, (1.9, 2.8), (500, 800), ["pendulum action", "tool-free blade change", "LED work light", "dust blower", "bevel cut"], 0.5, 8),
    "Reciprocating Saw": (105, (2.4, 3.6), (800, 1200), ["brushless", "orbital action", "tool-free blade change", "LED work light", "anti-vibration"], 0.65, 7),
    "Angle Grinder": (70, (1.7, 2.9), (750, 2200), ["brushless", "anti-kickback", "soft start", "side handle", "paddle switch"], 0.55, 9),
    "Mitre Saw": (210, (9.5, 17.5), (1400, 2000), ["laser guide", "sliding", "bevel cut", "dust bag", "LED work light"], 0.3, 6),
    "Random Orbit Sander": (65, (1.1, 2.3), (250, 450), ["dust extraction port", "variable speed", "hook and loop pad", "anti-vibration"], 0.45, 7),
    "Multi-Tool": (80, (1.0, 1.7), (250, 400), ["tool-free blade change", "variable speed", "LED work light", "brushless"], 0.6, 7),
    "Planer": (95, (2.3, 3.3), (650, 900), ["dust bag", "rebate depth stop", "parking shoe"], 0.4, 4),
    "Router": (130, (1.8, 3.9), (900, 2100), ["variable speed", "soft start", "fine depth adjustment", "dust extraction port"], 0.3, 5),
    "Heat Gun": (35, (0.6, 1.0), (1600, 2000), ["2 heat settings", "LCD display", "stand"], 0.3, 4),
    "Nail Gun": (220, (2.8, 3.6), (0, 0), ["brushless", "sequential mode", "bump mode", "depth adjustment", "LED work light"], 1.0, 4),
}
MODEL_WORDS = {"Combi Drill": "CD", "Drill Driver": "DD", "Impact Driver": "ID", "SDS Plus Hammer Drill": "SDS", "Circular Saw": "CS", "Jigsaw": "JS", "Reciprocating Saw": "RS", "Angle Grinder": "AG", "Mitre Saw": "MS", "Random Orbit Sander": "ROS", "Multi-Tool": "MT", "Planer": "PL", "Router": "RT", "Heat Gun": "HG", "Nail Gun": "NG"}
KITS = ["2 x 2.0Ah batteries, charger, carry case", "2 x 4.0Ah batteries, charger, TSTAK box", "1 x 4.0Ah battery, charger, bag", "2 x 5.0Ah batteries, fast charger, carry case", "1 x 2.0Ah battery, charger"]
# fmt: on


def price_text(price: float) -> str:
    return f"£{price:,.2f}"


def rows(rng: random.Random) -> list[list[str]]:
    out: list[list[str]] = []
    code = 400100
    for kind, (base, (lightest, heaviest), (w_low, w_high), features, cordless_share, count) in TYPES.items():
        for _ in range(count):
            brand = rng.choice(list(BRANDS))
            factor, ranges, platforms = BRANDS[brand]
            cordless = rng.random() < cordless_share
            line = rng.choice(ranges)
            number = rng.choice([10, 12, 18, 20, 26, 30, 36, 50, 55, 70, 85, 90, 100, 120])
            volts = rng.choice(platforms) if cordless else 230
            if kind in ("Mitre Saw", "Nail Gun") and cordless and volts == 12:
                volts = 18
            if kind in ("Mitre Saw",) and cordless and rng.random() < 0.5 and 36 in platforms:
                volts = 36
            name = (
                f"{brand} {volts}V {MODEL_WORDS[kind]}{number} {kind}"
                if cordless
                else f"{brand} {MODEL_WORDS[kind]}{number} {int(rng.uniform(w_low, w_high)) // 10 * 10}W {kind}"
            )
            name = name.replace(f"{brand} ", f"{brand} {line} ", 1) if line else name
            weight = rng.uniform(lightest, heaviest) * (1.1 if volts == 36 else 0.85 if volts == 12 else 1.0)
            feats = rng.sample(features, rng.randint(2, min(4, len(features))))
            if not cordless:
                feats = [f for f in feats if f != "brushless"] or [features[-1]]
            year = rng.choice([rng.randint(2012, 2019), rng.randint(2018, 2024), rng.randint(2020, 2025)])
            rating = min(5.0, max(3.2, rng.gauss(4.4, 0.3)))
            reviews = int(rng.lognormvariate(4.2, 1.3)) + 1
            warranty = rng.choice([1, 2, 3, 3, 5]) if factor >= 1 else rng.choice([1, 2, 3])
            torque = (
                int(rng.uniform(35, 75) * (1.6 if volts == 36 else 0.6 if volts == 12 else 1.0))
                if kind in ("Combi Drill", "Drill Driver")
                else int(rng.uniform(150, 260) * (0.6 if volts == 12 else 1.0))
                if kind == "Impact Driver"
                else ""
            )
            stock = rng.choice(["0", "1", "3", "4", "7", "12", "18", "25", ""])
            price = (
                base
                * factor
                * rng.uniform(0.85, 1.15)
                * (1.25 if "brushless" in feats else 1.0)
                * (1.6 if volts == 36 else 0.85 if volts == 12 else 1.0)
            )
            versions = [("Body only", price)]
            if cordless:
                kit = rng.choice(KITS)
                extra = 60 + (35 if "5.0Ah" in kit else 20 if "4.0Ah" in kit else 0) * (2 if kit.startswith("2") else 1)
                versions = [
                    v
                    for v, keep in ((("Body only", price), rng.random() < 0.8), ((kit, price + extra * factor), True))
                    if keep
                ]
            else:
                versions = [("Tool, side handle, case" if rng.random() < 0.4 else "Tool only", price)]
            for kit, amount in versions:
                code += rng.randint(3, 97)
                heavy = weight + (
                    0.55 if "5.0Ah" in kit else 0.4 if "4.0Ah" in kit else 0.25 if "2.0Ah" in kit else 0.0
                )
                amount = round(amount) - 0.01 if rng.random() < 0.8 else round(amount) - 0.05
                out.append(
                    [
                        str(code),
                        name,
                        brand,
                        kind,
                        "Cordless" if cordless else "Corded",
                        str(volts),
                        kit,
                        f"{heavy:.1f} kg" if rng.random() < 0.85 else f"{heavy * 1000:,.0f} g",
                        str(torque),
                        ", ".join(feats),
                        price_text(amount),
                        str(year),
                        f"{warranty} years" if warranty > 1 else "1 year",
                        f"{rating:.1f}",
                        f"{reviews:,}",
                        stock,
                    ]
                )
    # a contractor's bundle the store sells only in branch
    out.append(
        [
            "499901",
            "Volterra Elite 36V 6-Piece Site Kit",
            "Volterra",
            "Combo Kit",
            "Cordless",
            "36",
            "3 x 9.0Ah batteries, twin charger, site bag",
            "21.4 kg",
            "",
            "brushless, LED work light",
            "£1,249.99",
            "2024",
            "5 years",
            "4.7",
            "38",
            "2",
        ]
    )
    out.append(
        [
            "499902",
            "Torvik XR 18V 4-Piece Kit",
            "Torvik",
            "Combo Kit",
            "Cordless",
            "18",
            "3 x 5.0Ah batteries, fast charger, TSTAK box",
            "12.8 kg",
            "",
            "brushless",
            "£699.99",
            "2023",
            "3 years",
            "4.6",
            "1,204",
            "5",
        ]
    )
    out.append(
        [
            "499903",
            "Hammerline 18V Twin Pack",
            "Hammerline",
            "Combo Kit",
            "Cordless",
            "18",
            "2 x 2.0Ah batteries, charger, bag",
            "3.9 kg",
            "",
            "LED work light",
            "£149.99",
            "2021",
            "2 years",
            "4.3",
            "2,871",
            "14",
        ]
    )
    return out


def main() -> None:
    rng = random.Random(7122026)
    table = rows(rng)
    table.sort(key=lambda r: (r[3], r[1], r[6]))  # the stock list by department, then name
    header = [
        "Product Code",
        "Product Name",
        "Brand",
        "Type",
        "Power Source",
        "Voltage (V)",
        "Kit",
        "Weight",
        "Max Torque (Nm)",
        "Features",
        "Price (inc VAT)",
        "Model Year",
        "Warranty",
        "Rating",
        "Reviews",
        "Stock",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(table)


if __name__ == "__main__":
    main()
