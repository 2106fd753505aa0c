"""Draws the app's two icons once: color.png (192×192) and outline.png (32×32, white on transparent).

Run by hand when the design changes, then commit the PNGs:

    .venv/bin/pip install pillow      # only for this script; the bot never imports Pillow
    .venv/bin/python manifest/make_icons.py

The symbol is a check mark in a ring: a decision taken and recorded, which is what the group's
meetings produce. Shapes are drawn at 8× and scaled down so that the edges are smooth.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (0x1F, 0x3A, 0x5F)  # the manifest's accentColor: a dark civic blue
WHITE = (255, 255, 255)
SCALE = 8


def symbol_mask(size: int, ring_box: float, ring_width: float, check_width: float) -> Image.Image:
    """An 8-bit alpha mask of the ring and check mark, centred, as fractions of `size`."""
    big = size * SCALE
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    margin = big * (1 - ring_box) / 2
    draw.ellipse((margin, margin, big - margin, big - margin), outline=255, width=round(big * ring_width))
    # The check's three points, relative to the ring's box, then scaled to pixels.
    points = [(0.30, 0.52), (0.44, 0.66), (0.71, 0.37)]
    inner = big - 2 * margin
    pixels = [(margin + x * inner, margin + y * inner) for x, y in points]
    width = round(big * check_width)
    draw.line(pixels, fill=255, width=width, joint="curve")
    for x, y in (pixels[0], pixels[-1]):  # round caps, which ImageDraw.line lacks
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def white_on(mask: Image.Image, background: Image.Image) -> Image.Image:
    white = Image.new("RGBA", background.size, (*WHITE, 255))
    return Image.composite(white, background, mask)


def color_icon() -> Image.Image:
    # Teams crops the color icon itself: fill the square and keep the symbol in the middle ~60 %.
    background = Image.new("RGBA", (192, 192), (*ACCENT, 255))
    return white_on(symbol_mask(192, ring_box=0.60, ring_width=0.045, check_width=0.055), background)


def outline_icon() -> Image.Image:
    # White only, on a fully transparent background: Teams tints it. Every pixel's colour is white;
    # only the alpha varies, so no dark fringe shows on a dark theme.
    mask = symbol_mask(32, ring_box=0.92, ring_width=0.085, check_width=0.10)
    icon = Image.new("RGBA", (32, 32), (*WHITE, 0))
    icon.putalpha(mask)
    return icon


def main() -> None:
    color, outline = color_icon(), outline_icon()
    assert color.size == (192, 192) and outline.size == (32, 32)
    assert all(band.getextrema() == (255, 255) for band in outline.split()[:3]), (
        "the outline must be white only"
    )
    assert outline.getpixel((0, 0))[3] == 0, "the outline icon's background must be transparent"
    color.convert("RGB").save(HERE / "color.png", optimize=True)
    outline.save(HERE / "outline.png", optimize=True)
    print(f"Skrev {HERE / 'color.png'} och {HERE / 'outline.png'}")


if __name__ == "__main__":
    main()
