"""Near-duplicates: MinHash signatures with an LSH band index kept in SQLite.

Syndicated releases reappear on other official sites with another title prefix, a trimmed
paragraph or a changed sentence. Shingles are character 5-grams for CJK text (no word
boundaries to rely on) and word 3-grams for alphabetic text. Signatures are banded (42 bands
of 3 rows) into an indexed table, so finding candidates is an index lookup and memory stays
flat however large the archive grows; candidates are then checked against the threshold.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass

import numpy as np
import sqlite_utils
from datasketch import MinHash

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
    if len(_CJK.findall(folded)) * 2 > len(_WORD.findall(_CJK.sub(" ", folded))):
        chars = _NOT_TEXT.sub("", folded)
        return {chars[i : i + 5] for i in range(max(len(chars) - 4, 1))}
    words = _WORD.findall(folded)
    return {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}


def signature(text: str) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def similarity(one: np.ndarray, other: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(one == other)) / NUM_PERM


@dataclass(frozen=True)
class Match:
    article_id: int
    similarity: float


def _band_hashes(sig: np.ndarray) -> list[tuple[int, int]]:
    bands = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        # A signed 64-bit integer: what SQLite stores natively and indexes cheaply.
        bands.append((band, struct.unpack("<q", _fold(chunk))[0]))
    return bands


def _fold(chunk: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(chunk, digest_size=8).digest()


def index_signature(db: sqlite_utils.Database, article_id: int, sig: np.ndarray) -> None:
    db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
    db.execute(
        "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
        [article_id, sig.tobytes()],
    )
    db.conn.executemany(
        "INSERT INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
        [(band, value, article_id) for band, value in _band_hashes(sig)],
    )


def near_duplicates(
    db: sqlite_utils.Database, sig: np.ndarray, threshold: float, *, other_than_site: str
) -> list[Match]:
    """Articles of other sites whose text is at least ``threshold`` similar, best first."""
    bands = _band_hashes(sig)
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
