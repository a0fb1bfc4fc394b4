"""How ``secnews search`` prints its hits: a few lines a hit, matches in bold on a terminal."""

from __future__ import annotations

import re
from html import unescape

import click

from archive.search.ranking import SearchHit

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def plain_snippet(snippet: str, *, color: bool) -> str:
    """An HTML snippet as terminal text: matches bold (or in [brackets] without colour)."""

    def mark(match: re.Match[str]) -> str:
        text = match.group(1)
        return click.style(text, bold=True, fg="yellow") if color else f"[{text}]"

    return unescape(_MARK.sub(mark, snippet))


def hit_lines(hits: list[SearchHit], *, color: bool) -> list[str]:
    """Title, site/date/language/score line, URL and snippet of each hit."""
    lines = []
    for number, hit in enumerate(hits, 1):
        title = hit.title or "(no title)"
        lines.append(f"{number}. {click.style(title, bold=True) if color else title}")
        score = "newest first" if hit.score is None else f"score {hit.score}"
        facts = [hit.site, hit.published or "undated", hit.language or "?", score]
        lines.append("   " + " · ".join(facts) + f" · article {hit.id}")
        lines.append(f"   {hit.url}")
        lines.append(f"   {plain_snippet(hit.snippet, color=color)}")
        lines.append("")
    return lines
