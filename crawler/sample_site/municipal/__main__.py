"""Serve the sample the City of Riverbend until stopped: python -m crawler.sample_site.municipal."""

from __future__ import annotations

import sys

from ..server import serve_until_stopped
from . import PROFILE, MunicipalSite

if __name__ == "__main__":
    sys.exit(
        serve_until_stopped(
            PROFILE.name,
            PROFILE.default_port,
            MunicipalSite,
            "the sample city portal",
            "crawler.sample_site.municipal",
        )
    )
