"""Derived data packed so that a command decodes only what it reads.

A file of named sections (``pack``/``Sections``) is checked by one SHA-256 when it is opened and
each section is decoded on first use. A section may itself hold many values, each decoded alone:
``Slots`` (value i), ``Chunked`` (one value per record position, 256 to a slot) and ``HashedMap``
(text keys spread over slots by CRC-32). Values are ``marshal`` data: fast to decode, and only ever
read back after the checksum proved they are the bytes this module wrote (marshal is not meant
for data it did not write).
"""

from __future__ import annotations

import hashlib
import marshal
import zlib
from array import array

_OFFSET = "Q"  # 8-byte offsets: sections and slots may pass 4 GiB in principle
CHUNK = 256  # record positions per slot of a Chunked section


def pack_slots(values) -> bytes:
    """Values one after another, each marshal'd, after a table of where each ends."""
    parts = [marshal.dumps(value) for value in values]
    ends = array(_OFFSET, [0] * len(parts))
    total = 0
    for i, part in enumerate(parts):
        total += len(part)
        ends[i] = total
    return len(parts).to_bytes(8, "little") + ends.tobytes() + b"".join(parts)


class Slots:
    """Values written by ``pack_slots``; value i is decoded (once) when asked for."""

    __slots__ = ("_ends", "_data", "_decoded")

    def __init__(self, view: memoryview):
        count = int.from_bytes(view[:8], "little")
        table_end = 8 + count * array(_OFFSET).itemsize
        self._ends = array(_OFFSET)
        self._ends.frombytes(view[8:table_end])
        self._data = view[table_end:]
        self._decoded: dict[int, object] = {}

    def __len__(self) -> int:
        return len(self._ends)

    def slot(self, i: int):
        value = self._decoded.get(i)
        if value is None:
            start = self._ends[i - 1] if i else 0
            value = self._decoded[i] = marshal.loads(self._data[start:self._ends[i]])
        return value


def pack_chunked(values: list) -> bytes:
    """One value per record position (``Chunked``), ``CHUNK`` positions to a slot."""
    return len(values).to_bytes(8, "little") + pack_slots(values[i:i + CHUNK] for i in range(0, len(values), CHUNK))


class Chunked:
    """The value of each record position, decoded a slot (``CHUNK`` positions) at a time."""

    __slots__ = ("_count", "_slots")

    def __init__(self, view: memoryview):
        self._count = int.from_bytes(view[:8], "little")
        self._slots = Slots(view[8:])

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, position: int):
        if not 0 <= position < self._count:
            raise IndexError(position)
        return self._slots.slot(position // CHUNK)[position % CHUNK]


def _bucket(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


def pack_map(mapping: dict[str, object], per_slot: int = 128) -> bytes:
    """A text-keyed map as ``HashedMap`` slots of about ``per_slot`` keys each."""
    buckets = max(1, len(mapping) // per_slot)
    parts: list[dict[str, object]] = [{} for _ in range(buckets)]
    for key, value in mapping.items():
        parts[_bucket(key, buckets)][key] = value
    return pack_slots(parts)


class HashedMap:
    """A read-only text-keyed map; a lookup decodes only the slot its key hashes to."""

    __slots__ = ("_slots",)

    def __init__(self, view: memoryview):
        self._slots = Slots(view)

    def get(self, key: str, default=None):
        return self._slots.slot(_bucket(key, len(self._slots))).get(key, default)

    def __getitem__(self, key: str):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: str) -> bool:
        return self.get(key, _MISSING) is not _MISSING


_MISSING = object()


def pack(magic: bytes, key: tuple, sections: dict[str, bytes]) -> bytes:
    """A file of named sections (raw bytes each), for the data ``key`` names, checksummed whole."""
    where: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, raw in sections.items():
        where[name] = (offset, offset + len(raw))
        offset += len(raw)
    header = marshal.dumps((key, where))
    payload = len(header).to_bytes(8, "little") + header + b"".join(sections.values())
    return magic + hashlib.sha256(payload).digest() + payload


class Sections:
    """A file ``pack`` wrote: its sections' bytes by name (``raw``), trusted only once checked."""

    __slots__ = ("_view", "_where", "key")

    def __init__(self, view: memoryview, where: dict[str, tuple[int, int]], key: tuple):
        self._view = view
        self._where = where
        self.key = key

    @classmethod
    def unpack(cls, data: bytes, magic: bytes) -> Sections | None:
        """The sections of ``data``, or None when it is not a whole file ``pack`` wrote."""
        start = len(magic) + 32
        if not data.startswith(magic) or len(data) < start + 8:
            return None
        view = memoryview(data)
        if hashlib.sha256(view[start:]).digest() != data[len(magic):start]:
            return None
        header_end = start + 8 + int.from_bytes(view[start:start + 8], "little")
        try:
            key, where = marshal.loads(view[start + 8:header_end])
        except (EOFError, ValueError, TypeError):
            return None
        return cls(view[header_end:], where, key)

    def __contains__(self, name: str) -> bool:
        return name in self._where

    def raw(self, name: str) -> memoryview:
        first, last = self._where[name]
        return self._view[first:last]

    def value(self, name: str):
        """A section holding one marshal'd value, decoded."""
        return marshal.loads(self.raw(name))
