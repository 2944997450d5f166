"""Writes restaurants/edinburgh_eating_out.csv: a city restaurant guide's listings for Edinburgh
as exported from its database, `,` between cells (seeded: running it again writes the same
bytes). The neighbourhoods and their distances from the centre are the city's own; every
restaurant, chef and dish is invented. A few chefs run two or three places."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("restaurants") / "edinburgh_eating_out.csv"
# neighbourhood: (km from the centre, nearest and farthest), how many places it has (weight)
NEIGHBOURHOODS = {
    "Old Town": ((0.2, 0.9), 16),
    "New Town": ((0.3, 1.2), 16),
    "West End": ((0.8, 1.5), 8),
    "Southside": ((1.0, 1.8), 9),
    "Tollcross": ((1.0, 1.6), 7),
    "Haymarket": ((1.4, 2.0), 6),
    "Stockbridge": ((1.2, 2.0), 9),
    "Marchmont": ((1.5, 2.2), 5),
    "Bruntsfield": ((1.6, 2.4), 7),
    "Newington": ((1.8, 2.6), 6),
    "Canonmills": ((1.8, 2.4), 4),
    "Leith": ((2.6, 3.8), 14),
    "Morningside": ((2.5, 3.5), 6),
    "Portobello": ((4.8, 5.9), 6),
}
# cuisine: price tiers it is found at, dietary options and how often a place has each, dishes
# it is known for
# fmt: off
CUISINES = {
    "Italian": ("££", {"vegetarian": 0.9, "vegan": 0.4, "gluten-free": 0.6}, ["wild mushroom risotto", "cacio e pepe", "veal saltimbocca", "pork and fennel ragu", "burrata with peaches", "tiramisu made at the table"]),
    "Pizza": ("£", {"vegetarian": 0.95, "vegan": 0.6, "gluten-free": 0.5}, ["nduja and honey pizza", "sourdough margherita", "fried pizza with ricotta", "pepperoni and hot honey pizza"]),
    "Indian": ("££", {"vegetarian": 0.95, "vegan": 0.6, "gluten-free": 0.5, "halal": 0.6}, ["lamb rogan josh", "butter chicken", "railway goat curry", "tandoori king prawns", "masala dosa", "chaat plates"]),
    "Nepalese": ("££", {"vegetarian": 0.9, "vegan": 0.5, "gluten-free": 0.4, "halal": 0.5}, ["momo dumplings", "himalayan lamb curry", "dal bhat"]),
    "Thai": ("££", {"vegetarian": 0.8, "vegan": 0.5, "gluten-free": 0.6}, ["pad kra pao with crispy pork", "green curry", "som tam", "massaman beef", "khao soi"]),
    "Chinese": ("££", {"vegetarian": 0.7, "vegan": 0.3}, ["xiao long bao", "crispy aromatic duck", "mapo tofu", "char siu pork", "salt and pepper squid"]),
    "Japanese": ("£££", {"vegetarian": 0.6, "vegan": 0.3, "gluten-free": 0.5}, ["omakase sushi", "tonkotsu ramen", "chicken katsu curry", "black cod miso", "gyoza"]),
    "Korean": ("££", {"vegetarian": 0.6, "vegan": 0.3}, ["korean fried chicken", "bibimbap in a stone bowl", "pork belly bbq", "kimchi pancake"]),
    "Vietnamese": ("£", {"vegetarian": 0.8, "vegan": 0.6, "gluten-free": 0.7}, ["beef pho", "banh mi", "crispy pork belly bun", "summer rolls"]),
    "Mexican": ("£", {"vegetarian": 0.9, "vegan": 0.6, "gluten-free": 0.7}, ["birria tacos", "carnitas tacos", "fish tacos", "mole poblano"]),
    "Scottish": ("£££", {"vegetarian": 0.6, "gluten-free": 0.5}, ["haggis bonbons", "cullen skink", "roast loin of venison", "scallops with black pudding", "cranachan"]),
    "Modern British": ("£££", {"vegetarian": 0.8, "vegan": 0.4, "gluten-free": 0.7}, ["tasting menu of local produce", "roast chicken for two", "beef wellington", "halibut with brown butter", "pork chop with cider sauce"]),
    "French": ("£££", {"vegetarian": 0.6, "gluten-free": 0.4}, ["steak frites", "coq au vin", "moules marinières", "duck confit", "tarte tatin"]),
    "Spanish": ("££", {"vegetarian": 0.8, "vegan": 0.4, "gluten-free": 0.7}, ["paella for two", "jamón ibérico", "patatas bravas", "grilled octopus", "croquetas"]),
    "Greek": ("££", {"vegetarian": 0.8, "vegan": 0.4, "gluten-free": 0.5}, ["lamb kleftiko", "souvlaki", "spanakopita", "grilled halloumi"]),
    "Turkish": ("££", {"vegetarian": 0.8, "vegan": 0.4, "halal": 0.9}, ["adana kebab", "lahmacun", "mixed grill", "pide"]),
    "Lebanese": ("££", {"vegetarian": 0.9, "vegan": 0.7, "gluten-free": 0.5, "halal": 0.9}, ["mezze platter", "shawarma", "falafel wraps", "lamb kofta"]),
    "Ethiopian": ("££", {"vegetarian": 0.9, "vegan": 0.9, "gluten-free": 0.6}, ["injera sharing platter", "doro wat"]),
    "Caribbean": ("££", {"vegetarian": 0.6, "vegan": 0.4, "gluten-free": 0.6, "halal": 0.3}, ["jerk chicken", "curry goat", "ackee and saltfish"]),
    "American": ("£", {"vegetarian": 0.7, "vegan": 0.5, "gluten-free": 0.4}, ["smash burgers", "buttermilk fried chicken", "pulled pork", "loaded fries"]),
    "Seafood": ("£££", {"gluten-free": 0.7}, ["oysters", "lobster thermidor", "fish and chips", "langoustines in garlic butter", "seafood platter"]),
    "Vegan": ("££", {"vegetarian": 1.0, "vegan": 1.0, "gluten-free": 0.7}, ["jackfruit tacos", "mushroom wellington", "cashew cheese board", "tofu katsu"]),
    "Brunch": ("£", {"vegetarian": 0.9, "vegan": 0.6, "gluten-free": 0.6}, ["shakshuka", "eggs benedict", "sourdough pancakes", "avocado toast", "full scottish breakfast"]),
    "Pub food": ("££", {"vegetarian": 0.8, "vegan": 0.4, "gluten-free": 0.5}, ["steak pie", "fish and chips", "sunday roast", "haggis neeps and tatties", "sausage and mash"]),
}
# name, type, cuisine
PLACES = [
    ("Trattoria Lucca", "Restaurant", "Italian"), ("Osteria del Ponte", "Restaurant", "Italian"), ("Cucina Ferrante", "Restaurant", "Italian"),
    ("La Piccola Nonna", "Restaurant", "Italian"), ("Vespa Rossa", "Restaurant", "Italian"), ("Bottega Ferrante", "Wine bar", "Italian"),
    ("Il Girasole", "Restaurant", "Italian"), ("Pasta Fresca", "Takeaway", "Italian"), ("Enoteca Sud", "Wine bar", "Italian"),
    ("Forno Pizza Co.", "Restaurant", "Pizza"), ("Slice of Leith", "Takeaway", "Pizza"), ("Dough & Fire", "Restaurant", "Pizza"),
    ("Pizzeria Vesuvio", "Restaurant", "Pizza"), ("Crust Pizza Bar", "Takeaway", "Pizza"), ("Napoli Express", "Takeaway", "Pizza"),
    ("The Tandoori Lantern", "Restaurant", "Indian"), ("Spice Route", "Restaurant", "Indian"), ("Chaat House", "Restaurant", "Indian"),
    ("Bombay Tiffin Co.", "Takeaway", "Indian"), ("Karahi Palace", "Restaurant", "Indian"), ("Masala Junction", "Restaurant", "Indian"),
    ("The Dosa Den", "Café", "Indian"), ("Saffron & Smoke", "Restaurant", "Indian"), ("Curry Leaf Kitchen", "Takeaway", "Indian"),
    ("Himalaya Momo House", "Restaurant", "Nepalese"), ("Gurkha Kitchen", "Restaurant", "Nepalese"), ("Everest Nights", "Takeaway", "Nepalese"),
    ("Baan Siam", "Restaurant", "Thai"), ("Thai Orchid", "Restaurant", "Thai"), ("Krua Thai Kitchen", "Takeaway", "Thai"),
    ("Bangkok Street", "Restaurant", "Thai"), ("Lemongrass & Lime", "Restaurant", "Thai"), ("Soi 38", "Restaurant", "Thai"),
    ("Jade Garden", "Restaurant", "Chinese"), ("Golden Lotus", "Restaurant", "Chinese"), ("Dumpling Lane", "Café", "Chinese"),
    ("Sichuan House", "Restaurant", "Chinese"), ("Red Lantern Takeaway", "Takeaway", "Chinese"), ("Canton Roast House", "Restaurant", "Chinese"),
    ("Kaizen Sushi", "Restaurant", "Japanese"), ("Ramen Hoshi", "Restaurant", "Japanese"), ("Sora Izakaya", "Restaurant", "Japanese"),
    ("Tokyo Canteen", "Café", "Japanese"), ("Umi Omakase", "Restaurant", "Japanese"), ("Bento Box", "Takeaway", "Japanese"),
    ("Seoul Kitchen", "Restaurant", "Korean"), ("Gochu", "Restaurant", "Korean"), ("K-Chicken Shack", "Takeaway", "Korean"),
    ("Pho Saigon", "Restaurant", "Vietnamese"), ("Little Hanoi", "Café", "Vietnamese"), ("Banh Mi Brothers", "Takeaway", "Vietnamese"),
    ("Lotus Pho", "Restaurant", "Vietnamese"),
    ("Taqueria Luna", "Restaurant", "Mexican"), ("El Cactus", "Restaurant", "Mexican"), ("Burrito Loco", "Takeaway", "Mexican"),
    ("Casa Oaxaca", "Restaurant", "Mexican"), ("Mezcalito", "Wine bar", "Mexican"),
    ("The Thistle Room", "Restaurant", "Scottish"), ("Heather & Rye", "Restaurant", "Scottish"), ("The Bothy", "Restaurant", "Scottish"),
    ("Cairn", "Restaurant", "Scottish"), ("Laird's Table", "Restaurant", "Scottish"), ("The Highland Larder", "Café", "Scottish"),
    ("Glen & Firth", "Restaurant", "Scottish"),
    ("Hearth", "Restaurant", "Modern British"), ("The Allotment", "Restaurant", "Modern British"), ("Fenwick's", "Restaurant", "Modern British"),
    ("Ledger", "Restaurant", "Modern British"), ("Forage & Feast", "Restaurant", "Modern British"), ("The Gilded Spoon", "Restaurant", "Modern British"),
    ("Copper Kettle Kitchen", "Restaurant", "Modern British"), ("Nine Stanes", "Restaurant", "Modern British"),
    ("Bistro Marcel", "Restaurant", "French"), ("Le Petit Canard", "Restaurant", "French"), ("Maison Rouge", "Restaurant", "French"),
    ("Café Lumière", "Café", "French"), ("La Cave", "Wine bar", "French"), ("Chez Amélie", "Restaurant", "French"),
    ("Tapas Toro", "Restaurant", "Spanish"), ("Bodega Sol", "Wine bar", "Spanish"), ("La Rambla", "Restaurant", "Spanish"),
    ("Pintxos Bar", "Restaurant", "Spanish"),
    ("Olympia Taverna", "Restaurant", "Greek"), ("The Greek Larder", "Takeaway", "Greek"), ("Mykonos Grill", "Restaurant", "Greek"),
    ("Anatolia Grill", "Restaurant", "Turkish"), ("Ocakbasi", "Restaurant", "Turkish"), ("Bosphorus Kebab House", "Takeaway", "Turkish"),
    ("Cedar Tree", "Restaurant", "Lebanese"), ("Beirut Nights", "Restaurant", "Lebanese"), ("Falafel Corner", "Takeaway", "Lebanese"),
    ("Habesha", "Restaurant", "Ethiopian"), ("Blue Nile", "Restaurant", "Ethiopian"),
    ("Rum Shack", "Restaurant", "Caribbean"), ("Island Spice", "Takeaway", "Caribbean"),
    ("Smash Burger Co.", "Restaurant", "American"), ("Liberty Diner", "Restaurant", "American"), ("Smokehouse 48", "Restaurant", "American"),
    ("Wings & Things", "Takeaway", "American"), ("Brooklyn Burger Bar", "Restaurant", "American"),
    ("The Oyster Shed", "Restaurant", "Seafood"), ("Harbour Catch", "Restaurant", "Seafood"), ("The Fishmonger's Table", "Restaurant", "Seafood"),
    ("Salt Cellar", "Restaurant", "Seafood"), ("Portobello Fish Bar", "Takeaway", "Seafood"), ("The Lobster Pot", "Restaurant", "Seafood"),
    ("Shore Thing", "Restaurant", "Seafood"),
    ("Green Fork", "Restaurant", "Vegan"), ("Roots Kitchen", "Café", "Vegan"), ("Plant Power", "Takeaway", "Vegan"),
    ("The Beet Goes On", "Restaurant", "Vegan"), ("Wild Oats", "Café", "Vegan"),
    ("The Early Bird", "Café", "Brunch"), ("Toast & Jam", "Café", "Brunch"), ("Morning Glory", "Café", "Brunch"),
    ("Yolk", "Café", "Brunch"), ("Sunny Side", "Café", "Brunch"), ("The Hungry Heron", "Café", "Brunch"),
    ("Flat White Social", "Café", "Brunch"), ("Porridge & Co.", "Café", "Brunch"), ("Kettle & Crumb", "Café", "Brunch"),
    ("The Pantry", "Café", "Brunch"), ("Marchmont Coffee House", "Café", "Brunch"),
    ("The Black Bull", "Pub", "Pub food"), ("The Sheep Heid Inn", "Pub", "Pub food"), ("The Kings Wark", "Pub", "Pub food"),
    ("The Canny Man", "Pub", "Pub food"), ("The Bow Bar", "Pub", "Pub food"), ("The Malt Shovel", "Pub", "Pub food"),
    ("The Cumberland", "Pub", "Pub food"), ("The Starbank", "Pub", "Pub food"), ("The Dog & Duck", "Pub", "Pub food"),
    ("The Shore Tavern", "Pub", "Pub food"), ("The Clachan", "Pub", "Pub food"), ("The Old Forge", "Pub", "Pub food"),
    ("The Lamplighter", "Pub", "Pub food"), ("The Thirsty Kirk", "Pub", "Pub food"),
    ("The Wine Library", "Wine bar", "Modern British"), ("Vino Vino", "Wine bar", "Italian"), ("Cork & Cured", "Wine bar", "Spanish"),
    ("Noodle Bar 88", "Takeaway", "Chinese"), ("Wok This Way", "Takeaway", "Chinese"), ("Tuk Tuk Thai", "Takeaway", "Thai"),
    ("The Chippy on the Walk", "Takeaway", "Seafood"), ("Leith Kebab Centre", "Takeaway", "Turkish"), ("Bagel Brothers", "Café", "American"),
    ("Stockbridge Deli Café", "Café", "Italian"), ("The Fig Tree", "Restaurant", "Lebanese"), ("Ember & Oak", "Restaurant", "Modern British"),
    ("The Rowan", "Restaurant", "Scottish"), ("Rosa's Cantina", "Restaurant", "Mexican"), ("Sakura Garden", "Restaurant", "Japanese"),
]
# fmt: on
# chefs with more than one place: chef -> the places they run
CHEF_OF = {
    "Marco Ferrante": ["Cucina Ferrante", "Bottega Ferrante", "Vino Vino"],
    "Ailsa Baird": ["The Thistle Room", "Cairn", "The Rowan"],
    "Anong Srisuk": ["Baan Siam", "Soi 38"],
    "Hamid Rahimi": ["Anatolia Grill", "Ocakbasi"],
    "Tam Whitelaw": ["Hearth", "Ember & Oak"],
    "Yuki Tanabe": ["Umi Omakase", "Sora Izakaya"],
    "Priya Nair": ["Chaat House", "The Dosa Den"],
    "Fraser McLeish": ["The Oyster Shed", "Shore Thing"],
}
FIRST_NAMES = [
    "Giulia",
    "Kenji",
    "Duncan",
    "Mei Lin",
    "Rahul",
    "Sofia",
    "Ewan",
    "Chloé",
    "Nikos",
    "Leila",
    "Kwame",
    "Isla",
    "Jonas",
    "Hana",
    "Luca",
    "Amira",
    "Callum",
    "Rosa",
    "Ben",
    "Sunita",
    "Elena",
    "Finlay",
    "Minh",
    "Zainab",
    "Oscar",
    "Margaux",
    "Jamie",
    "Tariq",
    "Niamh",
    "Diego",
    "Fiona",
    "Arjun",
    "Grace",
    "Hugo",
    "Morag",
    "Kai",
]
LAST_NAMES = [
    "Rossi", "Mori", "Fraser", "Chen", "Desai", "Marquez", "Grant", "Martin", "Papadakis", "Haddad", "Asante",
    "Murray", "Berg", "Kim", "Bianchi", "Saleh", "Doig", "Jimenez", "Kowalczyk", "Rao", "Petrova", "Ross", "Tran",
    "Bello", "Lindqvist", "Dubois", "Kerr", "Aziz", "Gallagher", "Alvarez", "Strachan", "Mehta", "Mitchell",
]  # fmt: skip
PRICE_BAND = {"£": (6.5, 11), "££": (11, 19), "£££": (19, 30), "££££": (30, 46)}
DAYS = ["Monday", "Tuesday", "Wednesday", "Sunday"]


def price_range(rng: random.Random, cuisine: str, kind: str) -> str:
    usual = CUISINES[cuisine][0]
    if kind in ("Takeaway", "Café"):
        return "£"
    steps = ["£", "££", "£££", "££££"]
    index = steps.index(usual) + rng.choice([-1, 0, 0, 0, 1])
    return steps[max(0, min(3, index))]


def hours(rng: random.Random, kind: str) -> tuple[str, str]:
    if kind == "Café":
        return rng.choice(["08:00", "08:30", "09:00"]), rng.choice(["15:00", "16:00", "17:00"])
    if kind == "Pub":
        return rng.choice(["11:00", "12:00"]), rng.choice(["23:00", "00:00", "01:00"])
    if kind == "Takeaway":
        return rng.choice(["11:30", "16:00", "17:00"]), rng.choice(["22:00", "23:00", "00:00", "02:00"])
    if kind == "Wine bar":
        return rng.choice(["12:00", "16:00"]), rng.choice(["23:00", "00:00"])
    return rng.choice(["12:00", "12:00", "17:00", "17:30", "18:00"]), rng.choice(["21:30", "22:00", "22:30", "23:00"])


def days_closed(rng: random.Random, kind: str) -> str:
    if kind in ("Pub", "Takeaway") or rng.random() < 0.35:
        return "None"
    count = rng.choice([1, 1, 2])
    return ", ".join(sorted(rng.sample(DAYS[:3] if count == 2 else DAYS, count), key=DAYS.index))


def dietary(rng: random.Random, cuisine: str) -> str:
    return ", ".join(option for option, share in CUISINES[cuisine][1].items() if rng.random() < share)


def rows(rng: random.Random) -> list[list[str]]:
    chef_of = {place: chef for chef, places in CHEF_OF.items() for place in places}
    spare = sorted({f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES} - set(CHEF_OF))
    rng.shuffle(spare)  # one chef a place, apart from those who run several
    names = list(NEIGHBOURHOODS)
    weights = [weight for _, weight in NEIGHBOURHOODS.values()]
    out = []
    for name, kind, cuisine in PLACES:
        area = (
            "Leith"
            if "Leith" in name
            else "Portobello"
            if "Portobello" in name
            else "Stockbridge"
            if "Stockbridge" in name
            else "Marchmont"
            if "Marchmont" in name
            else rng.choices(names, weights)[0]
        )
        low, high = NEIGHBOURHOODS[area][0]
        band = price_range(rng, cuisine, kind)
        floor, ceiling = PRICE_BAND[band]
        opens, closes = hours(rng, kind)
        chef = chef_of.get(name) or ("" if kind in ("Takeaway", "Café", "Pub") and rng.random() < 0.5 else spare.pop())
        rating = min(4.9, max(3.2, rng.gauss(4.3, 0.35)))
        reviews = int(rng.lognormvariate(5.6, 1.0)) + 12
        established = rng.choice([rng.randint(1965, 2005), rng.randint(2006, 2024), rng.randint(2012, 2024)])
        if kind == "Pub":
            established = rng.randint(1952, 1998)
        out.append(
            [
                name,
                kind,
                cuisine,
                area,
                band,
                f"{rng.uniform(floor, ceiling):.2f}",
                f"{rating:.1f}",
                f"{reviews:,}",
                dietary(rng, cuisine),
                opens,
                closes,
                days_closed(rng, kind),
                "Yes" if rng.random() < (0.55 if area in ("Leith", "Portobello", "Stockbridge") else 0.3) else "No",
                "No" if kind in ("Takeaway",) or (kind == "Café" and rng.random() < 0.7) else "Yes",
                f"{rng.uniform(low, high):.1f}",
                chef,
                str(established),
                rng.choice(CUISINES[cuisine][2]),
            ]
        )
    return out


def main() -> None:
    rng = random.Random(20240923)
    table = rows(rng)
    table.sort(key=lambda r: r[0].removeprefix("The "))  # the guide lists places A to Z
    header = [
        "Name",
        "Type",
        "Cuisine",
        "Neighbourhood",
        "Price range",
        "Average main (£)",
        "Rating",
        "Reviews",
        "Dietary options",
        "Opens",
        "Closes",
        "Days closed",
        "Outdoor seating",
        "Takes bookings",
        "Distance from centre (km)",
        "Chef",
        "Established",
        "Known for",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(table)


if __name__ == "__main__":
    main()
