"""A sentence-transformers model run by onnxruntime: the same vectors without importing torch.

`import sentence_transformers` (torch, transformers) costs seconds before the first vector; a
query needs one short text embedded. So the model is exported to ONNX once (recchat/embed/
onnx_export.py, which does need torch), checked against sentence-transformers on real texts, and
kept in the cache folder next to the tokenizer sentence-transformers itself used. Every later
process loads it with onnxruntime and `tokenizers`, both light.

The embedder's name is the sentence-transformers one: the vectors are the same (checked within
1e-3 cosine at export), so catalogs embedded either way stay usable without a re-import. When a
model cannot be exported (an architecture torch cannot trace, `onnx` not installed, a check that
fails), recchat says nothing and runs sentence-transformers itself: slower, never wrong.

By default the model runs quantized to int8 (recchat/embed/quantize.py: about twice as fast,
ReDial retrieval unchanged). Its vectors are close to the float ones but not equal, so the name
says so ("...+int8"): a catalog embedded by one variant is queried by the same one, and a
mismatch is refused or re-embedded like any other change of embedder.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from recchat.embed.base import VARIANTS, Vectors, normalise
from recchat.embed.sentence_transformers import DEFAULT_DIMENSION, DEFAULT_NAME, check_model_dir, default_model_dir
from recchat.errors import ModelError
from recchat.timing import timed

EXPORT_FORMAT = 1  # bump when the export changes, so old exports are made again
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "export.json"
PRECISIONS = ("int8", "float32")
INT8_SUFFIX = VARIANTS[0]  # on the embedder's name: vectors made by the int8 model


def fingerprint(model_dir: Path) -> str:
    """Changes whenever any file of the model folder changes (size or time), without reading
    the weights: a reinstalled or edited model gets a fresh export."""
    digest = hashlib.sha256(f"{EXPORT_FORMAT}\n{model_dir.resolve()}\n".encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(model_dir)}\t{stat.st_size}\t{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def export_dir(cache_dir: Path, model_dir: Path) -> Path:
    return cache_dir / f"{model_dir.name}-{fingerprint(model_dir)}"


class OnnxRunner:
    """Tokenizer + ONNX session for one exported model: texts in, raw vectors out."""

    def __init__(
        self, folder: Path, threads: int | None = None, batch_size: int = 32, *, model: Path | None = None
    ) -> None:
        """`model`: another ONNX file for the same tokenizer (the int8 copy); default model.onnx."""
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # read when onnxruntime starts
        import onnxruntime
        from tokenizers import Tokenizer

        # onnxruntime's Linux wheels carry telemetry that looks up its collector's address on a
        # background thread: recchat never reaches out, so it is off before any session exists.
        onnxruntime.disable_telemetry_events()
        self.meta: dict[str, Any] = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self._tokenizer.no_padding()  # padded per batch below, to the longest text in it
        self._tokenizer.enable_truncation(int(self.meta["max_seq_length"]))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # warnings would land in the user's terminal
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(model or folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._batch_size = batch_size

    @property
    def dimension(self) -> int:
        return int(self.meta["dimension"])

    def run(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        if self.meta.get("do_lower_case"):
            texts = [t.lower() for t in texts]
        # sentence-transformers strips each text before tokenising; so must we, for equal vectors.
        encodings = self._tokenizer.encode_batch([t.strip() for t in texts])
        # Longest first, like sentence-transformers: batches of similar length pad little.
        order = sorted(range(len(encodings)), key=lambda i: -len(encodings[i].ids))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self._batch_size):
            rows = order[start : start + self._batch_size]
            out[rows] = self._session.run(None, self._feed([encodings[i] for i in rows]))[0]
        return out

    def _feed(self, encodings: Sequence[Any]) -> dict[str, Any]:
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        shape = (len(encodings), width)
        feed = {name: np.zeros(shape, dtype=np.int64) for name in ("input_ids", "attention_mask", "token_type_ids")}
        for row, encoding in enumerate(encodings):
            size = len(encoding.ids)
            feed["input_ids"][row, :size] = encoding.ids
            feed["attention_mask"][row, :size] = 1
            feed["token_type_ids"][row, :size] = encoding.type_ids
        return {name: feed[name] for name in self._inputs}


class OnnxEmbedder:
    """Embedder over a sentence-transformers folder, run by onnxruntime when it can be."""

    def __init__(
        self,
        path: Path,
        cache_dir: Path,
        *,
        name: str | None = None,
        dimension: int | None = None,
        threads: int | None = None,
        batch_size: int = 32,
        precision: str = "int8",
    ) -> None:
        if precision not in PRECISIONS:
            raise ModelError(f"unknown embedder precision {precision!r}", f"use one of {', '.join(PRECISIONS)}")
        self.path = path
        self.cache_dir = cache_dir
        self.precision = precision
        self._int8: bool | None = None  # whether the int8 model runs; known once loaded
        self._name = name or f"sentence-transformers:{path.name}"
        self._dimension = dimension
        self._threads = threads
        self._batch_size = batch_size
        self._runner: OnnxRunner | None = None
        self._fallback: Any = None  # a SentenceTransformerEmbedder, when no export can be made
        self._lock = threading.Lock()

    @classmethod
    def default(cls, cache_dir: Path, threads: int | None = None, precision: str = "int8") -> OnnxEmbedder:
        return cls(
            default_model_dir(),
            cache_dir,
            name=f"sentence-transformers:{DEFAULT_NAME}",
            dimension=DEFAULT_DIMENSION,
            threads=threads,
            precision=precision,
        )

    @property
    def name(self) -> str:
        """The model's name, with "+int8" when the int8 model makes the vectors. Known without
        loading once the int8 copy exists (every start after the first)."""
        if self.precision == "float32":
            return self._name
        if self._int8 is None and self._made_int8():
            self._int8 = True  # load() will run it
        if self._int8 is None:
            self.load()
        return self._name + INT8_SUFFIX if self._int8 else self._name

    def _made_int8(self) -> bool:
        from recchat.embed.quantize import quantized

        try:
            return quantized(export_dir(self.cache_dir, self.path)) is not None
        except OSError:  # no model folder: load() says so clearly
            return False

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self.load()
            self._dimension = self._fallback.dimension if self._fallback else self._runner.dimension  # type: ignore[union-attr]
        return self._dimension

    @property
    def runtime(self) -> str:
        """'onnxruntime', 'onnxruntime int8' or 'sentence-transformers': what runs the model."""
        if self._fallback is not None:
            return "sentence-transformers"
        return "onnxruntime int8" if self._int8 else "onnxruntime"

    def load(self) -> None:
        with self._lock:
            if self._runner is not None or self._fallback is not None:
                return
            check_model_dir(self.path)
            with timed("embedder.load"):
                folder = export_dir(self.cache_dir, self.path)
                try:
                    if not (folder / META_FILE).exists():
                        self._export(folder)
                    model = self._int8_model(folder) if self.precision == "int8" else None
                    self._runner = OnnxRunner(folder, self._threads, self._batch_size, model=model)
                    self._int8 = model is not None
                except ModelError:
                    self._use_sentence_transformers()
                    self._int8 = False

    def _int8_model(self, folder: Path) -> Path | None:
        """The export's int8 copy, made now if need be; None when it cannot be made."""
        from recchat.embed.quantize import quantize, quantized

        made = quantized(folder)
        if made is not None:
            return made
        try:
            with timed("embedder.quantize"):
                return quantize(folder, self._threads)
        except ModelError:
            return None

    def _export(self, folder: Path) -> None:
        from recchat.embed.onnx_export import export

        with timed("embedder.export"):
            export(self.path, folder, threads=self._threads)

    def _use_sentence_transformers(self) -> None:
        from recchat.embed.sentence_transformers import SentenceTransformerEmbedder

        self._fallback = SentenceTransformerEmbedder(
            self.path, name=self._name, dimension=self._dimension, threads=self._threads
        )
        self._fallback.load()

    def embed(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        self.load()
        if self._fallback is not None:
            vectors: Vectors = self._fallback.embed(texts)
            return vectors
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        assert self._runner is not None
        with timed("embed", count=len(texts)):
            return normalise(self._runner.run(texts))
