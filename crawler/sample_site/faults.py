"""Ways a sample site can break, for the health checks to notice: one wrapper, one fault.

A site with no fault is served exactly as before; a fault changes only what it names.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from .server import Request, Response, SiteApp

MOVED_TO = "https://www.moved-site.example"
FAULTS = {
    "server-errors": "every request answers 500 Internal Server Error",
    "redesign": "a new template: article pages show only their lead paragraph and no author",
    "robots-closed": "robots.txt disallows the whole site to every crawler",
    "moved": f"every URL redirects (301) to the same path on {MOVED_TO}",
}
_ERROR_PAGE = b"<html><body><h1>Internal Server Error</h1></body></html>"
_CLOSED_ROBOTS = b"User-agent: *\nDisallow: /\n"


def check_fault(fault: str | None) -> str | None:
    if fault is not None and fault not in FAULTS:
        raise ValueError(f"no sample-site fault {fault!r}; known: {', '.join(FAULTS)}")
    return fault


class FaultySite:
    """A sample site answering with one fault; its name and server header stay the same."""

    def __init__(self, app: SiteApp, fault: str) -> None:
        self.app = app
        self.fault = check_fault(fault)
        self.name = app.name
        self.server_software = app.server_software
        if fault == "redesign":
            content: Any = getattr(app, "content", None)
            app.content = redesigned(content)  # type: ignore[attr-defined]

    def handle(self, request: Request) -> Response:
        if self.fault == "server-errors":
            return Response(500, _ERROR_PAGE, "text/html; charset=UTF-8")
        if self.fault == "robots-closed" and request.path == "/robots.txt":
            return Response(200, _CLOSED_ROBOTS, "text/plain; charset=utf-8")
        if self.fault == "moved":
            return Response.redirect(MOVED_TO + request.target)
        return self.app.handle(request)


def redesigned(content: Any) -> Any:
    """The content as the new template shows it: the lead paragraph alone, no author or source."""
    return replace(content, articles=tuple(_redesigned(article) for article in content.articles))


def _redesigned(article: Any) -> Any:
    names = {field.name for field in fields(article)}
    changes: dict[str, Any] = {name: "" for name in ("author", "source") if name in names}
    if "blocks" in names:  # paragraphs and pictures: the first paragraph stays
        changes["blocks"] = tuple(b for b in article.blocks if hasattr(b, "text"))[:1]
    if "paragraphs" in names:
        changes["paragraphs"] = article.paragraphs[:1]
    return replace(article, **changes)


def with_fault(app: SiteApp, fault: str | None) -> SiteApp:
    """``app`` itself without a fault, else ``app`` behind the fault."""
    return app if fault is None else FaultySite(app, fault)
