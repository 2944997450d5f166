"""Writes beans/roastery_bean_list.csv: a speciality coffee roaster's shop export, one row per
bag on sale (seeded: running it again writes the same bytes). Origins, regions, washing stations
and varieties are real; scores, altitudes, notes, harvests and prices are invented from the
ranges such coffees have. The same coffee is sold in several bag sizes, so titles repeat."""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("beans") / "roastery_bean_list.csv"
# coffee | origin | region | producer | process | varieties | altitude low-high m (blank: a blend)
COFFEES = """\
Ethiopia Guji Hambela|Ethiopia|Guji|Hambela Wamena station|Natural|Heirloom|1950-2200
Ethiopia Yirgacheffe Konga|Ethiopia|Yirgacheffe|Konga cooperative|Washed|Heirloom|1850-2100
Ethiopia Sidamo Bensa|Ethiopia|Sidamo|Bensa Bombe station|Anaerobic natural|74158, Heirloom|2000-2300
Ethiopia West Arsi Nensebo|Ethiopia|West Arsi|Nensebo Refisa station|Washed|Heirloom|1900-2150
Ethiopia Yirgacheffe Aricha|Ethiopia|Yirgacheffe|Aricha station|Natural|Heirloom|1900-2100
Kenya Nyeri Gatomboya AA|Kenya|Nyeri|Gatomboya factory|Washed|SL28, SL34|1750-1850
Kenya Kirinyaga Kii AB|Kenya|Kirinyaga|Kii factory|Washed|SL28, SL34, Ruiru 11|1700-1900
Kenya Embu Kamavindi PB|Kenya|Embu|Kamavindi factory|Washed|SL28, Batian|1600-1800
Kenya Murang'a Kahete AA|Kenya|Murang'a|Kahete factory|Washed|SL28, SL34|1650-1800
Rwanda Nyamasheke Gitesi|Rwanda|Western Province|Gitesi washing station|Washed|Red Bourbon|1700-1900
Rwanda Huye Mountain|Rwanda|Southern Province|Huye Mountain station|Natural|Red Bourbon|1800-2000
Burundi Kayanza Heza|Burundi|Kayanza|Heza washing station|Washed|Red Bourbon|1700-1950
Burundi Ngozi Buhorwa|Burundi|Ngozi|Buhorwa station|Honey|Red Bourbon|1600-1800
Tanzania Mbeya Peaberry|Tanzania|Mbeya|Mbeya smallholders|Washed|Kent, Bourbon|1500-1900
Uganda Mount Elgon Sipi Falls|Uganda|Mount Elgon|Sipi Falls growers|Natural|SL14, SL28|1600-2100
Colombia Huila El Paraiso|Colombia|Huila|Finca El Paraíso|Anaerobic natural|Castillo|1800-1950
Colombia Narino La Florida|Colombia|Nariño|La Florida growers|Washed|Caturra, Colombia|1900-2200
Colombia Cauca Inza|Colombia|Cauca|Inzá smallholders|Washed|Caturra, Castillo|1700-1900
Colombia Tolima Planadas|Colombia|Tolima|Planadas women growers|Washed|Caturra, Typica|1600-2000
Colombia Huila Geisha Las Flores|Colombia|Huila|Finca Las Flores|Washed|Geisha|1750-1900
Decaf Colombia Huila (Sugarcane EA)|Colombia|Huila|Huila smallholders|Washed|Caturra, Castillo|1500-1800
Brazil Cerrado Daterra Sweet Yellow|Brazil|Cerrado Mineiro|Daterra|Natural|Yellow Bourbon|1150-1200
Brazil Sul de Minas Santa Ines|Brazil|Sul de Minas|Fazenda Santa Inês|Natural|Yellow Bourbon, Catuai|1100-1300
Brazil Mogiana Pulped Natural|Brazil|Mogiana|Fazenda Ambiental|Honey|Mundo Novo, Catuai|950-1100
Brazil Chapada Diamantina Ninho|Brazil|Chapada Diamantina|Fazenda Ninho da Águia|Natural|Red Catuai|1100-1250
Decaf Brazil Swiss Water|Brazil|Sul de Minas|Sul de Minas cooperative|Natural|Catuai, Mundo Novo|1000-1200
Guatemala Huehuetenango El Injerto|Guatemala|Huehuetenango|Finca El Injerto|Washed|Bourbon, Caturra|1500-1900
Guatemala Antigua San Sebastian|Guatemala|Antigua|Finca San Sebastián|Washed|Bourbon|1500-1650
Guatemala Acatenango Gesha|Guatemala|Acatenango|Finca La Soledad|Washed|Geisha|1700-1800
Costa Rica Tarrazu La Pastora|Costa Rica|Tarrazú|La Pastora cooperative|Washed|Caturra, Catuai|1500-1800
Costa Rica West Valley Las Lajas|Costa Rica|West Valley|Las Lajas micromill|Honey|Caturra, Catuai|1300-1500
Costa Rica Brunca Don Pepe|Costa Rica|Brunca|Don Pepe micromill|Honey|Villa Sarchi|1400-1600
El Salvador Santa Ana Los Naranjos|El Salvador|Santa Ana|Finca Los Naranjos|Natural|Pacamara|1400-1700
El Salvador Apaneca Kilimanjaro|El Salvador|Apaneca|Finca Kilimanjaro|Washed|Kenya SL28|1700-1800
Honduras Santa Barbara El Cedro|Honduras|Santa Bárbara|Finca El Cedro|Washed|Pacas, Parainema|1500-1700
Honduras Marcala Capucas|Honduras|La Paz|COCAFCAL cooperative|Washed|Catuai, Lempira|1300-1600
Nicaragua Jinotega Los Congos|Nicaragua|Jinotega|Finca Los Congos|Honey|Caturra, Catuai|1200-1400
Panama Boquete Gesha Elida|Panama|Boquete|Finca Elida|Natural|Geisha|1800-2100
Panama Volcan Baru Catuai|Panama|Volcán|Finca Hartmann|Washed|Catuai|1400-1600
Mexico Chiapas Triunfo Verde|Mexico|Chiapas|Triunfo Verde cooperative|Washed|Bourbon, Typica|1200-1500
Mexico Oaxaca Pluma Hidalgo|Mexico|Oaxaca|Pluma Hidalgo growers|Washed|Typica, Pluma|1300-1600
Peru Cajamarca San Ignacio|Peru|Cajamarca|San Ignacio cooperative|Washed|Caturra, Bourbon|1600-1900
Peru Cusco La Convencion|Peru|Cusco|La Convención growers|Washed|Typica, Bourbon|1500-1800
Bolivia Caranavi Las Alasitas|Bolivia|Caranavi|Finca Alasitas|Washed|Java, Caturra|1550-1700
Ecuador Loja Vilcabamba|Ecuador|Loja|Vilcabamba growers|Natural|Typica Mejorado|1700-2000
Indonesia Sumatra Gayo|Indonesia|Aceh|Gayo Highland cooperative|Wet-hulled|Ateng, Tim Tim|1400-1700
Indonesia Java Frinsa|Indonesia|West Java|Frinsa estate|Honey|Sigararutang, Typica|1500-1700
Papua New Guinea Sigri Estate|Papua New Guinea|Western Highlands|Sigri estate|Washed|Typica, Bourbon|1500-1600
India Chikmagalur Ratnagiri|India|Karnataka|Ratnagiri estate|Natural|SLN 795|1300-1500
India Monsooned Malabar|India|Karnataka|Malabar coast estates|Natural|Kent, S795|900-1200
Yemen Haraaz Mocha|Yemen|Haraaz|Haraaz smallholders|Natural|Udaini, Jaadi|2100-2400
China Yunnan Pu'er|China|Yunnan|Pu'er growers|Honey|Catimor|1300-1600
Vietnam Da Lat Cau Dat|Vietnam|Lam Dong|Cau Dat farm|Washed|Bourbon, Typica|1500-1650
House Espresso Blend|Blend|Brazil, Colombia, Ethiopia|Roastery house blend|Natural|Mixed|
Northern Lights Espresso|Blend|Brazil, Guatemala|Roastery house blend|Washed|Mixed|
Morning Filter Blend|Blend|Colombia, Kenya|Roastery house blend|Washed|Mixed|
Old Tom Dark Roast|Blend|Brazil, Sumatra|Roastery house blend|Natural|Mixed|
Decaf House Blend|Blend|Colombia, Brazil|Roastery house blend|Washed|Mixed|
Honey Badger Espresso|Blend|Costa Rica, Brazil|Roastery house blend|Honey|Mixed|
Ethiopia Limu Gera|Ethiopia|Limu|Gera farm|Washed|Heirloom|1900-2100
Kenya Kiambu Karunguru|Kenya|Kiambu|Karunguru estate|Natural|SL28, Ruiru 11|1600-1750
Colombia Quindio Pink Bourbon|Colombia|Quindío|Finca La Esperanza|Anaerobic natural|Pink Bourbon|1650-1850
Rwanda Rulindo Tumba|Rwanda|Northern Province|Tumba washing station|Anaerobic natural|Red Bourbon|1800-2050
Peru Amazonas Women Growers|Peru|Amazonas|CAFE women growers|Washed|Bourbon, Caturra|1700-1950
"""
ROASTS = ["Light", "Medium-light", "Medium", "Medium-dark", "Dark"]  # the roaster's scale, lightest first
NOTES = {
    "Natural": ["blueberry", "strawberry", "dark chocolate", "red wine", "tropical fruit", "raisin", "cacao nibs"],
    "Anaerobic natural": ["passion fruit", "rum", "cinnamon", "strawberry jam", "kiwi", "bubblegum"],
    "Washed": ["jasmine", "bergamot", "lemon", "blackcurrant", "grapefruit", "green apple", "peach", "black tea"],
    "Honey": ["honey", "caramel", "apricot", "brown sugar", "red apple", "milk chocolate"],
    "Wet-hulled": ["cedar", "tobacco", "dark chocolate", "earthy", "molasses"],
}
DARK_NOTES = ["dark chocolate", "molasses", "toffee", "roasted nuts", "cocoa", "smoky"]


