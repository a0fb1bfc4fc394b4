"""Small but valid PNG and JPEG pictures, drawn from a seed so each image path has its own bytes."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Sequence

RGB = tuple[int, int, int]
TILE = 8  # a JPEG block; the pictures are mosaics of flat 8x8 tiles

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def mosaic(seed: str, columns: int, rows: int) -> list[list[RGB]]:
    """Tile colours for a picture: one hue from the seed, shaded across the tiles."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    red, green, blue = digest[0], digest[1], digest[2]

    def tile(x: int, y: int) -> RGB:
        shade = 9 * x + 13 * y + digest[3 + (x * y) % 16]
        return ((red + shade) % 256, (green + shade) % 256, (blue + shade) % 256)

    return [[tile(x, y) for x in range(columns)] for y in range(rows)]


def png_bytes(tiles: Sequence[Sequence[RGB]]) -> bytes:
    """An 8-bit RGB PNG of the tile mosaic, each tile 8x8 pixels."""
    width, height = len(tiles[0]) * TILE, len(tiles) * TILE
    raw = bytearray()
    for tile_row in tiles:
        line = b"".join(bytes(colour) * TILE for colour in tile_row)
        for _ in range(TILE):
            raw += b"\x00" + line  # filter type 0: none
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


# Baseline JPEG of flat 8x8 blocks: with every quantiser 1, a flat block's only non-zero DCT
# coefficient is DC = 8 * (level - 128), so each block is a DC difference and an end-of-block.
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)  # the standard luminance DC table
_DC_VALUES = tuple(range(12))
_AC_BITS = (1,) + (0,) * 15  # one code, "0": end of block
_AC_VALUES = (0,)


def _huffman_codes(bits: Sequence[int], values: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes (code, length) from a DHT bit-count table."""
    codes: dict[int, tuple[int, int]] = {}
    code, index = 0, 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[values[index]] = (code, length)
            code += 1
            index += 1
        code <<= 1
    return codes


_DC_CODES = _huffman_codes(_DC_BITS, _DC_VALUES)
_EOB = _huffman_codes(_AC_BITS, _AC_VALUES)[0]


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self._acc = 0
        self._count = 0

    def write(self, value: int, length: int) -> None:
        for shift in range(length - 1, -1, -1):
            self._acc = (self._acc << 1) | ((value >> shift) & 1)
            self._count += 1
            if self._count == 8:
                self._emit()

    def _emit(self) -> None:
        self.out.append(self._acc)
        if self._acc == 0xFF:
            self.out.append(0x00)  # byte stuffing
        self._acc, self._count = 0, 0

    def finish(self) -> bytes:
        if self._count:
            self.write(0xFF, 8 - self._count)  # pad with one-bits
        return bytes(self.out)


def _ycbcr(colour: RGB) -> tuple[int, int, int]:
    r, g, b = colour
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return _byte(y), _byte(cb), _byte(cr)


def _byte(value: float) -> int:
    return max(0, min(255, round(value)))


def _write_dc(bits: _BitWriter, diff: int) -> None:
    size = abs(diff).bit_length()
    code, length = _DC_CODES[size]
    bits.write(code, length)
    if size:
        bits.write(diff if diff >= 0 else diff + (1 << size) - 1, size)


def jpeg_bytes(tiles: Sequence[Sequence[RGB]]) -> bytes:
    """A baseline YCbCr JPEG (4:4:4) of the tile mosaic, each tile one 8x8 block."""
    width, height = len(tiles[0]) * TILE, len(tiles) * TILE
    bits = _BitWriter()
    previous = [0, 0, 0]
    for tile_row in tiles:
        for colour in tile_row:
            for component, level in enumerate(_ycbcr(colour)):
                dc = 8 * (level - 128)
                _write_dc(bits, dc - previous[component])
                previous[component] = dc
                bits.write(*_EOB)
    components = b"".join(bytes((ident, 0x11, 0)) for ident in (1, 2, 3))
    tables = bytes((0x00, *_DC_BITS, *_DC_VALUES)) + bytes((0x10, *_AC_BITS, *_AC_VALUES))
    return b"".join(
        [
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xDB, b"\x00" + b"\x01" * 64),
            _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + components),
            _segment(0xC4, tables),
            _segment(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00"),
            bits.finish(),
            b"\xff\xd9",
        ]
    )


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def picture(path: str, columns: int = 12, rows: int = 8) -> tuple[str, bytes] | None:
    """(content type, bytes) of the picture served at path, by its extension; None if no image."""
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    content_type = IMAGE_TYPES.get(suffix)
    if content_type is None:
        return None
    tiles = mosaic(path, columns, rows)
    body = png_bytes(tiles) if content_type == "image/png" else jpeg_bytes(tiles)
    return content_type, body


def copy_of_picture(original: str, copy_path: str) -> tuple[str, bytes] | None:
    """The picture served at ``original``, encoded again as ``copy_path``'s type: the copy a
    CMS makes for another column, other bytes of the same picture."""
    suffix = copy_path[copy_path.rfind(".") :].lower() if "." in copy_path else ""
    content_type = IMAGE_TYPES.get(suffix)
    if content_type is None:
        return None
    tiles = mosaic(original, 12, 8)
    body = png_bytes(tiles) if content_type == "image/png" else jpeg_bytes(tiles)
    return content_type, body
