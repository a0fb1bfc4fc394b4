"""What filing an article computes from its own title, text and language alone.

The text's hash and word count, its MinHash signature and bands and its search-index forms
are the costly part of filing and need nothing from the database, so they can be computed in
any process: a crawl computes them in its extraction workers (``prepare``) and the archive, its
one writer, only writes them. Given none, ``Archive.save_article`` computes each on first
use, so a page found unchanged costs only its hash.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from archive.records import ArticleRecord
from archive.search.index import Forms, index_forms
from archive.store import dedupe
from archive.store.dedupe import content_hash, word_count


class Prepared:
    """An article's derived values, each computed on first use and kept (and pickled)."""

    def __init__(self, record: ArticleRecord):
        # Sent with the record they came from, these are the same string objects, pickled
        # once, and comparing them in ``fits`` is cheap.
        self.made_for = (record.title, record.text, record.language)

    def fits(self, record: ArticleRecord) -> bool:
        """Whether this was prepared from ``record``'s title, text and language."""
        return self.made_for == (record.title, record.text, record.language)

    @cached_property
    def text_hash(self) -> str:
        return content_hash(self.made_for[1])

    @cached_property
    def word_count(self) -> int:
        return word_count(self.made_for[1])

    @cached_property
    def signature(self) -> bytes:
        """The MinHash signature's uint64 values, native byte order."""
        return dedupe.signature(self.made_for[1]).tobytes()

    @cached_property
    def bands(self) -> dedupe.Bands:
        """The signature's bands, as the band index stores and looks them up."""
        return dedupe.band_hashes(self.minhash())

    @cached_property
    def forms(self) -> Forms:
        title, text, language = self.made_for
        return index_forms(title, text, language)

    def minhash(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype=np.uint64)


def prepare(record: ArticleRecord) -> Prepared:
    """Everything computed now, as an extraction worker sends it back."""
    prepared = Prepared(record)
    for value in ("text_hash", "word_count", "signature", "bands", "forms"):
        getattr(prepared, value)
    return prepared
