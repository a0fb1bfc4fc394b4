"""The identity of a sample site, and the site config (TOML) that points a crawl at it."""

from __future__ import annotations

import json
from dataclasses import dataclass


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string: same quotes, same escapes.
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class SiteProfile:
    """What a site config says about a sample site."""

    name: str
    title: str
    language: str
    timezone: str
    start_path: str  # relative to the base URL
    default_port: int
    requisites: bool = False  # the config asks for page requisites ([capture])

    def start_url(self, base_url: str) -> str:
        return base_url + self.start_path

    def site_config(self, base_url: str) -> str:
        """The TOML site config for this site served at base_url; discovery stays automatic."""
        return "\n".join(
            [
                f"# Bundled sample site {self.name}: a local test bed, see crawler/sample_site.",
                "# No discovery rules on purpose: the crawler must find the articles by itself.",
                f"name = {_toml_string(self.name)}",
                f"title = {_toml_string(self.title)}",
                f"start_urls = [{_toml_string(self.start_url(base_url))}]",
                f"language = {_toml_string(self.language)}",
                f"timezone = {_toml_string(self.timezone)}",
                "",
                "[politeness]",
                "delay = 0.0",
                *(["", "[capture]", "requisites = true"] if self.requisites else []),
                "",
            ]
        )
