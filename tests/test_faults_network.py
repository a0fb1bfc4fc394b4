"""Fault suite, network and server faults: each is retried or recorded in ``fetches`` with its
error, the crawl goes on, and nothing off the site is ever requested.

One crawl of the hostile sample site (``crawler.sample_site.hostile``) serves every test here
and in the other ``test_faults_*`` modules that read it.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from crawler.sample_site.hostile_pages import GOOD_ARTICLES

from .faultkit import TIMEOUT, CrawlResult, final_attempt, hostile_crawl, site_name

pytestmark = pytest.mark.e2e
ATTEMPTS = 4  # RETRY_TIMES = 3, plus the first


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return hostile_crawl(tmp_path_factory)


def fetches(crawl: CrawlResult, path: str) -> list[tuple[int | None, str | None, str]]:
    """(status, error, fetched_at) of every attempt at one URL of the hostile site, in order."""
    assert crawl.site is not None
    url = crawl.site.urls["hostile"] + path.lstrip("/")
    rows = crawl.rows(
        "SELECT status, error, fetched_at FROM fetches WHERE url = ? ORDER BY id", url
    )
    return [(row[0], row[1], row[2]) for row in rows]


def last(crawl: CrawlResult, path: str) -> tuple[int | None, str | None]:
    """(status, error) of the one answer a URL got (after any attempt a loaded machine let
    time out)."""
    attempts = [{"status": s, "error": e} for s, e, _ in fetches(crawl, path)]
    final = final_attempt(attempts)
    return final["status"], final["error"]


def test_a_request_that_never_gets_an_answer_times_out_and_is_recorded(crawl: CrawlResult) -> None:
    attempts = fetches(crawl, "/fault/timeout")
    assert len(attempts) == ATTEMPTS
    for status, error, _ in attempts:
        assert status is None and error is not None
        assert f"took longer than {TIMEOUT:.1f} seconds" in error


def test_a_slowloris_is_cut_at_the_time_limit_of_the_whole_answer(crawl: CrawlResult) -> None:
    """A byte a second keeps every read short; the limit is on the whole answer."""
    attempts = fetches(crawl, "/fault/slow")
    assert len(attempts) == ATTEMPTS
    for status, error, _ in attempts:
        assert status is None and f"took longer than {TIMEOUT:.1f} seconds" in (error or "")


@pytest.mark.parametrize(
    ("path", "error"),
    [("/fault/reset", "ConnectionLost"), ("/fault/truncated", "ResponseDataLossError")],
)
def test_resets_and_truncated_bodies_are_retried_then_recorded(
    crawl: CrawlResult, path: str, error: str
) -> None:
    attempts = fetches(crawl, path)
    assert len(attempts) == ATTEMPTS
    assert all(status is None and error in (message or "") for status, message, _ in attempts)


def test_a_server_error_is_retried_then_recorded(crawl: CrawlResult) -> None:
    assert [(s, e) for s, e, _ in fetches(crawl, "/fault/server-error")] == [
        (500, "HTTP 500")
    ] * ATTEMPTS


@pytest.mark.parametrize(("path", "refusals"), [("/fault/unavailable", 2), ("/fault/too-many", 1)])
def test_retry_after_is_waited_for_and_the_page_archived(
    crawl: CrawlResult, path: str, refusals: int
) -> None:
    attempts = fetches(crawl, path)
    assert [status for status, _, _ in attempts] == [attempts[0][0]] * refusals + [200]
    assert attempts[0][0] in (429, 503)
    times = [datetime.fromisoformat(at.replace("Z", "+00:00")) for _, _, at in attempts]
    # Retry-After: 1 — each retry came at least a second after the answer that asked for it.
    assert all(
        (later - earlier).total_seconds() >= 0.95 for earlier, later in itertools.pairwise(times)
    )
    assert crawl.rows("SELECT 1 FROM articles WHERE url LIKE ?", f"%{path}")


def test_a_retry_after_beyond_the_limit_is_left_for_the_next_crawl(crawl: CrawlResult) -> None:
    assert last(crawl, "/fault/unavailable-long") == (503, "HTTP 503")
    assert crawl.stats(site_name(crawl.site.urls["hostile"]))["secnews/retry_after/too_long"] == 1
    assert "asks to wait 86400 s" in crawl.stderr


def test_a_redirect_loop_ends_at_the_redirect_limit_with_its_error(crawl: CrawlResult) -> None:
    hops = fetches(crawl, "/fault/loop") + fetches(crawl, "/fault/loop-2")
    assert len(hops) == 11  # the first request and REDIRECT_MAX_TIMES = 10 redirects
    assert {status for status, _, _ in hops} == {302}
    errors = [error for _, error, _ in hops if error]
    assert errors == ["IgnoreRequest: max redirections reached"]


def test_redirects_off_the_site_are_never_followed(crawl: CrawlResult) -> None:
    assert crawl.site is not None
    assert crawl.site.requests_to("elsewhere") == []  # the other site's own log
    for path in ("/fault/offsite", "/fault/offsite-metadata"):
        offsite = last(crawl, path)
        assert offsite[0] == 302 and "off-site: " + crawl.site.urls["elsewhere"] in (
            offsite[1] or ""
        )


def test_redirects_to_private_addresses_and_files_are_refused(crawl: CrawlResult) -> None:
    private = last(crawl, "/fault/private")
    assert private[1] == "IgnoreRequest: refused: link-local address 169.254.169.254"
    local_file = last(crawl, "/fault/file")
    assert local_file[1] == "redirect to file:///etc/passwd not followed"
    requested = {row[0] for row in crawl.rows("SELECT url FROM fetches")}
    assert all(url.startswith("http://127.0.0.1:") for url in requested)
    assert "refused http://169.254.169.254/latest/meta-data/: link-local address" in crawl.stderr


def test_the_crawl_goes_on_past_every_fault(crawl: CrawlResult) -> None:
    assert crawl.site is not None
    for name in ("hostile", "robots-garbage"):
        base = crawl.site.urls[name]
        stored = {
            row[0] for row in crawl.rows("SELECT url FROM articles WHERE url LIKE ?", base + "%")
        }
        assert {f"{base}news/{article}.html" for article in GOOD_ARTICLES} <= stored
    # Nothing was dropped silently: every URL the crawl meant to fetch has an outcome.
    assert crawl.rows("SELECT url FROM frontier WHERE state = 'pending'") == []


def test_robots_txt_answering_500_shuts_the_site_for_this_crawl(crawl: CrawlResult) -> None:
    assert crawl.site is not None
    base = crawl.site.urls["robots-error"]
    assert {entry["path"] for entry in crawl.site.requests_to("robots-error")} == {"/robots.txt"}
    robots = crawl.rows("SELECT status, error FROM fetches WHERE url = ?", base + "robots.txt")
    assert [tuple(row) for row in robots] == [(500, "HTTP 500")] * ATTEMPTS
    assert f"robots.txt {base}robots.txt answered 500: nothing will be requested" in crawl.stderr
    assert crawl.rows("SELECT 1 FROM articles WHERE url LIKE ?", base + "%") == []
    # The operator hears of it: the site fails its health check, so the crawl exits 1.
    assert crawl.returncode == 1
    assert f"health: {site_name(base)}: fetch-errors" in crawl.stdout


def test_robots_txt_of_garbage_is_no_rule_at_all(crawl: CrawlResult) -> None:
    assert crawl.site is not None
    base = crawl.site.urls["robots-garbage"]
    paths = {entry["path"] for entry in crawl.site.requests_to("robots-garbage")}
    assert {"/robots.txt", "/", *(f"/news/{a}.html" for a in GOOD_ARTICLES)} <= paths
    assert crawl.rows("SELECT error FROM fetches WHERE url = ?", base + "robots.txt")[0][0] is None
