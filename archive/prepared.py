"""What filing an article computes from its own title, text and language alone.

The text's hash and word count, its MinHash signature and its search-index forms are the
costly part of filing and need nothing from the database, so they can be computed in any
process: a crawl computes them in its extraction workers and the archive, its one writer,
only writes them. ``Archive.save_article`` computes them itself when not given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from archive import neardup
from archive.dedupe import content_hash, word_count
from archive.records import ArticleRecord
from archive.search import index_row

# search form of title, of text, stem form of title, of text (archive.search.INDEX_COLUMNS)
Forms = tuple[str, str, str, str]


@dataclass(frozen=True)
class Prepared:
    text_hash: str
    word_count: int
    signature: bytes  # the MinHash signature's uint64 values, native byte order
    forms: Forms
    # The title, text and language it was made from. Sent along with the record they are the
    # same string objects, pickled once, and comparing them is cheap.
    made_for: tuple[str, str, str | None]

    def fits(self, record: ArticleRecord) -> bool:
        """Whether this was prepared from ``record``'s title, text and language."""
        return self.made_for == (record.title, record.text, record.language)

    def minhash(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype=np.uint64)


def prepare(record: ArticleRecord) -> Prepared:
    text_hash = content_hash(record.text)
    _, *forms = index_row(0, record.title, record.text, record.language)
    return Prepared(
        text_hash=text_hash,
        word_count=word_count(record.text),
        signature=neardup.signature(record.text).tobytes(),
        forms=(forms[0], forms[1], forms[2], forms[3]),
        made_for=(record.title, record.text, record.language),
    )
