"""A hashing embedder for tests and `--backend fake`: bag of words, no model, deterministic."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from recchat.embed.base import Vectors, normalise
from recchat.text import stem

_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """Feature-hashed word counts: texts sharing words get similar vectors."""

    def __init__(self, dimension: int = 256) -> None:
        self._dimension = dimension

    @property
    def name(self) -> str:
        return f"fake:hashing-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed(self, texts: Sequence[str]) -> Vectors:
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(stem(word).encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self._dimension
                sign = 1.0 if digest[4] & 1 else -1.0
                vectors[row, bucket] += sign
        return normalise(vectors)
