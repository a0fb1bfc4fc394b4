"""The documents that make a snapshot self-describing: README, CITATION.cff, schemas, metadata.

Everything here is derived from the snapshot's facts, none from the clock, so two snapshots of
the same archive state write the same bytes. The README says what the snapshot holds, how to
verify and load it, and explains every column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from archive.columns import column_description, datasette_tables, table_description
from archive.snapshot.exports import path_part
from archive.snapshot.incremental import TableChanges
from archive.snapshot.manifest import STATE_FILE
from archive.snapshot.selection import DATE, TIMESTAMP, Selection

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
    if upper in (TIMESTAMP, DATE):
        return {TIMESTAMP: "datetime", DATE: "date"}[upper]
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


# README.md

LAYOUT = {
    "sqlite": "`archive.db` — the archive's SQLite database cut to the selection, with its "
    "full-text index; `metadata.json` — table and column descriptions for Datasette.",
    "parquet": "`parquet/<table>/<site>/<YYYY-MM>.parquet` — one file a site and month of "
    "publication (`undated` when the article gives no date); `parquet/sites.parquet`.",
    "jsonl": "`jsonl/<table>/<site>/<YYYY-MM>.jsonl.gz` — the same rows as gzipped JSON Lines, "
    "one object a row.",
    "csv": "`csv/<table>.csv` — one file a table, UTF-8 with a byte-order mark, for spreadsheets.",
    "text": "`text/<site>/<YYYY-MM>/<id>.txt` — one file an article: title, a blank line, the "
    "`date author` line, a blank line, the body.",
    "warc": "`warc/` — the WARC files the selection's pages were fetched into (whole files, "
    "so they may hold other pages too).",
    "media": "`media/` — the selection's downloaded images, named as in `images.path`.",
    "wacz": "`captures.wacz` — the article pages as published, for replay in ReplayWeb.page "
    "or pywb: their WARC records with their stylesheets, images, fonts and redirects, a CDXJ "
    "index, and `pages/pages.jsonl` (url, ts, title and `article_id` of each article).",
}

LOADING = """\
Python (pandas and pyarrow; secnews is not needed):

```python
import glob
import pandas as pd
import pyarrow.parquet as pq

articles = pq.read_table("parquet/articles").to_pandas()        # every site and month
one_site = pd.read_parquet("parquet/articles/{site}")
versions = pd.concat(pd.read_json(path, lines=True)
                     for path in sorted(glob.glob("jsonl/article_versions/*/*.jsonl.gz")))
sites = pd.read_csv("csv/sites.csv")
```

DuckDB:

```sql
SELECT site, count(*) FROM 'parquet/articles/*/*.parquet' GROUP BY site;
SELECT title, published FROM read_json_auto('jsonl/articles/*/*.jsonl.gz') LIMIT 5;
INSTALL sqlite; LOAD sqlite;   -- once, to read archive.db as it is
ATTACH 'archive.db' AS archive (TYPE sqlite, READ_ONLY);
SELECT count(*) FROM archive.articles;
```

SQLite and Datasette:

```sh
sqlite3 archive.db 'SELECT site, published, title FROM articles ORDER BY published'
datasette archive.db -m metadata.json
```

