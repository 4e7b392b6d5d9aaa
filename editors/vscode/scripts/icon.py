"""Draws icon.png (128x128 RGBA) with the standard library only: a navy tile, a sheet of
copy with lines of text, an orange opening quotation mark and a green check.

    python3 scripts/icon.py icon.png
"""
import struct
import sys
import zlib

SIZE = 128
NAVY, PAPER, GREY = (31, 58, 95), (244, 241, 232), (154, 165, 177)
ORANGE, GREEN, WHITE = (217, 72, 15), (43, 138, 62), (255, 255, 255)


def inside_rounded(x, y, left, top, right, bottom, radius):
    if not (left <= x < right and top <= y < bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def near_segment(x, y, a, b, width):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2


def colour(x, y):
    px, py = x + 0.5, y + 0.5
    # The check, on a green disc at the sheet's lower right.
    if (px - 94) ** 2 + (py - 92) ** 2 <= 17**2:
        if near_segment(px, py, (86, 92), (92, 98), 5) or near_segment(px, py, (92, 98), (102, 85), 5):
            return WHITE
        return GREEN
    # An opening quotation mark: two dots with tails.
    for cx in (40, 56):
        if (px - cx) ** 2 + (py - 92) ** 2 <= 6**2 or near_segment(px, py, (cx - 4, 90), (cx + 3, 80), 4):
            return ORANGE
    if inside_rounded(px, py, 22, 24, 106, 106, 6):
        for top, right in ((38, 96), (52, 84), (66, 92)):
            if inside_rounded(px, py, 32, top, right, top + 7, 3):
                return GREY
        return PAPER
    if inside_rounded(px, py, 4, 4, 124, 124, 22):
        return NAVY
    return None


def png(path):
    rows = bytearray()
    for y in range(SIZE):
        rows.append(0)
        for x in range(SIZE):
            c = colour(x, y)
            rows.extend((*c, 255) if c else (0, 0, 0, 0))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    png(sys.argv[1] if len(sys.argv) > 1 else "icon.png")
