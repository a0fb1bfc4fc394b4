"""``secnews status``: per-site health, as a terminal table or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from crawler.cli import data_option, existing_archive


@click.command()
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object a site.")
def status(data_dir: Path, as_json: bool) -> None:
    """Per-site health: last run, result, new, updated and gone articles, errors, findings.

    The same rows are the `site_status` view of the archive, which Datasette shows; with
    --json each names the URLs of the articles its last run found updated and gone. "not
    news" counts the pages the news verdict left (why: the frontier's verdict column).

    Example: secnews status --data /var/lib/secnews --json
    """
    from archive.operations.status import site_status

    with existing_archive(data_dir) as archive:
        rows = site_status(archive.db)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print_status(rows)


# The table

RESULT_STYLE = {"ok": "green", "failing": "bold red", "never": "dim"}
COLUMNS = (
    ("site", "site", "left"),
    ("last run", "last_run_at", "left"),
    ("result", "result", "left"),
    ("new", "new", "right"),
    ("updated", "updated", "right"),
    ("gone", "gone", "right"),
    ("errors", "errors", "right"),
    ("articles", "articles", "right"),
    ("not news", "not_news", "right"),
    ("last new article", "last_new_article", "left"),
    ("findings", "rules", "left"),
)


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "–" if key != "rules" else ""
    if key in ("last_run_at", "last_new_article"):
        return str(value)[:16].replace("T", " ")
    return str(value)


def status_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="secnews: sites", title_justify="left", show_lines=False)
    for header, _, justify in COLUMNS:
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        cells = [_cell(key, row.get(key)) for _, key, _ in COLUMNS]
        style = RESULT_STYLE.get(str(row.get("result")), "yellow")
        cells[2] = f"[{style}]{cells[2]}[/]"
        table.add_row(*cells)
    return table


def print_status(rows: list[dict[str, Any]], console: Console | None = None) -> None:
    console = console or Console(width=None if Console().is_terminal else 160)
    if not rows:
        console.print("no site has been crawled into this archive yet")
        return
    console.print(status_table(rows))
    for row in rows:
        for finding in (row.get("findings") or "").split(" | "):
            if finding:
                console.print(
                    f"{row['site']}: {finding}", markup=False, highlight=False, soft_wrap=True
                )
    failing = sum(1 for row in rows if row.get("result") not in ("ok", "never"))
    console.print(f"{len(rows)} sites, {failing} need attention")
