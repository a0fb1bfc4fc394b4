"""The archive's front door in Datasette: a home page for archivists (search, the latest
articles of every site, the chart) and a search page that says what is wrong with a query.

Datasette's own pages stay: the tables under ``/archive`` (internal ones hidden, not gone)
and the canned ``search`` query for JSON and CSV. An HTML visit to that query comes here,
where a mistyped date or limit is a message on the page rather than an empty table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, TypeVar, cast

from datasette import hookimpl as _hookimpl
from markupsafe import Markup

from archive.datasette.chart import monthly_chart
from archive.datasette.pages import archive_database, marked_html, render
from archive.datasette.queries import ARTICLES_PER_MONTH, LATEST_PER_SITE
from archive.search.query import QueryError, parse_query
from archive.search.ranking import DEFAULT_LIMIT, SEARCH_SQL

Hook = TypeVar("Hook", bound=Callable[..., Any])
App = Callable[..., Awaitable[None]]
MAX_LIMIT = 1000
COLLAPSED_READ = 3  # with copies collapsed, read this many times the limit, to fill the page
SITES = (
    "SELECT s.name, s.title, coalesce((SELECT sum(m.articles) FROM article_months m "
    "WHERE m.site = s.name), 0) AS articles FROM sites s ORDER BY s.name"
)


def hookimpl(function: Hook) -> Hook:
    return cast(Hook, _hookimpl(function))


@dataclass(frozen=True)
class SearchForm:
    """The search form as submitted; every field as typed, so the page shows it back."""

    q: str = ""
    site: str = ""
    language: str = ""
    since: str = ""
    until: str = ""
    limit: str = ""
    collapse: str = ""


def form_errors(form: SearchForm, sites: list[str]) -> list[str]:
    """What is wrong with a submitted form, each as a sentence naming its field."""
    errors = []
    if form.q:
        try:
            parse_query(form.q)
        except QueryError as exc:
            errors.append(f"q: {exc}")
    for name in ("since", "until"):
        value = getattr(form, name)
        try:
            if value:
                date.fromisoformat(value)
        except ValueError:
            errors.append(f"{name}: {value!r} is not a date; write it as 2024-01-31")
    if form.limit and not (form.limit.isdigit() and 1 <= int(form.limit) <= MAX_LIMIT):
        errors.append(f"limit: {form.limit!r} is not a number from 1 to {MAX_LIMIT}")
    if form.site and form.site not in sites:
        errors.append(f"site: no site named {form.site!r} (the sites: {', '.join(sites)})")
    return errors


async def _rows(database: Any, sql: str, params: Any = None) -> list[dict[str, Any]]:
    results = await database.execute(sql, params or [])
    return [dict(zip(results.columns, row, strict=True)) for row in results.rows]


async def _archive(datasette: Any, request: Any) -> Any:
    from datasette.utils.asgi import NotFound

    database = await archive_database(datasette)
    if database is None:
        raise NotFound("no archive database")
    await datasette.ensure_permissions(
        request.actor, [("view-table", (database.name, "articles")), "view-instance"]
    )
    return database


async def home_page(request: Any, datasette: Any) -> Any:
    database = await _archive(datasette, request)
    latest: dict[str, list[dict[str, Any]]] = {}
    for row in await _rows(database, LATEST_PER_SITE):
        latest.setdefault(row["site"], []).append(row)
    counts = [tuple(row) for row in (await database.execute(ARTICLES_PER_MONTH)).rows]
    context = {
        "sites": await _rows(database, SITES),
        "latest": latest,
        "svg": Markup(monthly_chart(counts)),  # built from escaped text only
        "form": SearchForm(),
        "tables_url": datasette.urls.database(database.name),
    }
    return await render(datasette, request, "secnews_home.html", context)


async def search_page(request: Any, datasette: Any) -> Any:
    database = await _archive(datasette, request)
    form = SearchForm(**{name: request.args.get(name, "").strip() for name in _FIELDS})
    sites = await _rows(database, SITES)
    errors = form_errors(form, [site["name"] for site in sites])
    hits, hidden = ([], 0) if errors or not form.q else await _hits(database, form)
    context = {"form": form, "errors": errors, "hits": hits, "hidden": hidden, "sites": sites}
    return await render(datasette, request, "secnews_search.html", context)


_FIELDS = tuple(SearchForm.__dataclass_fields__)


async def _hits(database: Any, form: SearchForm) -> tuple[list[dict[str, Any]], int]:
    """The hits of a valid form, each with the original it copies (if any); with copies
    collapsed, the copies left out and how many they were."""
    limit = int(form.limit or DEFAULT_LIMIT)
    params = {**asdict(form), "limit": str(limit * (COLLAPSED_READ if form.collapse else 1))}
    params.pop("collapse")
    hits = await _rows(database, SEARCH_SQL, params)
    originals = await _originals(database, [hit["id"] for hit in hits])
    for hit in hits:
        hit["copy_of"] = originals.get(hit["id"])
        hit["snippet"] = marked_html(hit["snippet"] or "")  # nothing but <mark> is markup
    if not form.collapse:
        return hits, 0
    kept = [hit for hit in hits if hit["copy_of"] is None]
    return kept[:limit], len(hits) - len(kept)


async def _originals(database: Any, ids: list[int]) -> dict[int, dict[str, Any]]:
    """For each copy among ``ids``: the article it copies (id, title, site)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = await _rows(
        database,
        "SELECT a.id AS copy, o.id, o.title, o.site FROM articles a "
        f"JOIN articles o ON o.id = a.duplicate_of WHERE a.id IN ({marks})",
        ids,
    )
    return {row.pop("copy"): row for row in rows}


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [(r"^/$", home_page), (r"^/-/search$", search_page)]


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    """An HTML visit to the canned search query goes to the search page, which says what is
    wrong with a query; its JSON and CSV stay as they are, for scripts."""

    def wrap(app: App) -> App:
        async def redirected(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if (
                scope["type"] == "http"
                and scope["method"] in ("GET", "HEAD")
                and scope["path"] == "/archive/search"
            ):
                query = scope.get("query_string", b"").decode("latin-1")
                location = "/-/search" + (f"?{query}" if query else "")
                headers = [(b"location", location.encode("latin-1"))]
                await send({"type": "http.response.start", "status": 302, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
            await app(scope, receive, send)

        return redirected

    return wrap
