"""Dedupe: when two texts are one article (exact identity) or copies of one (near-duplicates).

Exact identity is the normalised text's hash, with title, date and byline: the same text
again is the same article, a changed one is a new version of it.

Near-duplicates are found with MinHash signatures and an LSH band index kept in SQLite.
Syndicated releases reappear on other official sites with another title prefix, a trimmed
paragraph or a changed sentence. Shingles are character 5-grams for CJK text (no word
boundaries to rely on) and word 3-grams for alphabetic text. Signatures are banded (42 bands
of 3 rows) into an indexed table, so finding candidates is an index lookup and memory stays
flat however large the archive grows; candidates are then checked against the threshold.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sqlite_utils

from archive.records import ArticleRecord

NUM_PERM = 128
BANDS, ROWS = 42, 3
SEED = 20220130  # fixed, so signatures stay comparable across runs and machines
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
_NOT_TEXT = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, whitespace collapsed, case kept."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """sha256 of the normalised text: equal for the same text however it was spaced."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words in alphabetic scripts plus characters in CJK ones (each counts as a word)."""
    without_cjk, cjk = _CJK.subn(" ", text)
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


def create_band_index(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS article_minhash ("
        "article_id INTEGER PRIMARY KEY REFERENCES articles(id), signature BLOB NOT NULL)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS article_bands ("
        "band INTEGER NOT NULL, hash INTEGER NOT NULL, article_id INTEGER NOT NULL)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS article_bands_lookup ON article_bands (band, hash)")
    db.execute("CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands (article_id)")


def _folded(text: str) -> tuple[str, bool]:
    """The text as shingles are cut from it, and whether it is cut in characters (mostly
    CJK) rather than words."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    without_cjk, cjk = _CJK.subn(" ", folded)
    if not cjk:
        return folded, False
    return folded, cjk * 2 > _WORD.subn("", without_cjk)[1]  # words, counted without a list


def shingles(text: str) -> set[str]:
    """The text's shingles: character 5-grams of CJK text, word 3-grams (space-joined) of
    other text; a text too short for one is one shingle. ``shingle_hashes`` hashes these
    same shingles without making them."""
    folded, in_chars = _folded(text)
    if in_chars:
        chars = _NOT_TEXT.sub("", folded)
        return {chars[i : i + 5] for i in range(max(len(chars) - 4, 1))}
    words = _WORD.findall(folded)
    return {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}


# The signature is computed here rather than by a MinHash library, so what the archive has
# stored never changes with a library's defaults. It is the 32-bit affine scheme of
# datasketch 2 over our own shingle hash: each shingle's 32-bit hash (``shingle_hash``) is
# avalanched by MurmurHash3's finalizer, then put through 128 permutations ``a·h + b`` mod
# 2³²; a signature value is the smallest result.
#
# A shingle's hash is a polynomial over its items (characters, or words' hashes) modulo 2⁶⁴,
# mixed by MurmurHash3's 64-bit finalizer, of which the high 32 bits are kept. numpy computes
# it for every shingle of a text at once, where a cryptographic hash would need a call a
# shingle (signatures before schema v7 used SHA-1 and were recomputed by that migration).
_P = np.uint64(0x100000001B3)  # the base: odd, so multiplying by it mod 2⁶⁴ loses nothing
_K = np.uint64(0x9E3779B97F4A7C15)  # spreads a word's characters before they are mixed
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_FMIX64 = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))


def _fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, in place (arithmetic wraps modulo 2⁶⁴)."""
    shift, multiply1, multiply2 = _FMIX64
    values ^= values >> shift
    values *= multiply1
    values ^= values >> shift
    values *= multiply2
    values ^= values >> shift
    return values


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)


def _word_hashes(words: list[str]) -> np.ndarray:
    """Each word's hash: the finalizer over the sum of its characters' mixed values
    ``fmix64(code·K + position)``."""
    codes = _codepoints(" ".join(words))
    space = codes == 32  # words never hold a space: one stands between each two
    starts = np.flatnonzero(np.concatenate(([True], space[:-1])))
    word_of = np.cumsum(space)  # the word a character is in (a space: the next word)
    position = np.arange(len(codes), dtype=np.uint64) - starts[word_of].astype(np.uint64)
    terms = _fmix64(codes * _K + position)
    terms[space] = 0
    return _fmix64(np.add.reduceat(terms, starts))


def _window_hashes(items: np.ndarray, size: int) -> np.ndarray:
    """32-bit hashes of every run of ``size`` items (one run of all, when fewer)."""
    if len(items) == 0:
        return np.zeros(1, dtype=np.uint32)  # the empty shingle: fmix64(0) is 0
    size = min(size, len(items))
    count = len(items) - size + 1
    hashes = items[:count].copy()
    for offset in range(1, size):  # Horner's rule, one item a step, every window at once
        hashes *= _P
        hashes += items[offset : offset + count]
    return (_fmix64(hashes) >> np.uint64(32)).astype(np.uint32)


def shingle_hashes(text: str) -> np.ndarray:
    """The 32-bit hash of each of the text's shingles (a shingle may repeat), as uint32."""
    folded, in_chars = _folded(text)
    if in_chars:
        return _window_hashes(_codepoints(_NOT_TEXT.sub("", folded)), 5)
    words = _WORD.findall(folded)
    return _window_hashes(_word_hashes(words) if words else np.zeros(0, np.uint64), 3)