def roast_for(rng: random.Random, origin: str, process: str, name: str) -> str:
    if "Dark" in name:
        return "Dark"
    if origin == "Blend":
        return rng.choice(["Medium", "Medium-dark", "Medium-dark", "Dark"])
    if origin in ("Brazil", "Indonesia", "India", "Papua New Guinea", "Vietnam", "China", "Mexico"):
        return rng.choice(["Medium", "Medium", "Medium-dark", "Medium-light"])
    if process == "Washed":
        return rng.choice(["Light", "Light", "Medium-light", "Medium"])
    return rng.choice(["Light", "Medium-light", "Medium-light", "Medium"])


def notes_for(rng: random.Random, process: str, roast: str) -> str:
    pool = list(NOTES[process])
    chosen = rng.sample(pool, 2)
    extra = DARK_NOTES if roast in ("Medium-dark", "Dark") else [n for v in NOTES.values() for n in v]
    third = rng.choice([n for n in extra if n not in chosen])
    return ", ".join([*chosen, third])


def altitude_text(rng: random.Random, span: str) -> str:
    if not span:
        return ""
    low, high = (int(x) for x in span.split("-"))
    if rng.random() < 0.4:  # a single figure on some sheets, a range on others
        return f"{(low + high) // 2 // 10 * 10:,} m"
    return f"{low:,}-{high:,} m"


