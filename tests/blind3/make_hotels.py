# ruff: noqa: E501  (the data tables below are kept one record a line)
"""Writes hotels/stays_export.csv: a hotel directory's export of 197 places to stay in 17 European
cities. The names are invented (plausible, local words and accents); figures are drawn from
ranges typical of each kind of place and city (seeded, so the file is reproducible). Kept beside
the suite so the catalog can be regenerated; the CSV is what the suite is written against."""

from __future__ import annotations

import csv
import random
from pathlib import Path

# city, country, price level, areas (the first is the centre), resort town
CITIES = [
    ("Lisbon", "Portugal", 1.0, ["Baixa", "Alfama", "Chiado", "Príncipe Real", "Belém"], False),
    ("Porto", "Portugal", 0.85, ["Ribeira", "Baixa", "Boavista", "Foz do Douro"], False),
    ("Albufeira", "Portugal", 1.05, ["Old Town", "Praia da Falésia", "Oura"], True),
    ("Barcelona", "Spain", 1.25, ["Gothic Quarter", "El Born", "Eixample", "Gràcia", "Barceloneta"], False),
    ("Madrid", "Spain", 1.1, ["Sol", "Malasaña", "Salamanca", "La Latina"], False),
    ("Seville", "Spain", 0.95, ["Santa Cruz", "Arenal", "Triana"], False),
    ("Málaga", "Spain", 0.95, ["Centro Histórico", "Soho", "La Malagueta"], True),
    ("Paris", "France", 1.6, ["Opéra", "Le Marais", "Saint-Germain-des-Prés", "Montmartre", "Latin Quarter"], False),
    ("Nice", "France", 1.3, ["Vieux Nice", "Promenade des Anglais", "Le Port"], True),
    ("Rome", "Italy", 1.35, ["Centro Storico", "Monti", "Trastevere", "Prati"], False),
    ("Florence", "Italy", 1.3, ["Duomo", "Santa Croce", "Oltrarno"], False),
    ("Amsterdam", "Netherlands", 1.55, ["Canal Belt", "Jordaan", "De Pijp", "Oost"], False),
    ("Berlin", "Germany", 0.95, ["Mitte", "Kreuzberg", "Prenzlauer Berg", "Charlottenburg"], False),
    ("Vienna", "Austria", 1.15, ["Innere Stadt", "Neubau", "Leopoldstadt"], False),
    ("Prague", "Czechia", 0.75, ["Old Town", "Malá Strana", "Vinohrady"], False),
    ("Kraków", "Poland", 0.6, ["Old Town", "Kazimierz", "Podgórze"], False),
    ("Dubrovnik", "Croatia", 1.2, ["Old Town", "Ploče", "Lapad"], True),
]
# name | type, per city (in CITIES order)
NAMES = {
    "Lisbon": "Hotel Avenida Baixa|Hotel; Memmo Alfama Terrace|Hotel; Palácio do Chiado Suites|Hotel; Casa da Graça|B&B; "
    "Lisboa Pessoa Grand|Hotel; Tejo River Hostel|Hostel; Sunset Destination Hostel|Hostel; Alfama Loft Apartments|Apartment; "
    "Príncipe Real Residences|Apartment; Hotel Belém Jardim|Hotel; Rossio Boutique Hotel|Hotel; Pensão Amor Rooms|B&B",
    "Porto": "Ribeira Douro Hotel|Hotel; Hotel Infante Sagres|Hotel; Casa dos Azulejos|B&B; Porto Poets Hostel|Hostel; "
    "Gallery Hostel Porto|Hostel; Boavista Palace Hotel|Hotel; Foz Atlântico Apartments|Apartment; "
    "Aliados Flats|Apartment; Torel Douro Boutique|Hotel; Quinta da Foz Guest House|B&B; Hotel São Bento|Hotel",
    "Albufeira": "Falésia Beach Resort & Spa|Resort; Oura Praia Resort|Resort; Pine Cliffs Ocean Club|Resort; "
    "Vila Galé Albufeira Sol|Resort; Hotel Sol e Mar|Hotel; Casa Velha Albufeira|B&B; Albufeira Old Town Apartments|Apartment; "
    "Marina Mar Apartments|Apartment; Surf Shack Hostel|Hostel; Hotel Baltum|Hotel; Algarve Cliffs Golf Resort|Resort",
    "Barcelona": "Hotel Casa Fuster|Hotel; Gòtic Boutique Hotel|Hotel; El Born Cathedral Suites|Hotel; Hotel Arts Barceloneta|Hotel; "
    "Eixample Modernista Hotel|Hotel; Gràcia Garden Apartments|Apartment; Barceloneta Beach Flats|Apartment; "
    "Kabul Party Hostel|Hostel; Generator Gràcia Hostel|Hostel; Casa Bonay|Hotel; Pension Ciudadela|B&B; "
    "W Vela Barcelona|Hotel; Hotel Neri Gòtic|Hotel",
    "Madrid": "Hotel Puerta del Sol|Hotel; Malasaña Vintage Hotel|Hotel; Only You Salamanca|Hotel; Gran Hotel Inglés|Hotel; "
    "La Latina Rooms|B&B; The Hat Madrid|Hostel; Cat's Hostel Sol|Hostel; Salamanca Suites Apartments|Apartment; "
    "Malasaña Studios|Apartment; Hotel Urban Retiro|Hotel; Hostal Madrid Centro|B&B; Palacio de los Duques|Hotel",
    "Seville": "Hotel Alfonso Triana|Hotel; Casa del Poeta|B&B; Santa Cruz Patio Hotel|Hotel; Hotel Inglaterra Sevilla|Hotel; "
    "Triana Backpackers|Hostel; Arenal Apartments|Apartment; Corral del Rey|Hotel; La Banda Rooftop Hostel|Hostel; "
    "Giralda Suites|Apartment; Hotel Doña María|Hotel; Casa Manolo Rooms|B&B",
    "Málaga": "Hotel Molina Lario|Hotel; Gran Hotel Miramar|Resort; Soho Boutique Málaga|Hotel; La Malagueta Beach Hotel|Hotel; "
    "Picasso Apartments|Apartment; Larios Suites|Apartment; Oasis Backpackers Málaga|Hostel; Casa de las Flores|B&B; "
    "Hotel Alcazaba Premium|Hotel; Costa Sol Resort & Spa|Resort; The Lights Hostel|Hostel",
    "Paris": "Hôtel du Louvre Opéra|Hotel; Le Marais Saint-Paul|Hotel; Hôtel de Crillon Rivoli|Hotel; Le Petit Germain|Hotel; "
    "Hôtel Montmartre Mon Amour|Hotel; Generator Paris Canal|Hostel; St Christopher's Gare du Nord|Hostel; "
    "Appartements Marais Rivoli|Apartment; Latin Quarter Studios|Apartment; Chambre d'Hôtes Montmartre|B&B; "
    "Hôtel des Grands Boulevards|Hotel; Le Pavillon de la Reine|Hotel; Hôtel Sorbonne Panthéon|Hotel",
    "Nice": "Hôtel Negresco Promenade|Hotel; Vieux Nice Boutique|Hotel; Le Port Apartments|Apartment; "
    "Villa Saint-Exupéry Beach Hostel|Hostel; Hôtel La Pérouse|Hotel; Riviera Palm Resort|Resort; "
    "Promenade Sea View Flats|Apartment; Maison Garibaldi|B&B; Hôtel Windsor Nice|Hotel; Cap Riviera Resort & Spa|Resort; "
    "Hôtel du Port Lympia|Hotel",
    "Rome": "Hotel Navona Centro|Hotel; Monti Palace Hotel|Hotel; Hotel Trastevere Roma|Hotel; Hotel Prati Vaticano|Hotel; "
    "Hotel de Russie Roma|Hotel; The Yellow Hostel|Hostel; Trastevere Hostel Roma|Hostel; Monti Apartments|Apartment; "
    "Campo de' Fiori Flats|Apartment; B&B Vaticano Dreams|B&B; Hotel Artemide|Hotel; Palazzo Manfredi|Hotel",
    "Florence": "Hotel Brunelleschi Duomo|Hotel; Santa Croce Palace|Hotel; Oltrarno Splendid|Hotel; Plus Florence Hostel|Hostel; "
    "Hostel Santa Monaca|Hostel; Duomo View Apartments|Apartment; Ponte Vecchio Flats|Apartment; "
    "B&B Le Stanze di Santa Croce|B&B; Hotel Lungarno Collection|Hotel; Villa Cora Oltrarno|Hotel; Hotel Calzaiuoli|Hotel",
    "Amsterdam": "Hotel Pulitzer Canal Belt|Hotel; The Hoxton Herengracht|Hotel; Jordaan Canal House|B&B; "
    "De Pijp Studios|Apartment; Hotel V Nesplein|Hotel; ClinkNOORD Hostel|Hostel; Flying Pig Downtown|Hostel; "
    "Hotel Okura Zuid|Hotel; Oost Lofts|Apartment; The Dylan Canal Belt|Hotel; Hotel Arena Oost|Hotel; Conscious Hotel Westerpark|Hotel",
    "Berlin": "Hotel Adlon Mitte|Hotel; Michelberger Hotel|Hotel; Kreuzberg Backpackers|Hostel; Circus Hostel Mitte|Hostel; "
    "Prenzlauer Berg Apartments|Apartment; Hotel Müller Charlottenburg|Hotel; Hotel Oderberger|Hotel; "
    "Gästehaus am Kollwitzplatz|B&B; Mitte Lofts|Apartment; Hotel Zoo Berlin|Hotel; Generator Berlin Mitte|Hostel; "
    "Hotel Amano Grand Central|Hotel",
    "Vienna": "Hotel Sacher Wien|Hotel; Hotel Stefanie Leopoldstadt|Hotel; Neubau Design Hotel|Hotel; Wombat's City Hostel|Hostel; "
    "Innere Stadt Residenz|Apartment; Pension Nossek|B&B; Hotel Kärntnerhof|Hotel; Leopoldstadt Apartments|Apartment; "
    "Hotel Altstadt Vienna|Hotel; Schönbrunn Garden Hotel|Hotel; Hostel Ruthensteiner|Hostel",
    "Prague": "Hotel Paříž Praha|Hotel; Malá Strana Residence|Apartment; Old Town Square Hotel|Hotel; Hostel One Prague|Hostel; "
    "Czech Inn Vinohrady|Hostel; Hotel U Zlaté Studně|Hotel; Vinohrady Apartments|Apartment; Pension U Lilie|B&B; "
    "Augustine Malá Strana|Hotel; Hotel Josef|Hotel; Little Quarter Guest Rooms|B&B; Hotel Aria Praha|Hotel",
    "Kraków": "Hotel Stary|Hotel; Kazimierz Secret Hotel|Hotel; Mosquito Hostel|Hostel; Greg & Tom Hostel|Hostel; "
    "Podgórze Apartments|Apartment; Rynek Główny Suites|Apartment; Hotel Copernicus|Hotel; Pensjonat Pod Wawelem|B&B; "
    "Hotel Pod Różą|Hotel; Kazimierz Guest Rooms|B&B; Hotel Wentzl|Hotel",
    "Dubrovnik": "Hotel Excelsior Dubrovnik|Hotel; Villa Dubrovnik|Hotel; Hotel Bellevue Lapad|Hotel; "
    "Rixos Premium Lapad Resort|Resort; Old Town Hostel Dubrovnik|Hostel; Ploče Sea View Apartments|Apartment; "
    "Stradun Rooms|B&B; Lapad Bay Apartments|Apartment; Sun Gardens Resort|Resort; Hotel Kompas Lapad|Hotel; Pucić Palace|Hotel",
}
COLUMNS = [
    "Property",
    "Property type",
    "City",
    "Country",
    "Area",
    "Stars",
    "Guest score",
    "Price per night",
    "Distance to centre",
    "Facilities",
    "Free cancellation",
    "Check-in",
    "Rooms",
    "Opened",
    "Reviews",
]
BASE_PRICE = {"Hostel": (22, 55), "Apartment": (75, 190), "B&B": (65, 140), "Resort": (170, 420)}
HOTEL_PRICE = {2: (55, 95), 3: (85, 150), 4: (130, 250), 5: (280, 620)}


