"""Serve the sample Ekbacka kommun until stopped: python -m crawler.sample_site.kommun."""

from __future__ import annotations

import sys

from ..server import serve_until_stopped
from . import PROFILE, KommunSite

if __name__ == "__main__":
    sys.exit(
        serve_until_stopped(
            PROFILE.name,
            PROFILE.default_port,
            KommunSite,
            "the sample municipality",
            "crawler.sample_site.kommun",
        )
    )
