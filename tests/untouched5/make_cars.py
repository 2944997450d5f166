"""Writes cars/stock_list.csv: a used-car dealer's stock list as exported from its spreadsheet,
`,` between cells (seeded: running it again writes the same bytes). Makes, models, engines,
body styles, economy and emissions are typical of the UK used market; mileages, prices, owners,
colours and options are invented in the usual ranges for each car's age. The same model is
often in stock more than once, one row and stock number each, so titles repeat."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("cars") / "stock_list.csv"
STOCK_YEAR = 2024
# make, model, body, doors, seats, first and last model year, price new (£), trims,
# engines (size, fuel, gearboxes, mpg, CO2 g/km), how many in stock
# fmt: off
MODELS = [
    ("Ford", "Fiesta", "Hatchback", [3, 5], 5, (2013, 2022), 17500, ["Zetec", "Titanium", "ST-Line", "Trend"], [("1.0L", "Petrol", "MA", 60.1, 107), ("1.1L", "Petrol", "M", 53.3, 120), ("1.5L", "Diesel", "M", 76.3, 98)], 5),
    ("Ford", "Fiesta", "Hatchback", [3], 4, (2016, 2022), 24500, ["ST-3"], [("1.5L", "Petrol", "M", 47.1, 136)], 1),
    ("Ford", "Focus", "Hatchback", [5], 5, (2014, 2023), 23000, ["Zetec", "Titanium", "ST-Line X", "Active"], [("1.0L", "Petrol", "MA", 55.4, 117), ("1.5L", "Diesel", "MA", 67.3, 111)], 4),
    ("Ford", "Focus", "Estate", [5], 5, (2015, 2022), 24500, ["Zetec", "Titanium"], [("1.5L", "Diesel", "M", 65.7, 114), ("1.0L", "Petrol", "M", 52.3, 122)], 2),
    ("Ford", "Kuga", "SUV", [5], 5, (2015, 2023), 30500, ["Titanium", "ST-Line", "Zetec"], [("1.5L", "Petrol", "M", 42.8, 151), ("2.0L", "Diesel", "MA", 50.4, 146), ("2.5L", "Hybrid", "A", 201.8, 32)], 2),
    ("Ford", "Puma", "SUV", [5], 5, (2020, 2023), 24500, ["Titanium", "ST-Line", "ST-Line X"], [("1.0L", "Hybrid", "MA", 52.3, 122)], 2),
    ("Ford", "S-Max", "MPV", [5], 7, (2015, 2021), 33000, ["Titanium", "Zetec"], [("2.0L", "Diesel", "MA", 47.9, 154)], 1),
    ("Vauxhall", "Corsa", "Hatchback", [3, 5], 5, (2013, 2023), 17000, ["SE", "SRi", "Design", "Elite"], [("1.2L", "Petrol", "M", 52.3, 122), ("1.4L", "Petrol", "MA", 47.9, 134)], 4),
    ("Vauxhall", "Corsa-e", "Hatchback", [5], 5, (2020, 2023), 30000, ["SE", "Elite"], [("50kWh", "Electric", "A", None, 0)], 1),
    ("Vauxhall", "Astra", "Hatchback", [5], 5, (2014, 2022), 21500, ["SRi", "Design", "Elite Nav"], [("1.4L", "Petrol", "M", 50.4, 128), ("1.6L", "Diesel", "M", 67.3, 109)], 2),
    ("Vauxhall", "Zafira Tourer", "MPV", [5], 7, (2013, 2018), 25000, ["SRi", "Exclusiv"], [("1.4L", "Petrol", "M", 42.2, 155), ("2.0L", "Diesel", "M", 54.3, 136)], 1),
    ("Volkswagen", "Polo", "Hatchback", [5], 5, (2014, 2023), 18500, ["SE", "Match", "R-Line", "Life"], [("1.0L", "Petrol", "MA", 54.3, 118)], 3),
    ("Volkswagen", "Golf", "Hatchback", [5], 5, (2014, 2023), 25000, ["SE", "Match", "R-Line", "Life"], [("1.5L", "Petrol", "MA", 50.4, 127), ("2.0L", "Diesel", "MA", 62.8, 117), ("1.4L", "Hybrid", "A", 156.9, 40)], 4),
    ("Volkswagen", "Golf", "Hatchback", [5], 5, (2015, 2022), 33000, ["GTI"], [("2.0L", "Petrol", "MA", 40.9, 157)], 1),
    ("Volkswagen", "Golf", "Estate", [5], 5, (2015, 2021), 26500, ["SE", "Match"], [("2.0L", "Diesel", "M", 61.4, 120)], 1),
    ("Volkswagen", "Tiguan", "SUV", [5], 5, (2016, 2023), 31000, ["SE", "R-Line", "Life", "Elegance"], [("1.5L", "Petrol", "MA", 40.4, 159), ("2.0L", "Diesel", "MA", 47.9, 154)], 2),
    ("Volkswagen", "Tiguan Allspace", "SUV", [5], 7, (2018, 2023), 37000, ["SEL", "R-Line"], [("2.0L", "Diesel", "A", 43.5, 170)], 1),
    ("Volkswagen", "ID.3", "Hatchback", [5], 5, (2020, 2023), 35000, ["Life", "Family", "Tour"], [("58kWh", "Electric", "A", None, 0)], 2),
    ("BMW", "1 Series", "Hatchback", [5], 5, (2014, 2023), 27000, ["Sport", "SE", "M Sport"], [("1.5L", "Petrol", "MA", 51.4, 126), ("2.0L", "Diesel", "MA", 65.7, 113)], 3),
    ("BMW", "3 Series", "Saloon", [4], 5, (2013, 2023), 36000, ["SE", "Sport", "M Sport"], [("2.0L", "Diesel", "MA", 61.4, 121), ("2.0L", "Petrol", "A", 42.8, 150), ("2.0L", "Hybrid", "A", 166.2, 39)], 3),
    ("BMW", "3 Series Touring", "Estate", [5], 5, (2015, 2022), 38000, ["Sport", "M Sport"], [("2.0L", "Diesel", "A", 58.9, 126)], 1),
    ("BMW", "X1", "SUV", [5], 5, (2016, 2023), 34000, ["Sport", "xLine", "M Sport"], [("1.5L", "Petrol", "A", 44.1, 145), ("2.0L", "Diesel", "A", 55.4, 134)], 2),
    ("BMW", "i3", "Hatchback", [5], 4, (2014, 2021), 33000, ["i3", "i3s"], [("42kWh", "Electric", "A", None, 0)], 1),
    ("Audi", "A3", "Hatchback", [3, 5], 5, (2013, 2023), 27000, ["SE", "Sport", "S line"], [("1.5L", "Petrol", "MA", 49.6, 130), ("2.0L", "Diesel", "MA", 64.2, 115), ("1.4L", "Hybrid", "A", 176.6, 36)], 3),
    ("Audi", "A3", "Saloon", [4], 5, (2015, 2022), 28500, ["Sport", "S line"], [("1.5L", "Petrol", "A", 50.4, 128)], 1),
    ("Audi", "A4 Avant", "Estate", [5], 5, (2015, 2022), 35000, ["Sport", "S line", "Black Edition"], [("2.0L", "Diesel", "MA", 57.6, 129)], 2),
    ("Audi", "Q3", "SUV", [5], 5, (2015, 2023), 34000, ["Sport", "S line"], [("1.5L", "Petrol", "A", 42.2, 152), ("2.0L", "Diesel", "A", 48.7, 151)], 2),
    ("Audi", "Q5", "SUV", [5], 5, (2016, 2022), 45000, ["Sport", "S line"], [("2.0L", "Diesel", "A", 44.1, 168)], 1),
    ("Audi", "TT", "Coupe", [3], 4, (2015, 2022), 37000, ["Sport", "S line"], [("2.0L", "Petrol", "MA", 40.4, 159)], 1),
    ("Mercedes-Benz", "A-Class", "Hatchback", [5], 5, (2014, 2023), 28000, ["SE", "Sport", "AMG Line"], [("1.3L", "Petrol", "A", 47.9, 134), ("1.5L", "Diesel", "MA", 64.2, 116)], 3),
    ("Mercedes-Benz", "C-Class", "Saloon", [4], 5, (2014, 2022), 37000, ["SE", "Sport", "AMG Line"], [("2.0L", "Diesel", "A", 60.1, 123), ("2.0L", "Hybrid", "A", 134.5, 48)], 2),
    ("Mercedes-Benz", "C-Class Estate", "Estate", [5], 5, (2015, 2021), 38500, ["Sport", "AMG Line"], [("2.0L", "Diesel", "A", 57.6, 129)], 1),
    ("Mercedes-Benz", "GLA", "SUV", [5], 5, (2015, 2023), 33000, ["Sport", "AMG Line"], [("1.3L", "Petrol", "A", 42.8, 149)], 1),
    ("Toyota", "Aygo", "Hatchback", [3, 5], 4, (2014, 2021), 11500, ["x", "x-play", "x-trend"], [("1.0L", "Petrol", "MA", 68.9, 93)], 2),
    ("Toyota", "Yaris", "Hatchback", [5], 5, (2015, 2023), 20000, ["Icon", "Design", "Excel"], [("1.5L", "Hybrid", "A", 68.9, 92), ("1.5L", "Petrol", "M", 55.4, 117)], 3),
    ("Toyota", "Corolla", "Hatchback", [5], 5, (2019, 2023), 26000, ["Icon", "Design", "Excel"], [("1.8L", "Hybrid", "A", 62.8, 101), ("2.0L", "Hybrid", "A", 55.4, 116)], 2),
    ("Toyota", "Corolla Touring Sports", "Estate", [5], 5, (2019, 2023), 27500, ["Icon", "Design"], [("1.8L", "Hybrid", "A", 60.1, 105)], 1),
    ("Toyota", "C-HR", "SUV", [5], 5, (2017, 2023), 28000, ["Icon", "Design", "Excel"], [("1.8L", "Hybrid", "A", 57.6, 111)], 2),
    ("Toyota", "RAV4", "SUV", [5], 5, (2016, 2023), 34000, ["Icon", "Design", "Excel"], [("2.5L", "Hybrid", "A", 50.4, 126)], 2),
    ("Nissan", "Micra", "Hatchback", [5], 5, (2017, 2022), 16000, ["Acenta", "N-Connecta", "Tekna"], [("1.0L", "Petrol", "M", 52.3, 121)], 2),
    ("Nissan", "Juke", "SUV", [5], 5, (2013, 2023), 20500, ["Acenta", "N-Connecta", "Tekna"], [("1.0L", "Petrol", "MA", 47.9, 134), ("1.5L", "Diesel", "M", 70.6, 104)], 2),
    ("Nissan", "Qashqai", "SUV", [5], 5, (2014, 2023), 26000, ["Acenta", "N-Connecta", "Tekna"], [("1.3L", "Petrol", "MA", 44.8, 143), ("1.5L", "Diesel", "M", 60.1, 122)], 3),
    ("Nissan", "Leaf", "Hatchback", [5], 5, (2015, 2023), 29000, ["Acenta", "N-Connecta", "Tekna"], [("40kWh", "Electric", "A", None, 0)], 2),
    ("Kia", "Picanto", "Hatchback", [5], 4, (2014, 2023), 12000, ["1", "2", "GT-Line"], [("1.0L", "Petrol", "MA", 58.9, 109)], 2),
    ("Kia", "Ceed", "Hatchback", [5], 5, (2014, 2023), 22000, ["2", "3", "GT-Line"], [("1.0L", "Petrol", "M", 50.4, 127), ("1.6L", "Diesel", "MA", 62.8, 118)], 2),
    ("Kia", "Sportage", "SUV", [5], 5, (2014, 2023), 29000, ["2", "3", "GT-Line"], [("1.6L", "Petrol", "M", 40.9, 156), ("1.6L", "Diesel", "MA", 49.6, 149), ("1.6L", "Hybrid", "A", 49.6, 130)], 3),
    ("Kia", "Niro", "SUV", [5], 5, (2017, 2023), 27000, ["2", "3", "4"], [("1.6L", "Hybrid", "A", 64.2, 100)], 1),
    ("Kia", "e-Niro", "SUV", [5], 5, (2019, 2022), 36000, ["2", "3", "4+"], [("64kWh", "Electric", "A", None, 0)], 1),
    ("Hyundai", "i10", "Hatchback", [5], 4, (2014, 2023), 12500, ["SE", "Premium"], [("1.0L", "Petrol", "MA", 55.4, 114)], 2),
    ("Hyundai", "i30", "Hatchback", [5], 5, (2015, 2022), 22000, ["SE Nav", "Premium", "N Line"], [("1.0L", "Petrol", "M", 51.4, 126), ("1.6L", "Diesel", "M", 65.7, 113)], 2),
    ("Hyundai", "Tucson", "SUV", [5], 5, (2015, 2023), 30000, ["SE Nav", "Premium", "N Line"], [("1.6L", "Petrol", "MA", 40.4, 158), ("1.6L", "Hybrid", "A", 49.6, 131)], 2),
    ("Hyundai", "Kona Electric", "SUV", [5], 5, (2019, 2023), 35000, ["SE Connect", "Premium"], [("64kWh", "Electric", "A", None, 0)], 1),
    ("Skoda", "Fabia", "Hatchback", [5], 5, (2014, 2023), 16000, ["S", "SE", "Monte Carlo"], [("1.0L", "Petrol", "M", 57.6, 112)], 2),
    ("Skoda", "Octavia", "Hatchback", [5], 5, (2014, 2023), 23000, ["SE", "SE L", "vRS"], [("1.5L", "Petrol", "MA", 50.4, 127), ("2.0L", "Diesel", "MA", 64.2, 115)], 2),
    ("Skoda", "Octavia Estate", "Estate", [5], 5, (2014, 2023), 24500, ["SE", "SE L"], [("2.0L", "Diesel", "MA", 62.8, 118)], 2),
    ("Skoda", "Kodiaq", "SUV", [5], 7, (2017, 2023), 32000, ["SE", "SE L", "Sportline"], [("1.5L", "Petrol", "A", 39.8, 161), ("2.0L", "Diesel", "A", 44.8, 166)], 2),
    ("Skoda", "Superb Estate", "Estate", [5], 5, (2016, 2022), 31000, ["SE", "SE L", "L&K"], [("2.0L", "Diesel", "A", 55.4, 134)], 1),
    ("SEAT", "Ibiza", "Hatchback", [5], 5, (2014, 2023), 16500, ["SE", "FR", "Xcellence"], [("1.0L", "Petrol", "M", 55.4, 116)], 2),
    ("SEAT", "Leon", "Hatchback", [5], 5, (2014, 2023), 22500, ["SE", "FR", "Cupra"], [("1.5L", "Petrol", "MA", 48.7, 131), ("2.0L", "Diesel", "M", 64.2, 115)], 2),
    ("Peugeot", "208", "Hatchback", [3, 5], 5, (2013, 2023), 18000, ["Active", "Allure", "GT Line"], [("1.2L", "Petrol", "MA", 54.3, 118)], 3),
    ("Peugeot", "e-208", "Hatchback", [5], 5, (2020, 2023), 31000, ["Active", "Allure", "GT"], [("50kWh", "Electric", "A", None, 0)], 1),
    ("Peugeot", "3008", "SUV", [5], 5, (2017, 2023), 29000, ["Active", "Allure", "GT Line"], [("1.2L", "Petrol", "MA", 44.1, 145), ("1.5L", "Diesel", "A", 54.3, 136)], 2),
    ("Peugeot", "5008", "SUV", [5], 7, (2017, 2023), 32000, ["Allure", "GT Line"], [("1.2L", "Petrol", "A", 42.8, 149), ("1.5L", "Diesel", "A", 52.3, 141)], 1),
    ("Renault", "Clio", "Hatchback", [5], 5, (2013, 2023), 16500, ["Play", "Iconic", "Dynamique S Nav"], [("0.9L", "Petrol", "M", 54.3, 118), ("1.5L", "Diesel", "M", 76.3, 98)], 3),
    ("Renault", "Captur", "SUV", [5], 5, (2014, 2023), 21000, ["Iconic", "S Edition", "Dynamique"], [("1.3L", "Petrol", "MA", 47.1, 136)], 2),
    ("Renault", "Zoe", "Hatchback", [5], 5, (2016, 2022), 28000, ["Play", "Iconic", "GT Line"], [("52kWh", "Electric", "A", None, 0)], 2),
    ("Honda", "Jazz", "Hatchback", [5], 5, (2015, 2023), 19500, ["SE", "EX", "Crosstar"], [("1.3L", "Petrol", "MA", 51.4, 124), ("1.5L", "Hybrid", "A", 62.8, 102)], 2),
    ("Honda", "Civic", "Hatchback", [5], 5, (2017, 2022), 24000, ["SE", "Sport", "EX"], [("1.0L", "Petrol", "MA", 48.7, 131)], 2),
    ("Honda", "CR-V", "SUV", [5], 5, (2016, 2022), 33000, ["SE", "SR", "EX"], [("2.0L", "Hybrid", "A", 48.7, 133), ("1.6L", "Diesel", "M", 53.3, 139)], 1),
    ("Mazda", "MX-5", "Convertible", [2], 2, (2015, 2023), 25000, ["SE-L Nav", "Sport Nav"], [("1.5L", "Petrol", "M", 44.8, 143), ("2.0L", "Petrol", "M", 40.9, 155)], 2),
    ("Mazda", "CX-5", "SUV", [5], 5, (2015, 2023), 29500, ["SE-L Nav", "Sport Nav", "GT Sport"], [("2.0L", "Petrol", "MA", 40.9, 157), ("2.2L", "Diesel", "MA", 52.3, 142)], 2),
    ("Mazda", "Mazda3", "Hatchback", [5], 5, (2015, 2023), 23500, ["SE-L", "Sport Lux", "GT Sport"], [("2.0L", "Petrol", "MA", 47.1, 136)], 1),
    ("MINI", "Hatch", "Hatchback", [3, 5], 4, (2014, 2023), 19500, ["Cooper", "Cooper S", "One"], [("1.5L", "Petrol", "MA", 52.3, 123), ("2.0L", "Petrol", "MA", 44.1, 146)], 3),
    ("MINI", "Convertible", "Convertible", [2], 4, (2016, 2022), 23000, ["Cooper", "Cooper S"], [("1.5L", "Petrol", "MA", 47.1, 137)], 1),
    ("MINI", "Countryman", "SUV", [5], 5, (2017, 2023), 27000, ["Cooper", "Cooper S", "Cooper SE"], [("1.5L", "Petrol", "MA", 44.8, 143), ("1.5L", "Hybrid", "A", 134.5, 47)], 2),
    ("Tesla", "Model 3", "Saloon", [4], 5, (2019, 2023), 43000, ["Standard Range Plus", "Long Range", "Performance"], [("Dual Motor", "Electric", "A", None, 0)], 2),
    ("Volvo", "XC40", "SUV", [5], 5, (2018, 2023), 35000, ["Momentum", "Inscription", "R-Design"], [("2.0L", "Petrol", "A", 40.9, 157), ("1.5L", "Hybrid", "A", 134.5, 47)], 2),
    ("Volvo", "XC60", "SUV", [5], 5, (2015, 2022), 44000, ["Momentum", "Inscription", "R-Design"], [("2.0L", "Diesel", "A", 47.1, 158)], 1),
    ("Volvo", "V60", "Estate", [5], 5, (2015, 2022), 36000, ["Momentum", "R-Design", "Inscription"], [("2.0L", "Diesel", "MA", 57.6, 129)], 1),
    ("Land Rover", "Discovery Sport", "SUV", [5], 7, (2015, 2022), 38000, ["SE", "HSE", "R-Dynamic S"], [("2.0L", "Diesel", "A", 44.8, 166)], 2),
    ("Land Rover", "Range Rover Evoque", "SUV", [5], 5, (2014, 2022), 40000, ["SE", "HSE Dynamic", "R-Dynamic S"], [("2.0L", "Diesel", "A", 47.9, 155), ("2.0L", "Petrol", "A", 35.3, 182)], 2),
    ("Dacia", "Sandero", "Hatchback", [5], 5, (2014, 2023), 10500, ["Essential", "Comfort", "Stepway"], [("1.0L", "Petrol", "M", 53.3, 120), ("0.9L", "Petrol", "M", 51.4, 124)], 2),
    ("Dacia", "Duster", "SUV", [5], 5, (2015, 2023), 16000, ["Essential", "Comfort", "Prestige"], [("1.0L", "Petrol", "M", 47.1, 134), ("1.5L", "Diesel", "M", 58.9, 127)], 2),
    ("Citroen", "C3", "Hatchback", [5], 5, (2015, 2023), 16000, ["Feel", "Flair", "Shine"], [("1.2L", "Petrol", "MA", 53.3, 119)], 2),
    ("Citroen", "Berlingo", "MPV", [5], 7, (2016, 2023), 24000, ["Feel", "Flair XTR"], [("1.5L", "Diesel", "M", 52.3, 141)], 1),
    ("Citroen", "Grand C4 SpaceTourer", "MPV", [5], 7, (2016, 2021), 27000, ["Feel", "Flair"], [("1.2L", "Petrol", "M", 44.8, 142), ("1.5L", "Diesel", "MA", 56.5, 131)], 1),
    ("Fiat", "500", "Hatchback", [3], 4, (2013, 2023), 13500, ["Pop", "Lounge", "Sport"], [("1.2L", "Petrol", "M", 58.9, 110), ("1.0L", "Hybrid", "M", 53.3, 119)], 2),
    ("Fiat", "500C", "Convertible", [3], 4, (2014, 2022), 15500, ["Lounge", "Star"], [("1.2L", "Petrol", "M", 57.6, 113)], 1),
    ("Fiat", "Panda", "Hatchback", [5], 4, (2013, 2023), 12500, ["Easy", "Lounge", "Cross"], [("1.2L", "Petrol", "M", 54.3, 120)], 1),
]
# fmt: on
COLOURS = ["Black", "White", "Silver", "Grey", "Blue", "Red", "Green", "Orange", "Yellow", "Bronze"]
COLOUR_WEIGHTS = [18, 16, 14, 20, 14, 10, 3, 2, 1, 2]
# options, with how often a car has each: a better trim and a newer car have more
FEATURES = [
    ("sat nav", 0.55),
    ("reversing camera", 0.4),
    ("parking sensors", 0.6),
    ("cruise control", 0.55),
    ("apple carplay", 0.45),
    ("heated seats", 0.35),
    ("leather seats", 0.2),
    ("panoramic roof", 0.12),
    ("tow bar", 0.1),
    ("keyless entry", 0.25),
    ("heated steering wheel", 0.1),
]
BRANCHES = ["Leeds", "Wakefield", "Harrogate"]


def price(rng: random.Random, new: int, age: int, miles: int, trim_index: int) -> int:
    """What a dealer asks: the price new, less 15% a year and a little for high miles, ending in
    95 or 995 the way forecourt prices do."""
    value = new * (1 + 0.06 * trim_index) * 0.85**age * rng.uniform(0.92, 1.08)
    value -= max(0, miles - age * 8000) * 0.04
    value = max(value, 1800)
    if value < 10000:
        return int(round(value / 250) * 250) - 5
    return int(round(value / 500) * 500) - 10


def features(rng: random.Random, age: int, trim_index: int, fuel: str, body: str) -> list[str]:
    chosen = []
    for name, share in FEATURES:
        odds = share * (1.35 - 0.05 * age) * (0.8 + 0.25 * trim_index)
        if name == "apple carplay" and age > 8:
            odds = 0
        if name == "tow bar" and (fuel == "Electric" or body in ("Convertible", "Coupe")):
            odds = 0
        if rng.random() < odds:
            chosen.append(name)
    return chosen


def row(rng: random.Random, number: int, spec: tuple) -> list[str]:
    make, model, body, doors, seats, (first, last), new, trims, engines, _ = spec
    year = rng.randint(first, last)
    age = STOCK_YEAR - year
    trim_index = rng.randrange(len(trims))
    engine, fuel, boxes, mpg, co2 = rng.choice(engines)
    gearbox = "Manual" if rng.choice(boxes) == "M" else "Automatic"
    miles = int(age * rng.uniform(4500, 12500) + rng.uniform(800, 3500))
    miles = round(miles, -1) + rng.randint(0, 9)
    owners = max(1, min(6, 1 + age // 3 + rng.choice([-1, 0, 0, 1])))
    ulez = "No" if fuel == "Diesel" and year < 2016 else "Yes"  # Euro 6 diesels came in 2015-16
    return [
        f"DL{number}",
        make,
        model,
        trims[trim_index],
        str(year),
        f"{miles:,} miles",
        fuel,
        gearbox,
        engine,
        body,
        str(rng.choice(doors)),
        str(seats),
        rng.choices(COLOURS, COLOUR_WEIGHTS)[0],
        str(owners),
        f"£{price(rng, new, age, miles, trim_index):,}",
        "" if mpg is None else f"{mpg * rng.uniform(0.97, 1.03):.1f}",
        str(co2 if co2 == 0 else int(co2 * rng.uniform(0.97, 1.03))),
        ulez,
        ", ".join(features(rng, age, trim_index, fuel, body)),
        rng.choice(BRANCHES),
    ]


def main() -> None:
    rng = random.Random(20240611)
    rows = []
    number = 24100
    for spec in MODELS:
        for _ in range(spec[-1]):
            number += rng.randint(1, 9)
            rows.append(row(rng, number, spec))
    rng.shuffle(rows)
    rows.sort(key=lambda r: (r[1], r[2]))  # the sheet is sorted by make and model
    header = [
        "Stock no",
        "Make",
        "Model",
        "Variant",
        "Year",
        "Mileage",
        "Fuel",
        "Gearbox",
        "Engine",
        "Body",
        "Doors",
        "Seats",
        "Colour",
        "Owners",
        "Price",
        "MPG",
        "CO2 (g/km)",
        "ULEZ compliant",
        "Features",
        "Location",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
