"""Fault suite, hostile images: a PNG that claims ten gigapixels, an SVG with a script, image
URLs with ``../`` and encoded slashes, images at private addresses. Nothing is ever written
outside ``media/``, bombs are not kept, and no image is fetched from a private address."""

from __future__ import annotations

import asyncio
import hashlib
import re
from pathlib import Path

import pytest

from .faultkit import CrawlResult, hostile_crawl

pytestmark = pytest.mark.e2e
MEDIA_FILE = re.compile(r"^media/([0-9a-f]{2})/\1[0-9a-f]{62}\.(png|jpg|gif|webp|svg)$")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return hostile_crawl(tmp_path_factory)


def images(crawl: CrawlResult) -> dict[str, dict[str, object]]:
    """Image rows of the pictures article, by the last part of their URL."""
    rows = crawl.rows(
        "SELECT i.url, i.sha256, i.path, i.content_type FROM images i "
        "JOIN articles a ON a.id = i.article_id WHERE a.url LIKE '%/pages/images'"
    )
    return {row["url"].rsplit("/", 1)[-1]: dict(row) for row in rows}


def test_an_image_bomb_is_not_kept(crawl: CrawlResult) -> None:
    assert images(crawl)["bomb.png"]["sha256"] is None
    (error,) = crawl.rows("SELECT error FROM fetches WHERE url LIKE '%/media/bomb.png'")[0]
    assert error.startswith("image not kept: decompression bomb")
    assert "10000000000 pixels" in error


def test_files_are_written_only_under_media_named_by_their_hash(crawl: CrawlResult) -> None:
    data = crawl.data_dir
    for path in data.rglob("*"):
        relative = path.relative_to(data).as_posix()
        if path.is_dir() or relative.startswith("warc/") or relative.startswith("archive.db"):
            continue
        if relative == "crawl.lock":  # the writers' lock (archive/lock.py): free, so empty
            assert path.stat().st_size == 0
            continue
        assert MEDIA_FILE.match(relative), relative
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
    # The ../ and %2F images were fetched at their resolved URLs and kept like any other.
    kept = images(crawl)
    assert kept["escape.png"]["path"] and kept["..%2F..%2F..%2Fescape-encoded.png"]["path"]
    # and nothing named after a URL appeared anywhere around the data directory (the image
    # names: other tests of the session keep files under the same base, one called escape).
    base = data.parent.parent
    assert [p for p in base.rglob("*escape*.png")] == []


def test_images_at_private_addresses_are_never_fetched(crawl: CrawlResult) -> None:
    kept = images(crawl)
    assert kept["id.png"]["sha256"] is None  # //169.254.169.254/latest/meta-data/id.png
    assert kept["redirect-private.png"]["sha256"] is None  # 302 to 10.20.30.40
    fetched = {row[0] for row in crawl.rows("SELECT url FROM fetches")}
    assert not any("169.254." in url or "10.20.30.40" in url for url in fetched)
    (redirect,) = crawl.rows("SELECT error FROM fetches WHERE url LIKE '%redirect-private.png'")
    assert redirect[0] == "IgnoreRequest: refused: private address 10.20.30.40"


def test_an_svg_with_a_script_is_kept_as_a_file(crawl: CrawlResult) -> None:
    svg = images(crawl)["drawing.svg"]
    assert svg["content_type"] == "image/svg+xml" and str(svg["path"]).endswith(".svg")


def test_the_archive_ui_serves_an_svg_sandboxed(crawl: CrawlResult) -> None:
    """Opened by its own URL, the SVG's script must not run in the archive's origin."""
    from archive.datasette.app import make_datasette

    svg = images(crawl)["drawing.svg"]
    datasette = make_datasette(Path(crawl.data_dir), immutable=True)
    response = asyncio.run(datasette.client.get("/" + str(svg["path"])))
    assert response.status_code == 200 and b"<script>" in response.content
    disposition = response.headers.get("content-disposition", "")
    policy = response.headers.get("content-security-policy", "")
    assert disposition.startswith("attachment") or "sandbox" in policy
    assert response.headers.get("x-content-type-options") == "nosniff"


def test_images_on_another_host_are_fetched_under_that_hosts_robots_txt(
    crawl: CrawlResult,
) -> None:
    """A CDN, a ``static.`` host, another port: its images are kept, its robots.txt is read
    (for images only) and obeyed."""
    assert crawl.site is not None
    kept = images(crawl)
    assert kept["cdn.png"]["sha256"] and str(kept["cdn.png"]["path"]).endswith(".png")
    assert kept["hidden.png"]["sha256"] is None  # Disallow: /private/ on the images host
    asked = sorted(entry["path"] for entry in crawl.site.requests_to("static"))
    assert asked == ["/img/cdn.png", "/robots.txt"]
    robots = crawl.rows(
        "SELECT status, error FROM fetches WHERE url = ?", crawl.site.urls["static"] + "robots.txt"
    )
    assert [tuple(row) for row in robots] == [(200, None)]


def test_an_images_host_is_never_crawled_for_pages(crawl: CrawlResult) -> None:
    """Let in for images, the other host stays off the site: neither the page the article
    links to there nor a redirect to one of its pages is fetched."""
    assert crawl.site is not None
    static = crawl.site.urls["static"]
    (moved,) = crawl.rows("SELECT error FROM fetches WHERE url LIKE '%/fault/offsite-media-host'")
    assert moved[0] == f"IgnoreRequest: off-site: {static}news/moved.html"
    asked = {entry["path"] for entry in crawl.site.requests_to("static")}
    assert not any(path.startswith("/news/") for path in asked)
