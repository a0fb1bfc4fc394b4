"""Turn page bytes into text: declared charsets are hints to verify, never facts."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

logger = logging.getLogger(__name__)

# Browsers read this much of a page looking for <meta charset>; so do we.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels whose real-world content is a superset of what they name (WHATWG does the same):
# gb2312 pages carry GBK-only characters in names, latin-1 pages carry cp1252 quotes.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    # A page that was read as text at all is not UTF-16; WHATWG reads such labels as UTF-8.
    "utf_16": "utf_8",
    "utf_16_le": "utf_8",
    "utf_16_be": "utf_8",
}


_WEAK_DEFAULTS = frozenset({"cp1252", "utf_8"})


def normalise_charset(label: str | None) -> str | None:
    """Return the Python codec to use for a charset label, or None when it is unknown."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    if cleaned.startswith(("gb", "x-gb", "cp936", "euc-cn", "x-euc-cn")):
        return "gb18030"
    if cleaned.startswith("x-mac-"):
        cleaned = "mac_" + cleaned[len("x-mac-") :]
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return _SUPERSETS.get(name, name)


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets the server and the page claim, header first (as browsers rank them)."""
    labels: list[str | None] = []
    if content_type:
        header = _HEADER_CHARSET.search(content_type)
        labels.append(header.group(1) if header else None)
    head = body[:_PRESCAN_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            labels.append(found.group(1).decode("ascii", "ignore"))
    codecs_found: list[str] = []
    for label in labels:
        codec = normalise_charset(label)
        if codec and codec not in codecs_found:
            codecs_found.append(codec)
    return codecs_found


def _bom_codec(body: bytes) -> str | None:
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec
    return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def detect_codec(body: bytes, content_type: str | None = None) -> str:
    """Choose the codec for a page: BOM, then verified declarations, then detection."""
    bom = _bom_codec(body)
    if bom:
        return bom
    if body.isascii():
        return "utf-8"
    # Legacy multi-byte text is practically never valid UTF-8, so bytes that are valid
    # UTF-8 are UTF-8 whatever the page declares (browsers re-save pages this way).
    if _is_utf8(body):
        return "utf-8"
    declared = declared_charsets(body, content_type)
    # A Western default is what servers send when nobody configured them: a page's own
    # specific declaration, or detection, outranks it.
    specific = [codec for codec in declared if codec not in _WEAK_DEFAULTS]
    for codec in specific:
        if codec != "utf_8" and _decodes(body, codec):
            return codec
    best = from_bytes(body).best()
    detected = normalise_charset(best.encoding) if best is not None else None
    weak = [codec for codec in declared if codec in _WEAK_DEFAULTS]
    if weak and (detected is None or detected in _WEAK_DEFAULTS):
        return weak[0]
    if detected:
        logger.debug("declared %s did not fit; detected %s", declared, detected)
        return detected
    # Nothing fits cleanly: the first declaration with replacement characters is the
    # least damaging reading.
    return declared[0] if declared else "utf-8"


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode page bytes to text, verifying any declared charset against the bytes."""
    codec = detect_codec(body, content_type)
    text = body.decode(codec, errors="replace")
    # lxml refuses str input that carries an XML encoding declaration; the bytes are
    # already decoded, so the declaration is stale anyway.
    return _XML_DECLARATION.sub("", text, count=1)
