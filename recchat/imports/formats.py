"""The history exports recchat reads, as data: which columns say what, recognised by the header.

Column names are written normalised (fields.normalise: 'My Rating' -> 'myrating'). A format is
recognised when every column in `needs` is there; the first format that fits wins, so the plain
spreadsheet comes last. Adding a service is a new entry here and a test file, not new code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from recchat.catalog.fields import normalise

LIKE, DISLIKE, SEEN, WISH = "like", "dislike", "seen", "wish"
VERDICTS = (LIKE, DISLIKE, SEEN, WISH)
# A rating as a share of its scale: 4 of 5 stars (8 of 10) and up is a like, 2 of 5 (4 of 10)
# and down a dislike, in between neither (the item counts as seen).
LIKE_FROM, DISLIKE_UP_TO = 0.8, 0.4

# What a status cell says ("Exclusive Shelf", a spreadsheet's "status"), written normalised.
STATUS_WORDS: Mapping[str, str] = {
    **dict.fromkeys(
        "seen watched read played finished done completed owned own currentlyreading reading watching playing "
        "rewatched reread dnf didnotfinish abandoned dropped".split(),
        SEEN,
    ),
    **dict.fromkeys("like liked love loved favorite favourite favorites favourites fav faves".split(), LIKE),
    **dict.fromkeys("dislike disliked hate hated".split(), DISLIKE),
    **dict.fromkeys(
        "wish wishlist want wanttoread toread towatch wanttowatch watchlist wanttoplay toplay wanttobuy backlog "
        "plantowatch plantoread planned later queue".split(),
        WISH,
    ),
}

# IMDb's "Title Type", normalised, as a kind word (vocabulary.KIND_GROUPS matches it to the
# catalog's own kind values).
IMDB_TYPES: Mapping[str, str] = {
    **dict.fromkeys("movie tvmovie short video".split(), "movie"),
    **dict.fromkeys("tvseries tvminiseries tvepisode tvspecial tvshort".split(), "show"),
    "videogame": "video game",
}


@dataclass(frozen=True)
class ExportFormat:
    name: str
    needs: frozenset[str]
    title: tuple[str, ...]
    also_titles: tuple[str, ...] = ()  # other names of the same work ('Original Title')
    year: tuple[str, ...] = ()  # the work's own year
    year_at_most: tuple[str, ...] = ()  # an edition's year: the work is no newer than this
    creators: tuple[str, ...] = ()  # author, director, designer: names, comma-separated
    rating: tuple[str, ...] = ()
    scale: float | None = None  # None: 10 if any rating in the file is over 5, else 5
    unrated: frozenset[str] = frozenset({"", "0", "na", "n/a", "-", "none", "unrated"})
    status: tuple[str, ...] = ()  # a column whose words say seen, liked, wished (STATUS_WORDS)
    flags: tuple[tuple[str, str], ...] = ()  # (column, verdict): a number above 0 says so
    kind: str | None = None  # what sort of item every row is ('movie')
    kind_column: str | None = None  # ... or each row says (with `kinds` reading its values)
    kinds: Mapping[str, str] = field(default_factory=dict)
    by_file: Mapping[str, str] = field(default_factory=dict)  # a file name (stem) -> every row's verdict
    skip_folders: frozenset[str] = frozenset()  # inside an export's zip
    default: str = SEEN  # a row that says nothing else is something the person has met
    date: tuple[str, ...] = ()  # when: later rows of one item win


# title [, year] [, rating] [, status], and whatever else a person keeps.
SPREADSHEET = ExportFormat(
    name="spreadsheet",
    needs=frozenset({"title"}),
    title=("title",),
    year=("year", "released", "published"),
    creators=("author", "director", "designer", "creator", "by"),
    rating=("rating", "myrating", "stars", "score"),
    status=("status", "shelf", "list"),
    kind_column="type",
    date=("date", "dateread", "datewatched", "watched"),
)
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        name="Goodreads",
        needs=frozenset({"bookid", "title", "myrating", "exclusiveshelf"}),
        title=("title",),
        year=("originalpublicationyear",),
        year_at_most=("yearpublished",),
        creators=("author", "additionalauthors"),
        rating=("myrating",),
        scale=5,
        status=("exclusiveshelf",),
        kind="book",
        date=("dateread", "dateadded"),
    ),
    ExportFormat(
        name="IMDb ratings",
        needs=frozenset({"const", "yourrating", "title"}),
        title=("title",),
        also_titles=("originaltitle",),
        year=("year",),
        creators=("directors",),
        rating=("yourrating",),
        scale=10,
        kind_column="titletype",
        kinds=IMDB_TYPES,
        date=("daterated",),
    ),
    ExportFormat(
        name="IMDb list",
        needs=frozenset({"const", "position", "title"}),
        title=("title",),
        also_titles=("originaltitle",),
        year=("year",),
        creators=("directors",),
        kind_column="titletype",
        kinds=IMDB_TYPES,
        by_file={"watchlist": WISH},
        date=("created",),
    ),
    ExportFormat(
        name="Letterboxd",
        needs=frozenset({"name", "year", "letterboxduri"}),
        title=("name",),
        year=("year",),
        rating=("rating",),
        scale=5,
        kind="movie",
        by_file={"watchlist": WISH, "likes/films": LIKE},  # likes/films.csv: the films given a heart
        skip_folders=frozenset({"deleted", "orphaned"}),
        date=("watcheddate", "date"),
    ),
    ExportFormat(
        name="BoardGameGeek",
        needs=frozenset({"objectname", "objectid"}),
        title=("objectname",),
        also_titles=("originalname",),
        year=("yearpublished",),
        rating=("rating",),
        scale=10,
        flags=(
            *(("own", SEEN), ("prevowned", SEEN), ("numplays", SEEN)),
            *(("wishlist", WISH), ("want", WISH), ("wanttoplay", WISH), ("wanttobuy", WISH), ("preordered", WISH)),
        ),
        kind="game",
    ),
    SPREADSHEET,
    replace(SPREADSHEET, needs=frozenset({"name"}), title=("name",)),
)


def recognise(columns: Sequence[str]) -> ExportFormat | None:
    have = {normalise(c) for c in columns}
    return next((f for f in FORMATS if f.needs <= have), None)


def known_formats() -> str:
    return ", ".join(f.name for f in FORMATS)
