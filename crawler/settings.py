"""Scrapy settings for secnews: polite by default, every exchange recorded.

Our own settings carry the ``SECNEWS_`` prefix. The CLI overrides politeness per run
(``--delay``, ``--concurrency``, ``-s NAME=VALUE``), e.g. for a local mirror.
"""

from __future__ import annotations

import os

from crawler import __version__

BOT_NAME = "secnews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are and how to reach the operator: sites must be able to complain to a person.
NO_CONTACT = "set SECNEWS_CONTACT"  # in the User-Agent until the operator does
SECNEWS_CONTACT = os.environ.get("SECNEWS_CONTACT", "").strip() or NO_CONTACT
USER_AGENT = (
    f"secnews/{__version__} (archival crawler of official news pages; contact: {SECNEWS_CONTACT})"
)
CONTACT_WARNING = (
    "SECNEWS_CONTACT is not set: requests go out with no way for a site to reach the operator"
    " (set it to an e-mail address or URL, in the environment or secnews.env)"
)

# Politeness: robots.txt obeyed, AutoThrottle, at most two requests at a time a site.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# What a response's callback yields is handled by this many asyncio tasks, all started for
# every response. Ours yields its requests and at most one item, so Scrapy's default of 100
# only adds work to the crawl's busiest thread: with 2 to 8, 5000 pages took a sixth less CPU.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Delays vary by ±50% (Scrapy's default jitter), so requests do not come on a fixed beat.

# Robustness: a page that fails twice more is recorded with its error and the crawl goes on.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
# A page that still fails after its retries is a fact recorded in `fetches`, not a crash.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
# A redirect is followed even to a URL seen before, so a loop ends at REDIRECT_MAX_TIMES
# with its error in `fetches` instead of vanishing in the duplicate filter.
DUPEFILTER_CLASS = "crawler.dupefilter.RedirectFollowingDupeFilter"
# Only the web: no file://, data:, s3:// or ftp:// request, whatever a page or redirect says.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}

# An archive should not depend on what the server remembered about us; cookies off also keeps
# Scrapy's cookie middleware from consulting the public-suffix list (a download at run time).
COOKIES_ENABLED = False
# Ask for bodies as served, so WARC payloads need no re-encoding; a server that compresses
# anyway is still decompressed for parsing, and the WARC keeps its bytes as received.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "*",
    "Accept-Encoding": "identity",
}
# No listening port of our own: Scrapy's telnet console and its HTTP remote control (on by
# default since 2.15) would let any local user drive, or run code in, a crawl.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
# A dropped page is one short DEBUG line (its reason and URL), not a WARNING and an item dump.
LOG_FORMATTER = "crawler.runs.logformat.BriefLogFormatter"

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt middleware lets concurrent requests through while robots.txt is
    # being fetched; ours takes its place (same setting, ROBOTSTXT_OBEY).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.RobotsMiddleware": 100,
    # Scrapy's retries, but a 429/503 with Retry-After is retried when the server asks.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.RetryAfterMiddleware": 550,
    # Counts what is sent: after robots.txt (100), scope (60), redirects (600) and cookies
    # have refused or made their requests, before Scrapy's request stats (850).
    "crawler.middlewares.budget.RequestBudgetMiddleware": 840,
    "crawler.middlewares.scope.SiteScopeMiddleware": 60,
    # Ours keeps the crawl on its site (host and port) and lets media through; Scrapy's would
    # drop an off-site redirect at scheduling, silently, with its frontier entry left open.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    # Closest to the network, so every attempt (retries, redirects, robots.txt) is seen
    # as served, before decompression.
    "crawler.middlewares.capture.FetchRecorderMiddleware": 950,
    # Between the network and redirects: sees a 301 and robots.txt as served, for health.
    "crawler.middlewares.health.SiteHealthProbe": 700,
}
ITEM_PIPELINES = {
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.store.StorePipeline": 500,
    "crawler.pipelines.media.MediaPipeline": 700,
    "crawler.pipelines.requisites.RequisitesPipeline": 750,
}
EXTENSIONS = {
    "crawler.extensions.runlog.CrawlRunRecorder": 100,
    "crawler.extensions.frontier.FrontierRecorder": 110,
    "crawler.extensions.storage.StorageGuard": 120,
}

# secnews settings.
SECNEWS_DATA = os.environ.get("SECNEWS_DATA", "data")
SECNEWS_SITES_DIR = os.environ.get("SECNEWS_SITES", "")
SECNEWS_RUN_ID = None  # set by `secnews crawl`; a bare `scrapy crawl` opens its own run
SECNEWS_MAX_REQUESTS = 0  # 0: unbounded
SECNEWS_SINCE = ""  # ISO date: archive only articles published on or after it
SECNEWS_MEDIA = True  # download articles' images into media/
SECNEWS_MEDIA_MAX_BYTES = 20 * 1024 * 1024  # an image larger than this is not kept
# Fetch what an article page shows (stylesheets, images, fonts) for sites whose config asks
# ([capture] requisites = true); False turns it off for every site.
SECNEWS_REQUISITES = True
SECNEWS_EXTRACT_MAX_BYTES = 4 * 1024 * 1024  # larger pages are archived raw, not extracted
SECNEWS_EXTRACT_WORKERS = None  # extraction processes; None: one a CPU, 0: in the crawl process
SECNEWS_RETRY_AFTER_MAX = 60  # seconds; a server asking for a longer wait is tried next crawl
SECNEWS_FULL = False  # fetch everything again instead of an incremental crawl
# Pending frontier URLs (and URLs sitemaps list) handed to the scheduler at a time: memory
# stays flat whatever the frontier holds and however long a sitemap is.
SECNEWS_FRONTIER_BACKLOG = 1000
# Sitemap indexes are followed this many levels below the sitemap named by the config or
# robots.txt, and a crawl reads at most this many sitemaps a site: an index that lists
# indexes without end, or a million sitemaps, is read no further.
SECNEWS_SITEMAP_DEPTH = 3
SECNEWS_SITEMAP_MAX = 1000
# Seconds between commits of the crawl's writes (0: a commit for every write). A crash loses
# at most this much of the crawl; what it loses is still pending, and fetched again.
SECNEWS_COMMIT_INTERVAL = 0.5
SECNEWS_NEAR_DUPLICATE_THRESHOLD = 0.5  # estimated Jaccard of shingles to link copies
SECNEWS_WARC_MAX_BYTES = 1 << 30  # rotate WARC files at this size
SECNEWS_EXTRACTOR = ""  # provenance string; default: secnews and trafilatura versions
