"""Snapshots with ``--formats wacz``: the sample digest crawled with its page requisites,
packed as captures.wacz, checked by py-wacz, indexed, replayed by pywb, verified."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site import digest
from crawler.sample_site import digest_pages as pages
from tests.conftest import REPO, Crawl, RunningSampleSite, secnews
from tests.snapshot_support import copy_archive, flip_byte, rows, take

SITE = "sample-digest"
PYWB_PYTHON = REPO / ".venv-pywb" / "bin" / "python"
WACZ_TOOL = Path(sys.executable).parent / "wacz"


def _crawl(data_dir: Path, sites_dir: Path) -> None:
    secnews("crawl", SITE, "--sites", str(sites_dir), "--data", str(data_dir))


@pytest.fixture(scope="module")
def crawled(
    private_sample_site: RunningSampleSite,
    requisites_crawl: Crawl,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """The digest crawled twice: with requisites (its config's), and with them off."""
    base = private_sample_site.urls[SITE]
    with_requisites = requisites_crawl.data_dir
    first_crawl = private_sample_site.requests()[requisites_crawl.requests_before :]
    plain_sites = tmp_path_factory.mktemp("plain-sites")
    plain = dataclasses.replace(digest.PROFILE, requisites=False).site_config(base)
    (plain_sites / f"{SITE}.toml").write_text(plain, encoding="utf-8")
    without = tmp_path_factory.mktemp("without-requisites")
    _crawl(without, plain_sites)
    return {"base": base, "with": with_requisites, "without": without, "log": first_crawl}


@pytest.fixture(scope="module")
def snapshot(crawled: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("snapshots")
    return Path(take(crawled["with"], out, "--formats", "sqlite,wacz")["path"])


def cdxj_urls(wacz: Path) -> set[str]:
    with zipfile.ZipFile(wacz) as package:
        lines = gzip.decompress(package.read("indexes/index.cdx.gz")).decode().splitlines()
    return {json.loads(line.split(" ", 2)[2])["url"] for line in lines if line.strip()}


def page_list(wacz: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(wacz) as package:
        lines = package.read("pages/pages.jsonl").decode("utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


def validate(wacz: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WACZ_TOOL), "validate", "-f", str(wacz)], capture_output=True, text=True, check=False
    )


def test_requisites_are_fetched_once_a_crawl(crawled: dict[str, Any]) -> None:
    asked = [entry["path"] for entry in crawled["log"]]
    for requisite in (pages.STYLESHEET, pages.FONT, pages.BANNER_BACKGROUND, pages.LOGO):
        assert asked.count(requisite) == 1, requisite
    fetched = rows(
        crawled["with"] / "archive.db",
        "SELECT url, status, record_type FROM fetches WHERE url LIKE '%/images/%'",
    )
    assert {(url.removeprefix(crawled["base"][:-1]), s, r) for url, s, r in fetched} >= {
        (pages.STYLESHEET, 200, "response"),
        (pages.FONT, 200, "response"),
        (pages.BANNER_BACKGROUND, 200, "response"),
    }
    plain = rows(crawled["without"] / "archive.db", "SELECT url FROM fetches")
    assert not any(url.endswith((".css", ".woff2")) for (url,) in plain)


def test_the_wacz_is_valid_and_indexes_every_article_and_its_requisites(
    snapshot: Path, crawled: dict[str, Any]
) -> None:
    wacz = snapshot / "captures.wacz"
    checked = validate(wacz)
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout
    articles = rows(snapshot / "archive.db", "SELECT id, url, title FROM articles")
    assert len(articles) == len(digest.articles(crawled["base"]))
    indexed = cdxj_urls(wacz)
    assert {url for _, url, _ in articles} <= indexed
    base = crawled["base"][:-1]
    assert {base + pages.STYLESHEET, base + pages.FONT, base + pages.BANNER_BACKGROUND} <= indexed
    listed = {entry["article_id"]: entry for entry in page_list(wacz)}
    assert {i: (entry["url"], entry["title"]) for i, entry in listed.items()} == {
        i: (url, title) for i, url, title in articles
    }
    assert all(entry["ts"].startswith("20") for entry in listed.values())


def test_a_selection_keeps_the_requisites_of_its_pages(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    every = rows(crawled["with"] / "archive.db", "SELECT published FROM articles ORDER BY 1")
    since = every[len(every) // 2][0][:10]
    made = take(crawled["with"], tmp_path, "--since", since, "--formats", "csv,wacz")
    wacz = Path(made["path"]) / "captures.wacz"
    assert validate(wacz).returncode == 0
    indexed = cdxj_urls(wacz)
    kept = {
        url
        for url, published in rows(
            crawled["with"] / "archive.db", "SELECT url, published FROM articles"
        )
        if published[:10] >= since
    }
    left = {
        url
        for url, published in rows(
            crawled["with"] / "archive.db", "SELECT url, published FROM articles"
        )
        if published[:10] < since
    }
    assert kept and left
    assert kept <= indexed and not left & indexed
    assert crawled["base"][:-1] + pages.FONT in indexed


def test_pywb_replays_an_article_with_its_requisites_rewritten(
    snapshot: Path, tmp_path: Path
) -> None:
    if not PYWB_PYTHON.exists():
        pytest.skip("no .venv-pywb: `make pywb` (part of `make test`) installs pywb there")
    wb_manager = PYWB_PYTHON.parent / "wb-manager"
    wacz = snapshot / "captures.wacz"
    for command in (["init", "replay"], ["add", "--unpack-wacz", "replay", str(wacz)]):
        subprocess.run([str(wb_manager), *command], cwd=tmp_path, check=True, capture_output=True)
    (tmp_path / "config.yaml").write_text("collections_root: collections\n", encoding="utf-8")
    entry = page_list(wacz)[0]
    (text,) = rows(
        snapshot / "archive.db", "SELECT text FROM articles WHERE id = ?", entry["article_id"]
    )[0]
    stamp = "".join(ch for ch in entry["ts"] if ch.isdigit())[:14]
    replayed = subprocess.run(
        [
            str(PYWB_PYTHON),
            str(REPO / "tests" / "pywb_replay.py"),
            str(tmp_path),
            f"/replay/{stamp}mp_/{entry['url']}",
        ],
        capture_output=True,
        check=True,
    )
    status, _, body = replayed.stdout.partition(b"\n")
    page = body.decode("utf-8")
    assert status == b"200 OK"
    assert entry["title"] in page
    assert text.split("\n")[0].strip()[:20] in page
    origin = entry["url"].split("/xwzx/")[0]
    assert f"cs_/{origin}{pages.STYLESHEET}" in page
    assert f"im_/{origin}{pages.LOGO}" in page
    assert f'href="{pages.STYLESHEET}"' not in page


def test_verify_names_a_flipped_byte_inside_the_wacz(snapshot: Path, tmp_path: Path) -> None:
    assert secnews("verify", str(snapshot)).returncode == 0
    broken = shutil.copytree(snapshot, tmp_path / "broken")
    flip_byte(broken / "captures.wacz")
    result = secnews("verify", str(broken), check=False)
    assert result.returncode != 0
    assert "captures.wacz" in result.stdout + result.stderr
    package = json.loads((snapshot / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["path"] == "captures.wacz"]
    assert resource["mediatype"] == "application/wacz" and len(resource["hash"]) >= 64


def test_without_requisites_the_wacz_holds_the_pages_alone(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    made = take(crawled["without"], tmp_path, "--formats", "wacz")
    wacz = Path(made["path"]) / "captures.wacz"
    checked = validate(wacz)
    assert checked.returncode == 0, checked.stdout
    indexed = cdxj_urls(wacz)
    articles = {
        url for (url,) in rows(crawled["without"] / "archive.db", "SELECT url FROM articles")
    }
    assert articles <= indexed
    assert not any(url.endswith((".css", ".woff2")) for url in indexed)
    assert len(page_list(wacz)) == len(articles)


def test_an_increment_with_no_changed_article_has_no_wacz(
    snapshot: Path, crawled: dict[str, Any], tmp_path: Path
) -> None:
    made = take(
        crawled["with"], tmp_path, "--since-snapshot", str(snapshot), "--formats", "sqlite,wacz"
    )
    increment = Path(made["path"])
    assert made["counts"]["articles"] == 0
    assert not (increment / "captures.wacz").exists()
    assert secnews("verify", str(increment)).returncode == 0


def test_without_its_warc_files_a_wacz_is_refused_with_the_reason(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    data = copy_archive(crawled["with"], tmp_path / "data")
    shutil.rmtree(data / "warc")
    result = secnews(
        "snapshot",
        "--data",
        str(data),
        "--out",
        str(tmp_path / "out"),
        "--formats",
        "wacz",
        check=False,
    )
    assert result.returncode != 0
    assert "wacz: no article of the selection has a capture in the WARC files" in result.stderr
