"""GGUF files for tests, made from the bundled SmolLM2 model: the same file with header keys
changed (a projector, an adapter, no chat template, ...), and the same model split in parts as
llama.cpp's gguf-split writes them. Written from the GGUF specification, independently of
recchat's reader, so that a test of the reader does not check it against itself."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# value types of the GGUF specification
U8, I8, U16, I16, U32, I32, F32, BOOL, STRING, ARRAY, U64, I64, F64 = range(13)
_SIZES = {U8: 1, I8: 1, U16: 2, I16: 2, U32: 4, I32: 4, F32: 4, BOOL: 1, U64: 8, I64: 8, F64: 8}
_FORMATS = {U8: "<B", I8: "<b", U16: "<H", I16: "<h", U32: "<I", I32: "<i", F32: "<f", BOOL: "<?", U64: "<Q"}
_FORMATS.update({I64: "<q", F64: "<d"})
Typed = tuple[int, object]  # (value type, value)


@dataclass(frozen=True)
class Tensor:
    name: str
    info: bytes  # n_dims, dims and type, as stored (the offset is written apart)
    data: bytes


@dataclass(frozen=True)
class Gguf:
    version: int
    entries: list[tuple[str, bytes]]  # (key, type and value as stored)
    tensors: list[Tensor]
    alignment: int

    def key_names(self) -> list[str]:
        return [key for key, _ in self.entries]


def _string(text: str) -> bytes:
    raw = text.encode("utf-8")
    return struct.pack("<Q", len(raw)) + raw


def encode(value: Typed) -> bytes:
    kind, content = value
    if kind == STRING:
        return struct.pack("<I", STRING) + _string(str(content))
    return struct.pack("<I", kind) + struct.pack(_FORMATS[kind], content)


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, count: int) -> bytes:
        piece = self.data[self.at : self.at + count]
        self.at += count
        return piece

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack("<Q", self.take(8))[0])

    def string(self) -> str:
        return self.take(self.u64()).decode("utf-8")

    def skip_value(self, kind: int) -> None:
        if kind == STRING:
            self.take(self.u64())
        elif kind == ARRAY:
            inner, count = self.u32(), self.u64()
            for _ in range(count):
                self.skip_value(inner)
        else:
            self.take(_SIZES[kind])


@lru_cache(maxsize=2)  # the bundled model is read once for all its variants; callers never change it
def parse(path: Path) -> Gguf:
    data = path.read_bytes()
    cursor = _Cursor(data)
    assert cursor.take(4) == b"GGUF"
    version = cursor.u32()
    tensor_count, kv_count = cursor.u64(), cursor.u64()
    entries: list[tuple[str, bytes]] = []
    alignment = 32
    for _ in range(kv_count):
        key = cursor.string()
        start = cursor.at
        kind = cursor.u32()
        cursor.skip_value(kind)
        entries.append((key, data[start : cursor.at]))
        if key == "general.alignment":
            alignment = int(struct.unpack("<I", data[start + 4 : start + 8])[0])
    infos = []
    for _ in range(tensor_count):
        name = cursor.string()
        start = cursor.at
        dims = cursor.u32()
        cursor.take(8 * dims + 4)
        info = data[start : cursor.at]
        infos.append((name, info, cursor.u64()))
    data_start = -(-cursor.at // alignment) * alignment
    ends = [*sorted({offset for _, _, offset in infos})[1:], len(data) - data_start]
    end_of = dict(zip(sorted({offset for _, _, offset in infos}), ends, strict=True))
    tensors = [
        Tensor(name, info, data[data_start + offset : data_start + end_of[offset]]) for name, info, offset in infos
    ]
    return Gguf(version, entries, tensors, alignment)


def write(gguf: Gguf, path: Path, *, sparse_weights: bool = False) -> Path:
    """The file; `sparse_weights`: the weights left as a hole of zeros of the right length (a
    header to read, not a model to run), so the test folder stays small."""
    head = bytearray(b"GGUF" + struct.pack("<IQQ", gguf.version, len(gguf.tensors), len(gguf.entries)))
    for key, value in gguf.entries:
        head += _string(key) + value
    offset = 0
    for tensor in gguf.tensors:
        head += _string(tensor.name) + tensor.info + struct.pack("<Q", offset)
        offset += -(-len(tensor.data) // gguf.alignment) * gguf.alignment
    head += b"\0" * (-len(head) % gguf.alignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(head)
        if sparse_weights:
            handle.truncate(len(head) + offset)
            return path
        for tensor in gguf.tensors:
            handle.write(tensor.data + b"\0" * (-len(tensor.data) % gguf.alignment))
    return path


def edited(
    source: Path, target: Path, *, set_keys: dict[str, Typed] | None = None, drop: tuple[str, ...] = (), **options: bool
) -> Path:
    """`source` with some header keys set (added or replaced) or dropped, written at `target`."""
    gguf = parse(source)
    changes = {key: encode(value) for key, value in (set_keys or {}).items()}
    entries = [(key, changes.pop(key, value)) for key, value in gguf.entries if key not in drop]
    changed = Gguf(gguf.version, [*entries, *changes.items()], gguf.tensors, gguf.alignment)
    return write(changed, target, **options)


def split(source: Path, folder: Path, stem: str, parts: int = 2) -> list[Path]:
    """The model in `parts` files named as gguf-split names them: the first keeps the metadata
    and its share of the tensors, the others only the split keys and theirs."""
    gguf = parse(source)
    share = -(-len(gguf.tensors) // parts)
    files = []
    for number in range(parts):
        split_keys = [
            ("split.no", encode((U16, number))),
            ("split.count", encode((U16, parts))),
            ("split.tensors.count", encode((I32, len(gguf.tensors)))),
        ]
        entries = gguf.entries + split_keys if number == 0 else split_keys
        piece = Gguf(gguf.version, entries, gguf.tensors[number * share : (number + 1) * share], gguf.alignment)
        files.append(write(piece, folder / f"{stem}-{number + 1:05d}-of-{parts:05d}.gguf"))
    return files
