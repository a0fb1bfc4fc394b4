"""Near-duplicates: MinHash signatures with an LSH band index kept in SQLite.

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

NUM_PERM = 128
BANDS, ROWS = 42, 3
SEED = 20220130  # fixed, so signatures stay comparable across runs and machines
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
_NOT_TEXT = re.compile(r"[\W_]+")


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


def shingles(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    without_cjk, cjk = _CJK.subn(" ", folded)
    if cjk * 2 > len(_WORD.findall(without_cjk)):
        chars = _NOT_TEXT.sub("", folded)
        return {chars[i : i + 5] for i in range(max(len(chars) - 4, 1))}
    words = _WORD.findall(folded)
    return {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}


# The signature is computed here rather than by a MinHash library, so what the archive has
# stored never changes with a library's defaults. It is the 32-bit affine scheme (the
# default of datasketch 2, which made the archives before this code): each shingle's hash is
# the first 4 bytes of its SHA-1, little-endian, avalanched by MurmurHash3's finalizer, then
# put through 128 permutations ``a·h + b`` mod 2³²; a signature value is the smallest result.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


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
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest()[:4] for s in shingles(text)])
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint32)  # a copy to work on
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
