"""Serve the sample sites until SIGINT/SIGTERM: python -m crawler.sample_site [--ephemeral]."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from . import SampleSite, SiteState, digest, forum, secretariat
from .faults import FAULTS
from .state import KNOWN_BACK_CATALOGUES, KNOWN_EDITIONS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.sample_site",
        description="Serve the bundled sample news sites on 127.0.0.1, one port a site. "
        "Prints 'NAME URL' per site, then 'ready'.",
        epilog="Example: python -m crawler.sample_site --ephemeral --log requests.jsonl",
    )
    parser.add_argument(
        "--port-secretariat", type=int, default=secretariat.PROFILE.default_port, metavar="N"
    )
    parser.add_argument("--port-forum", type=int, default=forum.PROFILE.default_port, metavar="N")
    parser.add_argument("--port-digest", type=int, default=digest.PROFILE.default_port, metavar="N")
    parser.add_argument(
        "--edition",
        type=int,
        choices=KNOWN_EDITIONS,
        default=1,
        help="content state to serve: 1 as a first crawl finds it, 2 with changes (default: 1)",
    )
    parser.add_argument(
        "--back-catalogue",
        type=int,
        choices=KNOWN_BACK_CATALOGUES,
        default=0,
        help="the forum's posts of two years ago: 0 none, 1 as published, 2 corrected, taken "
        "down or unlisted since (default: 0)",
    )
    parser.add_argument(
        "--languages",
        action="store_true",
        help="add the secretariat's English and Russian versions of part of its releases",
    )
    parser.add_argument("--ephemeral", action="store_true", help="use free ports (port 0) for all")
    parser.add_argument("--log", type=Path, metavar="FILE", help="append one JSON line a request")
    parser.add_argument(
        "--fault",
        choices=sorted(FAULTS),
        help="serve the sites broken in this way (for health checks)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    site = SampleSite(
        port_secretariat=args.port_secretariat,
        port_forum=args.port_forum,
        port_digest=args.port_digest,
        ephemeral=args.ephemeral,
        log_path=args.log,
        state=SiteState(
            edition=args.edition, back_catalogue=args.back_catalogue, languages=args.languages
        ),
        fault=args.fault,
    )
    try:
        site.start()
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1: {exc} (try --ephemeral)", file=sys.stderr)
        return 2
    try:
        for name, url in site.urls.items():
            print(name, url)
        print("ready", flush=True)
        while not stopping.wait(timeout=1.0):  # a bounded wait keeps signals prompt everywhere
            pass
    finally:
        site.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
