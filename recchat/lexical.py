"""BM25 over catalog text: a lexical signal beside the embeddings, and a baseline of its own."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from recchat.text import content_words, stem

K1 = 1.2
B = 0.75


def terms(text: str) -> list[str]:
    return [stem(word) for word in content_words(text)]


class Bm25Index:
    def __init__(self, documents: Iterable[tuple[str, str]]) -> None:
        self._postings: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._length: dict[str, int] = {}
        for doc_id, text in documents:
            counts = Counter(terms(text))
            self._length[doc_id] = sum(counts.values())
            for term, count in counts.items():
                self._postings[term].append((doc_id, count))
        self._average = sum(self._length.values()) / max(len(self._length), 1)

    def __len__(self) -> int:
        return len(self._length)

    def idf(self, term: str) -> float:
        found = len(self._postings.get(term, ()))
        return math.log(1 + (len(self._length) - found + 0.5) / (found + 0.5))

    def scores(self, query: str) -> dict[str, float]:
        result: dict[str, float] = defaultdict(float)
        for term, repeats in Counter(terms(query)).items():
            weight = self.idf(term) * repeats
            for doc_id, count in self._postings.get(term, ()):
                norm = K1 * (1 - B + B * self._length[doc_id] / self._average)
                result[doc_id] += weight * count * (K1 + 1) / (count + norm)
        return dict(result)
