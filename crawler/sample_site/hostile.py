"""A hostile sample site for the fault suite: every way a server or a page misbehaves, one URL each.

Unlike the three sample sites, which answer with whole responses, these handlers write to the
socket themselves: they stall, reset the connection, send less than they announce and stream
a gigabyte. Six servers on free ports of 127.0.0.1:

``hostile``        a listing at ``/`` linking to every case (``/fault/``, ``/limits/``,
                   ``/pages/``) and to good articles, which a crawl must still archive
``robots-error``   robots.txt answers 500 (RFC 9309: disallow everything)
``robots-garbage`` robots.txt is binary noise (no rules: allow everything)
``elsewhere``      another site; redirects point here, and nothing may ever reach it. It
                   plays a metadata service too: ``/latest/meta-data/`` gives credentials
``quiet``          the same cases, but a home page that links to none of them: for tests
                   that crawl one case on its own (a start URL or a site file names it)
``static``         the images host of ``hostile``'s pictures article, as a CDN or a
                   ``static.`` host would be: images only, its own robots.txt
``sitemaps``       a home that links to nothing and a robots.txt that names
                   ``/sitemap.xml.gz``, the good articles gzipped; ``/sitemaps/`` holds
                   hostile sitemaps (``hostile_pages.sitemap_case``, ``long_sitemap``)

Run it alone with ``python -m crawler.sample_site.hostile`` (prints ``NAME URL`` lines, then
``ready``); tests serve it in-process with ``HostileSite`` and read ``requests``.
"""

from __future__ import annotations

import gzip
import itertools
import signal
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import hostile_pages as pages
from .server import HOST, Request, RequestLog, ServedSites, log_entry

