"""HTTP plumbing of the sample sites: one threaded server a site on 127.0.0.1, and a request log."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, Protocol, Self
from urllib.parse import parse_qsl, unquote, urlsplit

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"

LogEntry = dict[str, Any]


@dataclass(frozen=True)
class Request:
    """What a site needs to know about one incoming request."""

    method: str
    target: str  # path with query, exactly as sent
    path: str  # percent-decoded path, no query
    query: dict[str, str]  # first value of each parameter
    headers: dict[str, str]  # lower-case names

    @classmethod
    def parse(cls, method: str, target: str, headers: Message) -> Request:
        parts = urlsplit(target)
        query: dict[str, str] = {}
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            query.setdefault(key, value)
        return cls(
            method=method,
            target=target,
            path=unquote(parts.path) or "/",
            query=query,
            headers={name.lower(): value for name, value in headers.items()},
        )


@dataclass(frozen=True)
class Response:
    """A complete answer: status, body bytes, content type and any extra headers."""

    status: int
    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Response:
        body = f'<p>Moved to <a href="{location}">{location}</a>.</p>'.encode()
        return cls(status, body, "text/html; charset=UTF-8", (("Location", location),))


class SiteApp(Protocol):
    """A sample site: turns a request into a response; holds its own counters."""

    name: str
    server_software: str

    def handle(self, request: Request) -> Response: ...


class RequestLog:
    """Thread-safe record of every request, optionally appended to a JSON-lines file."""

    def __init__(self, path: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._entries: list[LogEntry] = []
        self._file: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("a", encoding="utf-8")

    def record(self, entry: LogEntry) -> None:
        line = json.dumps(entry, ensure_ascii=False)
        with self._lock:
            self._entries.append(entry)
            if self._file is not None:
                self._file.write(line + "\n")
                self._file.flush()

    def entries(self) -> list[LogEntry]:
        with self._lock:
            return [dict(entry) for entry in self._entries]

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


def log_entry(site: str, request: Request, status: int, sent: int = 0) -> LogEntry:
    """The log line of one answered request; sent is the length of the body sent (0 for a 304)."""
    return {
        "site": site,
        "method": request.method,
        "path": request.target,
        "status": status,
        "bytes": sent,
        "user_agent": request.headers.get("user-agent"),
        "if_none_match": request.headers.get("if-none-match"),
        "if_modified_since": request.headers.get("if-modified-since"),
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
    }


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, site_name: str, log: RequestLog) -> None:
        try:
            super().__init__((HOST, port), _SiteHandler)
        except OSError as exc:  # the message names the address, which Python's does not
            raise OSError(exc.errno, f"{HOST}:{port}: {exc.strerror} ({site_name})") from exc
        self.site_name = site_name
        self.log = log
        self.app: SiteApp | None = None


class _SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _SiteHTTPServer

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def version_string(self) -> str:
        app = self.server.app
        return app.server_software if app is not None else "sample-site"

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.server.site_name, format % args)

    def _answer(self, *, send_body: bool) -> None:
        request = Request.parse(self.command, self.path, self.headers)
        response = self._response_for(request)
        sent = len(response.body) if send_body else 0
        # Logged before the answer goes out, so a client that has its answer sees the line.
        self.server.log.record(log_entry(self.server.site_name, request, response.status, sent))
        try:
            self.send_response(response.status)
            if response.status != 304:  # a 304 has no body: no length, no type to announce
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers:
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(response.body)
        except ConnectionError:
            self.close_connection = True

    def _response_for(self, request: Request) -> Response:
        app = self.server.app
        if app is None:
            return Response(503, b"starting", "text/plain")
        try:
            return app.handle(request)
        except Exception:
            logger.exception("%s failed on %s", self.server.site_name, request.target)
            return Response(500, b"internal error", "text/plain")


class ServedSites:
    """Sites served while a ``with`` block runs: started on entry, stopped on exit."""

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class SiteServer:
    """One sample site bound to a port on 127.0.0.1 (0 = any free port), served from a thread."""

    def __init__(self, site_name: str, port: int, log: RequestLog) -> None:
        self._httpd = _SiteHTTPServer(port, site_name, log)  # binds now: the port is known
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def app(self) -> SiteApp | None:
        return self._httpd.app

    @app.setter
    def app(self, app: SiteApp) -> None:
        """Set or swap the site served; swapping is how a later state of the site goes live."""
        self._httpd.app = app

    def serve(self) -> None:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sample-site:{self._httpd.site_name}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()


def serve_until_stopped(
    name: str, port: int, app_for: Callable[[str], SiteApp], about: str, module: str
) -> int:
    """``python -m MODULE``: serve one sample site, made by ``app_for(base_url)``, on
    127.0.0.1 until SIGINT or SIGTERM. Prints 'NAME URL', then 'ready'; exit 2 if the port
    cannot be had."""
    parser = argparse.ArgumentParser(
        prog=f"python -m {module}",
        description=f"Serve {about} on 127.0.0.1. Prints 'NAME URL', then 'ready'.",
        epilog=f"Example: python -m {module} --port 0",
    )
    parser.add_argument("--port", type=int, default=port, help="0 = any free port")
    args = parser.parse_args()
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    try:
        server = SiteServer(name, args.port, RequestLog())
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1: {exc} (try --port 0)", file=sys.stderr)
        return 2
    server.app = app_for(server.base_url)
    server.serve()
    print(name, server.base_url)
    print("ready", flush=True)
    try:
        while not stopping.wait(timeout=1.0):  # a bounded wait keeps signals prompt
            pass
    finally:
        server.stop()
    return 0
