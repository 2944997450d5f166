"""A second test catalog with another schema: films with a director and stars, from the
redial-movies benchmark catalog (Wikipedia leads, CC BY-SA 4.0).

    python -m benchmarks.make_films_catalog [--source catalog.jsonl] [--out tests/conversations/films]
                                            [--size 1200] [--sample 0]

Each film is {"title" (no "(Year)"), "year", "director" (a string), "stars" (a list of names),
"genres" (the benchmark's tags), "description" (the lead)}: no id, no type, no popularity, no
usage log, so nothing in it looks like sample_catalog. The director comes from "directed by X"
and the stars from "stars A, B and C" / "starring A, B, and C" in the lead; a film is kept only
when both read cleanly (one director; every name looks like a person's name), so the catalog's
people fields can serve as ground truth. The best-known films (the benchmark's popularity, which
is not copied) are kept first. `--sample N` prints N kept films with their leads to check by eye.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Any

from benchmarks.common import BENCHMARK_CATALOG, ROOT

OUT = ROOT / "tests" / "conversations" / "films"
MAX_STARS = 8
# Lower-case words allowed inside a name ("Guillermo del Toro", "Ludwig van Beethoven").
PARTICLES = {"de", "del", "della", "der", "di", "da", "dos", "du", "la", "le", "van", "von", "bin", "ter", "den"}
SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III"}
NOT_PEOPLE = {
    "Pictures", "Studios", "Studio", "Films", "Film", "Entertainment", "Productions", "Company", "Animation",
    "Brothers", "Bros.", "The", "American", "British", "Disney", "Pixar", "Marvel", "DreamWorks", "Warner",
    "Universal", "Paramount", "Columbia", "It", "In", "He", "She", "They", "This", "With",
}  # fmt: skip
# Text before "directed by" that means the director is someone else's (an original, a sequel).
OTHER_FILM = re.compile(
    r"remake|sequel to|original|earlier|previous|based on the|adaptation of the|\bnot\b|\bco-$|replac", re.I
)
# A sentence ends at ". " before a capital, unless the dot closes an initial or "Jr."/"Dr." etc.
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bJr)(?<!\bSr)(?<!\bDr)(?<!\bSt)(?<!\bMr)(?<!\bMrs)(?<!\bMs)\.\s+(?=[A-Z\"'])"
)
STARS_CUE = re.compile(r"\b(?:stars|starring|co-starring|starred)\s+(?:the voices of\s+)?", re.I)
ROLE = re.compile(r"\s+(?:as|in|playing|who|from)\s.*$")
SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+(?=alongside\s)|\s*;\s*")


def is_name_token(token: str) -> bool:
    if token in PARTICLES or token in SUFFIXES:
        return True
    if re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*", token):  # initials: "J.", "J.R."
        return True
    first = token[0]
    return first.isupper() and all(ch.isalpha() or ch in "'’-." for ch in token) and token not in NOT_PEOPLE


def clean_name(text: str) -> str | None:
    """The text as a person's name, or None when it does not look like one."""
    tokens = text.strip().strip(".,").split()
    if not 2 <= len(tokens) <= 5 or not all(is_name_token(t) for t in tokens):
        return None
    if tokens[0] in PARTICLES or tokens[-1] in PARTICLES or tokens[0] in SUFFIXES:
        return None
    if sum(t[0].isupper() and not t.endswith(".") for t in tokens) < 1:
        return None
    return " ".join(tokens)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def director_of(lead: str) -> str | None:
    """The single director named by "directed by X" in the lead's first such sentence."""
    for sentence in sentences(lead):
        before, found, after = sentence.partition("directed by ")
        if not found:
            continue
        if OTHER_FILM.search(before):
            return None
        match = re.match(r"((?:[^\s,;()]+\s?)+?)(?=$|[,;()]|\s(?:and|who|with|from|for|in|on|at|that|based)\b)", after)
        if not match:
            return None
        rest = after[match.end() :]
        if re.match(r"\s*(?:,|and)\s*[A-Z]", rest):  # "X and Y", "X, Y": several directors
            return None
        return clean_name(match.group(1))
    return None


def stars_of(lead: str) -> list[str]:
    """The names after the lead's first "stars" / "starring", in order, up to the first part
    that is neither a name nor the rest of a role ("Sean Penn as a father with ..."). A first
    cue followed by anything but a name ("who also stars in the lead role") gives nothing."""
    for sentence in sentences(lead):
        cue = STARS_CUE.search(sentence)
        if not cue:
            continue
        if not sentence[cue.end() : cue.end() + 1].isupper():
            return []
        listed = re.sub(r"\([^)]*\)", "", sentence[cue.end() :]).rstrip(".")
        return _names(SEPARATOR.split(listed))[:MAX_STARS]
    return []


