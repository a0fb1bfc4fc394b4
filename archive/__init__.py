"""The secnews archive: a versioned, deduplicated SQLite corpus of official news pages.

Nothing here imports Scrapy or ``crawler``: notebooks and archivists' tools use it alone.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
