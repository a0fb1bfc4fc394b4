"""Alerts: a JSON POST to the operator's webhook when a crawl run fails a health rule.

The body carries a ``text`` line, so chat webhooks (Slack, Mattermost, Rocket.Chat) show it
as it is, and the structured run and findings for anything that parses it.
"""

from __future__ import annotations

import json
import logging
import socket
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from archive.operations.findings import Finding
from crawler.settings import USER_AGENT

log = logging.getLogger(__name__)

TIMEOUT = 15.0


def check_webhook_url(url: str) -> str:
    """The URL if a webhook can be posted to it; raises ``ValueError`` naming what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL with a host")
    return url


def alert_payload(run: dict[str, Any], findings: list[Finding], data_dir: str) -> dict[str, Any]:
    host = socket.gethostname()
    lines = [
        f"secnews on {host}: crawl run {run['id']} {run['status']}, {len(findings)} finding(s)"
    ]
    lines += [f"- {f.site}: {f.rule}: {f.message}" for f in findings]
    return {
        "text": "\n".join(lines),
        "source": "secnews",
        "host": host,
        "data_dir": data_dir,
        "run": {
            key: run.get(key)
            for key in ("id", "status", "started_at", "finished_at", "requests", "errors")
        },
        "findings": [finding.to_dict() for finding in findings],
    }


def post_alert(url: str, payload: dict[str, Any], timeout: float = TIMEOUT) -> str | None:
    """POST ``payload`` as JSON; ``None`` when the server took it, else what went wrong."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(65536)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return str(getattr(exc, "reason", exc))
    log.info("alert posted to %s", url)
    return None
