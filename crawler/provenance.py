"""Extractor provenance: which code and options made an article's text, as one string."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from crawler import __version__

# Options that change what extraction produces; bump or extend when they change.
EXTRACTION_OPTIONS = {"body": "trafilatura+fallback", "favor": "precision", "tables": True}


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "absent"


@cache
def extractor_version() -> str:
    """E.g. ``secnews 0.1.0; trafilatura 2.3.1; options 3f2a9c1b`` — stored on each version."""
    options = hashlib.sha256(json.dumps(EXTRACTION_OPTIONS, sort_keys=True).encode()).hexdigest()
    return f"secnews {__version__}; trafilatura {_version('trafilatura')}; options {options[:8]}"
