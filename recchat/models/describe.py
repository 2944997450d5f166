"""What a GGUF file is, from its header: a chat model (its architecture, size, quantization and
context), or something else a store keeps beside one (a projector, an adapter, an importance
matrix, a later part of a split file); and whether llama.cpp can load it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from recchat.errors import ModelError
from recchat.models.gguf import GgufHeader, read_header

# llama_ftype, as written in general.file_type: the quantization most tensors have
FILE_TYPES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
    12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
    19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
    26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
    36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE",
}  # fmt: skip
SPLIT_NAME = re.compile(r"^(?P<stem>.+)-(?P<part>\d{5})-of-(?P<parts>\d{5})\.gguf$", re.IGNORECASE)
# Tensors of an image encoder packed into the language model's own file (Ollama's newer
# engine does this); llama.cpp expects them in a separate projector file and refuses the model.
VISION_PREFIXES = frozenset({"v", "mm"})


@dataclass(frozen=True)
class ModelFacts:
    """One model file (all parts of a split one), as `recchat models` shows it."""

    path: Path  # the file to load: the first part of a split model
    architecture: str
    parameters: int
    size_label: str  # "135M", "3B", "8x7B"
    quantization: str  # "Q4_K_M"; "?" when the header does not say
    context_length: int | None  # what it was trained for
    file_size: int  # bytes, all parts together
    problem: str | None = None  # why llama.cpp would not load it; None: it loads
    left_out: str | None = None  # why it is not a chat model to offer; None: it is one

    @property
    def loads(self) -> bool:
        return self.problem is None


def describe(path: Path) -> ModelFacts:
    """The facts of the GGUF file at `path`, read from its header (and its parts' headers).
    Raises ModelError when the file is not a GGUF file or its header is damaged."""
    header = read_header(path)
    architecture = header.text("general.architecture") or "?"
    left_out = _not_a_chat_model(header, architecture)
    parts = _parts(path, header) if left_out is None else [header]
    parameters = sum(part.parameters for part in parts)
    file_size = sum(part.file_size for part in parts)
    context = header.number(f"{architecture}.context_length")
    return ModelFacts(
        path=path,
        architecture=architecture,
        parameters=parameters,
        size_label=header.text("general.size_label") or size_label(parameters),
        quantization=FILE_TYPES.get(header.number("general.file_type") or -1, "?"),
        context_length=context,
        file_size=file_size,
        problem=_problem(path, header, parts, architecture) if left_out is None else None,
        left_out=left_out,
    )


def _not_a_chat_model(header: GgufHeader, architecture: str) -> str | None:
    kind = header.text("general.type") or "model"
    if architecture == "clip" or kind == "mmproj":
        return "a projector (image encoder), not a chat model"
    if kind == "adapter" or any(key.startswith("adapter.") for key in header.metadata):
        return "an adapter (LoRA), not a whole model"
    if kind == "imatrix" or any(key.startswith("imatrix.") for key in (*header.metadata, *header.arrays)):
        return "an importance matrix for quantizing, not a model"
    if (header.number("split.no") or 0) > 0:
        return f"part {(header.number('split.no') or 0) + 1} of a split model (its first part is listed)"
    if header.tensor_count == 0 and (header.number("split.count") or 1) <= 1:
        return "a vocabulary without weights"
    if not (header.text("tokenizer.chat_template") or "").strip():
        return "no chat template (a base or embedding model)"
    return None


def _parts(path: Path, first: GgufHeader) -> list[GgufHeader]:
    """The headers of every part of a split model that is there; just `first` for one file."""
    count = first.number("split.count") or 1
    match = SPLIT_NAME.match(path.name)
    if count <= 1 or match is None:
        return [first]
    parts = [first]
    for number in range(2, count + 1):
        sibling = path.with_name(f"{match['stem']}-{number:05d}-of-{count:05d}.gguf")
        if sibling.exists():
            parts.append(read_header(sibling))
    return parts


def _problem(path: Path, header: GgufHeader, parts: list[GgufHeader], architecture: str) -> str | None:
    count = header.number("split.count") or 1
    if count > 1 and len(parts) < count:
        found = {p.number("split.no") for p in parts}
        missing = next(n for n in range(count) if n not in found)
        return f"part {missing + 1} of {count} is missing"
    if architecture not in llama_architectures():
        return f"architecture '{architecture}' is not one this llama.cpp knows"
    damaged = next((part for part in parts if part.truncated), None)
    if damaged is not None:
        return f"{damaged.path.name} is cut short ({damaged.file_size:,} of {damaged.data_end:,} bytes)"
    if header.tensor_prefixes & VISION_PREFIXES:
        return "its image encoder is inside the model file, a layout llama.cpp does not read"
    return None


def size_label(parameters: int) -> str:
    """135_000_000 -> '135M', 3_090_000_000 -> '3.1B'."""
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if parameters >= scale:
            value = parameters / scale
            return f"{value:.1f}{unit}".replace(".0", "") if value < 10 else f"{value:.0f}{unit}"
    return str(parameters)


@cache
def llama_architectures() -> frozenset[str]:
    text = (Path(__file__).parent / "llama_architectures.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def try_describe(path: Path) -> ModelFacts | ModelError:
    """The facts, or the error that says why there are none (a listing goes on past it)."""
    try:
        return describe(path)
    except ModelError as error:
        return error
