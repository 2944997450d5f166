# ruff: noqa: E501  (the data tables below are kept one record a line)
"""Writes houseplants/plant_shop_products.csv: a plant shop's product export, 150 products of 90
houseplants, some in more than one pot size. Care facts (light, watering, difficulty, whether the
plant is safe for cats and dogs, family, native region) are the usual ones for each plant; pot
sizes, heights and prices are drawn from typical ranges (seeded, so the file is reproducible).
Kept beside the suite so the catalog can be regenerated; the CSV is what the suite is written
against."""

from __future__ import annotations

import csv
import random
from pathlib import Path

# common name | botanical name | family | light | watering | care | pet safe | native to | features | habit
# habit: s small, m medium, l large (a floor plant), t trailing
PLANTS = """
Swiss Cheese Plant|Monstera deliciosa|Araceae|Bright indirect|Weekly|Easy|No|Central America|air purifying, climbing, statement plant|l
Monkey Mask Monstera|Monstera adansonii|Araceae|Bright indirect|Weekly|Moderate|No|Central America|trailing, climbing|t
Golden Pothos|Epipremnum aureum|Araceae|Low light|Every 2 weeks|Easy|No|Southeast Asia|trailing, air purifying, low maintenance, fast growing|t
Marble Queen Pothos|Epipremnum aureum 'Marble Queen'|Araceae|Medium|Every 2 weeks|Easy|No|Southeast Asia|trailing, variegated, air purifying|t
Heartleaf Philodendron|Philodendron hederaceum|Araceae|Medium|Weekly|Easy|No|Central America|trailing, air purifying, fast growing|t
Philodendron Pink Princess|Philodendron erubescens 'Pink Princess'|Araceae|Bright indirect|Weekly|Moderate|No|South America|variegated, rare, climbing|m
Philodendron Birkin|Philodendron 'Birkin'|Araceae|Medium|Weekly|Easy|No|South America|compact, variegated|s
Satin Pothos|Scindapsus pictus 'Argyraeus'|Araceae|Medium|Every 2 weeks|Easy|No|Southeast Asia|trailing, low maintenance|t
ZZ Plant|Zamioculcas zamiifolia|Araceae|Low light|Every 3 weeks|Easy|No|East Africa|low maintenance, drought tolerant, air purifying|m
Raven ZZ Plant|Zamioculcas zamiifolia 'Raven'|Araceae|Low light|Every 3 weeks|Easy|No|East Africa|low maintenance, drought tolerant, rare|m
Peace Lily|Spathiphyllum wallisii|Araceae|Low light|Weekly|Easy|No|South America|flowering, air purifying|m
Chinese Evergreen|Aglaonema 'Silver Bay'|Araceae|Low light|Every 2 weeks|Easy|No|Southeast Asia|air purifying, variegated, low maintenance|m
Red Aglaonema|Aglaonema 'Red Valentine'|Araceae|Medium|Every 2 weeks|Easy|No|Southeast Asia|variegated, compact|s
Elephant Ear Polly|Alocasia × amazonica 'Polly'|Araceae|Bright indirect|Weekly|Expert|No|Southeast Asia|statement plant, humidity loving|m
Tiger Alocasia|Alocasia zebrina|Araceae|Bright indirect|Weekly|Expert|No|Southeast Asia|rare, humidity loving, statement plant|m
Flamingo Flower|Anthurium andraeanum|Araceae|Bright indirect|Weekly|Moderate|No|South America|flowering, air purifying|m
Arrowhead Plant|Syngonium podophyllum|Araceae|Medium|Weekly|Easy|No|Central America|climbing, fast growing|s
Dumb Cane|Dieffenbachia 'Camille'|Araceae|Medium|Weekly|Easy|No|South America|variegated, statement plant|m
Snake Plant|Dracaena trifasciata|Asparagaceae|Low light|Monthly|Easy|No|West Africa|air purifying, drought tolerant, low maintenance|m
Snake Plant Laurentii|Dracaena trifasciata 'Laurentii'|Asparagaceae|Low light|Monthly|Easy|No|West Africa|variegated, drought tolerant, air purifying, low maintenance|l
Cylindrical Snake Plant|Dracaena angolensis|Asparagaceae|Medium|Monthly|Easy|No|Southern Africa|drought tolerant, compact, low maintenance|s
Dragon Tree|Dracaena marginata|Asparagaceae|Medium|Every 2 weeks|Easy|No|Madagascar|air purifying, statement plant|l
Corn Plant|Dracaena fragrans 'Massangeana'|Asparagaceae|Medium|Every 2 weeks|Easy|No|West Africa|air purifying, variegated|l
Spider Plant|Chlorophytum comosum|Asparagaceae|Medium|Weekly|Easy|Yes|Southern Africa|air purifying, trailing, fast growing|t
Cast Iron Plant|Aspidistra elatior|Asparagaceae|Low light|Every 2 weeks|Easy|Yes|East Asia|low maintenance, drought tolerant|m
Ponytail Palm|Beaucarnea recurvata|Asparagaceae|Direct sun|Every 3 weeks|Easy|Yes|Mexico|drought tolerant, statement plant|m
Spineless Yucca|Yucca elephantipes|Asparagaceae|Direct sun|Every 2 weeks|Easy|No|Central America|drought tolerant, statement plant|l
Fiddle Leaf Fig|Ficus lyrata|Moraceae|Bright indirect|Weekly|Expert|No|West Africa|statement plant|l
Rubber Plant|Ficus elastica 'Robusta'|Moraceae|Bright indirect|Every 2 weeks|Easy|No|South Asia|air purifying, statement plant|l
Variegated Rubber Plant|Ficus elastica 'Tineke'|Moraceae|Bright indirect|Every 2 weeks|Moderate|No|South Asia|variegated, statement plant|m
Weeping Fig|Ficus benjamina|Moraceae|Bright indirect|Weekly|Moderate|No|Southeast Asia|air purifying|l
Creeping Fig|Ficus pumila|Moraceae|Medium|Weekly|Moderate|No|East Asia|trailing, climbing|t
Calathea Orbifolia|Goeppertia orbifolia|Marantaceae|Medium|Weekly|Expert|Yes|South America|humidity loving, statement plant|m
Rattlesnake Plant|Goeppertia insignis|Marantaceae|Medium|Weekly|Moderate|Yes|Brazil|humidity loving|m
Peacock Plant|Goeppertia makoyana|Marantaceae|Medium|Weekly|Moderate|Yes|Brazil|humidity loving, variegated|m
Prayer Plant|Maranta leuconeura|Marantaceae|Medium|Weekly|Moderate|Yes|Brazil|trailing, compact|s
Stromanthe Triostar|Stromanthe sanguinea 'Triostar'|Marantaceae|Bright indirect|Weekly|Expert|Yes|Brazil|variegated, humidity loving|m
Ctenanthe Never Never|Ctenanthe burle-marxii|Marantaceae|Medium|Weekly|Moderate|Yes|Brazil|compact|s
Chinese Money Plant|Pilea peperomioides|Urticaceae|Bright indirect|Weekly|Easy|Yes|China|compact, fast growing|s
Baby Rubber Plant|Peperomia obtusifolia|Piperaceae|Medium|Every 2 weeks|Easy|Yes|South America|compact, low maintenance|s
Watermelon Peperomia|Peperomia argyreia|Piperaceae|Medium|Every 2 weeks|Easy|Yes|South America|compact|s
String of Turtles|Peperomia prostrata|Piperaceae|Medium|Every 2 weeks|Moderate|Yes|Brazil|trailing, compact, rare|t
Peperomia Rosso|Peperomia caperata 'Rosso'|Piperaceae|Medium|Every 2 weeks|Easy|Yes|Brazil|compact|s
Wax Plant|Hoya carnosa|Apocynaceae|Bright indirect|Every 2 weeks|Easy|Yes|East Asia|trailing, flowering, climbing|t
Sweetheart Hoya|Hoya kerrii|Apocynaceae|Bright indirect|Every 3 weeks|Easy|Yes|Southeast Asia|compact, drought tolerant|s
String of Hearts|Ceropegia woodii|Apocynaceae|Bright indirect|Every 2 weeks|Easy|Yes|Southern Africa|trailing, drought tolerant|t
String of Pearls|Curio rowleyanus|Asteraceae|Bright indirect|Every 2 weeks|Moderate|No|Southern Africa|trailing, drought tolerant|t
Aloe Vera|Aloe vera|Asphodelaceae|Direct sun|Every 3 weeks|Easy|No|Arabian Peninsula|drought tolerant, compact, low maintenance|s
Zebra Haworthia|Haworthiopsis fasciata|Asphodelaceae|Bright indirect|Every 3 weeks|Easy|Yes|Southern Africa|compact, drought tolerant, low maintenance|s
Jade Plant|Crassula ovata|Crassulaceae|Direct sun|Every 3 weeks|Easy|No|Southern Africa|drought tolerant, compact, low maintenance|s
Echeveria Perle von Nürnberg|Echeveria 'Perle von Nürnberg'|Crassulaceae|Direct sun|Every 3 weeks|Easy|Yes|Mexico|compact, drought tolerant|s
Flaming Katy|Kalanchoe blossfeldiana|Crassulaceae|Direct sun|Every 2 weeks|Easy|No|Madagascar|flowering, compact|s
Christmas Cactus|Schlumbergera × buckleyi|Cactaceae|Bright indirect|Every 2 weeks|Easy|Yes|Brazil|flowering, trailing|s
Pincushion Cactus|Mammillaria hahniana|Cactaceae|Direct sun|Monthly|Easy|Yes|Mexico|flowering, compact, drought tolerant, low maintenance|s
Bunny Ears Cactus|Opuntia microdasys|Cactaceae|Direct sun|Monthly|Easy|Yes|Mexico|drought tolerant, compact|s
Mistletoe Cactus|Rhipsalis baccifera|Cactaceae|Medium|Every 2 weeks|Easy|Yes|South America|trailing, low maintenance|t
African Milk Tree|Euphorbia trigona|Euphorbiaceae|Direct sun|Every 3 weeks|Easy|No|West Africa|statement plant, drought tolerant|l
Boston Fern|Nephrolepis exaltata|Nephrolepidaceae|Medium|Twice a week|Moderate|Yes|Central America|air purifying, humidity loving|m
Bird's Nest Fern|Asplenium nidus|Aspleniaceae|Medium|Weekly|Moderate|Yes|Southeast Asia|humidity loving|m
Maidenhair Fern|Adiantum raddianum|Pteridaceae|Medium|Twice a week|Expert|Yes|South America|humidity loving|s
Staghorn Fern|Platycerium bifurcatum|Polypodiaceae|Bright indirect|Weekly|Moderate|Yes|Australia|rare, humidity loving|m
Parlour Palm|Chamaedorea elegans|Arecaceae|Low light|Weekly|Easy|Yes|Central America|air purifying, low maintenance|m
Areca Palm|Dypsis lutescens|Arecaceae|Bright indirect|Weekly|Moderate|Yes|Madagascar|air purifying, statement plant|l
Kentia Palm|Howea forsteriana|Arecaceae|Medium|Every 2 weeks|Easy|Yes|Australia|statement plant, air purifying|l
White Bird of Paradise|Strelitzia nicolai|Strelitziaceae|Direct sun|Weekly|Moderate|No|Southern Africa|statement plant, fast growing|l
Bird of Paradise|Strelitzia reginae|Strelitziaceae|Direct sun|Weekly|Moderate|No|Southern Africa|flowering, statement plant|m
Moth Orchid|Phalaenopsis 'White Cascade'|Orchidaceae|Bright indirect|Weekly|Moderate|Yes|Southeast Asia|flowering|s
Inch Plant|Tradescantia zebrina|Commelinaceae|Bright indirect|Weekly|Easy|No|Mexico|trailing, fast growing|t
Tradescantia Nanouk|Tradescantia albiflora 'Nanouk'|Commelinaceae|Bright indirect|Weekly|Easy|No|Mexico|trailing, variegated, fast growing|t
Nerve Plant|Fittonia albivenis|Acanthaceae|Medium|Twice a week|Moderate|Yes|South America|compact, humidity loving|s
Polka Dot Plant|Hypoestes phyllostachya|Acanthaceae|Bright indirect|Twice a week|Moderate|Yes|Madagascar|compact, variegated|s
Polka Dot Begonia|Begonia maculata|Begoniaceae|Bright indirect|Weekly|Moderate|No|Brazil|flowering, statement plant|m
Rex Begonia|Begonia rex 'Fireworks'|Begoniaceae|Medium|Weekly|Moderate|No|South Asia|compact, variegated|s
Purple Shamrock|Oxalis triangularis|Oxalidaceae|Bright indirect|Weekly|Easy|No|Brazil|flowering, compact|s
Venus Flytrap|Dionaea muscipula|Droseraceae|Direct sun|Twice a week|Expert|Yes|North America|carnivorous, compact, rare|s
Pitcher Plant|Nepenthes × ventrata|Nepenthaceae|Bright indirect|Twice a week|Expert|Yes|Southeast Asia|carnivorous, trailing, humidity loving|t
Air Plant|Tillandsia ionantha|Bromeliaceae|Bright indirect|Weekly|Easy|Yes|Central America|compact, low maintenance|s
Scarlet Star|Guzmania lingulata|Bromeliaceae|Medium|Weekly|Easy|Yes|South America|flowering|m
Grape Ivy|Cissus rhombifolia|Vitaceae|Medium|Weekly|Easy|Yes|South America|trailing, climbing|t
English Ivy|Hedera helix|Araliaceae|Medium|Weekly|Easy|No|Europe|trailing, air purifying, climbing|t
Umbrella Plant|Schefflera arboricola|Araliaceae|Bright indirect|Every 2 weeks|Easy|No|East Asia|air purifying, fast growing|l
Japanese Aralia|Fatsia japonica|Araliaceae|Medium|Weekly|Easy|No|East Asia|statement plant|l
Pink Jasmine|Jasminum polyanthum|Oleaceae|Direct sun|Weekly|Moderate|Yes|China|flowering, climbing, fragrant|t
Calamondin Orange|Citrus × microcarpa|Rutaceae|Direct sun|Weekly|Moderate|No|Southeast Asia|flowering, fruiting, fragrant|m
Coffee Plant|Coffea arabica|Rubiaceae|Bright indirect|Weekly|Moderate|No|East Africa|rare|m
Dwarf Banana|Musa 'Dwarf Cavendish'|Musaceae|Direct sun|Twice a week|Moderate|Yes|Southeast Asia|statement plant, fast growing|l
Olive Tree|Olea europaea|Oleaceae|Direct sun|Every 2 weeks|Moderate|Yes|Mediterranean|statement plant, drought tolerant|l
Money Tree|Pachira aquatica|Malvaceae|Bright indirect|Every 2 weeks|Easy|Yes|Central America|statement plant, air purifying|m
Sago Palm|Cycas revoluta|Cycadaceae|Direct sun|Every 3 weeks|Moderate|No|East Asia|statement plant, drought tolerant|m
Baby's Tears|Soleirolia soleirolii|Urticaceae|Medium|Twice a week|Moderate|Yes|Mediterranean|compact, humidity loving|s
""".strip().splitlines()
COLUMNS = [
    "SKU",
    "Plant",
    "Botanical name",
    "Family",
    "Light",
    "Watering",
    "Care level",
    "Pet safe",
    "Pot size",
    "Height",
    "Price",
    "Native to",
    "Features",
]
# pot sizes (cm) a habit is sold in, and its height for a pot (cm, before noise)
POTS = {"s": [6, 9, 12], "m": [12, 14, 17, 21], "l": [17, 21, 24, 27, 30], "t": [9, 12, 14, 17]}
HEIGHT = {"s": 1.6, "m": 3.2, "l": 5.5, "t": 2.2}
RARE_MARKUP = 1.8


