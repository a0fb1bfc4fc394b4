"""A snapshot's README.md: what it holds, how to verify and load it, and every column explained."""

from __future__ import annotations

from archive.columns import column_description, table_description
from archive.exports import path_part
from archive.snapshot_docs import CONTENT_NOTE, Facts

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
        lines.append(f"- Not found when the snapshot was made ({kind}): {len(names)} files.")
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
    parts += [_dictionary(facts), licence]
    return "\n".join(line for part in parts for line in part).rstrip("\n") + "\n"
