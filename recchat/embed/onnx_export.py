"""Export a sentence-transformers model to ONNX, once, and prove the export gives the same vectors.

Needs torch, sentence-transformers and `onnx` (the exporter writes through it); runs at the first
use of a model (a few seconds, plus the import of torch) and never again for that model folder.
Whatever goes wrong becomes a ModelError, and the caller falls back to sentence-transformers.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from recchat.embed.onnx import EXPORT_FORMAT, META_FILE, MODEL_FILE, TOKENIZER_FILE, OnnxRunner
from recchat.embed.sentence_transformers import force_offline
from recchat.errors import ModelError

MAX_COSINE_GAP = 1e-3  # the export must match sentence-transformers this closely, on every text
# Real texts of several lengths, one longer than any model's window, so truncation is checked too.
CHECK_TEXTS = (
    "cozy mysteries set in small towns",
    "I loved Interstellar (2014), want more mind-bending sci-fi but no horror!",
    "Dune. by Frank Herbert. science fiction, classic. A noble family is given the desert planet "
    "Arrakis, the only source of the spice melange, and is betrayed by the Emperor.",
    "Ça m'a plu — naïve café chatter, émigrés and 東京 at night.",
    " ".join(["A long description that goes on and on about a film, its cast and its story."] * 60),
)
FEATURES = ("input_ids", "attention_mask", "token_type_ids")
STAGING_PREFIX = ".export-"
STALE_STAGING_SECONDS = 3600  # an export takes seconds; a staging folder this old was left by a kill


def export(model_dir: Path, target: Path, *, threads: int | None = None) -> None:
    """Write model.onnx, tokenizer.json and export.json into `target` (atomically: a folder is
    renamed into place only once it has been checked)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    try:
        with warnings.catch_warnings():
            # Deprecation and tracer warnings from torch and sentence-transformers would land in
            # the user's terminal; the equality check below is what proves the export right.
            warnings.simplefilter("ignore")
            model = _load(model_dir, threads)
            _write(model, model_dir, staging)
            gap = _check(model, staging, threads)
        meta = json.loads((staging / META_FILE).read_text(encoding="utf-8"))
        meta["max_cosine_gap"] = gap
        (staging / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        try:
            staging.rename(target)
        except OSError:
            if not (target / META_FILE).exists():  # not another process winning the same race
                raise
    except ModelError:
        raise
    except Exception as error:  # torch's exporter raises many types; all mean "no export"
        raise ModelError(f"cannot export {model_dir} to ONNX: {type(error).__name__}: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    remove_superseded(target, model_dir)


def remove_superseded(target: Path, model_dir: Path) -> list[Path]:
    """Only the current export of a model is kept: the others of the same model folder (made
    before its files changed, or in an older format) go, and so do staging folders a killed
    export left. Exports of other models stay. Returns what was removed."""
    source = model_dir.resolve()
    removed = []
    for folder in sorted(target.parent.iterdir()):
        if folder == target or not folder.is_dir():
            continue
        if folder.name.startswith(STAGING_PREFIX):
            superseded = time.time() - _modified(folder) > STALE_STAGING_SECONDS
        else:
            superseded = folder.name.startswith(f"{model_dir.name}-") and _source(folder) == source
        if superseded:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _modified(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except OSError:  # gone meanwhile: another process finished with it
        return time.time()


def _source(folder: Path) -> Path | None:
    """The model folder an export was made from, as its export.json says."""
    try:
        return Path(json.loads((folder / META_FILE).read_text(encoding="utf-8"))["source"]).resolve()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _load(model_dir: Path, threads: int | None) -> Any:
    force_offline()
    import torch
    from sentence_transformers import SentenceTransformer

    if threads:
        torch.set_num_threads(threads)
    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True).eval()


def _write(model: Any, model_dir: Path, folder: Path) -> None:
    import torch

    tokenize = getattr(model, "preprocess", None) or model.tokenize  # renamed in sentence-transformers 6
    sample = tokenize(["a short text", "and a somewhat longer one, to pad the first"])
    names = [name for name in FEATURES if name in sample]
    # Other features (sentence-transformers adds e.g. 'modality') are fixed values, not inputs.
    fixed = {key: value for key, value in sample.items() if key not in FEATURES}
    if any(isinstance(value, torch.Tensor) for value in fixed.values()):
        raise ModelError(f"{model_dir}: the tokenizer gives inputs this export does not know: {sorted(sample)}")

    class SentenceEmbedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: Any) -> Any:
            return self.model({**fixed, **dict(zip(names, inputs, strict=True))})["sentence_embedding"]

    axes: dict[str, dict[int, str]] = {name: {0: "batch", 1: "tokens"} for name in names}
    axes["embedding"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(
            SentenceEmbedding().eval(),
            tuple(sample[name] for name in names),
            str(folder / MODEL_FILE),
            input_names=names,
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    _write_tokenizer(model, folder)
    meta = {
        "format": EXPORT_FORMAT,
        "source": str(model_dir.resolve()),
        "max_seq_length": int(model.max_seq_length),
        "do_lower_case": bool(getattr(model[0], "do_lower_case", False)),
        "dimension": int(_dimension(model)),
    }
    (folder / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def _dimension(model: Any) -> int:
    named = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(named())


def _write_tokenizer(model: Any, folder: Path) -> None:
    """The fast tokenizer sentence-transformers really used (not necessarily the folder's
    tokenizer.json: transformers may build it from vocab files), saved with its own settings."""
    backend = getattr(model.tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise ModelError("the model has no fast tokenizer; onnx export needs one")
    backend.save(str(folder / TOKENIZER_FILE))
    (folder / TOKENIZER_FILE).chmod(0o600)


def _check(model: Any, folder: Path, threads: int | None) -> float:
    """Largest cosine distance between the export and sentence-transformers on CHECK_TEXTS."""
    import numpy as np

    texts = list(CHECK_TEXTS)
    expected = np.asarray(model.encode(texts, convert_to_numpy=True, show_progress_bar=False), dtype=np.float32)
    got = OnnxRunner(folder, threads).run(texts)
    cosine = (expected * got).sum(axis=1) / (np.linalg.norm(expected, axis=1) * np.linalg.norm(got, axis=1))
    gap = float(1.0 - cosine.min())
    if not gap <= MAX_COSINE_GAP:
        raise ModelError(f"the ONNX export differs from sentence-transformers (cosine gap {gap:.2e})")
    return gap