Corpus tools read `text/` as it is, e.g. NLTK:
`PlaintextCorpusReader("text", r".*\\.txt", encoding="utf-8")`.
"""


def _selection(facts: Facts) -> str:
    chosen = facts.selection
    if chosen.is_everything:
        return "the whole archive"
    parts = []
    if chosen.sites:
        parts.append("sites " + ", ".join(sorted(chosen.sites)))
    if chosen.since:
        parts.append(f"published on or after {chosen.since}")
    if chosen.until:
        parts.append(f"published on or before {chosen.until}")
    return "; ".join(parts)


def _lineage(facts: Facts) -> list[str]:
    if not facts.extends:
        return []
    base = facts.extends
    lines = [
        f"- **Incremental**: extends `{base['name']}` (fingerprint `{base['fingerprint']}`, "
        f"data as of {base['created']}). It holds only the rows added or changed since; apply "
        "it by replacing rows of the base with the same primary key. A revisit that only "
        "moved `articles.last_seen` is not a change.",
    ]
    for table, change in sorted((facts.changes or {}).items()):
        lines.append(
            f"  - `{table}`: {change.added} added, {change.changed} changed, "
            f"{change.removed} no longer in the selection"
        )
    return lines


def _head(facts: Facts) -> list[str]:
    software = facts.software
    made_by = ", ".join(f"{name} {version}" for name, version in software.items() if version)
    return [
        f"# secnews snapshot {facts.name}",
        "",
        f"A dated, checksummed copy of the secnews archive `{facts.archive_name}`, "
        f"data as of {facts.created}.",
        "",
        f"- **Holds**: {facts.summary()}.",
        f"- **Selection**: {_selection(facts)}.",
        *_lineage(facts),
        "- **Rows**: " + ", ".join(f"{t} {n}" for t, n in sorted(facts.counts.items())) + ".",
        f"- **Fingerprint** of the data files: `sha256:{facts.fingerprint}`.",
        f"- **Made by**: {made_by}; archive schema version {facts.schema_version}.",
        "",
    ]


def _files(facts: Facts) -> list[str]:
    lines = ["## Files", ""]
    lines += [f"- {LAYOUT[fmt]}" for fmt in (*facts.formats, *facts.attachments)]
    lines += [
        "- `datapackage.json` — Frictionless Data Package: every file with its size and "
        "SHA-256, table schemas (`schemas/`), licence, sources.",
        "- `row-digests.tsv.gz` — a digest of every row, so a later snapshot can hold only "
        "the changes (`secnews snapshot --since-snapshot`).",
        "- `SHA256SUMS`, `CITATION.cff`, this README.",
    ]
    for kind, names in sorted(facts.missing.items()):
        unit = "article pages" if kind == "captures" else "files"
        lines.append(f"- Not found when the snapshot was made ({kind}): {len(names)} {unit}.")
    return [*lines, ""]


def _verify_and_load(site: str) -> list[str]:
    return [
        "## Verify",
        "",
        "```sh",
        "sha256sum -c SHA256SUMS      # any system with coreutils",
        "secnews verify .             # also checks datapackage.json and archive.db's integrity",
        "```",
        "",
        "## Load",
        "",
        LOADING.format(site=site),
    ]


def _dictionary(facts: Facts) -> list[str]:
    lines = ["## Data dictionary", ""]
    for table, cols in sorted(facts.columns.items()):
        lines += [f"### {table}", "", table_description(table) or "", ""]
        lines += ["| column | type | description |", "| --- | --- | --- |"]
        for name, kind in cols:
            lines.append(
                f"| `{name}` | {kind or 'any'} | {column_description(table, name) or ''} |"
            )
        lines.append("")
    return lines


def _language_versions(facts: Facts) -> list[str]:
    if "release_versions" not in facts.columns:
        return []
    releases = facts.counts.get("release_versions", 0)
    return [
        "## Language versions",
        "",
        f"`release_versions` ({releases} rows) groups the articles that are one release in "
        "several languages: rows with the same `release_id` are its versions, one a language. "
        "`linked_by` says how: `hreflang` or `switch` when the pages link each other, "
        "`content` when they were found alike (same day, images, numbers, names); "
        "`language_links` holds each link's score and evidence. Same-language copies are "
        "`articles.duplicate_of` instead.",
        "",
    ]


def _sources(facts: Facts) -> list[str]:
    lines = ["## Sources", "", "| site | title | address | articles |", "| --- | --- | --- | --- |"]
    for site in facts.sites:
        lines.append(
            f"| `{site['name']}` | {site['title'] or ''} | {site['base_url'] or ''} | "
            f"{site['articles']} |"
        )
    return [*lines, ""]


def readme(facts: Facts) -> str:
    licence = [
        "## Licence and citation",
        "",
        f"{facts.license}. {CONTENT_NOTE} Cite this snapshot as `CITATION.cff` says, with its "
        "name and fingerprint.",
        "",
    ]
    site = facts.sites[0]["name"] if facts.sites else "SITE"
    parts = [_head(facts), _files(facts), _verify_and_load(path_part(site)), _sources(facts)]
    parts += [_language_versions(facts), _dictionary(facts), licence]
    return "\n".join(line for part in parts for line in part).rstrip("\n") + "\n"
