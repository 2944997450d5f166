"""BM25 over catalog text: a lexical signal beside the embeddings, and a baseline of its own.

A document's part of each term's score (its term frequency against its length) never changes,
so it is computed once at build time; a query is then a few array additions per term. Building
means tokenising and stemming every item text (about 2 s for 4k items on a 2-core machine), so it
is built at import and saved as plain arrays, loaded in milliseconds (`BM25`, a kind of derived
data: recchat/catalog/derived.py).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import Derived
from recchat.text import content_words, stem

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.catalog.derived import StoredItem

K1 = 1.2
B = 0.75
SAVED_FORMAT = 2


def terms(text: str) -> list[str]:
    return [stem(word) for word in content_words(text)]


class Bm25Builder:
    """Documents in, an index out. What a document contributes is kept in flat integer arrays
    (term, document, count), not per-term lists of tuples: 100,000 descriptions make ~8 million
    postings, a few hundred MB as Python objects and ~100 MB here."""

    def __init__(self, schema: object = None) -> None:  # the schema: unused, as Derived passes it
        self._ids: list[str] = []
        self._lengths = array("i")
        self._term_ids: dict[str, int] = {}
        self._terms, self._docs, self._counts = array("i"), array("i"), array("i")

    def add(self, item: StoredItem) -> None:
        self.add_text(item.id, item.document)

    def add_text(self, doc_id: str, text: str) -> None:
        counts = Counter(terms(text))
        row = len(self._ids)
        for term, count in counts.items():
            self._terms.append(self._term_ids.setdefault(term, len(self._term_ids)))
            self._docs.append(row)
            self._counts.append(count)
        self._ids.append(doc_id)
        self._lengths.append(sum(counts.values()))

    def finish(self) -> Bm25Index:
        return Bm25Index.from_arrays(*self.arrays())

    def arrays(self) -> tuple[list[str], list[str], Any, Any, Any]:
        """ids, terms, offsets, docs, weights: what a Bm25Index is made of."""
        import numpy as np

        term_of = np.frombuffer(self._terms, dtype=np.int32)
        order = np.argsort(term_of, kind="stable")  # by term; documents stay in order within one
        docs = np.frombuffer(self._docs, dtype=np.int32)[order]
        tf = np.frombuffer(self._counts, dtype=np.int32)[order].astype(np.float32)
        lengths = np.frombuffer(self._lengths, dtype=np.int32).astype(np.float32)
        average = max(float(lengths.mean()), 1e-9) if len(lengths) else 1.0
        norm = K1 * (1 - B + B * lengths[docs] / average)
        weights = (tf * (K1 + 1) / (tf + norm)).astype(np.float32)
        offsets = np.concatenate([[0], np.cumsum(np.bincount(term_of, minlength=len(self._term_ids)))])
        return self._ids, list(self._term_ids), offsets.astype(np.int64), docs, weights


class Bm25Index:
    """Postings as flat arrays: term i's documents are docs[offsets[i]:offsets[i + 1]], with the
    part of its score each one holds (its term frequency against its length) beside them."""

    def __init__(self, documents: Iterable[tuple[str, str]] = ()) -> None:
        """These (id, text) pairs indexed; a catalog's is built at import instead (`BM25`)."""
        builder = Bm25Builder()
        for doc_id, text in documents:
            builder.add_text(doc_id, text)
        self._set(*builder.arrays())

    @classmethod
    def from_arrays(cls, ids: list[str], terms: list[str], offsets: Any, docs: Any, weights: Any) -> Bm25Index:
        index = cls.__new__(cls)
        index._set(ids, terms, offsets, docs, weights)
        return index

    def _set(self, ids: list[str], terms: list[str], offsets: Any, docs: Any, weights: Any) -> None:
        self._ids = ids
        self._term_index = {term: i for i, term in enumerate(terms)}
        self._offsets, self._docs, self._weights = offsets, docs, weights

    def __len__(self) -> int:
        return len(self._ids)

    def _postings(self, term: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]] | None:
        row = self._term_index.get(term)
        if row is None:
            return None
        start, end = int(self._offsets[row]), int(self._offsets[row + 1])
        return self._docs[start:end], self._weights[start:end]

    def save(self, path: Path) -> None:
        """Write the index as flat arrays (no pickle). Written where it is told: the caller
        (recchat/catalog/derived.py) writes a temporary file and renames it."""
        import numpy as np

        with path.open("wb") as out:
            np.savez(
                out,
                format=np.array([SAVED_FORMAT]),
                ids=np.array(self._ids, dtype=str),
                terms=np.array(list(self._term_index), dtype=str),
                offsets=np.asarray(self._offsets, dtype=np.int64),
                docs=np.asarray(self._docs, dtype=np.int32),
                weights=np.asarray(self._weights, dtype=np.float32),
            )

    @classmethod
    def load(cls, path: Path) -> Bm25Index:
        """An index written by `save`; ValueError when the file is not one (damaged, old format)."""
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as saved:
                if int(saved["format"][0]) != SAVED_FORMAT:
                    raise ValueError("old BM25 index format")
                ids, terms = saved["ids"].tolist(), saved["terms"].tolist()
                offsets, docs, weights = saved["offsets"], saved["docs"], saved["weights"]
        except (OSError, KeyError, IndexError, EOFError) as error:
            raise ValueError(f"not a saved BM25 index: {error}") from error
        if len(offsets) != len(terms) + 1 or len(docs) != len(weights) or (len(docs) and offsets[-1] != len(docs)):
            raise ValueError("not a saved BM25 index: its arrays do not agree")
        return cls.from_arrays(ids, terms, offsets, docs, weights)

    def idf(self, term: str) -> float:
        postings = self._postings(term)
        found = len(postings[0]) if postings is not None else 0
        return math.log(1 + (len(self._ids) - found + 0.5) / (found + 0.5))

    def with_terms(self, wanted: list[str]) -> set[str]:
        """Documents holding every one of these (stemmed) terms."""
        found: set[int] | None = None
        for term in wanted:
            postings = self._postings(term)
            docs = set(postings[0].tolist()) if postings is not None else set()
            found = docs if found is None else found & docs
        return {self._ids[row] for row in found or ()}

    def scores(self, query: str) -> Scores:
        return self.weighted_scores(Counter(terms(query)))

    def weighted_scores(self, query: Mapping[str, float]) -> Scores:
        """BM25 of every document sharing a term with the query (term -> how much it counts)."""
        import numpy as np

        totals = np.zeros(len(self._ids), dtype=np.float32)
        for term, repeats in query.items():
            postings = self._postings(term)
            if postings is not None and repeats > 0:
                docs, weights = postings
                totals[docs] += self.idf(term) * repeats * weights  # a term appears once per document
        return Scores(self, totals)

    @cached_property
    def _row_of(self) -> dict[str, int]:
        return {doc_id: row for row, doc_id in enumerate(self._ids)}


