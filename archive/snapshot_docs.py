"""The documents that make a snapshot self-describing: README, CITATION.cff, schemas, metadata.

Everything here is derived from the snapshot's facts, none from the clock, so two snapshots of
the same archive state write the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from archive.columns import column_description, datasette_tables, table_description
from archive.rowstate import STATE_FILE, TableChanges
from archive.selection import Selection

LICENSE_URL = "https://spdx.org/licenses/{}.html"
CONTENT_NOTE = (
    "The licence covers the compilation (selection, structure, metadata). The archived texts "
    "and images remain subject to the terms of their publishers, listed under sources."
)


@dataclass(frozen=True)
class Facts:
    """What a snapshot holds and how it was made: the input of every document."""

    name: str
    archive_name: str
    date: str
    created: str
    selection: Selection
    formats: tuple[str, ...]
    attachments: tuple[str, ...]
    license: str
    counts: dict[str, int]
    published: tuple[str | None, str | None]
    sites: list[dict[str, Any]]
    software: dict[str, str | None]
    schema_version: int
    columns: dict[str, list[tuple[str, str]]]
    keys: dict[str, list[str]]
    fingerprint: str = ""
    extends: dict[str, Any] | None = None
    changes: dict[str, TableChanges] | None = None
    missing: dict[str, list[str]] = field(default_factory=dict)
    search_table: str | None = None

    def summary(self) -> str:
        low, high = self.published
        span = f", published {low} to {high}" if low else ""
        articles, sites = self.counts.get("articles", 0), len(self.sites)
        plural = "" if sites == 1 else "s"
        return f"{articles} articles from {sites} site{plural}{span}"

    def secnews_section(self) -> dict[str, Any]:
        """The ``secnews`` property of datapackage.json: selection, counts, lineage."""
        section: dict[str, Any] = {
            "archive": self.archive_name,
            "date": self.date,
            "created": self.created,
            "selection": self.selection.to_dict(),
            "formats": list(self.formats),
            "attachments": list(self.attachments),
            "counts": self.counts,
            "published": {"from": self.published[0], "to": self.published[1]},
            "sites": [site["name"] for site in self.sites],
            "software": self.software,
            "schema_version": self.schema_version,
            "fingerprint": f"sha256:{self.fingerprint}",
            "row_digests": STATE_FILE,
            "extends": self.extends,
        }
        if self.changes is not None:
            section["changes"] = {t: vars(c) for t, c in sorted(self.changes.items())}
        if self.missing:
            section["missing"] = self.missing
        return section


def frictionless_type(declared: str) -> str:
    upper = declared.upper()
    if "INT" in upper:
        return "integer"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "number"
    return "string"


def table_schema(facts: Facts, table: str) -> dict[str, Any]:
    """A Frictionless Table Schema for one exported table."""
    fields = [
        {
            "name": name,
            "type": frictionless_type(kind),
            "description": column_description(table, name) or "",
        }
        for name, kind in facts.columns[table]
    ]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": facts.keys[table]}
    if table_description(table):
        schema["description"] = table_description(table)
    return schema


def package_head(facts: Facts) -> dict[str, Any]:
    """Every datapackage.json property but the resources."""
    return {
        "profile": "data-package",
        "name": facts.name,
        "title": f"secnews snapshot {facts.name}",
        "description": f"{facts.summary()}. {CONTENT_NOTE}",
        "version": facts.name,
        "created": facts.created,
        "keywords": ["news", "official bodies", "web archive", "secnews"],
        "licenses": [
            {
                "name": facts.license,
                "path": LICENSE_URL.format(facts.license),
                "title": f"{facts.license} (the compilation)",
            }
        ],
        "sources": [
            {"title": site["title"] or site["name"], "path": site["base_url"] or ""}
            for site in facts.sites
        ],
        "contributors": [{"title": f"{facts.archive_name} (secnews archive)", "role": "author"}],
        "secnews": facts.secnews_section(),
    }


def datasette_metadata(facts: Facts, search_table: str | None) -> dict[str, Any]:
    """metadata.json for ``datasette archive.db -m metadata.json``."""
    described = {t: d for t, d in datasette_tables().items() if t in facts.columns}
    if search_table and "articles" in described:
        described["articles"] = {**described["articles"], "fts_table": search_table}
        described["articles"]["fts_pk"] = "id"
    return {
        "title": f"secnews snapshot {facts.name}",
        "description": f"{facts.summary()}. {CONTENT_NOTE}",
        "license": facts.license,
        "license_url": LICENSE_URL.format(facts.license),
        "source": "secnews",
        "databases": {"archive": {"tables": described}},
    }


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar


def citation(facts: Facts) -> str:
    """CITATION.cff (Citation File Format 1.2.0)."""
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this snapshot, please cite it as below."',
        "type: dataset",
        f"title: {_yaml(f'secnews snapshot {facts.name}')}",
        f"version: {_yaml(facts.name)}",
        f"date-released: {_yaml(facts.date)}",
        "authors:",
        f"  - name: {_yaml(f'{facts.archive_name} (secnews archive)')}",
        f"abstract: {_yaml(facts.summary() + '. ' + CONTENT_NOTE)}",
        f"license: {_yaml(facts.license)}",
        "keywords:",
        *(f"  - {_yaml(word)}" for word in ("news", "official bodies", "web archive")),
        "identifiers:",
        "  - type: other",
        f"    value: {_yaml(f'sha256:{facts.fingerprint}')}",
        '    description: "SHA-256 fingerprint of the data files (see datapackage.json)"',
    ]
    return "\n".join(lines) + "\n"