def price(rng: random.Random, base: float, grams: int) -> str:
    factor = {250: 1.0, 500: 1.85, 1000: 3.4}[grams]
    value = round(base * factor * 2) / 2 - 0.01 if grams == 1000 else round(base * factor * 2) / 2
    return f"£{value:,.2f}"


def brew_for(rng: random.Random, roast: str) -> str:
    if roast in ("Light", "Medium-light"):
        options = ["Filter", "Filter, Cold brew", "Filter, French press", "Filter, Espresso"]
    elif roast == "Medium":
        options = ["Filter, Espresso", "Espresso, French press", "Filter, French press, Cold brew", "Espresso"]
    else:
        options = ["Espresso", "Espresso, French press", "Espresso, Moka pot", "French press, Moka pot"]
    return rng.choice(options)


def main() -> None:
    rng = random.Random(20271207)
    header = ["Code", "Coffee", "Origin", "Region", "Producer", "Process", "Variety", "Roast", "Tasting notes"]
    header += ["Altitude", "SCA score", "Harvest", "Organic", "Decaf", "Brew method", "Bag (g)", "Price", "Stock"]
    rows = []
    code = 1040
    for line in COFFEES.strip().splitlines():
        name, origin, region, producer, process, variety, span = line.split("|")
        roast = roast_for(rng, origin, process, name)
        decaf = "Yes" if name.startswith("Decaf") else "No"
        geisha = "Geisha" in variety or "Gesha" in name
        score = rng.choice([84.5, 85, 85.5, 86, 86.5, 87, 87.5, 88]) if origin != "Blend" else 83.5
        score = 89.5 + rng.choice([0, 0.5, 1]) if geisha else score
        score = 84.0 if decaf == "Yes" else score
        base = 8.5 + (score - 84) * 1.6 + rng.choice([0, 0.5, 1, 1.5]) + (9 if geisha else 0)
        month = rng.choice([1, 2, 3, 4, 5, 6, 9, 10, 11, 12])
        harvest = f"{rng.choice([2023, 2024, 2024, 2025])}-{month:02d}" if rng.random() > 0.06 else ""
        organic = "Yes" if rng.random() < 0.3 else "No"
        notes = notes_for(rng, process, roast)
        altitude = altitude_text(rng, span)
        brew = brew_for(rng, roast)
        grams = [250] + ([1000] if rng.random() < 0.8 else []) + ([500] if rng.random() < 0.6 else [])
        for size in sorted(grams):
            stock = rng.choice(["In stock", "In stock", "In stock", "Low stock", "Sold out"])
            shown_score = f"{score:.2f}" if rng.random() < 0.5 else f"{score:g}"
            rows.append([f"CB-{code}", name, origin, region, producer, process, variety, roast, notes, altitude])
            rows[-1] += [shown_score, harvest, organic, decaf, brew, f"{size:,}", price(rng, base, size), stock]
            code += rng.randint(1, 9)
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
