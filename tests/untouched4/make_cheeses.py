"""Writes cheeses/cheese_counter.csv: a cheesemonger's counter list exported from the shop's
till system, `,` between cells (seeded: running it again writes the same bytes). Cheese names,
milks, countries and regions are real; producers, prices, wheel weights, awards and pairings are
invented, drawn from typical ranges. A cheese is stocked at several ages or from several
producers, one row and code each, so names repeat."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("cheeses") / "cheese_counter.csv"
# name, milk, country, region, type, texture, ages in months (0: fresh), base strength (0-3),
# vegetarian share, price per 100 g (£), wheel weight (g), pairings
# fmt: off
CHEESES = [
    ("Montgomery's Cheddar", "Cow", "England", "Somerset", "Hard", "Firm", [12, 18, 24], 2, 0.0, (3.2, 4.4), (24000, 27000), "p"),
    ("Keen's Cheddar", "Cow", "England", "Somerset", "Hard", "Firm", [12, 18], 2, 0.0, (2.9, 3.9), (24000, 26000), "p"),
    ("Westcombe Cheddar", "Cow", "England", "Somerset", "Hard", "Firm", [14, 20], 2, 0.0, (3.0, 4.0), (23000, 26000), "p"),
    ("Isle of Mull Cheddar", "Cow", "Scotland", "Isle of Mull", "Hard", "Firm", [12, 16], 2, 0.0, (3.0, 3.8), (22000, 25000), "p"),
    ("Colston Bassett Stilton", "Cow", "England", "Nottinghamshire", "Blue", "Creamy", [3, 4], 2, 0.5, (2.6, 3.4), (7500, 8200), "b"),
    ("Cropwell Bishop Stilton", "Cow", "England", "Nottinghamshire", "Blue", "Crumbly", [3], 2, 1.0, (2.4, 3.0), (7500, 8000), "b"),
    ("Stichelton", "Cow", "England", "Nottinghamshire", "Blue", "Creamy", [3], 2, 0.0, (3.4, 4.2), (7000, 7800), "b"),
    ("Red Leicester", "Cow", "England", "Leicestershire", "Hard", "Firm", [6, 9], 0, 1.0, (2.0, 2.8), (18000, 20000), "p"),
    ("Mrs Kirkham's Lancashire", "Cow", "England", "Lancashire", "Natural rind", "Crumbly", [3, 6], 0, 0.0, (2.8, 3.6), (18000, 22000), "p"),
    ("Wensleydale", "Cow", "England", "Yorkshire", "Natural rind", "Crumbly", [3], 0, 1.0, (2.0, 2.6), (3000, 20000), "f"),
    ("Cornish Yarg", "Cow", "England", "Cornwall", "Natural rind", "Semi-soft", [2], 0, 1.0, (2.6, 3.2), (1000, 3000), "f"),
    ("Stinking Bishop", "Cow", "England", "Gloucestershire", "Washed rind", "Soft", [2], 3, 1.0, (4.0, 4.8), (1800, 2000), "w"),
    ("Double Gloucester", "Cow", "England", "Gloucestershire", "Hard", "Firm", [4, 6], 0, 1.0, (2.2, 2.9), (3000, 10000), "p"),
    ("Tunworth", "Cow", "England", "Hampshire", "Bloomy rind", "Soft", [1], 1, 0.0, (3.6, 4.2), (250, 250), "s"),
    ("Baron Bigod", "Cow", "England", "Suffolk", "Bloomy rind", "Soft", [2], 1, 0.0, (3.8, 4.6), (3000, 3200), "s"),
    ("Lincolnshire Poacher", "Cow", "England", "Lincolnshire", "Hard", "Firm", [14, 20], 2, 0.0, (3.0, 3.8), (18000, 20000), "p"),
    ("Berkswell", "Ewe", "England", "West Midlands", "Natural rind", "Hard", [4, 8], 1, 0.0, (4.0, 5.0), (2500, 3500), "e"),
    ("Ragstone", "Goat", "England", "Herefordshire", "Bloomy rind", "Soft", [1], 0, 1.0, (3.6, 4.2), (600, 800), "g"),
    ("Innes Log", "Goat", "England", "Staffordshire", "Bloomy rind", "Soft", [0], 0, 1.0, (4.4, 5.2), (200, 250), "g"),
    ("Gorwydd Caerphilly", "Cow", "Wales", "Ceredigion", "Natural rind", "Crumbly", [2, 3], 0, 0.0, (2.8, 3.4), (3500, 4000), "f"),
    ("Perl Las", "Cow", "Wales", "Ceredigion", "Blue", "Creamy", [3], 1, 1.0, (2.8, 3.4), (2500, 3000), "b"),
    ("Hafod", "Cow", "Wales", "Ceredigion", "Hard", "Firm", [10, 18], 2, 0.0, (3.6, 4.4), (9000, 10000), "p"),
    ("Dunsyre Blue", "Cow", "Scotland", "Lanarkshire", "Blue", "Creamy", [2], 1, 1.0, (3.0, 3.6), (2500, 3000), "b"),
    ("Gubbeen", "Cow", "Ireland", "County Cork", "Washed rind", "Semi-soft", [2, 4], 1, 1.0, (2.8, 3.4), (1500, 4500), "w"),
    ("Durrus", "Cow", "Ireland", "County Cork", "Washed rind", "Semi-soft", [2], 2, 0.0, (3.0, 3.6), (1400, 1500), "w"),
    ("Cashel Blue", "Cow", "Ireland", "County Tipperary", "Blue", "Creamy", [2, 4], 0, 1.0, (2.4, 3.0), (1400, 1500), "b"),
    ("Comté", "Cow", "France", "Jura", "Hard", "Firm", [8, 12, 18, 24, 36], 1, 0.0, (2.6, 5.2), (38000, 42000), "a"),
    ("Brie de Meaux", "Cow", "France", "Île-de-France", "Bloomy rind", "Soft", [1, 2], 1, 0.0, (2.2, 3.0), (2800, 3200), "s"),
    ("Camembert de Normandie", "Cow", "France", "Normandy", "Bloomy rind", "Soft", [1], 1, 0.0, (2.0, 2.6), (250, 250), "s"),
    ("Roquefort", "Ewe", "France", "Occitanie", "Blue", "Creamy", [3, 5], 3, 0.0, (3.4, 4.2), (2500, 2800), "b"),
    ("Époisses", "Cow", "France", "Burgundy", "Washed rind", "Soft", [1], 3, 0.0, (4.2, 5.0), (250, 250), "w"),
    ("Reblochon", "Cow", "France", "Savoie", "Washed rind", "Semi-soft", [1, 2], 1, 0.0, (2.6, 3.2), (450, 550), "w"),
    ("Beaufort", "Cow", "France", "Savoie", "Hard", "Firm", [8, 14, 24], 1, 0.0, (3.6, 5.0), (40000, 45000), "a"),
    ("Tomme de Savoie", "Cow", "France", "Savoie", "Natural rind", "Semi-soft", [2, 3], 1, 0.0, (2.4, 3.0), (1500, 2000), "a"),
    ("Morbier", "Cow", "France", "Jura", "Washed rind", "Semi-soft", [2, 3], 1, 0.0, (2.4, 3.0), (6000, 7000), "w"),
    ("Vacherin Mont d'Or", "Cow", "France", "Jura", "Washed rind", "Soft", [1], 2, 0.0, (3.0, 3.6), (500, 1000), "w"),
    ("Saint-Nectaire", "Cow", "France", "Auvergne", "Natural rind", "Semi-soft", [2], 1, 0.0, (2.6, 3.2), (1700, 1800), "w"),
    ("Cantal", "Cow", "France", "Auvergne", "Hard", "Firm", [3, 8, 12], 1, 0.0, (2.2, 3.0), (35000, 40000), "p"),
    ("Fourme d'Ambert", "Cow", "France", "Auvergne", "Blue", "Creamy", [1, 2], 0, 0.0, (2.2, 2.8), (2000, 2500), "b"),
    ("Valençay", "Goat", "France", "Loire Valley", "Natural rind", "Soft", [1], 1, 0.0, (3.8, 4.6), (220, 250), "g"),
    ("Crottin de Chavignol", "Goat", "France", "Loire Valley", "Natural rind", "Firm", [1, 3], 1, 0.0, (4.4, 5.4), (60, 60), "g"),
    ("Sainte-Maure de Touraine", "Goat", "France", "Loire Valley", "Bloomy rind", "Soft", [1], 1, 0.0, (3.6, 4.4), (250, 250), "g"),
    ("Ossau-Iraty", "Ewe", "France", "Pays Basque", "Natural rind", "Hard", [4, 10], 1, 0.0, (3.2, 4.0), (4000, 5000), "e"),
    ("Munster", "Cow", "France", "Alsace", "Washed rind", "Soft", [1, 2], 3, 0.0, (2.6, 3.2), (450, 1500), "w"),
    ("Mimolette", "Cow", "France", "Hauts-de-France", "Hard", "Hard", [6, 18, 24], 1, 1.0, (2.4, 3.6), (2000, 3000), "p"),
    ("Pont-l'Évêque", "Cow", "France", "Normandy", "Washed rind", "Soft", [1], 2, 0.0, (2.6, 3.0), (350, 400), "w"),
    ("Livarot", "Cow", "France", "Normandy", "Washed rind", "Soft", [2], 3, 0.0, (2.8, 3.4), (450, 500), "w"),
    ("Parmigiano Reggiano", "Cow", "Italy", "Emilia-Romagna", "Hard", "Hard", [24, 30, 36], 2, 0.0, (2.6, 4.4), (38000, 40000), "i"),
    ("Grana Padano", "Cow", "Italy", "Lombardy", "Hard", "Hard", [9, 16, 20], 1, 0.0, (1.8, 2.6), (36000, 38000), "i"),
    ("Gorgonzola Dolce", "Cow", "Italy", "Lombardy", "Blue", "Creamy", [2], 0, 0.0, (2.0, 2.6), (6000, 12000), "b"),
    ("Gorgonzola Piccante", "Cow", "Italy", "Lombardy", "Blue", "Crumbly", [3, 4], 2, 0.0, (2.2, 2.8), (6000, 12000), "b"),
    ("Taleggio", "Cow", "Italy", "Lombardy", "Washed rind", "Soft", [1, 2], 1, 0.0, (2.2, 2.8), (2000, 2200), "w"),
    ("Pecorino Romano", "Ewe", "Italy", "Lazio", "Hard", "Hard", [5, 8], 2, 0.0, (2.4, 3.0), (22000, 30000), "i"),
    ("Pecorino Sardo", "Ewe", "Italy", "Sardinia", "Natural rind", "Firm", [2, 12], 1, 0.0, (2.6, 3.4), (2000, 3000), "e"),
    ("Pecorino Toscano", "Ewe", "Italy", "Tuscany", "Natural rind", "Firm", [1, 6], 0, 0.0, (2.4, 3.2), (1500, 2500), "e"),
    ("Mozzarella di Bufala", "Buffalo", "Italy", "Campania", "Pasta filata", "Soft", [0], 0, 0.0, (2.2, 2.8), (125, 250), "m"),
    ("Burrata", "Cow", "Italy", "Apulia", "Pasta filata", "Creamy", [0], 0, 0.0, (2.8, 3.6), (125, 250), "m"),
    ("Fontina", "Cow", "Italy", "Aosta Valley", "Washed rind", "Semi-soft", [3], 1, 0.0, (2.4, 3.0), (8000, 12000), "a"),
    ("Asiago", "Cow", "Italy", "Veneto", "Natural rind", "Firm", [4, 12], 1, 0.0, (2.0, 2.8), (8000, 12000), "i"),
    ("Ricotta", "Cow", "Italy", "Lazio", "Fresh", "Creamy", [0], 0, 1.0, (1.2, 1.6), (250, 1500), "m"),
    ("Robiola", "Mixed", "Italy", "Piedmont", "Bloomy rind", "Soft", [0], 0, 0.0, (3.2, 3.8), (250, 300), "s"),
    ("Provolone Piccante", "Cow", "Italy", "Lombardy", "Pasta filata", "Firm", [4, 12], 2, 0.0, (2.0, 2.6), (5000, 40000), "i"),
    ("Manchego", "Ewe", "Spain", "Castilla-La Mancha", "Natural rind", "Firm", [3, 6, 12], 1, 0.0, (2.4, 3.6), (2800, 3200), "e"),
    ("Idiazabal", "Ewe", "Spain", "Basque Country", "Natural rind", "Hard", [4, 8], 2, 0.0, (2.8, 3.6), (1000, 3000), "e"),
    ("Cabrales", "Mixed", "Spain", "Asturias", "Blue", "Creamy", [3], 3, 0.0, (3.4, 4.2), (2000, 3000), "b"),
    ("Mahón", "Cow", "Spain", "Balearic Islands", "Natural rind", "Firm", [3, 10], 1, 0.0, (2.2, 2.8), (2000, 3500), "p"),
    ("Tetilla", "Cow", "Spain", "Galicia", "Natural rind", "Semi-soft", [1], 0, 0.0, (2.0, 2.4), (800, 1200), "f"),
    ("Torta del Casar", "Ewe", "Spain", "Extremadura", "Natural rind", "Creamy", [2], 2, 1.0, (4.2, 5.0), (500, 1100), "e"),
    ("Zamorano", "Ewe", "Spain", "Castile and León", "Natural rind", "Hard", [6, 12], 2, 0.0, (2.8, 3.6), (2500, 3500), "e"),
    ("Garrotxa", "Goat", "Spain", "Catalonia", "Natural rind", "Firm", [2], 1, 0.0, (3.0, 3.6), (1000, 1000), "g"),
    ("Le Gruyère", "Cow", "Switzerland", "Fribourg", "Hard", "Firm", [8, 14, 18], 1, 0.0, (2.8, 4.0), (25000, 40000), "a"),
    ("Emmentaler", "Cow", "Switzerland", "Bern", "Hard", "Firm", [4, 12], 0, 0.0, (2.0, 2.8), (75000, 120000), "a"),
    ("Appenzeller", "Cow", "Switzerland", "Appenzell", "Natural rind", "Firm", [3, 6], 2, 0.0, (2.6, 3.2), (6000, 8000), "a"),
    ("Tête de Moine", "Cow", "Switzerland", "Bernese Jura", "Natural rind", "Firm", [4], 1, 0.0, (3.2, 3.8), (700, 900), "a"),
    ("Raclette", "Cow", "Switzerland", "Valais", "Washed rind", "Semi-soft", [3, 5], 1, 0.0, (2.2, 2.8), (5000, 6000), "a"),
    ("Gouda", "Cow", "Netherlands", "South Holland", "Natural rind", "Semi-soft", [1, 4], 0, 1.0, (1.6, 2.2), (4000, 12000), "p"),
    ("Old Gouda", "Cow", "Netherlands", "South Holland", "Hard", "Hard", [18, 24, 36], 2, 1.0, (2.6, 3.6), (12000, 14000), "p"),
    ("Leyden", "Cow", "Netherlands", "South Holland", "Natural rind", "Firm", [3, 6], 1, 0.0, (2.2, 2.8), (6000, 10000), "p"),
    ("Edam", "Cow", "Netherlands", "North Holland", "Natural rind", "Semi-soft", [2, 6], 0, 1.0, (1.4, 2.0), (1700, 1900), "p"),
    ("Feta", "Mixed", "Greece", "Epirus", "Fresh", "Crumbly", [2], 1, 0.0, (1.4, 2.0), (1000, 1000), "m"),
    ("Kefalotyri", "Ewe", "Greece", "Crete", "Natural rind", "Hard", [3, 6], 2, 0.0, (2.2, 2.8), (6000, 8000), "e"),
    ("Halloumi", "Mixed", "Cyprus", "Nicosia", "Fresh", "Semi-soft", [0], 0, 1.0, (1.4, 1.8), (225, 250), "m"),
    ("Jarlsberg", "Cow", "Norway", "Vestfold", "Natural rind", "Semi-soft", [3, 12], 0, 0.0, (1.6, 2.2), (10000, 10000), "p"),
]
# fmt: on
STRENGTHS = ["Mild", "Medium", "Strong", "Very strong"]
PAIRINGS = {
    "p": ["apple", "chutney", "cider", "oatcakes", "pale ale", "pickled onions", "red wine", "grapes"],
    "b": ["port", "walnuts", "pears", "honey", "oatcakes", "sauternes", "celery", "figs"],
    "f": ["fruit cake", "apple", "cider", "crackers", "chutney", "grapes"],
    "w": ["crusty bread", "potatoes", "white burgundy", "cider", "beer", "cornichons"],
    "s": ["champagne", "crusty bread", "grapes", "figs", "honey", "white wine"],
    "e": ["quince", "membrillo", "almonds", "red wine", "olives", "honey", "cured ham"],
    "g": ["sauvignon blanc", "honey", "figs", "crackers", "beetroot", "walnuts"],
    "a": ["white wine", "walnuts", "crackers", "pears", "cured ham", "potatoes"],
    "i": ["balsamic", "pears", "red wine", "figs", "walnuts", "cured ham", "prosecco"],
    "m": ["tomatoes", "olive oil", "basil", "crusty bread", "prosciutto", "watermelon"],
}
PRODUCERS = {
    "England": ["Hartley Farm Dairy", "Coombe Vale", "Willowmere Creamery", "Ashby & Lowe"],
    "Scotland": ["Glen Roy Dairy", "Craigmhor Farm"],
    "Wales": ["Teifi Valley Cheese Co", "Pant Mawr"],
    "Ireland": ["Drummond House", "Kilcannon Farm"],
    "France": ["Fromagerie Berthaut", "Maison Lavergne", "Affinage Roussel", "Fromagerie Delmas"],
    "Italy": ["Caseificio Bianchi", "Latteria Sociale Valdora", "Caseificio Ferrante"],
    "Spain": ["Quesería La Vega", "Quesos Arriaga", "Quesería Montenegro"],
    "Switzerland": ["Käserei Gerber", "Fromagerie Aebischer"],
    "Netherlands": ["Kaasboerderij De Vries", "Van Dijk Kaas"],
    "Greece": ["Dodoni Farm Co-op", "Kritiko Tyrokomeio"],
    "Cyprus": ["Troodos Dairy"],
    "Norway": ["Vestfold Meieri"],
}
MEDALS = ["Bronze", "Silver", "Silver", "Gold", "Gold", "Super Gold"]
AWARDS = ["World Cheese Awards", "British Cheese Awards", "International Cheese Awards", "Great Taste"]


def strength(rng: random.Random, base: int, age: int) -> str:
    """Older is stronger: a step up from a year and a half, sometimes one more."""
    step = base + (age >= 18) + (rng.random() < 0.15)
    return STRENGTHS[min(step, 3)]


def row(rng: random.Random, code: int, cheese: tuple, age: int) -> list[str]:
    name, milk, country, region, kind, texture, _, base, veg, price, wheel, pairs = cheese
    cost = rng.uniform(*price) * (1 + min(age, 36) / 120)
    weight = int(round(rng.uniform(*wheel), -1 if wheel[1] < 5000 else -2))
    vegetarian = "Yes" if rng.random() < veg else "No"
    if rng.random() < 0.05:
        vegetarian = ""
    won = rng.random() < 0.4
    award = f"{rng.choice(AWARDS)} {rng.choice(MEDALS)}" if won else ""
    return [
        f"CH{code:03d}",
        name,
        milk,
        country,
        region,
        kind,
        texture,
        "Fresh" if age == 0 else f"{age} month" if age == 1 else f"{age} months",
        STRENGTHS[base] if age == 0 else strength(rng, base, age),
        f"£{cost:.2f}",
        f"{weight:,}",
        vegetarian,
        rng.choice(PRODUCERS[country]) if rng.random() < 0.92 else "",
        ", ".join(rng.sample(PAIRINGS[pairs], k=rng.randint(2, 4))),
        award,
        str(rng.randint(2009, 2024)) if won else "",
    ]


def main() -> None:
    rng = random.Random(20270412)
    rows = []
    code = 100
    for cheese in CHEESES:
        ages = cheese[6]
        # a cheese with one age is sometimes stocked from two producers
        stocked = ages if len(ages) > 1 else ages * (2 if rng.random() < 0.7 else 1)
        for age in stocked:
            code += rng.randint(1, 4)
            rows.append(row(rng, code, cheese, age))
    header = [
        "Code",
        "Cheese",
        "Milk",
        "Country",
        "Region",
        "Type",
        "Texture",
        "Age",
        "Strength",
        "Price per 100g",
        "Wheel (g)",
        "Vegetarian",
        "Producer",
        "Pairs with",
        "Award",
        "Award year",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
