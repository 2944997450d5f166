"""Small in-memory catalogs for reading tests: items -> learned schema -> index -> Reader, the
same path a stored catalog takes, without a store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recchat.catalog.items import item_text
from recchat.catalog.library import CatalogIndex, index_entry
from recchat.catalog.record import item_metadata
from recchat.catalog.schema import CatalogSchema, learn_schema
from recchat.conversation.references import Shown
from recchat.conversation.request import Context
from recchat.conversation.understanding import Reader, Understanding, reader_for
from recchat.domain import Constraint, Item
from recchat.ranking.values import stems


@dataclass
class Toy:
    schema: CatalogSchema
    index: CatalogIndex
    reader: Reader

    def read(self, text: str, shown: list[str] | None = None, kinds: tuple[str, ...] = ()) -> Understanding:
        entries = [self.index.by_id[i] for i in shown or []]
        context = Context([Shown(e.id, e.title) for e in entries], [e.year for e in entries if e.year], kinds)
        return self.reader.read(text, context)

    def constraints(self, text: str, **kwargs: Any) -> list[Constraint]:
        return list(self.read(text, **kwargs).heard.constraints)


def toy(items: list[Item], name: str = "", *, words: bool = False) -> Toy:
    """`name`: the catalog's name, which its owner chose ('workshops'); `words`: the reader knows
    which words the items' texts hold, as a real catalog's word index tells it."""
    schema = learn_schema(items)
    index = CatalogIndex([index_entry(i.id, item_metadata(i, "toy:1", ""), schema) for i in items])
    texts = [set(stems(item_text(i))) for i in items]

    def held(phrase: str) -> float:
        wanted = set(stems(phrase))
        return sum(wanted <= text for text in texts) / len(texts)

    return Toy(schema, index, reader_for(schema, index, held if words else None, name=name))


def item(item_id: str, title: str, **fields: Any) -> Item:
    tags = tuple(fields.pop("tags", ()))
    description = str(fields.pop("description", ""))
    return Item(id=item_id, title=title, description=description, tags=tags, metadata=fields)


MIXED = [
    item(
        "m1",
        "Arrival (2016)",
        type="movie",
        year=2016,
        tags=["science fiction", "drama"],
        description="Directed by Denis Villeneuve, starring Amy Adams as a linguist.",
    ),
    item(
        "m2",
        "Groundhog Day (1993)",
        type="movie",
        year=1993,
        tags=["comedy", "romance"],
        description="Directed by Harold Ramis and starring Bill Murray.",
    ),
    item(
        "m3",
        "Alien (1979)",
        type="movie",
        year=1979,
        tags=["horror", "science fiction"],
        description="Directed by Ridley Scott, starring Sigourney Weaver.",
    ),
    item(
        "m4",
        "The Matrix (1999)",
        type="movie",
        year=1999,
        tags=["science fiction", "action"],
        description="Written and directed by the Wachowskis, starring Keanu Reeves.",
    ),
    item(
        "m5",
        "The Matrix Reloaded (2003)",
        type="movie",
        year=2003,
        tags=["science fiction", "action"],
        description="The sequel, again starring Keanu Reeves.",
    ),
    item(
        "m6",
        "Goodfellas (1990)",
        type="movie",
        year=1990,
        tags=["crime"],
        description="Directed by Martin Scorsese, starring Robert De Niro and Ray Liotta.",
    ),
    item(
        "b1",
        "Murder on the Orient Express",
        type="book",
        year=1934,
        author="Agatha Christie",
        tags=["mystery"],
        description="Poirot on a snowbound train.",
    ),
    item(
        "b2",
        "Dune",
        type="book",
        year=1965,
        author="Frank Herbert",
        tags=["science fiction"],
        description="Spice, sandworms and politics on a desert planet.",
    ),
    item(
        "b3",
        "It",
        type="book",
        year=1986,
        author="Stephen King",
        tags=["horror"],
        description="A clown haunts a small town in Maine.",
    ),
    item("g1", "Catan", type="board game", year=1995, players="3-4", playtime_minutes=75, tags=["strategy"]),
    item("g2", "Codenames", type="board game", year=2015, players="4-8", playtime_minutes=15, tags=["party"]),
    item("g3", "Jaipur", type="board game", year=2009, players="2", playtime_minutes=30, tags=["trading"]),
    item("g4", "Gloomhaven", type="board game", year=2017, players="1-4", playtime_minutes=120, tags=["campaign"]),
    item("g5", "Wavelength", type="board game", year=2019, players="2-12", playtime_minutes=45, tags=["party"]),
]

FILMS = [
    item(
        "f1",
        "Inception",
        year=2010,
        director="Christopher Nolan",
        stars=["Leonardo DiCaprio", "Elliot Page"],
        genres=["science fiction"],
        description="A thief steals secrets from dreams.",
    ),
    item(
        "f2",
        "Memento",
        year=2000,
        director="Christopher Nolan",
        stars=["Guy Pearce"],
        genres=["thriller"],
        description="A man without short-term memory hunts a killer.",
    ),
    item(
        "f3",
        "Cast Away",
        year=2000,
        director="Robert Zemeckis",
        stars=["Tom Hanks", "Helen Hunt"],
        genres=["drama"],
        description="A courier is stranded on an island.",
    ),
    item(
        "f4",
        "Big",
        year=1988,
        director="Penny Marshall",
        stars=["Tom Hanks"],
        genres=["comedy"],
        description="A boy wakes up in a man's body.",
    ),
    item(
        "f5",
        "The Departed",
        year=2006,
        director="Martin Scorsese",
        stars=["Leonardo DiCaprio", "Matt Damon"],
        genres=["crime"],
        description="Moles in the Boston police and the mob.",
    ),
    item(
        "f6",
        "Taxi Driver",
        year=1976,
        director="Martin Scorsese",
        stars=["Robert De Niro"],
        genres=["crime", "drama"],
        description="A lonely night driver in New York.",
    ),
]
