"""What discovery reads for revisits: where a redirect of an article lands (a section front is
a take-down), and the titles feeds give their items."""

from __future__ import annotations

import pytest

from crawler.discovery.classify import is_section_front
from crawler.discovery.feeds import Entry, parse_feed

ARTICLE = "https://www.mfa.example/news/2024/05/12/ministers-meet/"


@pytest.mark.parametrize(
    ("landed", "front"),
    [
        ("https://www.mfa.example/", True),  # the home page
        ("https://mfa.example/?lang=en", True),
        ("https://www.mfa.example/news/", True),  # the section front
        ("https://www.mfa.example/news/index.html", True),
        ("https://www.mfa.example/news/2024/", True),
        ("https://www.mfa.example/news/2024/05/12/ministers-meet", False),  # its own slash
        ("https://www.mfa.example/news/2024/05/13/ministers-met/", False),  # a move
        ("https://www.mfa.example/newsroom/", False),  # not above it
        ("https://other.example/", False),  # another site
    ],
)
def test_a_redirect_to_the_home_page_or_a_section_front_is_a_takedown(
    landed: str, front: bool
) -> None:
    assert is_section_front(ARTICLE, landed) is front


def test_feed_items_carry_their_titles() -> None:
    rss = b"""<rss version="2.0"><channel>
      <item><title> Ministers
        meet </title><link>/news/1/</link><pubDate>Tue, 17 Oct 2023 09:30:00 +0200</pubDate></item>
      <item><link>/news/2/</link></item>
    </channel></rss>"""
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Floods</title>
      <link href="https://x.example/a"/><updated>2023-10-17T09:30:00Z</updated></entry></feed>"""
    assert parse_feed(rss, "https://x.example/") == [
        Entry("https://x.example/news/1/", "Tue, 17 Oct 2023 09:30:00 +0200", "Ministers meet"),
        Entry("https://x.example/news/2/", None, None),
    ]
    assert parse_feed(atom, "https://x.example/") == [
        Entry("https://x.example/a", "2023-10-17T09:30:00Z", "Floods")
    ]
