"""Pages the plugin adds to Datasette: an article to read, and the articles-per-month chart."""

from __future__ import annotations

from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup

from archive.datasette.chart import monthly_chart
from archive.datasette.queries import ARTICLES_PER_MONTH
from archive.search.query import QueryError, parse_query
from archive.search.snippets import highlighted

DATABASE = "archive"


def template_source(name: str) -> str:
    return (files("archive.datasette") / "templates" / name).read_text(encoding="utf-8")


async def archive_database(datasette: Any) -> Any:
    """The served database that holds the archive (``archive`` by name, else by its tables)."""
    if DATABASE in datasette.databases:
        return datasette.databases[DATABASE]
    for database in datasette.databases.values():
        if "articles_fts" in await database.table_names():
            return database
    return None


async def render(datasette: Any, request: Any, template: str, context: dict[str, Any]) -> Any:
    from datasette.utils.asgi import Response

    compiled = datasette.jinja_env.from_string(template_source(template))
    return Response.html(await datasette.render_template(compiled, context, request=request))


def web_url(url: str | None) -> str | None:
    """``url`` when it is safe to link to (http or https), else None."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def media_url(datasette: Any, path: str | None) -> str | None:
    """Where the downloaded copy of an image is served (``media/…`` under the data dir)."""
    if not path or path.startswith("/") or ".." in path.split("/"):
        return None
    relative = path.removeprefix("media/")
    return str(datasette.urls.path("/media/" + quote(relative)))


def paragraphs(text: str, query: str) -> list[Markup | str]:
    """The text's paragraphs, with the query's matches marked when there is a query."""
    if query.strip():
        try:
            marked = highlighted(text, parse_query(query))
        except QueryError:
            marked = None
        if marked is not None:
            return [Markup(line) for line in marked.split("\n") if line.strip()]
    return [line for line in text.split("\n") if line.strip()]


async def _rows(database: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    results = await database.execute(sql, params)
    return [dict(zip(results.columns, row, strict=True)) for row in results.rows]


_MAX_ROWID = (1 << 63) - 1  # SQLite's largest integer


async def article_page(request: Any, datasette: Any) -> Any:
    from datasette.utils.asgi import NotFound

    database = await archive_database(datasette)
    article_id = int(request.url_vars["article_id"])
    if database is None or article_id > _MAX_ROWID:
        # An id past SQLite's integers names no article (and cannot be bound as one).
        raise NotFound(f"no article {article_id}" if database else "no archive database")
    await datasette.ensure_permissions(
        request.actor, [("view-table", (database.name, "articles")), "view-instance"]
    )
    found = await _rows(database, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        raise NotFound(f"no article {article_id}")
    article, query = found[0], request.args.get("q", "")
    return await render(
        datasette,
        request,
        "secnews_article.html",
        await _article_context(datasette, database, article, query),
    )


async def _article_context(
    datasette: Any, database: Any, article: dict[str, Any], query: str
) -> dict[str, Any]:
    article_id = article["id"]
    images = await _rows(
        database, "SELECT * FROM images WHERE article_id = ? ORDER BY position, id", [article_id]
    )
    for image in images:
        image["src"], image["link"] = media_url(datasette, image["path"]), web_url(image["url"])
    db_url = datasette.urls.database(database.name)
    sites = await _rows(database, "SELECT * FROM sites WHERE name = ?", [article["site"]])
    return {
        "article": article,
        "original": web_url(article["url"]),
        "query": query,
        "paragraphs": paragraphs(article["text"] or "", query),
        "images": images,
        "site": sites[0] if sites else {"name": article["site"], "title": None},
        "versions": await _rows(
            database,
            "SELECT version, fetched_at, title, content_hash FROM article_versions "
            "WHERE article_id = ? ORDER BY version DESC",
            [article_id],
        ),
        "aliases": await _rows(
            database, "SELECT url, first_seen FROM article_urls WHERE article_id = ?", [article_id]
        ),
        "row_url": datasette.urls.row(database.name, "articles", str(article_id)),
        "versions_url": f"{db_url}/versions_of_article?{urlencode({'id': article_id})}",
        "duplicates_url": f"{db_url}/duplicates_of_article?{urlencode({'id': article_id})}",
        "search_url": f"{db_url}/search",
    }


async def chart_page(request: Any, datasette: Any) -> Any:
    from datasette.utils.asgi import NotFound

    database = await archive_database(datasette)
    if database is None:
        raise NotFound("no archive database")
    await datasette.ensure_permissions(
        request.actor, [("view-table", (database.name, "articles")), "view-instance"]
    )
    counts = [tuple(row) for row in (await database.execute(ARTICLES_PER_MONTH)).rows]
    return await render(
        datasette,
        request,
        "secnews_chart.html",
        {
            "svg": Markup(monthly_chart(counts)),  # built from escaped text only
            "counts": counts,
            "query_url": f"{datasette.urls.database(database.name)}/articles_per_month",
        },
    )
