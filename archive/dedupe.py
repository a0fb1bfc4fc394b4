"""Content identity: normalised text, its hash, and word counts that work for CJK."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from archive.records import ArticleRecord

_SPACE = re.compile(r"\s+")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, whitespace collapsed, case kept."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """sha256 of the normalised text: equal for the same text however it was spaced."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words in alphabetic scripts plus characters in CJK ones (each counts as a word)."""
    without_cjk, cjk = _CJK_CHAR.subn(" ", text)
    return cjk + _WORD.subn("", without_cjk)[1]  # a count of matches, without their list


def same_content(
    record: ArticleRecord, stored: dict[str, object], text_hash: str | None = None
) -> bool:
    """Whether ``record`` says what the stored article says (what makes a new version);
    ``text_hash`` is the record's ``content_hash`` when already known."""
    return (
        (text_hash or content_hash(record.text)) == stored["content_hash"]
        and (record.title or None) == (stored["title"] or None)
        and (record.published or None) == (stored["published"] or None)
        and (record.author or None) == (stored["author"] or None)
    )
