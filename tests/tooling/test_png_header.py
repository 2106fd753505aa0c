"""Reading a PNG's size and transparency with the standard library only."""

from __future__ import annotations

import struct
import zlib

import pytest

from bot.tooling.manifest import SOURCE_DIR
from bot.tooling.png_header import SIGNATURE, PngError, read_png_header


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, color_type: int, *extra: bytes) -> bytes:
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0))
    return SIGNATURE + header + b"".join(extra) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_the_committed_icons_have_the_sizes_teams_wants() -> None:
    color = read_png_header((SOURCE_DIR / "color.png").read_bytes())
    outline = read_png_header((SOURCE_DIR / "outline.png").read_bytes())

    assert (color.size, outline.size) == ((192, 192), (32, 32))
    assert outline.has_alpha


@pytest.mark.parametrize(
    ("color_type", "extra", "transparent"),
    [
        (6, (), True),  # RGBA
        (4, (), True),  # grey + alpha
        (2, (), False),  # RGB
        (3, (chunk(b"PLTE", b"\xff\xff\xff"), chunk(b"tRNS", b"\x00")), True),  # palette, transparent entry
        (3, (chunk(b"PLTE", b"\xff\xff\xff"),), False),
    ],
)
def test_transparency_comes_from_the_colour_type_or_a_trns_chunk(
    color_type: int, extra: tuple[bytes, ...], transparent: bool
) -> None:
    assert read_png_header(png(32, 32, color_type, *extra)).has_alpha is transparent


def test_a_file_that_is_not_a_png_is_refused() -> None:
    with pytest.raises(PngError, match="är ingen PNG-bild"):
        read_png_header(b"GIF89a")


def test_a_damaged_png_is_refused() -> None:
    data = bytearray(png(32, 32, 6))
    data[20] ^= 0xFF  # inside IHDR's width: the checksum no longer matches

    with pytest.raises(PngError, match="fel kontrollsumma i blocket 'IHDR'"):
        read_png_header(bytes(data))


def test_a_cut_off_png_is_refused() -> None:
    with pytest.raises(PngError, match="avkortat"):
        read_png_header(png(32, 32, 6)[:30])
