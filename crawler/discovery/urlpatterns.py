"""URL shapes: the common form of a set of URLs as a regular expression for a site config.

``/news/2023/11/28/ministers-agree/`` and ``/news/2022/12/05/tenth-session/`` share the shape
``/news/\\d+/\\d+/\\d+/[^/]+/``: digits and slugs vary, the rest is the site's scheme.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

DIGITS = "#"
SLUG = "*"
_SLUG_MARKS = re.compile(r"[-_\s%]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")


def _kind(part: str) -> str:
    """A path segment or query value as it varies: digits, a slug, digits in a name, or itself."""
    if part.isdigit():
        return DIGITS
    mixed = bool(_LETTER.search(part)) and bool(_DIGIT.search(part)) and "." not in part
    if _SLUG_MARKS.search(part) or len(part) > 24 or mixed:
        return SLUG
    return _DIGIT_RUN.sub(DIGITS, part)  # 708.html -> #.html


def _parts(url: str) -> tuple[list[str], list[tuple[str, str]]]:
    parts = urlsplit(url)
    segments = parts.path.split("/")
    pairs = [tuple(pair.partition("=")[::2]) for pair in parts.query.split("&") if pair]
    return segments, [(str(key), str(value)) for key, value in pairs]


def url_shape(url: str) -> tuple[str, ...]:
    """A hashable shape: path segments and query pairs with digits and slugs generalised."""
    segments, pairs = _parts(url)
    return (*(_kind(s) for s in segments), "?", *(f"{k}={_kind(v)}" for k, v in pairs))


def group_by_shape(urls: Iterable[str]) -> list[list[str]]:
    """Distinct URLs grouped by shape, the largest group first."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        groups[url_shape(url)].append(url)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _pattern_part(values: list[str], slug: str, *, keep_equal: bool = False) -> str:
    """Literal when the values are a literal (or, with ``keep_equal``, equal across 2+ URLs)."""
    kind = _kind(values[0])
    if (kind == values[0] != DIGITS) or (keep_equal and len(values) > 1 and len(set(values)) == 1):
        return re.escape(values[0])
    if kind == SLUG:
        return slug
    return r"\d+".join(re.escape(piece) for piece in kind.split(DIGITS))


def shape_pattern(urls: list[str]) -> str:
    """A regular expression (searched in full URLs) that every URL of one shape matches."""
    split = [_parts(url) for url in urls]
    segments = [
        _pattern_part([s[index] for s, _ in split], "[^/]+") for index in range(len(split[0][0]))
    ]
    pattern = "/".join(segments)
    # Equal query values across URLs (a category, a language) are kept: paths vary by date.
    pairs = split[0][1]
    if pairs:
        values = [
            f"{re.escape(key)}="
            + _pattern_part([p[index][1] for _, p in split], "[^&]+", keep_equal=True)
            for index, (key, _) in enumerate(pairs)
        ]
        pattern += r"\?" + "&".join(values)
    return pattern + "$"
