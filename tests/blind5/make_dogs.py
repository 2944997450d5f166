"""Writes dogs/dog_breed_guide.csv: a dog-breed guide exported from a spreadsheet (seeded: running
it again writes the same bytes). Breed names, their groups, countries of origin, sizes and coats
are real; weights, heights, life spans, energy, exercise, temperaments and the year each breed
was recognised are drawn from the typical ranges of its size and group."""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("dogs") / "dog_breed_guide.csv"
# breed | group | origin | size | coat
BREEDS = """\
Labrador Retriever|Gundog|Canada|Large|Short double
Golden Retriever|Gundog|Scotland|Large|Long double
Flat-Coated Retriever|Gundog|England|Large|Long
Chesapeake Bay Retriever|Gundog|United States|Large|Wavy
Nova Scotia Duck Tolling Retriever|Gundog|Canada|Medium|Long double
Curly-Coated Retriever|Gundog|England|Large|Curly
English Springer Spaniel|Gundog|England|Medium|Long
Welsh Springer Spaniel|Gundog|Wales|Medium|Long
English Cocker Spaniel|Gundog|England|Medium|Silky
American Cocker Spaniel|Gundog|United States|Medium|Silky
Clumber Spaniel|Gundog|England|Large|Long
Sussex Spaniel|Gundog|England|Medium|Long
Field Spaniel|Gundog|England|Medium|Silky
Irish Water Spaniel|Gundog|Ireland|Large|Curly
Brittany|Gundog|France|Medium|Short
English Pointer|Gundog|England|Large|Short
German Shorthaired Pointer|Gundog|Germany|Large|Short
German Wirehaired Pointer|Gundog|Germany|Large|Wire
Hungarian Vizsla|Gundog|Hungary|Large|Short
Wirehaired Vizsla|Gundog|Hungary|Large|Wire
Weimaraner|Gundog|Germany|Large|Short
Irish Setter|Gundog|Ireland|Large|Long
English Setter|Gundog|England|Large|Long
Gordon Setter|Gundog|Scotland|Large|Long
Italian Spinone|Gundog|Italy|Large|Wire
Lagotto Romagnolo|Gundog|Italy|Medium|Curly
Spanish Water Dog|Gundog|Spain|Medium|Curly
Large Munsterlander|Gundog|Germany|Large|Long
Beagle|Hound|England|Small|Short
Basset Hound|Hound|France|Medium|Short
Bloodhound|Hound|Belgium|Large|Short
Dachshund|Hound|Germany|Small|Short
Miniature Dachshund|Hound|Germany|Small|Long
Greyhound|Hound|England|Large|Short
Whippet|Hound|England|Medium|Short
Italian Greyhound|Hound|Italy|Small|Short
Saluki|Hound|Iran|Large|Silky
Afghan Hound|Hound|Afghanistan|Large|Long
Borzoi|Hound|Russia|Large|Silky
Irish Wolfhound|Hound|Ireland|Giant|Wire
Scottish Deerhound|Hound|Scotland|Giant|Wire
Rhodesian Ridgeback|Hound|Zimbabwe|Large|Short
Basenji|Hound|Democratic Republic of the Congo|Small|Short
Pharaoh Hound|Hound|Malta|Medium|Short
Ibizan Hound|Hound|Spain|Large|Short
Norwegian Elkhound|Hound|Norway|Medium|Double
Finnish Spitz|Hound|Finland|Medium|Double
Petit Basset Griffon Vendeen|Hound|France|Small|Wire
Otterhound|Hound|England|Large|Wire
Foxhound|Hound|England|Large|Short
Harrier|Hound|England|Medium|Short
Sloughi|Hound|Morocco|Large|Short
Azawakh|Hound|Mali|Large|Short
Border Collie|Pastoral|United Kingdom|Medium|Double
Rough Collie|Pastoral|Scotland|Large|Long double
Smooth Collie|Pastoral|Scotland|Large|Short double
Bearded Collie|Pastoral|Scotland|Medium|Long
Shetland Sheepdog|Pastoral|Scotland|Small|Long double
Old English Sheepdog|Pastoral|England|Large|Long double
German Shepherd Dog|Pastoral|Germany|Large|Double
Belgian Shepherd Malinois|Pastoral|Belgium|Large|Short double
Belgian Shepherd Groenendael|Pastoral|Belgium|Large|Long double
Australian Shepherd|Pastoral|United States|Medium|Double
Australian Cattle Dog|Pastoral|Australia|Medium|Short double
Pembroke Welsh Corgi|Pastoral|Wales|Small|Double
Cardigan Welsh Corgi|Pastoral|Wales|Small|Double
Briard|Pastoral|France|Large|Long
Puli|Pastoral|Hungary|Medium|Corded
Komondor|Pastoral|Hungary|Giant|Corded
Bergamasco|Pastoral|Italy|Large|Corded
Samoyed|Pastoral|Russia|Medium|Long double
Finnish Lapphund|Pastoral|Finland|Medium|Long double
Norwegian Buhund|Pastoral|Norway|Medium|Double
Swedish Vallhund|Pastoral|Sweden|Small|Double
Polish Lowland Sheepdog|Pastoral|Poland|Medium|Long
Anatolian Shepherd Dog|Pastoral|Turkey|Giant|Short double
Pyrenean Mountain Dog|Pastoral|France|Giant|Long double
Maremma Sheepdog|Pastoral|Italy|Large|Long double
Lancashire Heeler|Pastoral|England|Small|Short
Border Terrier|Terrier|England|Small|Wire
Jack Russell Terrier|Terrier|England|Small|Short
Parson Russell Terrier|Terrier|England|Small|Wire
Cairn Terrier|Terrier|Scotland|Small|Wire
West Highland White Terrier|Terrier|Scotland|Small|Wire
Scottish Terrier|Terrier|Scotland|Small|Wire
Skye Terrier|Terrier|Scotland|Small|Long
Dandie Dinmont Terrier|Terrier|Scotland|Small|Long
Norfolk Terrier|Terrier|England|Small|Wire
Norwich Terrier|Terrier|England|Small|Wire
Airedale Terrier|Terrier|England|Large|Wire
Welsh Terrier|Terrier|Wales|Medium|Wire
Lakeland Terrier|Terrier|England|Small|Wire
Bedlington Terrier|Terrier|England|Medium|Curly
Irish Terrier|Terrier|Ireland|Medium|Wire
Kerry Blue Terrier|Terrier|Ireland|Medium|Curly
Soft Coated Wheaten Terrier|Terrier|Ireland|Medium|Silky
Staffordshire Bull Terrier|Terrier|England|Medium|Short
Bull Terrier|Terrier|England|Medium|Short
Miniature Bull Terrier|Terrier|England|Small|Short
Wire Fox Terrier|Terrier|England|Small|Wire
Smooth Fox Terrier|Terrier|England|Small|Short
Manchester Terrier|Terrier|England|Small|Short
Australian Terrier|Terrier|Australia|Small|Wire
Glen of Imaal Terrier|Terrier|Ireland|Small|Wire
Cesky Terrier|Terrier|Czech Republic|Small|Silky
Chihuahua|Toy|Mexico|Toy|Short
Pomeranian|Toy|Germany|Toy|Long double
Yorkshire Terrier|Toy|England|Toy|Silky
Maltese|Toy|Malta|Toy|Silky
Papillon|Toy|France|Toy|Long
Pug|Toy|China|Small|Short
Cavalier King Charles Spaniel|Toy|England|Small|Silky
King Charles Spaniel|Toy|England|Small|Silky
Bichon Frise|Toy|France|Small|Curly
Havanese|Toy|Cuba|Small|Silky
Bolognese|Toy|Italy|Toy|Curly
Coton de Tulear|Toy|Madagascar|Small|Long
Chinese Crested|Toy|China|Toy|Hairless
Affenpinscher|Toy|Germany|Toy|Wire
Griffon Bruxellois|Toy|Belgium|Toy|Wire
Japanese Chin|Toy|Japan|Toy|Silky
Pekingese|Toy|China|Small|Long double
Miniature Pinscher|Toy|Germany|Toy|Short
English Toy Terrier|Toy|England|Toy|Short
Lowchen|Toy|France|Small|Long
Bulldog|Utility|England|Medium|Short
French Bulldog|Utility|France|Small|Short
Boston Terrier|Utility|United States|Small|Short
Dalmatian|Utility|Croatia|Large|Short
Poodle (Standard)|Utility|Germany|Large|Curly
Poodle (Miniature)|Utility|France|Small|Curly
Poodle (Toy)|Utility|France|Toy|Curly
Miniature Schnauzer|Utility|Germany|Small|Wire
Schnauzer|Utility|Germany|Medium|Wire
Shih Tzu|Utility|China|Small|Long
Lhasa Apso|Utility|Tibet|Small|Long
Tibetan Terrier|Utility|Tibet|Medium|Long
Tibetan Spaniel|Utility|Tibet|Small|Silky
Shiba Inu|Utility|Japan|Small|Double
Akita|Utility|Japan|Large|Double
Chow Chow|Utility|China|Medium|Long double
Shar Pei|Utility|China|Medium|Short
Keeshond|Utility|Netherlands|Medium|Long double
Schipperke|Utility|Belgium|Small|Double
Japanese Spitz|Utility|Japan|Small|Long double
Xoloitzcuintle|Utility|Mexico|Medium|Hairless
Boxer|Working|Germany|Large|Short
Dobermann|Working|Germany|Large|Short
Rottweiler|Working|Germany|Large|Short double
Great Dane|Working|Germany|Giant|Short
Bernese Mountain Dog|Working|Switzerland|Giant|Long double
Greater Swiss Mountain Dog|Working|Switzerland|Giant|Short double
Newfoundland|Working|Canada|Giant|Long double
Leonberger|Working|Germany|Giant|Long double
Saint Bernard|Working|Switzerland|Giant|Long double
Mastiff|Working|England|Giant|Short
Bullmastiff|Working|England|Giant|Short
Dogue de Bordeaux|Working|France|Giant|Short
Neapolitan Mastiff|Working|Italy|Giant|Short
Siberian Husky|Working|Russia|Medium|Double
Alaskan Malamute|Working|United States|Large|Double
Giant Schnauzer|Working|Germany|Large|Wire
Portuguese Water Dog|Working|Portugal|Medium|Curly
Hovawart|Working|Germany|Large|Long
Tibetan Mastiff|Working|Tibet|Giant|Long double
Cane Corso|Working|Italy|Giant|Short
Beauceron|Working|France|Large|Short double
"""
WEIGHT = {"Toy": (1.5, 5), "Small": (5, 12), "Medium": (12, 26), "Large": (25, 45), "Giant": (45, 85)}
HEIGHT = {"Toy": (15, 28), "Small": (25, 40), "Medium": (40, 55), "Large": (55, 70), "Giant": (68, 86)}
LIFE = {"Toy": (12, 16), "Small": (12, 15), "Medium": (10, 14), "Large": (9, 13), "Giant": (7, 10)}
ENERGY = {
    "Gundog": ["High", "High", "Very high"],
    "Pastoral": ["High", "Very high", "Very high", "Moderate"],
    "Terrier": ["High", "High", "Moderate"],
    "Hound": ["Moderate", "High", "Low"],
    "Toy": ["Low", "Low", "Moderate"],
    "Utility": ["Low", "Moderate", "Moderate", "High"],
    "Working": ["Moderate", "Moderate", "High", "Low"],
}
EXERCISE = {
    "Low": ["30 min", "30-45 min", "40 min"],
    "Moderate": ["1 h", "45-60 min", "1 hr"],
    "High": ["1-2 hours", "90 min", "1.5-2 hours"],
    "Very high": ["2+ hours", "2-3 hours"],
}
TRAITS = ["Loyal", "Affectionate", "Playful", "Intelligent", "Alert", "Gentle", "Independent", "Energetic"]
TRAITS += ["Friendly", "Calm", "Protective", "Stubborn", "Curious", "Brave", "Dignified", "Lively", "Sociable"]
SHEDDING = ["Low", "Moderate", "Moderate", "Heavy", "Seasonal"]


