"""secnews crawler: the Scrapy project that discovers, fetches and extracts official news."""

from __future__ import annotations

from archive import __version__

__all__ = ["__version__"]