def stars(rng: random.Random, kind: str) -> int | None:
    if kind == "Hotel":
        return rng.choices([2, 3, 4, 5], weights=[1, 4, 5, 2])[0]
    if kind == "Resort":
        return rng.choice([4, 4, 5])
    if kind == "B&B":
        return rng.choice([None, 2, 3, 3, 4])
    return None


def facilities(rng: random.Random, kind: str, star: int | None, beach: bool) -> list[str]:
    star = star or 0
    chances = {
        "Free WiFi": 0.95,
        "Breakfast included": {"B&B": 0.95, "Hostel": 0.2, "Apartment": 0.0}.get(kind, 0.45),
        "Parking": {"Resort": 0.95, "Apartment": 0.3}.get(kind, 0.25 + 0.08 * star),
        "Swimming pool": {"Resort": 1.0, "Hostel": 0.03, "B&B": 0.05, "Apartment": 0.08}.get(kind, 0.05 * star),
        "Spa": {"Resort": 0.85}.get(kind, 0.12 * max(star - 2, 0) if kind == "Hotel" else 0.0),
        "Fitness centre": {"Resort": 0.9, "Hotel": 0.1 * star}.get(kind, 0.02),
        "Restaurant": {"Resort": 1.0, "Hotel": 0.12 * star}.get(kind, 0.05),
        "Bar": {"Resort": 1.0, "Hostel": 0.7, "Hotel": 0.15 * star}.get(kind, 0.05),
        "Rooftop terrace": 0.15,
        "Airport shuttle": {"Resort": 0.6, "Hotel": 0.2}.get(kind, 0.05),
        "Pets allowed": {"Hostel": 0.05, "Resort": 0.15}.get(kind, 0.25),
        "Air conditioning": {"Hostel": 0.5}.get(kind, 0.85),
        "Family rooms": {"Resort": 0.9, "Hostel": 0.3, "Apartment": 0.6}.get(kind, 0.45),
        "Kitchen": {"Apartment": 1.0, "Hostel": 0.8}.get(kind, 0.0),
        "Bicycle rental": 0.12,
        "EV charging": 0.08 + 0.03 * star,
        "24-hour front desk": {"Apartment": 0.1, "B&B": 0.1}.get(kind, 0.8),
        "Beachfront": 0.5 if beach and kind in ("Resort", "Hotel", "Apartment") else 0.0,
    }
    return [name for name, chance in chances.items() if rng.random() < chance]


