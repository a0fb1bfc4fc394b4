"""Fault suite, reprocessing: ``secnews reprocess`` reads back only the captures a crawl
accepted, and inflates them within the crawl's limits.

An article is archived, then answers a later crawl with a gzip bomb, which that crawl refuses
(its capture is in the WARC, with the refusal on its ``fetches`` row). Reprocessing must take
the article's good capture, never the bomb, in a process that stays small.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_site.hostile import HostileSite

from .faultkit import run_crawl, run_secnews

pytestmark = pytest.mark.e2e
MAX_RSS_MB = 400


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    with HostileSite() as served:
        yield served


def test_reprocess_reads_only_accepted_captures_within_the_crawls_limits(
    site: HostileSite, tmp_path: Path
) -> None:
    bombed = site.urls["quiet"] + "limits/bomb-on-revisit"
    gzipped = site.urls["quiet"] + "limits/gzipped-article"
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "bombed.toml").write_text(
        f'name = "bombed"\nstart_urls = ["{bombed}", "{gzipped}"]\n', encoding="utf-8"
    )
    data = tmp_path / "data"
    for crawl in ("first", "second"):  # the second finds the bomb where the article was
        args = ("bombed", "--sites", str(sites), "--delay", "0")
        result = run_crawl(data, *args, logs=tmp_path / crawl)
        assert result.returncode == 0 and result.crashes() == [], result.stderr[-3000:]
    captures = result.rows(
        "SELECT status, record_type, error FROM fetches WHERE url = ? ORDER BY id", bombed
    )
    assert [(row[0], row[1]) for row in captures] == [(200, "response")] * 2
    assert captures[0][2] is None
    assert "exceeded DOWNLOAD_MAXSIZE (33554432 B) during decompression" in captures[1][2]

    reprocessed = run_secnews(
        data, ["reprocess", "--data", str(data)], timeout=120, logs=tmp_path / "reprocess"
    )
    assert reprocessed.returncode == 0, reprocessed.stderr[-3000:]
    # Both articles read back from their accepted captures: the article's first, and the
    # compressed one inflated as the crawl inflated it.
    assert "2 pages: 0 updated, 2 unchanged, 0 without a body now" in reprocessed.stdout
    assert reprocessed.max_rss_mb < MAX_RSS_MB, f"peak RSS {reprocessed.max_rss_mb:.0f} MB"


def test_a_stored_payload_is_inflated_only_up_to_the_limit(tmp_path: Path) -> None:
    from archive.store.warc import Exchange, PayloadTooLarge, WarcRecorder, read_response

    page = b"<p>" + b"the council met " * 40_000 + b"</p>"  # 640 kB inflated
    recorder = WarcRecorder(tmp_path)
    where = recorder.write(
        Exchange(
            url="http://127.0.0.1:1/page",
            method="GET",
            request_headers=[],
            status=200,
            response_headers=[("Content-Encoding", "gzip")],
            payload=gzip.compress(page),
        )
    )
    recorder.close()
    stored = read_response(tmp_path, where.file, where.offset, max_payload=len(page))
    assert stored.payload == page
    with pytest.raises(PayloadTooLarge, match=f"inflates past {len(page) - 1} bytes"):
        read_response(tmp_path, where.file, where.offset, max_payload=len(page) - 1)
