"""A GGUF header reader: the metadata and the tensor table, never the weights.

The file is memory-mapped read-only and walked once. Big arrays (a tokenizer's vocabulary and
merges) are stepped over, not decoded: only their lengths are kept. What is read is checked
against the file's size, so a damaged file is an error, never a huge allocation or a hang.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from recchat.errors import ModelError

MAGIC = b"GGUF"
VERSIONS = (2, 3)  # version 1 (2023) used 32-bit counts; llama.cpp no longer reads it
DEFAULT_ALIGNMENT = 32
MAX_ENTRIES = 1 << 20  # no real file has a million keys or tensors: more means a damaged header
MAX_KEPT_STRING = 1 << 20  # longer strings are stepped over (a chat template is a few KiB)

Scalar = int | float | bool | str

# value type -> struct format of one value (8: string and 9: array are read apart)
_SCALARS: dict[int, struct.Struct] = {
    0: struct.Struct("<B"),
    1: struct.Struct("<b"),
    2: struct.Struct("<H"),
    3: struct.Struct("<h"),
    4: struct.Struct("<I"),
    5: struct.Struct("<i"),
    6: struct.Struct("<f"),
    7: struct.Struct("<?"),
    10: struct.Struct("<Q"),
    11: struct.Struct("<q"),
    12: struct.Struct("<d"),
}
_STRING, _ARRAY = 8, 9
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")

# ggml tensor type -> (values per block, bytes per block): how long each tensor's data is, so a
# file cut short is found without reading its weights. A type missing here is not measured.
BLOCKS: dict[int, tuple[int, int]] = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34), 9: (32, 36),
    10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210), 15: (256, 292),
    16: (256, 66), 17: (256, 74), 18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110),
    22: (256, 82), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
    29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66), 39: (32, 17),
}  # fmt: skip


@dataclass(frozen=True)
class GgufHeader:
    path: Path
    version: int
    metadata: Mapping[str, Scalar]  # every scalar and string value (strings past 1 MiB left out)
    arrays: Mapping[str, int]  # every array value's length (its contents are not read)
    tensor_count: int
    parameters: int  # how many weights the tensors here hold
    data_end: int | None  # where the last tensor's data ends; None when a tensor type is unknown here
    file_size: int
    tensor_prefixes: frozenset[str] = field(default_factory=frozenset)  # "blk", "token_embd", "v", ...

    def text(self, key: str) -> str | None:
        value = self.metadata.get(key)
        return value if isinstance(value, str) else None

    def number(self, key: str) -> int | None:
        value = self.metadata.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def truncated(self) -> bool:
        return self.data_end is not None and self.file_size < self.data_end


def read_header(path: Path) -> GgufHeader:
    """The header of the GGUF file at `path` (symlinks followed). Raises ModelError, naming the
    file, when it is not a GGUF file or its header is damaged."""
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            if size < 24:
                raise ModelError(f"{path} is not a GGUF model file (only {size} bytes)")
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return _Reader(path, data, size).header()
    except OSError as error:
        raise ModelError(f"cannot read model file {path}: {error.strerror or error}") from error


class _Reader:
    def __init__(self, path: Path, data: mmap.mmap, size: int) -> None:
        self.path = path
        self.data = data
        self.size = size
        self.at = 0

    def fail(self, problem: str) -> ModelError:
        return ModelError(f"{self.path}: {problem}", "the file may be incomplete or damaged: download it again")

    def take(self, count: int) -> int:
        """Advance past `count` bytes; returns where they start."""
        start = self.at
        if count < 0 or start + count > self.size:
            raise self.fail(f"the header runs past the end of the file (at byte {start:,})")
        self.at = start + count
        return start

    def u32(self) -> int:
        value: int = _U32.unpack_from(self.data, self.take(4))[0]
        return value

    def u64(self) -> int:
        value: int = _U64.unpack_from(self.data, self.take(8))[0]
        return value

    def string(self, keep: bool = True) -> str:
        length = self.u64()
        start = self.take(length)
        if not keep or length > MAX_KEPT_STRING:
            return ""
        return self.data[start : start + length].decode("utf-8", errors="replace")

    def header(self) -> GgufHeader:
        if self.data[:4] != MAGIC:
            raise ModelError(f"{self.path} is not a GGUF model file", "recchat reads llama.cpp's GGUF format")
        self.take(4)
        version = self.u32()
        if version not in VERSIONS:
            raise self.fail(f"GGUF version {version} is not one llama.cpp reads")
        tensor_count, kv_count = self.u64(), self.u64()
        if tensor_count > MAX_ENTRIES or kv_count > MAX_ENTRIES:
            raise self.fail("the header's counts are impossible")
        metadata: dict[str, Scalar] = {}
        arrays: dict[str, int] = {}
        for _ in range(kv_count):
            key = self.string()
            kind = self.u32()
            if kind == _ARRAY:
                arrays[key] = self.skip_array()
            else:
                value = self.value(kind)
                if value is not None:
                    metadata[key] = value
        alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(alignment, int) or alignment <= 0:
            alignment = DEFAULT_ALIGNMENT
        parameters, data_end, prefixes = self.tensors(tensor_count, alignment)
        return GgufHeader(self.path, version, metadata, arrays, tensor_count, parameters, data_end, self.size, prefixes)

    def value(self, kind: int) -> Scalar | None:
        if kind == _STRING:
            return self.string()
        scalar = _SCALARS.get(kind)
        if scalar is None:
            raise self.fail(f"unknown value type {kind}")
        value: Scalar = scalar.unpack_from(self.data, self.take(scalar.size))[0]
        return value

    def skip_array(self) -> int:
        kind, count = self.u32(), self.u64()
        if count > self.size - self.at:  # each item takes a byte at least
            raise self.fail(
                f"the header runs past the end of the file (an array of {count:,} items at byte {self.at:,})"
            )
        if kind == _STRING:
            self.skip_strings(count)
        elif kind in _SCALARS:
            self.take(count * _SCALARS[kind].size)
        elif kind == _ARRAY:
            for _ in range(count):
                self.skip_array()
        else:
            raise self.fail(f"unknown array type {kind}")
        return count

    def skip_strings(self, count: int) -> None:
        """Step over `count` strings: a tokenizer's 50,000-250,000 of them, so the loop is tight."""
        unpack, data, at = _U64.unpack_from, self.data, self.at
        try:
            for _ in range(count):
                at += 8 + unpack(data, at)[0]
        except struct.error:
            at = self.size + 1
        if at > self.size:
            raise self.fail("a string array runs past the end of the file")
        self.at = at

    def tensors(self, count: int, alignment: int) -> tuple[int, int | None, frozenset[str]]:
        parameters = 0
        extent: int | None = 0
        prefixes: set[str] = set()
        for _ in range(count):
            name = self.string()
            dims = self.u32()
            if dims > 8:
                raise self.fail(f"tensor {name!r} has {dims} dimensions")
            values = 1
            for _ in range(dims):
                values *= self.u64()
            kind, offset = self.u32(), self.u64()
            parameters += values
            prefixes.add(name.split(".", 1)[0])
            block = BLOCKS.get(kind)
            size = values // block[0] * block[1] if block else None
            extent = None if extent is None or size is None else max(extent, offset + size)
        start = -(-self.at // alignment) * alignment
        return parameters, (start + extent if extent is not None else None), frozenset(prefixes)
