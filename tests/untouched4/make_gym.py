"""Writes gym/class_timetable.csv: a gym's weekly class timetable exported from its booking
system, `,` between cells (seeded: running it again writes the same bytes). Class formats,
durations, spaces and equipment are typical of a city gym; instructors, studios and the gym's
own class names are invented. A class runs on several days, one row and class ID each, so
names repeat."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("gym") / "class_timetable.csv"
# class, type, durations (min), intensity, studio, spaces, equipment, beginners, kcal per hour,
# drop-in price (£, 0: free for members), instructors who teach it, runs a week
# fmt: off
CLASSES = [
    ("Sunrise Spin", "Spin", [45], 2, "Cycle Studio", (20, 24), ["bike"], "Yes", 620, 8.5, "cycle", 3),
    ("RPM Climb", "Spin", [45, 60], 3, "Cycle Studio", (20, 24), ["bike", "heart rate monitor"], "No", 700, 9.0, "cycle", 3),
    ("Spin Express", "Spin", [30], 2, "Cycle Studio", (20, 24), ["bike"], "Yes", 600, 6.5, "cycle", 4),
    ("Rhythm Ride", "Spin", [45], 2, "Cycle Studio", (20, 24), ["bike"], "Yes", 580, 8.5, "cycle", 2),
    ("Vinyasa Flow", "Yoga", [60, 75], 1, "Mind & Body Studio", (18, 26), ["mat", "blocks", "strap"], "Yes", 280, 10.0, "yoga", 4),
    ("Power Yoga", "Yoga", [60], 2, "Mind & Body Studio", (18, 24), ["mat", "blocks"], "No", 380, 10.0, "yoga", 2),
    ("Yin Yoga", "Yoga", [75, 90], 0, "Mind & Body Studio", (16, 22), ["mat", "bolster", "blanket"], "Yes", 150, 10.0, "yoga", 2),
    ("Hot Yoga", "Yoga", [60, 90], 2, "Hot Studio", (22, 30), ["mat", "towel"], "No", 420, 14.0, "yoga", 3),
    ("Mat Pilates", "Pilates", [45, 60], 1, "Mind & Body Studio", (16, 22), ["mat", "ring", "mini ball"], "Yes", 250, 9.0, "pilates", 4),
    ("Reformer Pilates", "Pilates", [50], 2, "Reformer Studio", (8, 12), ["reformer"], "No", 320, 22.0, "pilates", 5),
    ("Reformer Foundations", "Pilates", [50], 1, "Reformer Studio", (8, 10), ["reformer"], "Yes", 260, 22.0, "pilates", 2),
    ("HIIT 30", "HIIT", [30], 3, "Studio 2", (20, 30), ["mat", "kettlebell", "skipping rope"], "No", 800, 7.0, "hiit", 4),
    ("Tabata Burn", "HIIT", [30, 45], 3, "Studio 2", (20, 28), ["mat", "dumbbells"], "No", 820, 7.5, "hiit", 3),
    ("Metcon", "HIIT", [45], 3, "Functional Zone", (14, 18), ["rower", "kettlebell", "wall ball", "box"], "No", 760, 8.5, "hiit", 3),
    ("Bodypump", "Strength", [45, 60], 2, "Studio 1", (28, 36), ["barbell", "plates", "bench", "step"], "Yes", 500, 8.0, "strength", 4),
    ("Kettlebell Club", "Strength", [45], 2, "Functional Zone", (12, 16), ["kettlebell"], "No", 520, 8.0, "strength", 2),
    ("Strength Basics", "Strength", [60], 1, "Functional Zone", (10, 14), ["dumbbells", "bench", "resistance bands"], "Yes", 380, 8.0, "strength", 2),
    ("Olympic Lifting", "Strength", [75, 90], 2, "Functional Zone", (8, 10), ["barbell", "plates", "platform"], "No", 420, 12.0, "strength", 2),
    ("Boxfit", "Boxing", [45], 3, "Studio 2", (16, 24), ["gloves", "pads", "skipping rope"], "Yes", 700, 8.5, "boxing", 3),
    ("Bag Work", "Boxing", [60], 3, "Combat Room", (12, 14), ["gloves", "wraps", "heavy bag"], "No", 760, 10.0, "boxing", 2),
    ("Zumba", "Dance", [45, 60], 2, "Studio 1", (30, 40), [], "Yes", 550, 6.5, "dance", 3),
    ("Dance Cardio", "Dance", [45], 2, "Studio 1", (28, 36), [], "Yes", 520, 6.5, "dance", 2),
    ("Aqua Fit", "Aqua", [45], 1, "Pool", (20, 25), ["aqua dumbbells", "noodle"], "Yes", 350, 0.0, "aqua", 4),
    ("Aqua Zumba", "Aqua", [45], 1, "Pool", (20, 25), ["noodle"], "Yes", 380, 0.0, "aqua", 2),
    ("Barre", "Barre", [45, 60], 1, "Mind & Body Studio", (16, 20), ["barre", "mini ball", "light dumbbells"], "Yes", 330, 9.0, "pilates", 3),
    ("Stretch & Mobility", "Stretch", [30, 45], 0, "Mind & Body Studio", (18, 24), ["mat", "foam roller", "strap"], "Yes", 150, 0.0, "yoga", 4),
    ("Circuits", "Circuits", [45, 60], 2, "Studio 2", (20, 26), ["step", "dumbbells", "medicine ball", "bench"], "Yes", 600, 7.0, "hiit", 4),
    ("Bootcamp", "Circuits", [60], 3, "Outdoor Yard", (20, 30), ["sled", "tyres", "battle ropes", "kettlebell"], "No", 750, 9.0, "hiit", 2),
    ("Core Blast", "Circuits", [30], 2, "Studio 2", (20, 30), ["mat", "medicine ball"], "Yes", 360, 5.0, "strength", 3),
    ("Senior Strength & Balance", "Strength", [45], 0, "Studio 1", (14, 18), ["chair", "light dumbbells", "resistance bands"], "Yes", 200, 4.0, "strength", 2),
    ("Rowing Intervals", "HIIT", [45], 3, "Functional Zone", (10, 12), ["rower", "heart rate monitor"], "No", 780, 8.5, "hiit", 2),
    ("Run Club", "Running", [60], 2, "Outdoor Yard", (15, 25), [], "Yes", 650, 0.0, "running", 2),
    ("Treadmill Intervals", "Running", [30, 45], 3, "Cardio Deck", (12, 14), ["treadmill"], "No", 720, 6.0, "running", 3),
]
# fmt: on
INTENSITY = ["Low", "Moderate", "High", "Very high"]
INSTRUCTORS = {
    "cycle": ["Dani Ferreira", "Marcus Holt", "Priya Nandakumar", "Joss Whitlock"],
    "yoga": ["Amara Lindqvist", "Keiko Marsh", "Tobias Renn", "Priya Nandakumar"],
    "pilates": ["Keiko Marsh", "Sofia Adeyemi", "Lena Kowalczyk", "Harriet Quill"],
    "hiit": ["Marcus Holt", "Callum Oduya", "Bex Tanaka", "Rory Pendleton"],
    "strength": ["Callum Oduya", "Rory Pendleton", "Sofia Adeyemi", "Gus Mbeki"],
    "boxing": ["Bex Tanaka", "Gus Mbeki", "Ivo Stanchev"],
    "dance": ["Lupe Castillo", "Joss Whitlock", "Harriet Quill"],
    "aqua": ["Lupe Castillo", "Harriet Quill", "Tobias Renn"],
    "running": ["Ivo Stanchev", "Dani Ferreira", "Rory Pendleton"],
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# fmt: off
STARTS = ["06:15", "06:30", "07:00", "07:15", "09:30", "10:00", "11:00", "12:15", "12:30", "13:00", "17:30", "18:00", "18:15", "18:30", "19:00", "19:30", "20:00"]
# fmt: on


def part_of_day(start: str) -> str:
    hour = int(start[:2])
    if hour < 8:
        return "Early morning"
    if hour < 12:
        return "Morning"
    if hour < 14:
        return "Lunchtime"
    return "Evening"


def duration(minutes: int) -> str:
    """As the booking system writes it: minutes under an hour, hours and minutes above."""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} hr" if not rest else f"{hours} hr {rest} min"


def row(rng: random.Random, number: int, spec: tuple, day: str) -> list[str]:
    name, kind, lengths, level, studio, spaces, kit, beginners, per_hour, price, team, _ = spec
    minutes = rng.choice(lengths)
    start = rng.choice(STARTS[:4] if "Sunrise" in name else STARTS)
    teachers = rng.sample(INSTRUCTORS[team], k=2 if rng.random() < 0.18 else 1)
    calories = round(per_hour * minutes / 60 * rng.uniform(0.9, 1.1), -1)
    if rng.random() < 0.06:
        beginners = ""
    return [
        f"GC-{number}",
        name,
        kind,
        day,
        start,
        part_of_day(start),
        duration(minutes),
        INTENSITY[level],
        ", ".join(teachers),
        studio,
        str(rng.randint(*spaces)),
        ", ".join(kit),
        beginners,
        "Free" if price == 0 else f"£{price + rng.choice([0, 0, 0.5]):.2f}",
        f"{int(calories):,} kcal",
        str(rng.randint(2012, 2025)),
    ]


def main() -> None:
    rng = random.Random(20270419)
    rows = []
    number = 4100
    for spec in CLASSES:
        # most classes run twice on some days: a morning and an evening slot
        for day in sorted([*rng.sample(DAYS, k=spec[-1]), *rng.sample(DAYS, k=spec[-1] - 1)], key=DAYS.index):
            number += rng.randint(1, 7)
            rows.append(row(rng, number, spec, day))
    rows.sort(key=lambda r: (DAYS.index(r[3]), r[4]))
    header = [
        "Class ID",
        "Class",
        "Type",
        "Day",
        "Start",
        "Time of day",
        "Duration",
        "Intensity",
        "Instructors",
        "Studio",
        "Spaces",
        "Equipment",
        "Suitable for beginners",
        "Drop-in price",
        "Calories burned",
        "Year added",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
