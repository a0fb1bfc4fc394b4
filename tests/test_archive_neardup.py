"""Near-duplicate signatures: computed by our own MinHash, the 32-bit affine scheme over our
own shingle hash, and unchanged by any library's defaults."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from archive.records import ArticleRecord
from archive.store import Archive, dedupe

TEXTS = [
    "",
    "短",
    "国务院新闻办公室今天举行新闻发布会，介绍上半年经济运行情况。" * 20,
    "Министерство иностранных дел сообщило о визите делегации в столицу. " * 15,
    "The secretariat published its annual report on regional cooperation today.",
    "混合 text 中文 and English words, 一个句子。",
]
PINNED = "4b061c91c6e70cab"  # sha256 of the signature of TEXTS[2], as archives hold it (v7)


def reference(text: str) -> np.ndarray:
    """datasketch's MinHash of the text's shingles, each hashed by the one-shingle definition."""
    in_chars = dedupe.in_characters(text)

    def hashfunc(shingle: bytes) -> int:
        return dedupe.shingle_hash(shingle.decode("utf-8"), in_chars)

    minhash = MinHash(
        num_perm=dedupe.NUM_PERM, seed=dedupe.SEED, scheme="affine32", hashfunc=hashfunc
    )
    minhash.update_batch([shingle.encode("utf-8") for shingle in dedupe.shingles(text)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_is_hashed_shingle_by_shingle(text: str) -> None:
    # The whole-text computation hashes exactly the shingles, each as the definition does.
    in_chars = dedupe.in_characters(text)
    expected = {dedupe.shingle_hash(shingle, in_chars) for shingle in dedupe.shingles(text)}
    assert set(dedupe.shingle_hashes(text).tolist()) == expected


def test_shingle_hashes_tell_shingles_apart() -> None:
    # Words are hashed with their characters' order and edges: none of these share a hash.
    words = ["ab cd ef", "ba cd ef", "abc d ef", "ab cd fe", "ef cd ab", "a bc def"]
    assert len({dedupe.shingle_hash(shingle, False) for shingle in words}) == len(words)
    chars = ["北斗系统始", "斗北系统始", "北斗系统", "北斗系统终"]
    assert len({dedupe.shingle_hash(shingle, True) for shingle in chars}) == len(chars)


@pytest.mark.parametrize("text", TEXTS)
def test_signature_is_the_32_bit_affine_minhash(text: str) -> None:
    ours = dedupe.signature(text)
    assert ours.dtype == np.uint64 and ours.shape == (dedupe.NUM_PERM,)
    assert np.array_equal(ours, reference(text))


def test_signature_is_pinned() -> None:
    # Stored signatures and bands must never change under an archive: a new computation
    # that changes this digest needs a migration that recomputes them.
    value = dedupe.signature(TEXTS[2]).tobytes()
    assert hashlib.sha256(value).hexdigest()[:16] == PINNED


def test_near_copies_are_similar_and_others_are_not() -> None:
    text = TEXTS[2] + "上半年国内生产总值同比增长。"
    copy = "转载：" + text.replace("今天", "今日", 1)
    other = TEXTS[3]
    signature = dedupe.signature(text)
    assert dedupe.similarity(signature, dedupe.signature(copy)) > 0.8
    assert dedupe.similarity(signature, dedupe.signature(other)) < 0.1


def test_upgrading_recomputes_stored_signatures_and_bands(tmp_path: Path) -> None:
    texts = {"one": TEXTS[2], "two": "转载：" + TEXTS[2], "three": TEXTS[3]}
    with Archive(tmp_path) as archive:
        for site, text in texts.items():
            archive.upsert_site(site)
            url = f"http://{site}.example/1"
            archive.save_article(site, ArticleRecord(url, "标题", text), url)
    # As an archive of schema v6 holds them: other signatures (SHA-1 shingle hashes) and bands.
    with sqlite3.connect(tmp_path / "archive.db") as db:
        db.execute("UPDATE article_minhash SET signature = zeroblob(?)", [8 * dedupe.NUM_PERM])
        db.execute("UPDATE article_bands SET hash = hash + 1")
        db.execute("PRAGMA user_version = 6")
    with Archive(tmp_path) as archive:
        rows = archive.db.execute(
            "SELECT a.id, a.text, m.signature FROM articles a JOIN article_minhash m "
            "ON m.article_id = a.id ORDER BY a.id"
        ).fetchall()
        assert len(rows) == 3
        for article_id, text, blob in rows:
            assert blob == dedupe.signature(text).tobytes()
            bands = archive.db.execute(
                "SELECT band, hash FROM article_bands WHERE article_id = ? ORDER BY band",
                [article_id],
            ).fetchall()
            assert [tuple(band) for band in bands] == dedupe.band_hashes(dedupe.signature(text))
        indexes = {row[1] for row in archive.db.execute("PRAGMA index_list(article_bands)")}
        assert {"article_bands_lookup", "article_bands_article"} <= indexes
        copy = dedupe.near_duplicates(
            archive.db, dedupe.signature(texts["two"]), 0.5, other_than_site="two"
        )
        assert [match.article_id for match in copy] == [rows[0][0]]