def products(rng: random.Random, fields: list[str], index: int) -> list[list[str]]:
    """One plant's products, one a pot size."""
    *facts, habit = fields
    count = rng.choices([1, 2, 3], weights=[4, 4, 1])[0]
    rows = []
    for pot in sorted(rng.sample(POTS[habit], count)):
        height = max(5, round(pot * HEIGHT[habit] * rng.uniform(0.8, 1.25)))
        height_text = f"{height}cm" if rng.random() < 0.2 else f"{height} cm"  # the shop writes cm
        price = pot * pot * rng.uniform(0.07, 0.11) + rng.uniform(3, 8)
        if "rare" in facts[8]:
            price *= RARE_MARKUP
        price = round(price) - 0.01 if rng.random() < 0.6 else round(price * 2) / 2
        sku = f"HP-{index:03d}-{pot:02d}"
        rows.append([sku, *facts[:7], f"{pot} cm", height_text, f"£{price:.2f}", facts[7], facts[8]])
    return rows


def main() -> None:
    rng = random.Random(20261208)
    rows = []
    for index, line in enumerate(PLANTS, start=101):
        fields = line.split("|")
        assert len(fields) == 10, line
        rows.extend(products(rng, fields, index))
    out = Path(__file__).with_name("houseplants") / "plant_shop_products.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(PLANTS)} plants, {len(rows)} rows -> {out}")


if __name__ == "__main__":
    main()