def row(rng: random.Random, name: str, kind: str, city: tuple) -> list[str]:
    city_name, country, level, areas, beach = city
    star = stars(rng, kind)
    low, high = HOTEL_PRICE[star] if kind == "Hotel" and star else BASE_PRICE[kind]
    price = round(rng.uniform(low, high) * level)
    named = [a for a in areas if a in name]  # "Alfama Loft Apartments" is in Alfama
    area = named[0] if named else rng.choice(areas[:2]) if rng.random() < 0.5 else rng.choice(areas)
    km = rng.uniform(0.1, 1.2) if area == areas[0] else rng.uniform(0.6, 4.5)
    if kind == "Resort":
        km = rng.uniform(2.5, 14)
    distance = f"{round(km * 20) * 50} m" if km < 0.975 else f"{km:.1f} km"
    score = min(9.8, round(rng.gauss(8.4 if kind != "Hostel" else 8.0, 0.55) + 0.15 * (star or 3) - 0.45, 1))
    rooms = {"Hostel": (12, 70), "B&B": (3, 12), "Apartment": (4, 40), "Resort": (120, 420)}.get(kind, (18, 320))
    room_count = rng.randint(*rooms)
    opened = rng.choice([rng.randint(1885, 1990), rng.randint(1991, 2024), rng.randint(2005, 2024)])
    reviews = rng.randint(40, 9500)
    return [
        name,
        kind,
        city_name,
        country,
        area,
        "" if star is None else str(star),
        f"{score}/10",
        f"€{price}",
        distance,
        ", ".join(facilities(rng, kind, star, beach)),
        rng.choice(["Yes", "Yes", "No"]),
        ""
        if rng.random() < 0.08
        else rng.choice(["14:00", "15:00", "15:00", "16:00"] if kind != "Hostel" else ["13:00", "14:00"]),
        str(room_count),
        "" if rng.random() < 0.1 else str(opened),
        f"{reviews:,}",
    ]


def main() -> None:
    rng = random.Random(20261208)
    rows = []
    for city in CITIES:
        for entry in NAMES[city[0]].split("; "):
            name, kind = entry.split("|")
            rows.append(row(rng, name, kind, city))
    out = Path(__file__).with_name("hotels") / "stays_export.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} rows -> {out}")


if __name__ == "__main__":
    main()