def _names(parts: list[str]) -> list[str]:
    """After a part with a role ("Sean Penn as a father"), only another role or a name brought
    in by "with" / "alongside" is a star: a bare name there is more often a character."""
    names: list[str] = []
    in_role = False
    for raw in parts:
        part = re.sub(r'\s"[^"]*"', "", raw.strip())  # nicknames: Charles "Buddy" Rogers
        joined = re.match(r"^(?:with|alongside|also)\s+", part)
        part = part[joined.end() :] if joined else part
        if in_role and not joined and " as " not in part:
            if part[:1].islower():
                continue  # the rest of a role: "as his bright | and inquisitive daughter"
            return names
        in_role = " as " in part
        candidates = [part.split(" as ")[0]] if in_role else part.split(" with ")
        for candidate in candidates:
            name = clean_name(ROLE.sub("", candidate))
            if name is None:
                return names
            if name not in names:
                names.append(name)
    return names


def film(record: dict[str, Any]) -> dict[str, Any] | None:
    lead = str(record.get("description", ""))
    director = director_of(lead)
    stars = stars_of(lead)
    genres = [str(tag) for tag in record.get("tags", [])]
    year = record.get("year")
    if not director or not stars or not genres or not isinstance(year, int):
        return None
    title = re.sub(r"\s*\(\d{4}\)$", "", str(record["title"])).strip()
    return {"title": title, "year": year, "director": director, "stars": stars, "genres": genres, "description": lead}


ATTRIBUTION = """Films: sources and licences
==========================

films.json in this folder is derived from the redial-movies benchmark catalog (catalog.jsonl in
the shared benchmark data) by benchmarks/make_films_catalog.py, which documents every step: the
film's title without its "(Year)", its year, the director and stars read from its description,
its genres (the benchmark's tags) and the description itself; films whose director and stars did
not read cleanly are left out, and the best-known films (the benchmark's popularity, not copied)
are kept first.

Sources and licences (as stated by the benchmark):
- Dialogues and movie titles: ReDial (Li et al., "Towards Deep Conversational Recommendations",
  NeurIPS 2018), CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).
- Descriptions and genres: Wikipedia film articles' lead sections, via the wikipedia-movie-data
  collection; Wikipedia text is CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
  Any copy of the benchmark catalog or derived catalog must keep this attribution and the same
  licence.

This catalog is shared under the same licences: the descriptions, genres, directors and stars
(read from the descriptions) remain Wikipedia text under CC BY-SA 4.0, the titles CC BY 4.0.
Changes made here: a selection of films, the fields renamed and derived as described above.
Each film's description and genres come from the Wikipedia article listed below
(https://en.wikipedia.org/wiki/<article>); the article histories there list the authors.

"""


def build(source: Path, size: int) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    records.sort(key=lambda r: (-float(r.get("popularity") or 0), str(r["id"])))
    films: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()  # the benchmark lists a few films twice, with two years
    for record in records:
        made = film(record)
        if made is None or (made["title"].casefold(), made["director"]) in seen:
            continue
        seen.add((made["title"].casefold(), made["director"]))
        films.append({**made, "_article": record.get("wiki_href", "")})
        if len(films) == size:
            break
    return sorted(films, key=lambda f: (f["title"].casefold(), f["year"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=BENCHMARK_CATALOG / "catalog.jsonl")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--size", type=int, default=1200)
    parser.add_argument("--sample", type=int, default=0, help="print N kept films to check by eye")
    args = parser.parse_args()
    if not args.source.is_file():
        raise SystemExit(f"{args.source}: no such file; pass --source .../redial-movies/catalog/catalog.jsonl")
    films = build(args.source, args.size)
    args.out.mkdir(parents=True, exist_ok=True)
    articles = [f"{made['title']} ({made['year']}): {made.pop('_article')}" for made in films]
    lines = ",\n".join(json.dumps(made, ensure_ascii=False) for made in films)  # one film a line
    (args.out / "films.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    (args.out / "ATTRIBUTION.txt").write_text(ATTRIBUTION + "\n".join(articles) + "\n", encoding="utf-8")
    print(f"{len(films)} films written to {args.out / 'films.json'}")
    for made in random.Random(args.sample).sample(films, min(args.sample, len(films))):
        print(f"\n{made['title']} ({made['year']}) | director: {made['director']} | stars: {made['stars']}")
        print(f"  {made['description'][:400]}")


if __name__ == "__main__":
    main()
