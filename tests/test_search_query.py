"""The query language and the snippets cut from original text."""

from __future__ import annotations

import sqlite3

import pytest

from archive.search.query import QueryError, parse_query
from archive.search.snippets import highlighted, snippet


def kinds(query: str) -> list[list[tuple[str, str]]]:
    return [[(t.kind, " ".join(t.forms)) for t in group] for group in parse_query(query).groups]


def test_terms_are_anded_and_or_joins_neighbours() -> None:
    assert kinds("北斗 summit OR саммит") == [
        [("cjk", "北 斗")],
        [("word", "summit"), ("word", "саммит")],
    ]


def test_quotes_make_exact_phrases_and_minus_or_not_excludes() -> None:
    parsed = parse_query('"annual meeting" "Meeting" -"press office" NOT draft 北京')
    assert [(t.kind, t.forms) for t in parsed.terms] == [
        ("phrase", ("annual", "meeting")),
        ("exact", ("meeting",)),
        ("cjk", ("北", "京")),
    ]
    assert [t.forms for t in parsed.excluded] == [("press", "office"), ("draft",)]


def test_mixed_script_string_without_spaces_is_one_phrase() -> None:
    assert kinds("G20峰会") == [[("phrase", "g20 峰 会")]]


def test_cjk_words_become_bigram_phrases_in_the_stem_columns() -> None:
    assert parse_query("北京大学").fts() == '("北京 京大 大学")'
    assert parse_query("北").fts() == '("北")'
    assert parse_query('"北京 大学"').fts() == '({title text} : "北 京 \ue000 大 学")'


@pytest.mark.parametrize(
    "query", ['a"b) OR (c NEAR/2 d*', "title: x^ y", '"unclosed 北', "{text} : AND", "-a b' c"]
)
def test_any_query_is_a_valid_fts5_expression(query: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, text, title_stem, text_stem)")
    db.execute("INSERT INTO t VALUES ('near 2', 'a b', 'c', 'd')")
    db.execute("SELECT count(*) FROM t WHERE t MATCH ?", [parse_query(query).fts()]).fetchone()


@pytest.mark.parametrize("query", ["", "   ", "-excluded", "NOT this", "，。!", "OR x"])
def test_queries_with_nothing_to_find_are_refused(query: str) -> None:
    with pytest.raises(QueryError):
        parse_query(query)


def test_or_cannot_join_an_excluded_term() -> None:
    with pytest.raises(QueryError, match="excluded"):
        parse_query("a OR -b")


def test_snippet_marks_matches_in_the_original_text_escaped() -> None:
    text = "Intro. Участники <b>саммита</b> & гости. 北斗系统始终坚持开放兼容。"
    html = snippet(text, parse_query("саммит 北斗"))
    assert "<mark>саммита</mark>" in html and "<mark>北斗</mark>" in html
    assert "&lt;b&gt;" in html and "&amp;" in html and "<b>" not in html


def test_snippet_does_not_mark_across_punctuation() -> None:
    html = highlighted("北京，上海。北京上海", parse_query("京上"))
    assert html == "北京，上海。北<mark>京上</mark>海"


def test_snippet_is_short_and_centred_on_the_best_match() -> None:
    text = " ".join(["filler"] * 200) + " the summit ended " + " ".join(["tail"] * 200)
    html = snippet(text, parse_query("summit"))
    assert "<mark>summit</mark>" in html
    assert html.startswith("…") and html.endswith("…") and len(html) < 260


def test_highlight_keeps_lines_and_never_marks_a_newline() -> None:
    html = highlighted("annual\nmeeting", parse_query('"annual meeting"'))
    assert html == "<mark>annual</mark>\n<mark>meeting</mark>"
