"""Which state of the world the sample sites show, and the counters that make them behave."""

from __future__ import annotations

import threading
from dataclasses import dataclass

KNOWN_EDITIONS = (1, 2)
KNOWN_BACK_CATALOGUES = (0, 1, 2)


@dataclass(frozen=True)
class SiteState:
    """The content state served: edition 1 is what a first crawl finds.

    Content is built by functions that take a state, so a later edition is a new value here
    plus the data it changes (content/*-news-N.toml), not a change to the servers. Edition 2
    adds articles, corrects one and takes one down; `crawler.sample_site.changes` names them.

    ``back_catalogue`` adds to any edition the forum's releases of two years before today
    (their dates are computed, so they stay two years old): 0 leaves them out, as every
    edition is without it; 1 serves them as published; 2 serves them corrected, taken down
    or unlisted years after publication (content/forum-back-catalogue*.toml).

    ``languages`` adds the secretariat's English and Russian columns: versions of part of its
    Chinese releases, linked in the ways official sites link them or not at all
    (content/secretariat-languages.toml); off, every site is as it always was.
    """

    edition: int = 1
    back_catalogue: int = 0
    languages: bool = False

    def __post_init__(self) -> None:
        if self.edition not in KNOWN_EDITIONS:
            raise ValueError(f"unknown sample-site edition {self.edition}; known: {KNOWN_EDITIONS}")
        if self.back_catalogue not in KNOWN_BACK_CATALOGUES:
            raise ValueError(
                f"unknown back catalogue {self.back_catalogue}; known: {KNOWN_BACK_CATALOGUES}"
            )


FIRST_EDITION = SiteState()
SECOND_EDITION = SiteState(edition=2)
BACK_CATALOGUE = SiteState(back_catalogue=1)
BACK_CATALOGUE_REVISED = SiteState(back_catalogue=2)
WITH_LANGUAGES = SiteState(languages=True)


class HitCounter:
    """Thread-safe counts of requests by key (a page, an article), kept per server instance."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def hit(self, key: str) -> int:
        """Count one more request for key; return the new count (1 for the first)."""
        with self._lock:
            count = self._counts.get(key, 0) + 1
            self._counts[key] = count
            return count

    def count(self, key: str) -> int:
        with self._lock:
            return self._counts.get(key, 0)
