"""Which state of the world the sample sites show, and the counters that make them behave."""

from __future__ import annotations

import threading
from dataclasses import dataclass

KNOWN_EDITIONS = (1, 2)


@dataclass(frozen=True)
class SiteState:
    """The content state served: edition 1 is what a first crawl finds.

    Content is built by functions that take a state, so a later edition is a new value here
    plus the data it changes (content/*-news-N.toml), not a change to the servers. Edition 2
    adds articles, corrects one and takes one down; `crawler.sample_site.changes` names them.
    """

    edition: int = 1

    def __post_init__(self) -> None:
        if self.edition not in KNOWN_EDITIONS:
            raise ValueError(f"unknown sample-site edition {self.edition}; known: {KNOWN_EDITIONS}")


FIRST_EDITION = SiteState()
SECOND_EDITION = SiteState(edition=2)


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
