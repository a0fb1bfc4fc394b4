"""Serve the sample Ekbacka kommun until stopped: python -m crawler.sample_site.kommun."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from ..server import RequestLog, SiteServer
from . import PROFILE, KommunSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.sample_site.kommun",
        description="Serve the sample municipality on 127.0.0.1. Prints 'NAME URL', then 'ready'.",
        epilog="Example: python -m crawler.sample_site.kommun --port 0",
    )
    parser.add_argument("--port", type=int, default=PROFILE.default_port, help="0 = any free port")
    args = parser.parse_args(argv)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    log = RequestLog()
    try:
        server = SiteServer(PROFILE.name, args.port, log)
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1: {exc} (try --port 0)", file=sys.stderr)
        return 2
    server.app = KommunSite(server.base_url)
    server.serve()
    print(PROFILE.name, server.base_url)
    print("ready", flush=True)
    try:
        while not stopping.wait(timeout=1.0):  # a bounded wait keeps signals prompt
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