def ranged(rng: random.Random, low: float, high: float, step: float, fmt: str) -> str:
    """A breed's span inside its size's range: '25-32' (or one figure, as some sheets give)."""
    start = low + rng.random() * (high - low) * 0.6
    width = (high - low) * rng.uniform(0.15, 0.4)
    a, b = round(start / step) * step, round((start + width) / step) * step
    return fmt.format(a) if a == b else f"{fmt.format(a)}-{fmt.format(b)}"


def shedding_for(rng: random.Random, coat: str) -> str:
    if coat in ("Curly", "Wire", "Hairless", "Corded"):
        return rng.choice(["Minimal", "Minimal", "Low"])
    if "double" in coat or coat == "Double":
        return rng.choice(["Heavy", "Heavy", "Seasonal", "Moderate"])
    return rng.choice(SHEDDING)


def flat_living(rng: random.Random, size: str, energy: str) -> str:
    if rng.random() < 0.06:
        return ""
    if size in ("Toy", "Small") and energy in ("Low", "Moderate"):
        return "Suitable"
    if size == "Medium" and energy == "Low":
        return "Suitable"
    return "Not suitable" if rng.random() < 0.85 else "Suitable"


def children(rng: random.Random, group: str, size: str) -> str:
    roll = rng.random()
    if roll < 0.05:
        return ""
    risky = group in ("Terrier", "Toy") or size == "Giant"
    return "No" if roll < (0.35 if risky else 0.15) else "Yes"


def main() -> None:
    rng = random.Random(20271208)
    header = ["Breed", "Group", "Origin", "Size", "Weight (kg)", "Height", "Life span", "Energy"]
    header += ["Exercise per day", "Good with children", "Flat living", "Shedding", "Coat", "Temperament"]
    header += ["Year recognised"]
    rows = []
    for line in BREEDS.strip().splitlines():
        breed, group, origin, size, coat = line.split("|")
        energy = rng.choice(ENERGY[group])
        weight = ranged(rng, *WEIGHT[size], 0.5 if size == "Toy" else 1, "{:g}")
        height = ranged(rng, *HEIGHT[size], 1, "{:g}") + " cm"
        life = ranged(rng, *LIFE[size], 1, "{:g}") + " years"
        year = "" if rng.random() < 0.05 else str(rng.choice(range(1874, 2024)))
        temperament = ", ".join(rng.sample(TRAITS, rng.choice([2, 3, 3, 4])))
        rows.append([breed, group, origin, size, weight, height, life, energy, rng.choice(EXERCISE[energy])])
        rows[-1] += [children(rng, group, size), flat_living(rng, size, energy), shedding_for(rng, coat), coat]
        rows[-1] += [temperament, year]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
