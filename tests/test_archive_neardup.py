"""Near-duplicate signatures: computed by our own MinHash, equal to the 32-bit affine scheme
the archives already hold, and unchanged by any library's defaults."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from datasketch import MinHash

from archive import neardup

TEXTS = [
    "",
    "短",
    "国务院新闻办公室今天举行新闻发布会，介绍上半年经济运行情况。" * 20,
    "Министерство иностранных дел сообщило о визите делегации в столицу. " * 15,
    "The secretariat published its annual report on regional cooperation today.",
    "混合 text 中文 and English words, 一个句子。",
]
PINNED = "3580cacc7b0d9da1"  # sha256 of the signature of TEXTS[2], as archives hold it


def reference(text: str) -> np.ndarray:
    minhash = MinHash(num_perm=neardup.NUM_PERM, seed=neardup.SEED, scheme="affine32")
    minhash.update_batch([shingle.encode("utf-8") for shingle in neardup.shingles(text)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@pytest.mark.parametrize("text", TEXTS)
def test_signature_is_the_32_bit_affine_minhash(text: str) -> None:
    ours = neardup.signature(text)
    assert ours.dtype == np.uint64 and ours.shape == (neardup.NUM_PERM,)
    assert np.array_equal(ours, reference(text))


def test_signature_is_pinned() -> None:
    # Stored signatures and bands must never change under an archive: a new computation
    # that changes this digest needs a migration that recomputes them.
    value = neardup.signature(TEXTS[2]).tobytes()
    assert hashlib.sha256(value).hexdigest()[:16] == PINNED


def test_near_copies_are_similar_and_others_are_not() -> None:
    text = TEXTS[2] + "上半年国内生产总值同比增长。"
    copy = "转载：" + text.replace("今天", "今日", 1)
    other = TEXTS[3]
    signature = neardup.signature(text)
    assert neardup.similarity(signature, neardup.signature(copy)) > 0.8
    assert neardup.similarity(signature, neardup.signature(other)) < 0.1
