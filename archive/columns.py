"""What every table and column of the archive means: one source for snapshots and Datasette."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TableDoc:
    """A table's purpose and a one-sentence description of each of its columns."""

    description: str
    columns: dict[str, str] = field(default_factory=dict)


TABLES: dict[str, TableDoc] = {
    "sites": TableDoc(
        "The sites the archive crawls, one row a site.",
        {
            "name": "Short name of the site (its config file's stem); articles refer to it.",
            "title": "The site's name as its publisher gives it.",
            "base_url": "The address the crawl of the site starts from.",
            "language": "The language the site mostly publishes in (a hint, ISO 639-1).",
            "timezone": "IANA timezone of the publisher, used for times without a UTC offset.",
        },
    ),
    "articles": TableDoc(
        "One row an article, holding its current version; older versions are in article_versions.",
        {
            "id": "Article number, stable for the life of the archive.",
            "site": "Name of the site that published the article (sites.name).",
            "url": "Canonical URL of the article (tracking parameters and fragments removed).",
            "url_key": "Form of the URL that URL variants share (http/https, www., print views).",
            "title": "Headline, without the site's name or category prefixes.",
            "published": "Publication date as precise as the page says it: a date alone "
            "(2022-01-30), or a time with the site's UTC offset (2022-01-30T19:04:10+08:00).",
            "published_source": "Where the date was read: jsonld, meta, time, byline, url, "
            "feed, sitemap or listing.",
            "published_raw": "The string the publication date was read from, as the page gave it.",
            "published_utc": "Snapshots only: the instant published names, in UTC (a timestamp); "
            "empty for a date alone or a time without a UTC offset.",
            "published_date": "Snapshots only: the calendar date of published, as the publisher "
            "gave it (a date).",
            "author": "Byline: the named author, else the issuing body or source line.",
            "language": "Language detected from the text (ISO 639-1).",
            "text": "Body text, cleaned of navigation, footers, widgets and placeholder alt text; "
            "paragraphs separated by blank lines.",
            "word_count": "Number of words in text (a CJK character counts as one word).",
            "content_hash": "SHA-256 of the normalised text; equal hashes mean the same text.",
            "duplicate_of": "Id of the article this one is a copy of (syndicated on another "
            "site), or empty.",
            "similarity": "How close the text is to the duplicate_of article (1.0: identical).",
            "version": "Number of the current version (1 for an article never edited).",
            "status": "live while the page is served; gone once it was removed (404 or 410, or "
            "a redirect to a section front or the home page; text and versions kept).",
            "first_seen": "UTC time the article was first archived.",
            "last_seen": "UTC time a crawl last found the article.",
            "last_changed": "UTC time the current version was archived.",
            "year": "Year of publication, from published (for facets); empty when undated.",
            "gone_at": "UTC time a crawl found the article removed; empty while it is live.",
        },
    ),
    "article_urls": TableDoc(
        "Every URL that led to an article: variants, aliases and old addresses.",
        {
            "url": "A URL as it was requested or linked.",
            "article_id": "The article the URL leads to (articles.id).",
            "first_seen": "UTC time the URL was first seen leading to the article.",
        },
    ),
    "article_versions": TableDoc(
        "Every version of every article, the first included: nothing an article ever said "
        "is lost when it is edited or removed.",
        {
            "article_id": "The article (articles.id).",
            "version": "Version number, 1 for the first text archived.",
            "fetched_at": "UTC time the page holding this version was fetched.",
            "title": "Headline of this version.",
            "published": "Publication date this version gave (see articles.published).",
            "author": "Byline of this version.",
            "text": "Body text of this version.",
            "content_hash": "SHA-256 of the normalised text of this version.",
            "extractor": "The extraction software and version that produced this version.",
            "origin": "How the version came: crawl (fetched from the site) or reprocess "
            "(re-extracted from the stored WARC record).",
        },
    ),
    "images": TableDoc(
        "Images in the body of an article, with their real alt text and captions.",
        {
            "id": "Image number.",
            "article_id": "The article the image belongs to (articles.id).",
            "position": "Order of the image in the article body, from 0.",
            "url": "Address of the image file.",
            "alt": "Alternative text, empty when the page gave only a CMS placeholder.",
            "caption": "Caption shown with the image, if any.",
            "sha256": "SHA-256 of the downloaded image file, when it was downloaded.",
            "path": "Path of the downloaded file under media/ (content-addressed), if any.",
            "content_type": "Media type the server gave for the image.",
            "bytes": "Size of the downloaded image file in bytes.",
        },
    ),
    "release_versions": TableDoc(
        "The language versions of one release: one row an article linked to a version of it "
        "in another language. Articles with the same release_id are one release.",
        {
            "article_id": "The article (articles.id).",
            "release_id": "The release: the lowest article id among its versions.",
            "language": "Language of this version (articles.language).",
            "linked_by": "The strongest evidence that links this version: hreflang (the "
            "page's alternate links), switch (its language switcher keeps the article's id or "
            "slug) or content (same day, numbers, images, names; see language_links).",
            "score": "Strength of that evidence, 1.0 for the page's own links.",
        },
    ),
    "language_links": TableDoc(
        "Pairs of articles found to be versions of one release in two languages, and why.",
        {
            "article_id": "One version (articles.id), the lower id of the two.",
            "other_id": "The other version (articles.id).",
            "linked_by": "hreflang, switch or content (see release_versions.linked_by).",
            "score": "Strength of the evidence: 1.0 for the page's own links; for content, "
            "the weighed sum of date, images, numbers and names, each up to its weight.",
            "evidence": "JSON: the declaring page and URL, or the days apart and the shared "
            "images, numbers and names.",
        },
    ),
    "article_alternates": TableDoc(
        "The versions in other languages each archived page links to, archived or not.",
        {
            "article_id": "The page's article (articles.id).",
            "url": "Address of the version in another language, as the page gives it.",
            "url_key": "Form of that address URL variants share (see articles.url_key).",
            "language": "Language code the page gives for it (hreflang or the switcher's).",
            "how": "hreflang (an alternate link) or switch (a language switcher link).",
        },
    ),
    "fetches": TableDoc(
        "Every HTTP exchange a crawl made (or failed to make), with where its raw record is.",
        {
            "id": "Fetch number.",
            "run_id": "The crawl run that made the request (crawl_runs.id).",
            "url": "The URL requested.",
            "fetched_at": "UTC time of the response (or of the failure).",
            "status": "HTTP status code, empty when no response came.",
            "content_type": "Media type of the response.",
            "bytes": "Size of the response body in bytes.",
            "sha256": "SHA-256 of the response body.",
            "warc_file": "WARC file under warc/ holding the raw exchange.",
            "warc_offset": "Byte offset of the exchange's record in warc_file.",
            "error": "What went wrong, when the fetch failed or the status was an error.",
            "record_type": "WARC record type of the exchange: response, or revisit when the "
            "server said nothing changed.",
            "warc_record_id": "WARC-Record-ID of the record in warc_file.",
            "warc_date": "WARC-Date of the record.",
            "payload_digest": "WARC-Payload-Digest of the response body.",
            "etag": "ETag header of the response (used for conditional revisits).",
            "last_modified": "Last-Modified header of the response.",
        },
    ),
    "crawl_runs": TableDoc(
        "One row a crawl: when it ran, what it crawled, what it found.",
        {
            "id": "Run number.",
            "started_at": "UTC time the run started.",
            "finished_at": "UTC time the run finished.",
            "status": "running, ok, interrupted (its process was killed; marked so by the "
            "next crawl), or what stopped the run.",
            "sites": "JSON list of the sites crawled.",
            "requests": "Number of requests sent.",
            "articles_new": "Articles archived for the first time.",
            "articles_updated": "Articles that got a new version.",
            "articles_unchanged": "Articles revisited with no change.",
            "errors": "Failed fetches.",
            "stats": "JSON object of the crawler's statistics.",
            "articles_gone": "Articles found removed from their site (status became gone).",
        },
    ),
    "site_runs": TableDoc(
        "One row a site a crawl run: what the run did on that site and how it ended.",
        {
            "run_id": "The crawl run (crawl_runs.id).",
            "site": "The site (sites.name).",
            "started_at": "UTC time the site's crawl started.",
            "finished_at": "UTC time the site's crawl finished.",
            "finish_reason": "Why the site's crawl stopped (finished, shutdown, a limit).",
            "requests": "Requests sent to the site.",
            "fetch_errors": "Failed fetches.",
            "articles_new": "Articles archived for the first time.",
            "articles_updated": "Articles that got a new version.",
            "articles_unchanged": "Articles revisited with no change.",
            "articles_gone": "Articles found removed from the site (status became gone).",
            "extracted": "Pages extraction made an article of.",
            "not_articles": "Pages found not to be articles.",
            "result": "ok, failing (a health check failed), or the finish reason.",
        },
    ),
    "health": TableDoc(
        "What the health checks found after a site's crawl (errors, staleness, drift).",
        {
            "id": "Finding number.",
            "run_id": "The crawl run checked (crawl_runs.id).",
            "site": "The site checked (sites.name).",
            "rule": "The check that produced the finding.",
            "severity": "fail or warn.",
            "message": "What was found, in words.",
            "value": "The measured value.",
            "threshold": "The limit the value was judged against.",
            "found_at": "UTC time of the finding.",
        },
    ),
    "frontier": TableDoc(
        "The crawl frontier: every URL a crawl decided to request, and how it went.",
        {
            "url": "The URL.",
            "site": "The site it belongs to (sites.name).",
            "kind": "What the URL turned out to be: seed, robots, sitemap, feed, listing, "
            "article, variant (another view of an article: its alias), page or other.",
            "state": "pending, done, refused or failed.",
            "via": "How the URL was found (the page or feed that linked to it).",
            "discovered_at": "UTC time the URL was first found.",
            "last_fetched": "UTC time of the last fetch.",
            "last_status": "HTTP status of the last fetch.",
            "etag": "ETag of the last answer, for a conditional revisit.",
            "last_modified": "Last-Modified of the last answer, for a conditional revisit.",
            "failures": "Failed fetches in a row.",
            "article_links": "For listings: links to articles found on the last visit.",
            "next_due": "UTC time the URL is next due for a visit.",
            "referred_as": "The link as it was found, before it was cleaned, so the alias it "
            "makes is not lost if a crawl is killed.",
            "verdict": "For pages: whether the page was taken as news or left, and the evidence "
            "('taken: listed with a date by …; declares newsarticle; …', 'left: declares event'). "
            "Since v11.",
        },
    ),
    "listings": TableDoc(
        "What each sitemap, feed and listing page listed when a crawl last read it: the "
        "cheap signals that an archived article changed or was removed.",
        {
            "source": "The sitemap, feed or listing page.",
            "url": "A URL it lists.",
            "site": "The site (sites.name).",
            "title": "The title the entry gave the URL (a feed item's title, a link's text).",
            "date": "The date the entry gave the URL (a feed item's date).",
            "first_listed": "UTC time the source was first found listing the URL.",
            "last_listed": "UTC time the source was last found listing the URL.",
            "run_id": "The last crawl run that found the source listing the URL (crawl_runs.id).",
        },
    ),
    "article_changes": TableDoc(
        "What each crawl run found changed in archived articles: a new version, a removal, "
        "a return.",
        {
            "run_id": "The crawl run (crawl_runs.id).",
            "article_id": "The article (articles.id).",
            "site": "The site (sites.name).",
            "url": "Canonical URL of the article.",
            "change": "updated (a new version), gone (removed from the site) or back (served "
            "again after it was gone).",
            "seen_at": "UTC time the change was found.",
        },
    ),
    "frontier_variants": TableDoc(
        "Every other URL found to lead to a frontier URL (a link before cleaning, a print or "
        "accessible view), kept until its article is stored, when each becomes an alias.",
        {
            "url": "The frontier URL (frontier.url).",
            "variant": "Another URL that leads to it.",
        },
    ),
    "article_minhash": TableDoc(
        "MinHash signature of each article's text, for finding near-duplicates.",
        {
            "article_id": "The article (articles.id).",
            "signature": "The MinHash signature (128 permutations of 32-bit shingle hashes, "
            "each value a uint64 in native byte order), as bytes. Since schema v7; archives "
            "upgraded from before have theirs recomputed.",
        },
    ),
    "article_months": TableDoc(
        "How many articles each site published each month, kept by triggers on articles: "
        "what the chart and the per-site counts read (a snapshot's counts its selection).",
        {
            "site": "The site (sites.name).",
            "month": "Month of publication, YYYY-MM, or 'undated'.",
            "articles": "Articles of that site and month.",
        },
    ),
    "article_bands": TableDoc(
        "Locality-sensitive hashing bands of the MinHash signatures: articles sharing a "
        "band hash are near-duplicate candidates.",
        {
            "band": "Band number.",
            "hash": "Hash of the signature's rows in that band.",
            "article_id": "The article (articles.id).",
        },
    ),
}


def table_description(table: str) -> str | None:
    doc = TABLES.get(table)
    return doc.description if doc else None


def column_description(table: str, column: str) -> str | None:
    doc = TABLES.get(table)
    return doc.columns.get(column) if doc else None


def undocumented(schema: dict[str, list[str]]) -> list[str]:
    """``table.column`` for every column of ``schema`` that has no description here."""
    return [
        f"{table}.{column}"
        for table, columns in schema.items()
        for column in columns
        if column_description(table, column) is None
    ]


def datasette_tables() -> dict[str, dict[str, Any]]:
    """The ``tables`` part of Datasette metadata: descriptions of tables and columns."""
    return {
        name: {"description": doc.description, "columns": dict(doc.columns)}
        for name, doc in TABLES.items()
    }