class Scores(Mapping[str, float]):
    """A query's BM25 scores: document id -> score, for the documents that share a term with it.
    Kept as an array over the whole catalog: at 100,000 items a request's common words reach
    most of it, and a dict of them all cost more than the rest of a turn. `top` and `largest`
    answer from the array."""

    def __init__(self, index: Bm25Index, totals: npt.NDArray[np.float32]) -> None:
        import numpy as np

        self._index = index
        self._totals = totals
        self._rows = np.flatnonzero(totals)

    def __getitem__(self, doc_id: str) -> float:
        row = self._index._row_of.get(doc_id)
        value = float(self._totals[row]) if row is not None else 0.0
        if not value:
            raise KeyError(doc_id)
        return value

    def __iter__(self) -> Iterator[str]:
        ids = self._index._ids
        return (ids[row] for row in self._rows.tolist())

    def __len__(self) -> int:
        return len(self._rows)

    def top(self, n: int) -> list[str]:
        """The n best, best first; equal scores in the catalog's order (as sorting would)."""
        import numpy as np

        rows, values = self._rows, self._totals[self._rows]
        if n < len(rows):
            nth = -np.partition(-values, n - 1)[n - 1]
            keep = np.flatnonzero(values >= nth)  # ties at the cut all stay, then the order decides
            rows, values = rows[keep], values[keep]
        order = np.lexsort((rows, -values))[:n]
        return [self._index._ids[row] for row in rows[order].tolist()]

    def largest(self) -> float:
        return float(self._totals.max(initial=0.0))


def _save(index: Bm25Index, path: Path) -> None:
    index.save(path)


BM25: Derived[Bm25Index] = Derived("bm25", "npz", Bm25Builder, _save, Bm25Index.load)


def weighted_terms(texts: Iterable[tuple[str, float]], *, related: float = 0.0) -> dict[str, float]:
    """A query from weighted texts (recent words count more): each term once per text; with
    `related`, each subject word also asks, that much weaker, for the other words of its group
    (language/subjects.toml: "extraterrestrials" for "alien", "funny" for "comedy")."""
    weights: dict[str, float] = defaultdict(float)
    for text, weight in texts:
        found = list(dict.fromkeys(terms(text)))  # in order: float sums, and so ties, repeat run to run
        for term in found:
            weights[term] += weight
        if related > 0:
            said = set(found)
            for other in dict.fromkeys(o for term in found for o in sorted(_related().get(term, ()))):
                if other not in said:
                    weights[other] += weight * related
    return dict(weights)


@lru_cache(maxsize=1)
def _related() -> dict[str, frozenset[str]]:
    """Stemmed subject word -> the other one-word stems of its group."""
    from recchat.vocabulary import SUBJECT_GROUPS

    found: dict[str, set[str]] = defaultdict(set)
    for group in SUBJECT_GROUPS:
        stems = {stem(word) for word in group if " " not in word and "-" not in word}
        for one in stems:
            found[one] |= stems - {one}
    return {term: frozenset(others) for term, others in found.items()}
