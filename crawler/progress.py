"""A live view of a crawl in a terminal: sites done, and a line for each site still at work.

Read from each crawler's stats while the crawl runs; logs scroll above it. Only shown when
stdout is a terminal: under cron or systemd the crawl writes plain logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

MAX_ROWS = 12  # sites listed at once; the rest are counted


@dataclass(frozen=True)
class SiteProgress:
    site: str
    state: str  # waiting, crawling, or how it finished
    requests: int
    new: int
    updated: int
    errors: int


def _count(stats: dict[str, Any], *keys: str) -> int:
    return sum(int(stats.get(key, 0) or 0) for key in keys)


class CrawlProgress:
    """Context manager around a crawl; pass ``watch`` to ``run_crawl``."""

    def __init__(self, names: Sequence[str], console: Console | None = None) -> None:
        self.names = list(names)
        self.console = console or Console()
        self.crawlers: list[Crawler] = []
        self._live: Live | None = None

    def watch(self, crawlers: Sequence[Crawler]) -> None:
        self.crawlers = list(crawlers)

    def __enter__(self) -> CrawlProgress:
        # Started before Scrapy sets up logging, so its handler writes through rich's proxy.
        self._live = Live(
            get_renderable=self.render,
            console=self.console,
            refresh_per_second=4,
            redirect_stderr=True,
        )
        self._live.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.stop()

    def site_rows(self) -> list[SiteProgress]:
        """Every site's progress, in crawl order."""
        rows = []
        for name, crawler in zip(self.names, self.crawlers, strict=False):
            stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats else {}
            rows.append(
                SiteProgress(
                    name,
                    str(stats.get("finish_reason") or ("crawling" if stats else "waiting")),
                    _count(stats, "secnews/requests"),
                    _count(stats, "secnews/articles/new", "secnews/articles/duplicate"),
                    _count(stats, "secnews/articles/updated"),
                    _count(stats, "secnews/fetch_errors"),
                )
            )
        return rows

    def render(self) -> Group:
        rows = self.site_rows()
        done = sum(1 for row in rows if row.state not in ("crawling", "waiting"))
        head = Text(
            f"{done}/{len(self.names)} sites done · {sum(r.requests for r in rows)} requests · "
            f"{sum(r.new for r in rows)} new · {sum(r.updated for r in rows)} updated · "
            f"{sum(r.errors for r in rows)} fetch errors",
            style="bold",
        )
        table = Table(box=None, pad_edge=False)
        for column in fields(SiteProgress):
            justify = "left" if column.name in ("site", "state") else "right"
            table.add_column(column.name, justify=justify)  # type: ignore[arg-type]
        active = [row for row in rows if row.state == "crawling"] or rows[-MAX_ROWS:]
        for row in active[:MAX_ROWS]:
            table.add_row(*(str(value) for value in astuple(row)))
        if len(active) > MAX_ROWS:
            table.add_row(f"… {len(active) - MAX_ROWS} more crawling", "", "", "", "", "")
        return Group(head, table)
