"""URL shapes for `sites add`, and how `sites check` goes on past a problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.discovery.urlpatterns import group_by_shape, shape_pattern
from crawler.sites.tools import file_problems


@pytest.mark.parametrize(
    ("urls", "pattern"),
    [
        (
            [
                "http://h/news/2023/11/28/ministers-agree/",
                "http://h/news/2022/12/05/tenth-session/",
            ],
            r"/news/\d+/\d+/\d+/[^/]+/$",
        ),
        (
            ["http://h/shownews.php?lang=cn&id=861", "http://h/shownews.php?lang=cn&id=12"],
            r"/shownews\.php\?lang=cn&id=\d+$",
        ),
        (
            [
                "http://h/news.php?lang=cn&class2=5&page=2",
                "http://h/news.php?lang=cn&class2=5&page=3",
            ],
            r"/news\.php\?lang=cn&class2=5&page=\d+$",
        ),
        (["http://h/ru/press/detail.php?ID=4471"], r"/ru/press/detail\.php\?ID=\d+$"),
    ],
)
def test_a_shape_becomes_a_pattern_its_urls_match(urls: list[str], pattern: str) -> None:
    (group,) = group_by_shape(urls)
    assert shape_pattern(group) == pattern
    assert all(re.search(pattern, url) for url in urls)


def test_the_largest_shape_comes_first() -> None:
    urls = [f"http://h/news/{n}.html" for n in range(5)] + ["http://h/about/", "http://h/contact/"]
    groups = group_by_shape(urls)
    assert len(groups[0]) == 5 and shape_pattern(groups[0]) == r"/news/\d+\.html$"


def test_a_required_field_with_a_problem_does_not_hide_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('name = "Site!"\nstart_urls = ["mailto:x@y"]\nlanguage = 3\n', encoding="utf-8")
    fields = [problem.field_name for problem in file_problems(path)]
    assert fields == ["name", "start_urls[0]", "language"]
