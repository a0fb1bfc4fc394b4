"""Whether two downloaded images are one picture: a difference hash of each, compared.

A version in another language often carries the release's photo re-encoded, resized or
recompressed by its own column of the CMS: other bytes, other address, the same picture.
The hash (64 bits: is each pixel of a 9×8 grey thumbnail brighter than its right neighbour)
survives all three; two pictures are one when at most ``NEAR`` bits differ.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)

NEAR = 6  # differing bits of 64
# A hash with fewer bits set than this, or fewer clear, is a flat picture (a blank, a logo on
# one colour): near any other such, so it tells nothing.
_FLAT = 8
_WIDTH, _HEIGHT = 9, 8


@lru_cache(maxsize=4096)
def picture_hash(path: Path) -> int | None:
    """The picture's difference hash, or None for a file that is missing or no image."""
    try:
        with Image.open(path) as image:
            grey = image.convert("L").resize((_WIDTH, _HEIGHT), Image.Resampling.LANCZOS)
            pixels = grey.tobytes()  # one byte a pixel, row by row
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        log.debug("no picture hash for %s: %s", path, exc)
        return None
    bits = 0
    for row in range(_HEIGHT):
        for column in range(_WIDTH - 1):
            left, right = pixels[row * _WIDTH + column], pixels[row * _WIDTH + column + 1]
            bits = (bits << 1) | (left > right)
    return bits


def one_picture(one: Path, other: Path) -> bool:
    """Whether two image files show one picture (near-identical hashes)."""
    first, second = picture_hash(one), picture_hash(other)
    if first is None or second is None or _flat(first) or _flat(second):
        return False
    return bin(first ^ second).count("1") <= NEAR


def _flat(bits: int) -> bool:
    ones = bin(bits).count("1")
    return ones < _FLAT or ones > (_WIDTH - 1) * _HEIGHT - _FLAT
