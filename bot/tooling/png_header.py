"""What the package check needs to know of a PNG, read from its header with the standard library."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour types with an alpha channel: 4 grey + alpha, 6 RGBA. Others are transparent only with a tRNS chunk.
_ALPHA_TYPES = frozenset({4, 6})


class PngError(ValueError):
    pass


@dataclass(frozen=True)
class PngHeader:
    width: int
    height: int
    bit_depth: int
    color_type: int
    has_transparency_chunk: bool

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    @property
    def has_alpha(self) -> bool:
        return self.color_type in _ALPHA_TYPES or self.has_transparency_chunk


def read_png_header(data: bytes) -> PngHeader:
    """The IHDR fields, and whether a tRNS chunk comes before the image data. Raises PngError (Swedish)."""
    if not data.startswith(SIGNATURE):
        raise PngError("är ingen PNG-bild")
    chunks = _chunks(data)
    kind, body = next(chunks, (b"", b""))
    if kind != b"IHDR" or len(body) != 13:
        raise PngError("är en trasig PNG-bild: IHDR saknas")
    width, height, bit_depth, color_type = struct.unpack(">IIBB", body[:10])
    # tRNS, when present, must come before the first IDAT; nothing after it matters here.
    transparency = any(kind == b"tRNS" for kind, _ in _until_image_data(chunks))
    return PngHeader(width, height, bit_depth, color_type, transparency)


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    offset = len(SIGNATURE)
    while offset + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        end = offset + 8 + length
        if end + 4 > len(data):
            raise PngError(f"är en trasig PNG-bild: blocket {kind.decode('latin-1')!r} är avkortat")
        body = data[offset + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != crc:
            raise PngError(f"är en trasig PNG-bild: fel kontrollsumma i blocket {kind.decode('latin-1')!r}")
        yield kind, body
        offset = end + 4


def _until_image_data(chunks: Iterable[tuple[bytes, bytes]]) -> Iterator[tuple[bytes, bytes]]:
    for kind, body in chunks:
        if kind in (b"IDAT", b"IEND"):
            return
        yield kind, body
