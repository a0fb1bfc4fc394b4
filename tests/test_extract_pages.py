"""Every saved page in tests/data/pages against its ``<name>.expected.json``."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from crawler.extract import ExtractHints, extract_article

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED = sorted(PAGES.glob("*.expected.json"))
FIELDS = ("url", "title", "published", "published_source", "author", "language")


def load_case(expected_path: Path) -> tuple[bytes, dict[str, Any]]:
    name = expected_path.name.removesuffix(".expected.json")
    return (PAGES / f"{name}.html").read_bytes(), json.loads(expected_path.read_text("utf-8"))


def run_case(body: bytes, expected: dict[str, Any]):
    hints = ExtractHints(timezone=expected.get("timezone"), language=expected.get("language_hint"))
    return extract_article(
        body, expected["url"], content_type=expected.get("content_type"), hints=hints
    )


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"extraction tried to reach the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_every_page_has_an_expected_file() -> None:
    pages = {path.stem for path in PAGES.glob("*.html")}
    expected = {path.name.removesuffix(".expected.json") for path in EXPECTED}
    assert pages == expected
    assert len(pages) >= 40


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.name.split(".")[0])
def test_every_expected_file_states_every_field(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text("utf-8"))
    required = {"url", "title", "published", "author", "language", "text", "images"}
    assert required <= set(expected)
    assert expected["title"] and expected["text"] and expected["language"]
    if expected["images"]:
        assert len(expected["image_alts"]) == len(expected["images"])


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.name.split(".")[0])
def test_page_matches_expected(expected_path: Path) -> None:
    body, expected = load_case(expected_path)
    record = run_case(body, expected)

    assert record is not None
    for name in FIELDS:
        if name in expected:
            assert getattr(record, name) == expected[name], name
    if "text" in expected:
        assert record.text == expected["text"]
    for sentence in expected["contains"]:
        assert sentence in record.text
    for unwanted in expected["not_contains"]:
        assert unwanted not in record.text, unwanted
    assert [image.url for image in record.images] == expected["images"]
    if "image_alts" in expected:
        assert [image.alt for image in record.images] == expected["image_alts"]
    if "image_captions" in expected:
        assert [image.caption for image in record.images] == expected["image_captions"]


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.name.split(".")[0])
def test_page_text_is_clean_paragraphs(expected_path: Path) -> None:
    body, expected = load_case(expected_path)
    record = run_case(body, expected)

    assert record is not None
    paragraphs = record.text.split("\n\n")
    assert all(paragraph == paragraph.strip() and paragraph for paragraph in paragraphs)
    assert "\ufffd" not in record.text + record.title  # no undecodable bytes
    assert record.title not in paragraphs[:1]
