"""Pages the plugin adds to Datasette: an article to read (with its versions in other
languages), and the articles-per-month chart."""

from __future__ import annotations

import re
from html import escape, unescape
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup

from archive.datasette.chart import monthly_chart
from archive.datasette.queries import ARTICLES_PER_MONTH
from archive.datasette.replay import captured_link
from archive.languages.tables import VERSIONS_SQL
from archive.search.query import QueryError, parse_query
from archive.search.snippets import highlighted
from archive.store.versions import inline_diff

DATABASE = "archive"


_OWN_INCLUDE = re.compile(r'\{% include "(secnews_[a-z_]+\.html)" %\}')


def template_source(name: str) -> str:
    """One of our templates, with the ones it includes of ours written in (they are compiled
    from source, outside the loader that would find them by name)."""
    source = (files("archive.datasette") / "templates" / name).read_text(encoding="utf-8")
    return _OWN_INCLUDE.sub(lambda match: template_source(match.group(1)), source)


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


def marked_html(value: str) -> Markup:
    """A snippet as HTML in which nothing but ``<mark>`` can be markup."""
    pieces = value.replace("</mark>", "<mark>").split("<mark>")
    safe = [escape(unescape(piece), quote=False) for piece in pieces]
    return Markup("".join(p if i % 2 == 0 else f"<mark>{p}</mark>" for i, p in enumerate(safe)))


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
    context = await _article_context(datasette, database, article, query)
    context |= await _versions_context(database, article, request.args)
    context |= await languages_context(datasette, database, article, request.args.get("beside"))
    context["language_name"] = language_name(article["language"])
    if context["shown_version"] is not None:  # an earlier version, read as it was
        context["paragraphs"] = paragraphs(context["shown_version"]["text"] or "", query)
    return await render(datasette, request, "secnews_article.html", context)


_VERSION_SQL = (
    "SELECT version, fetched_at, coalesce(origin, 'crawl') AS origin, title, published, "
    "author, text FROM article_versions WHERE article_id = ? AND version = ?"
)


async def _versions_context(database: Any, article: dict[str, Any], args: Any) -> dict[str, Any]:
    """The version asked for (``?version=N``) and the comparison of two (``?from=&to=``),
    with a message for each number that names no version."""
    numbers = [
        row["version"]
        for row in await _rows(
            database, "SELECT version FROM article_versions WHERE article_id = ?", [article["id"]]
        )
    ]
    span = f"versions are {min(numbers)} to {max(numbers)}" if numbers else "no version"
    asked = {name: args.get(name) for name in ("version", "from", "to") if args.get(name)}
    wanted, errors = {}, []
    for name, value in asked.items():
        if value.isdigit() and int(value) in numbers:
            wanted[name] = int(value)
        else:
            errors.append(f"{name}={value}: no such version of this article ({span})")
    shown = await _version(database, article["id"], wanted.get("version"))
    compared = None
    if "from" in wanted and "to" in wanted:
        older = await _version(database, article["id"], wanted["from"])
        newer = await _version(database, article["id"], wanted["to"])
        if older is not None and newer is not None:
            runs = inline_diff(older["text"] or "", newer["text"] or "")
            compared = {"old": older, "new": newer, "runs": runs}
    return {"shown_version": shown, "compared": compared, "errors": errors, "numbers": numbers}


async def _version(database: Any, article_id: int, number: int | None) -> dict[str, Any] | None:
    if number is None:
        return None
    found = await _rows(database, _VERSION_SQL, [article_id, number])
    return found[0] if found else None


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
            "SELECT version, fetched_at, coalesce(origin, 'crawl') AS origin, title, content_hash "
            "FROM article_versions "
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
        "captured": await captured_link(datasette, database, article_id),
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


# An article's versions in other languages on its page: "also in" links, and side by side
# (``?beside=ID`` shows another version of its release next to it, paragraph by paragraph).
# How a language calls itself, for the "also in" links; an unknown code is shown as it is.
LANGUAGE_NAMES = {
    "zh": "中文",
    "ru": "русский",
    "en": "English",
    "kk": "қазақша",
    "uz": "oʻzbekcha",
    "ky": "кыргызча",
    "tg": "тоҷикӣ",
    "mn": "монгол",
    "fr": "français",
    "de": "Deutsch",
    "es": "español",
    "ar": "العربية",
}


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "?")


async def languages_context(
    datasette: Any, database: Any, article: dict[str, Any], beside: str | None
) -> dict[str, Any]:
    """The article's other versions (``also_in``), and the one asked to be shown beside it."""
    results = await database.execute(VERSIONS_SQL, {"id": article["id"]})
    also_in = [dict(zip(results.columns, row, strict=True)) for row in results.rows]
    for version in also_in:
        version["name"] = language_name(version["language"])
        version["page"] = datasette.urls.path(f"/-/article/{version['id']}")
    context: dict[str, Any] = {"also_in": also_in, "beside": None, "beside_error": None}
    if not beside:
        return context
    chosen = next((v for v in also_in if str(v["id"]) == beside.strip()), None)
    if chosen is None:
        context["beside_error"] = (
            f"beside={beside}: not a version of this article in another language"
        )
        return context
    found = await database.execute(
        "SELECT id, language, title, published, text FROM articles WHERE id = ?", [chosen["id"]]
    )
    other = dict(zip(found.columns, found.rows[0], strict=True))
    other["name"] = chosen["name"]
    other["page"] = chosen["page"]
    other["paragraphs"] = [line for line in (other["text"] or "").split("\n") if line.strip()]
    context["beside"] = other
    return context