PRIVATE_TARGET = "http://169.254.169.254/latest/meta-data/"  # cloud metadata: never fetched
METADATA_PATH = "latest/meta-data/iam/security-credentials/secnews"
_ROBOTS_OK = b"User-agent: *\nAllow: /\n"
_CHUNK = b"<p>" + b"padding " * 8191 + b"</p>\n"  # 64 KiB of the endless page
SERVERS = ("hostile", "robots-error", "robots-garbage", "elsewhere", "quiet", "static", "sitemaps")
# The images host keeps a folder of its own from crawlers; nothing else of it is a page.
_ROBOTS_STATIC = b"User-agent: *\nDisallow: /private/\n"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, name: str, log: RequestLog, stopping: threading.Event) -> None:
        super().__init__((HOST, 0), _Handler)
        self.name, self.log, self.stopping = name, log, stopping
        self.hits: dict[str, int] = {}
        self.streamed: dict[str, int] = {}  # bytes of endless bodies sent before the client quit
        self.hits_lock = threading.Lock()
        self.others: dict[str, str] = {}  # base URLs of the other servers, by name
        self.sitemaps = ["sitemap.xml.gz"]  # what robots.txt names (the sitemaps server)

    def hit(self, path: str) -> int:
        with self.hits_lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-stream is the point of several cases


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        request = Request.parse(self.command, self.path, self.headers)
        self.server.log.record(log_entry(self.server.name, request, 0))
        path = request.path
        if path == "/robots.txt":
            self._robots()
        elif self.server.name == "static":
            self._static(path)
        elif self.server.name == "elsewhere" and path.startswith("/latest/meta-data/"):
            self.send(200, pages.FAKE_CREDENTIALS, "application/json")
        elif self.server.name == "elsewhere":
            self.send(200, pages.good_article("good-1"))
        elif path == "/":
            self.send(200, pages.home(_links(self.server.name)))
        elif path == "/sitemap.xml.gz":
            self._sitemap("articles.xml.gz")
        elif path.startswith("/sitemaps/"):
            self._sitemap(path.removeprefix("/sitemaps/"))
        elif path.removeprefix("/news/").removesuffix(".html") in pages.GOOD_ARTICLES:
            self.send(200, pages.good_article(path.removeprefix("/news/").removesuffix(".html")))
        else:
            self._case(path)

    def send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"moved", "text/plain", (("Location", location),))

    def _robots(self) -> None:
        if self.server.name == "robots-error":
            self.send(500, b"<h1>Internal Server Error</h1>")
        elif self.server.name == "robots-garbage":
            self.send(200, pages.robots_garbage(), "text/plain")
        elif self.server.name == "static":
            self.send(200, _ROBOTS_STATIC, "text/plain")
        elif self.server.name == "sitemaps":
            base = self.server.others["sitemaps"]
            named = "".join(f"Sitemap: {base}{path}\n" for path in self.server.sitemaps)
            self.send(200, _ROBOTS_OK + named.encode(), "text/plain")
        else:
            self.send(200, _ROBOTS_OK, "text/plain")

    def _case(self, path: str) -> None:
        section, _, name = path.strip("/").partition("/")
        if section == "pages" and name in pages.BROKEN_PAGES:
            self.send(200, *pages.broken_page(name))
        elif section == "pages" and name == "images":
            private = "//169.254.169.254/latest/meta-data/id.png"
            self.send(200, pages.images_article(private, self.server.others["static"]))
        elif section == "media" or path.endswith(".png"):
            self._media(name)
        elif section in ("fault", "limits") and hasattr(self, f"_{name.replace('-', '_')}"):
            getattr(self, f"_{name.replace('-', '_')}")()
        else:
            self.send(404, b"<h1>Not Found</h1>")

    # /fault/: the network and the server misbehave -------------------------------------

    def _timeout(self) -> None:
        self.server.stopping.wait(60)  # never answers; the crawler gives up first
        self.close_connection = True

    def _slow(self) -> None:
        """A slowloris: headers at once, then the body a byte a second (its 1.5 kB take half
        an hour); a client with a time limit on each read, not on the whole answer, waits."""
        body = pages.good_article("good-1")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.close_connection = True
        try:
            for byte in body:
                self.wfile.write(bytes((byte,)))
                self.wfile.flush()
                if self.server.stopping.wait(1.0):  # the trickle's pace, until the site stops
                    return
        except OSError:
            pass  # the client gave up

    def _reset(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9000\r\n")
        # Linger 0: closing sends RST, not FIN: the connection is reset mid-headers.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _truncated(self) -> None:
        body = pages.good_article("good-1")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) * 10))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True  # far less than announced, then a clean close

    def _server_error(self) -> None:
        self.send(500, b"<h1>Internal Server Error</h1>")

    def _unavailable(self) -> None:
        # Twice 503 with Retry-After: 1, then the page: a polite crawler waits and gets it.
        if self.server.hit("unavailable") <= 2:
            self.send(503, b"<h1>Maintenance</h1>", headers=(("Retry-After", "1"),))
        else:
            self.send(200, pages.good_article("good-2").replace(b"Session 2", b"Session 20"))

    def _too_many(self) -> None:
        if self.server.hit("too-many") <= 1:
            self.send(429, b"<h1>Too Many Requests</h1>", headers=(("Retry-After", "1"),))
        else:
            self.send(200, pages.good_article("good-3").replace(b"Session 3", b"Session 30"))

    def _unavailable_long(self) -> None:
        self.send(503, b"<h1>Down for a day</h1>", headers=(("Retry-After", "86400"),))

    def _loop(self) -> None:
        self.redirect("/fault/loop-2")

    def _loop_2(self) -> None:
        self.redirect("/fault/loop")

    def _offsite(self) -> None:
        self.redirect(self.server.others["elsewhere"] + "stolen")

    def _offsite_metadata(self) -> None:
        # Another port of the same loopback address, playing the cloud metadata service.
        self.redirect(self.server.others["elsewhere"] + METADATA_PATH)

    def _private(self) -> None:
        self.redirect(PRIVATE_TARGET)

    def _file(self) -> None:
        self.redirect("file:///etc/passwd")

    def _offsite_media_host(self) -> None:
        # The images host is let in for images only: a page there is off the site.
        self.redirect(self.server.others["static"] + "news/moved.html")

    # /limits/: bodies no crawler should hold in memory -----------------------------------

    def _huge(self, declared: bool = False) -> None:
        """1 GiB streamed in 64 KiB chunks, never built; stops when the client hangs up."""
        chunks = itertools.repeat(_CHUNK, pages.GIB // len(_CHUNK))
        sent = self._stream(chunks, "text/html; charset=utf-8", pages.GIB if declared else None)
        with self.server.hits_lock:
            self.server.streamed[self.path] = max(sent, self.server.streamed.get(self.path, 0))

    def _huge_declared(self) -> None:
        self._huge(declared=True)

    def _gzip_bomb(self) -> None:
        # Sent compressed although the crawler asked for identity, as some servers do.
        self.send(200, pages.gzip_bomb(), headers=(("Content-Encoding", "gzip"),))

    def _bomb_on_revisit(self) -> None:
        """An article the first time, a gzip bomb ever after: the bomb's capture is in the
        WARC, refused, beside the article's good one."""
        if self.server.hit("bomb-on-revisit") <= 1:
            self.send(200, pages.good_article("good-4"))
        else:
            self._gzip_bomb()

    def _gzipped_article(self) -> None:
        """An article sent gzip-compressed although identity was asked for: accepted."""
        body = gzip.compress(pages.good_article("good-5"), mtime=0)
        self.send(200, body, headers=(("Content-Encoding", "gzip"),))

    # /sitemaps/: sitemaps no crawler should hold in memory, or follow without end ----------

    def _sitemap(self, name: str) -> None:
        base = self.server.others[self.server.name]
        count = name.removeprefix("urls-").removesuffix(".xml")
        if name.startswith("urls-") and count.isdigit():
            self._stream(pages.long_sitemap(base, int(count)))
        elif (body := pages.sitemap_case(base, name)) is not None:
            self.send(200, body, "application/gzip" if name.endswith(".gz") else "text/xml")
        else:
            self.send(404, b"<h1>Not Found</h1>")

    def _stream(
        self, pieces: Iterator[bytes], content_type: str = "text/xml", length: int | None = None
    ) -> int:
        """A body sent as it is made, until the client hangs up; the bytes sent."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = 0
        try:
            for piece in itertools.takewhile(lambda _: not self.server.stopping.is_set(), pieces):
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            pass
        return sent

    # /media/: images --------------------------------------------------------------------

    def _static(self, path: str) -> None:
        """The images host: a picture at any path under /img/ or /private/, a page elsewhere
        (which no crawler may ever ask for)."""
        if path.startswith(("/img/", "/private/")):
            self.send(200, pages.png(320, 240), "image/png")
        else:
            self.send(200, pages.good_article("good-1"))

    def _media(self, name: str) -> None:
        if name == "photo.png":
            self.send(200, pages.png(400, 300), "image/png")
        elif name == "bomb.png":
            self.send(200, pages.png_bomb(), "image/png")
        elif name == "drawing.svg":
            self.send(200, pages.SCRIPTED_SVG, "image/svg+xml")
        elif name == "redirect-private.png":
            self.redirect("http://10.20.30.40/photo.png")
        else:  # whatever a crafted path asks for, the answer is a small real picture
            self.send(200, pages.png(300, 200), "image/png")


def _links(name: str) -> list[str]:
    if name in ("quiet", "sitemaps"):
        return []
    good = [f"/news/{article}.html" for article in pages.GOOD_ARTICLES]
    if name != "hostile":
        return good
    cases = [f"/fault/{fault}" for fault in pages.FAULTS]
    cases += [f"/limits/{limit}" for limit in pages.LIMITS]
    cases += [f"/pages/{page}" for page in (*pages.BROKEN_PAGES, "images")]
    return good[:1] + cases + good[1:]


class HostileSite(ServedSites):
    """The hostile servers on free ports; a context manager.

    Example:
        with HostileSite() as site:
            site.urls["hostile"]  # 'http://127.0.0.1:40123/'
            site.requests_to("elsewhere")  # [] when nothing went off-site
    """

    def __init__(self) -> None:
        self._log = RequestLog()
        self._stopping = threading.Event()
        self._servers: dict[str, _Server] = {}
        self._threads: list[threading.Thread] = []
        self.urls: dict[str, str] = {}

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self._log.entries()

    def requests_to(self, name: str) -> list[dict[str, Any]]:
        return [entry for entry in self._log.entries() if entry["site"] == name]

    def name_sitemaps(self, *paths: str) -> None:
        """Have the ``sitemaps`` server's robots.txt name these sitemaps instead."""
        self._servers["sitemaps"].sitemaps = list(paths)

    def streamed(self, path: str) -> int:
        """The most bytes of an endless body (``/limits/huge``) sent to one client."""
        server = self._servers["hostile"]
        with server.hits_lock:
            return server.streamed.get(path, 0)

    def start(self) -> HostileSite:
        # Built before serving, so no answer waits for them (a crawler's timeout is short).
        pages.gzip_bomb()
        pages.long_line()
        for name in SERVERS:
            server = _Server(name, self._log, self._stopping)
            self._servers[name] = server
            self.urls[name] = f"http://{HOST}:{server.server_address[1]}/"
        for server in self._servers.values():
            server.others = dict(self.urls)
            thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopping.set()
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join()
        self._servers.clear()


def main() -> int:
    """Serve until SIGINT or SIGTERM; print each server's URL, then ``ready``."""
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    with HostileSite() as site:
        for name, url in site.urls.items():
            print(name, url)
        print("ready", flush=True)
        while not stopping.wait(timeout=1.0):  # a bounded wait keeps signals prompt
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
