"""Draw the site's icons (favicon, home-screen and app icons) as PNG files.

The mark: a white ring holding a check mark, on the site's indigo. The "any" icons are a
rounded square with clear corners; the maskable ones fill the whole square and keep the mark
inside the central circle (40 % of the size from the centre) that every platform's mask leaves
visible. Only the standard library is used (zlib and struct write the PNG), and the same code
gives the same bytes every time, so the committed files can be checked against it:

    python3 scripts/draw_icons.py            # (re)write overrides/assets/images/*.png
    python3 scripts/draw_icons.py --check    # exit 1 if a committed icon differs
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

INDIGO = (0x40, 0x51, 0xB5)  # Material's indigo primary, the site's header colour
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "images"

# name -> (size in pixels, maskable)
ICONS: dict[str, tuple[int, bool]] = {
    "favicon.png": (48, False),
    "icon-32.png": (32, False),
    "apple-touch-icon.png": (180, True),
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-192.png": (192, True),
    "icon-maskable-512.png": (512, True),
}

Distance = Callable[[float, float], float]


def _segment(ax: float, ay: float, bx: float, by: float) -> Distance:
    """Distance from a point to the segment a-b."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy

    def distance(x: float, y: float) -> float:
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2))
        return math.hypot(x - ax - t * dx, y - ay - t * dy)

    return distance


def _rounded_square_inside(x: float, y: float, radius: float) -> float:
    """Signed distance (negative inside) to the square [0, 1]^2 with rounded corners."""
    qx = abs(x - 0.5) - (0.5 - radius)
    qy = abs(y - 0.5) - (0.5 - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def _cover(signed_px: float) -> float:
    """How much of a pixel a shape covers, from its signed distance in pixels (smooth edge)."""
    return max(0.0, min(1.0, 0.5 - signed_px))


def draw(size: int, maskable: bool) -> bytes:
    """The icon's RGBA pixels, row by row, each row led by PNG's filter byte 0."""
    # The mark's scale: within the safe circle for maskable icons, larger otherwise.
    scale = 0.36 if maskable else 0.42
    ring_radius, ring_half_width = scale * 0.86, scale * 0.1
    check = [
        _segment(0.5 - scale * 0.42, 0.5 + scale * 0.02, 0.5 - scale * 0.12, 0.5 + scale * 0.32),
        _segment(0.5 - scale * 0.12, 0.5 + scale * 0.32, 0.5 + scale * 0.44, 0.5 - scale * 0.3),
    ]
    check_half_width = scale * 0.11
    rows = bytearray()
    for row in range(size):
        rows.append(0)
        y = (row + 0.5) / size
        for column in range(size):
            x = (column + 0.5) / size
            corner = _rounded_square_inside(x, y, 0.18) * size
            background = 1.0 if maskable else _cover(corner)
            ring = abs(math.hypot(x - 0.5, y - 0.5) - ring_radius) - ring_half_width
            tick = min(d(x, y) for d in check) - check_half_width
            mark = _cover(min(ring, tick) * size)
            colour = [round(i + (w - i) * mark) for i, w in zip(INDIGO, WHITE, strict=True)]
            rows += bytes([*colour, round(255 * background)])
    return bytes(rows)


def png(size: int, maskable: bool) -> bytes:
    """A complete PNG file (8-bit RGBA), with no timestamp or other varying chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(draw(size, maskable), 9))
        + chunk(b"IEND", b"")
    )


def main(argv: list[str]) -> int:
    check = "--check" in argv
    differs = []
    for name, (size, maskable) in ICONS.items():
        data = png(size, maskable)
        target = OUT / name
        if check:
            if not target.is_file() or target.read_bytes() != data:
                differs.append(name)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if differs:
        print(f"These icons differ from scripts/draw_icons.py: {', '.join(differs)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
