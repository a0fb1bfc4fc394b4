"""Media files: images kept content-addressed by sha256 under ``media/``, checked first.

Only real raster or vector images within the size and pixel limits are kept; the file name
is derived from the bytes, never from the URL, so no URL (``../``, absolute paths) can place
a file outside ``media/``.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

log = logging.getLogger(__name__)

MAX_PIXELS = 64_000_000  # a decompression bomb claims more than this
EXTENSIONS = {
    "JPEG": "jpg",
    "PNG": "png",
    "GIF": "gif",
    "WEBP": "webp",
    "BMP": "bmp",
    "TIFF": "tif",
    "ICO": "ico",
}


class MediaRejected(ValueError):
    """Bytes that are not an image we keep, with the reason."""


@dataclass(frozen=True)
class StoredMedia:
    sha256: str
    path: str  # relative to the data directory: media/ab/<sha256>.<ext>
    content_type: str
    bytes: int
    width: int | None
    height: int | None


def store_media(data_dir: Path, body: bytes, declared_type: str | None) -> StoredMedia:
    """Check ``body`` and write it under ``data_dir/media``; raises ``MediaRejected``."""
    if not body:
        raise MediaRejected("empty body")
    kind, width, height = identify(body, declared_type)
    digest = hashlib.sha256(body).hexdigest()
    relative = Path("media") / digest[:2] / f"{digest}.{kind[1]}"
    target = data_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        try:
            partial.write_bytes(body)
        except OSError:
            partial.unlink(missing_ok=True)  # a full disk leaves no half-written file either
            raise
        partial.replace(target)  # never a half-written file under its final name
    return StoredMedia(digest, relative.as_posix(), kind[0], len(body), width, height)


def identify(
    body: bytes, declared_type: str | None
) -> tuple[tuple[str, str], int | None, int | None]:
    """((content type, extension), width, height) read from the bytes themselves."""
    head = body[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        # Kept as a file but never rendered inline (scripts in SVG): served as a download.
        return ("image/svg+xml", "svg"), None, None
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(body)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise MediaRejected(f"{width}×{height} pixels is over the {MAX_PIXELS} limit")
                image.verify()
                fmt = image.format or ""
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise MediaRejected(f"decompression bomb: {exc}") from exc
        except MediaRejected:
            raise
        except Exception as exc:
            raise MediaRejected(f"not an image ({declared_type or 'no type'}): {exc}") from exc
    if fmt not in EXTENSIONS:
        raise MediaRejected(f"unsupported image format {fmt or 'unknown'}")
    return (Image.MIME.get(fmt, f"image/{fmt.lower()}"), EXTENSIONS[fmt]), width, height
