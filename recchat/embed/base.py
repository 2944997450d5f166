"""The Embedder protocol, and the normalisation every backend shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# String aliases: numpy stays unimported until vectors are really made.
Vectors: TypeAlias = "npt.NDArray[np.float32]"
Vector: TypeAlias = "npt.NDArray[np.float32]"


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """Recorded on every collection, so vectors from different models never mix."""

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def normalise(vectors: Vectors) -> Vectors:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: Vectors = (vectors / norms).astype(np.float32)
    return normalised


VARIANTS = ("+int8",)  # suffixes an embedder's name carries when it runs its model another way


def model_of(name: str) -> str:
    """The model an embedder's name names, without its variant: vectors of two variants of one
    model are close but not equal, so a collection is embedded again rather than mixed."""
    for variant in VARIANTS:
        if name.endswith(variant):
            return name[: -len(variant)]
    return name
