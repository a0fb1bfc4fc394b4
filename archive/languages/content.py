"""The pass over a site that links the language versions its pages leave unlinked.

Each article is read once into what the evidence compares (``Version``), less the names and
numbers most of the site's articles in its language give; articles of other languages within
a day of each other are weighed (``evidence.weigh``), and the links are made
best first, never giving a release two versions in one language. Links the pages declare are
kept and bound the choice; the content links of a site are made again from scratch on each
pass, so a second pass over an unchanged archive changes nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import sqlite_utils

from archive.languages.evidence import Link, Version, weigh
from archive.languages.pictures import one_picture
from archive.languages.tables import regroup, save_link

# A name or number is common in a language on a site when more of its articles than this
# share of them (and at least this many) give it.
COMMON_SHARE = 0.1
COMMON_MIN = 3


@dataclass(frozen=True)
class LinkingSummary:
    """What one pass over one site found."""

    site: str
    articles: int  # dated articles with a known language, weighed
    weighed: int  # pairs within a day of each other, in two languages
    linked: int  # content links made
    releases: int  # releases of two or more versions on the site, however linked


def link_by_content(
    db: sqlite_utils.Database, site: str, data_dir: Path | None = None
) -> LinkingSummary:
    """Link the site's unlinked language versions on their content; return what was done.
    With the archive's ``data_dir``, downloaded images are compared as pictures too."""
    site_ids = "SELECT id FROM articles WHERE site = ?"
    db.execute(
        f"DELETE FROM language_links WHERE linked_by = 'content' AND "
        f"(article_id IN ({site_ids}) OR other_id IN ({site_ids}))",
        [site, site],
    )
    versions = without_common(_versions(db, site))
    alike = None
    if data_dir is not None:
        root = data_dir

        def alike(one: str, other: str) -> bool:
            return one_picture(root / one, root / other)

    weighed, candidates = _candidates(versions, alike)
    releases = _Releases({v.id: v.language for v in versions})
    for one, other in db.execute(
        f"SELECT article_id, other_id FROM language_links WHERE article_id IN ({site_ids}) "
        f"OR other_id IN ({site_ids})",
        [site, site],
    ).fetchall():
        releases.join(int(one), int(other))
    linked = _link_best_first(db, candidates, releases)
    # The site's releases as they were and as they are now: every article of either.
    touched = db.execute(
        f"SELECT article_id FROM release_versions WHERE article_id IN ({site_ids}) UNION "
        f"SELECT article_id FROM language_links WHERE article_id IN ({site_ids}) UNION "
        f"SELECT other_id FROM language_links WHERE other_id IN ({site_ids})",
        [site, site, site],
    ).fetchall()
    regroup(db, [int(row[0]) for row in touched])
    releases = db.execute(
        "SELECT count(DISTINCT r.release_id) FROM release_versions r "
        "JOIN articles a ON a.id = r.article_id WHERE a.site = ?",
        [site],
    ).fetchone()[0]
    return LinkingSummary(site, len(versions), weighed, linked, int(releases))


def _versions(db: sqlite_utils.Database, site: str) -> list[Version]:
    images: dict[int, set[str]] = defaultdict(set)
    media: dict[int, set[str]] = defaultdict(set)
    for article_id, url, sha256, path in db.execute(
        "SELECT i.article_id, i.url, i.sha256, i.path FROM images i JOIN articles a "
        "ON a.id = i.article_id WHERE a.site = ?",
        [site],
    ):
        images[int(article_id)].add(f"url:{url}")
        if sha256:
            images[int(article_id)].add(f"sha256:{sha256}")
        if path:
            media[int(article_id)].add(str(path))
    versions = []
    for article_id, language, published, title, text in db.execute(
        "SELECT id, language, published, title, text FROM articles WHERE site = ? AND "
        "language IS NOT NULL AND language <> '' AND published IS NOT NULL ORDER BY published",
        [site],
    ):
        day = _day(str(published))
        if day is not None:
            body = f"{title or ''}\n{text or ''}"
            found = images[article_id], media[article_id]
            versions.append(Version.read(int(article_id), language, day, body, *found))
    return versions


def without_common(versions: list[Version]) -> list[Version]:
    """The versions without the names and numbers common in their language on the site: the
    body's own name (Secretariat, Секретариат), the year's anniversary. What most releases
    say tells none of them apart."""
    by_language: dict[str, list[Version]] = defaultdict(list)
    for version in versions:
        by_language[version.language].append(version)
    common: dict[str, set[object]] = {}
    for language, group in by_language.items():
        limit = max(COMMON_MIN, COMMON_SHARE * len(group))
        counts = Counter(item for v in group for item in (*v.names, *v.numbers))
        common[language] = {item for item, count in counts.items() if count > limit}
    return [
        replace(
            v,
            names=frozenset(n for n in v.names if n not in common[v.language]),
            numbers=frozenset(n for n in v.numbers if n not in common[v.language]),
        )
        for v in versions
    ]


def _day(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _candidates(
    versions: list[Version], alike: Callable[[str, str], bool] | None
) -> tuple[int, list[Link]]:
    """(pairs weighed, the links the evidence allows), pairs within a day of each other."""
    ordered = sorted(versions, key=lambda v: v.day)
    links: list[Link] = []
    weighed = 0
    for index, one in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if (other.day - one.day).days > 1:
                break
            if other.language == one.language:
                continue
            weighed += 1
            link = weigh(one, other, alike)
            if link is not None:
                links.append(link)
    return weighed, links


class _Releases:
    """Releases as they grow, link by link (union-find), with the languages each holds."""

    def __init__(self, languages: dict[int, str]) -> None:
        self._parent: dict[int, int] = {}
        self._languages = {article: {language} for article, language in languages.items()}

    def root(self, article: int) -> int:
        parent = self._parent.get(article, article)
        if parent == article:
            return article
        top = self.root(parent)
        self._parent[article] = top
        return top

    def can_join(self, one: int, other: int) -> bool:
        a, b = self.root(one), self.root(other)
        return a != b and not (self._languages.get(a, set()) & self._languages.get(b, set()))

    def join(self, one: int, other: int) -> None:
        a, b = self.root(one), self.root(other)
        if a == b:
            return
        self._parent[b] = a
        self._languages[a] = self._languages.get(a, set()) | self._languages.pop(b, set())


def _link_best_first(db: sqlite_utils.Database, candidates: list[Link], releases: _Releases) -> int:
    linked = 0
    # Best first; ties go to the older pair, so the same archive always links the same way.
    for link in sorted(candidates, key=lambda link: (-link.score, link.one, link.other)):
        if releases.can_join(link.one, link.other):
            save_link(db, link.one, link.other, "content", link.score, link.evidence)
            releases.join(link.one, link.other)
            linked += 1
    return linked
