"""`secnews extract` on gold pages: every field, the date's source and its raw string."""

from __future__ import annotations

import json

import pytest

from .conftest import PAGES, secnews

CASES = [
    # page, where the date was read, the string it was read from
    ("zh-metinfo-seed", "byline", "2022-01-30 19:04:10"),
    ("zh-trs-urldate", "url", "20251111"),
    ("en-drupal-jsonld", "jsonld", "2023-11-02T09:00:00+00:00"),
]


@pytest.mark.parametrize(("name", "source", "raw"), CASES)
def test_extract_json_prints_every_field_with_date_provenance(
    name: str, source: str, raw: str
) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    args = ["extract", str(PAGES / f"{name}.html"), "--url", expected["url"], "--json"]
    if expected.get("timezone"):
        args += ["--timezone", expected["timezone"]]
    data = json.loads(secnews(*args).stdout)

    for key in ("url", "title", "published", "author", "language", "text"):
        assert data[key] == expected[key], key
    assert (data["published_source"], data["published_raw"]) == (source, raw)
    assert [image["url"] for image in data["images"]] == expected["images"]
    assert all(set(image) == {"url", "alt", "caption"} for image in data["images"])


def test_extract_text_form_names_the_date_source_and_raw_string() -> None:
    page = PAGES / "ru-updated.html"
    url = json.loads((PAGES / "ru-updated.expected.json").read_text("utf-8"))["url"]
    lines = secnews("extract", str(page), "--url", url).stdout.splitlines()
    fields = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in lines[:7]}
    assert fields["published"] == "2024-02-10"
    assert fields["published_source"] == "byline"
    assert fields["published_raw"] == "10.02.2024"
    assert fields["author"] == "Алексей Смирнов"
