"""An article's versions in other languages on its page: "also in" links, and side by side.

``?beside=ID`` on an article page shows another version of its release next to it, paragraph
column by paragraph column, for reading a release in two languages at once.
"""

from __future__ import annotations

from typing import Any

from archive.languages.tables import VERSIONS_SQL

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
