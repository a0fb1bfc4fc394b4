"""The articles-per-month chart: a self-contained SVG, gaps shown as zero, names escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from archive.datasette.chart import monthly_chart, months_between


def test_months_between_keeps_the_gaps() -> None:
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_chart_is_valid_svg_with_one_line_a_site() -> None:
    svg = monthly_chart([("2023-11", "forum", 3), ("2024-02", "<b>site</b>", 5)])
    root = ElementTree.fromstring(svg)  # well-formed: names are escaped
    lines = root.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 2
    assert all(len(line.get("points", "").split()) == 4 for line in lines)  # gaps drawn as 0
    assert "&lt;b&gt;site&lt;/b&gt;" in svg and "<b>" not in svg
    assert not re.search(r"<script|https?://(?!www\.w3\.org)", svg)


def test_no_dated_articles_no_chart() -> None:
    assert monthly_chart([]) == ""