def in_characters(text: str) -> bool:
    """Whether the text's shingles are runs of characters (mostly CJK) rather than words."""
    return _folded(text)[1]


def shingle_hash(shingle: str, in_chars: bool) -> int:
    """One shingle's hash (``shingles``' strings; ``in_chars`` for CJK text), one value at
    a time: the definition ``shingle_hashes`` computes for a whole text."""
    if in_chars:
        items = _codepoints(shingle)
    else:
        words = shingle.split(" ") if shingle else []
        items = _word_hashes(words) if words else np.zeros(0, np.uint64)
    return int(_window_hashes(items, len(items) or 1)[0])


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The permutations' (a, b), a odd, drawn from numpy's legacy generator seeded with SEED
    (a stream numpy keeps unchanged across releases)."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def signature(text: str) -> np.ndarray:
    """The MinHash signature of ``text``'s shingles: NUM_PERM values, as uint64."""
    hashes = shingle_hashes(text)
    shift1, multiply1, shift2, multiply2 = _FMIX32
    hashes ^= hashes >> shift1
    hashes *= multiply1
    hashes ^= hashes >> shift2
    hashes *= multiply2
    hashes ^= hashes >> shift1
    a, b = _permutations()
    permuted = hashes[:, np.newaxis] * a + b  # wraps modulo 2³², as the scheme means
    smallest: np.ndarray = permuted.min(axis=0).astype(np.uint64)
    return smallest


def similarity(one: np.ndarray, other: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(one == other)) / NUM_PERM


@dataclass(frozen=True)
class Match:
    article_id: int
    similarity: float


Bands = list[tuple[int, int]]  # (band number, band hash) for each of the BANDS bands


def band_hashes(sig: np.ndarray) -> Bands:
    """The signature's bands as the band index stores them."""
    bands = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        # A signed 64-bit integer: what SQLite stores natively and indexes cheaply.
        bands.append((band, struct.unpack("<q", _fold(chunk))[0]))
    return bands


def _fold(chunk: bytes) -> bytes:
    return hashlib.blake2b(chunk, digest_size=8).digest()


def index_signature(
    db: sqlite_utils.Database, article_id: int, sig: np.ndarray, bands: Bands | None = None
) -> None:
    """Store the article's signature and its bands (``band_hashes(sig)``, given or not)."""
    db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
    db.execute(
        "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
        [article_id, sig.tobytes()],
    )
    db.conn.executemany(
        "INSERT INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
        [(band, value, article_id) for band, value in bands or band_hashes(sig)],
    )


def recompute_signatures(db: sqlite_utils.Database, batch: int = 1000) -> int:
    """Every stored signature, and the band index, computed again from its article's text
    (after a change of the scheme); returns how many. The band index is dropped and built
    again after its rows are in: one sort instead of a random insert a band."""
    db.execute("DROP INDEX IF EXISTS article_bands_lookup")
    db.execute("DROP INDEX IF EXISTS article_bands_article")
    db.execute("DELETE FROM article_bands")
    done, last = 0, -1
    while rows := db.execute(
        "SELECT m.article_id, coalesce(a.text, '') FROM article_minhash m "
        "JOIN articles a ON a.id = m.article_id WHERE m.article_id > ? "
        "ORDER BY m.article_id LIMIT ?",
        [last, batch],
    ).fetchall():
        signatures = [(int(article_id), signature(text)) for article_id, text in rows]
        db.conn.executemany(
            "UPDATE article_minhash SET signature = ? WHERE article_id = ?",
            [(sig.tobytes(), article_id) for article_id, sig in signatures],
        )
        db.conn.executemany(
            "INSERT INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
            [
                (band, value, article_id)
                for article_id, sig in signatures
                for band, value in band_hashes(sig)
            ],
        )
        done, last = done + len(rows), signatures[-1][0]
    create_band_index(db)
    return done


def near_duplicates(
    db: sqlite_utils.Database,
    sig: np.ndarray,
    threshold: float,
    *,
    other_than_site: str,
    bands: Bands | None = None,
) -> list[Match]:
    """Articles of other sites whose text is at least ``threshold`` similar, best first
    (``bands``: ``band_hashes(sig)`` when already computed)."""
    bands = bands or band_hashes(sig)
    # One query for every band: the VALUES rows drive the (band, hash) index.
    rows = db.execute(
        "SELECT DISTINCT b.article_id FROM (VALUES "
        + ", ".join("(?, ?)" for _ in bands)
        + ") q JOIN article_bands b ON b.band = q.column1 AND b.hash = q.column2 "
        "JOIN articles a ON a.id = b.article_id WHERE a.site != ?",
        [*(value for band in bands for value in band), other_than_site],
    ).fetchall()
    found = {int(row[0]) for row in rows}
    matches = []
    for article_id in sorted(found):
        blob = db.execute(
            "SELECT signature FROM article_minhash WHERE article_id = ?", [article_id]
        ).fetchone()[0]
        score = similarity(sig, np.frombuffer(blob, dtype=np.uint64))
        if score >= threshold:
            matches.append(Match(article_id, score))
    return sorted(matches, key=lambda match: (-match.similarity, match.article_id))
