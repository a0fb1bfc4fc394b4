"""Datasette plugin: the snapshots in ``DATA/snapshots`` for download, and the live archive.

``/-/snapshots`` lists every snapshot (folder, ``.tar.gz`` or ``.zip``) with its size, date
and checksum; ``/-/snapshots.json`` says the same for scripts; ``/-/snapshots/<path>`` serves
a file (or lists a folder) inside the snapshots directory and nothing outside it;
``/-/download/archive.db`` is a consistent copy of the live database, made on request.
Settings (optional), under ``plugins: secnews-snapshots:``: ``directory``, ``database``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from email.utils import format_datetime
from mimetypes import guess_type
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote

import aiofiles
from datasette import hookimpl as _hookimpl
from datasette.utils.asgi import Forbidden, NotFound, Response, asgi_start

from archive.datasette.livecopy import DEFAULT_MAX_AGE, Copy, LiveCopies
from archive.snapshot.bundle import SnapshotFiles
from archive.snapshot.manifest import PACKAGE_FILE, SUMS_FILE, file_sha256, is_safe_path

PLUGIN = "secnews-snapshots"
_CHUNK = 1 << 20
Hook = TypeVar("Hook", bound=Callable[..., Any])
Send = Callable[[dict[str, Any]], Awaitable[None]]


def hookimpl(function: Hook) -> Hook:
    return cast(Hook, _hookimpl(function))


@dataclass(frozen=True)
class SnapshotEntry:
    """One row of the listing: a snapshot folder or packed file."""

    name: str
    kind: str
    bytes: int
    date: str | None
    created: str | None
    sha256: str | None
    checksum_of: str


def _facts(path: Path) -> dict[str, Any]:
    try:
        package = json.loads(SnapshotFiles(path).read(PACKAGE_FILE))
    except (OSError, ValueError, KeyError):
        return {}
    section = package.get("secnews") if isinstance(package, dict) else None
    return section if isinstance(section, dict) else {}


def _entry(path: Path) -> SnapshotEntry | None:
    digest: str | None
    if path.is_dir() and (path / SUMS_FILE).is_file():
        size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        facts, kind = _facts(path), "folder"
        digest, of = file_sha256(path / SUMS_FILE), SUMS_FILE
    elif path.is_file() and path.name.endswith((".tar.gz", ".zip")):
        sidecar = path.with_name(f"{path.name}.sha256")
        words = sidecar.read_text(encoding="utf-8").split() if sidecar.is_file() else []
        facts, size = _facts(path), path.stat().st_size
        digest, of = (words[0] if words else None), path.name
        kind = "tar.gz" if path.name.endswith(".tar.gz") else "zip"
    else:
        return None
    return SnapshotEntry(path.name, kind, size, facts.get("date"), facts.get("created"), digest, of)


def list_snapshots(directory: Path) -> list[SnapshotEntry]:
    """Every snapshot in ``directory``, newest name first; unfinished (dot) entries left out."""
    if not directory.is_dir():
        return []
    paths = sorted((p for p in directory.iterdir() if not p.name.startswith(".")), reverse=True)
    return [entry for entry in map(_entry, paths) if entry is not None]


def resolve_inside(directory: Path, relative: str) -> Path | None:
    """``directory/relative`` if it is a visible path inside ``directory``, else None."""
    if not is_safe_path(relative) or any(part.startswith(".") for part in relative.split("/")):
        return None
    root = directory.resolve()
    target = (root / relative).resolve()
    return target if target.is_relative_to(root) and target.exists() else None


def _live_database(datasette: Any) -> Any:
    config = datasette.plugin_config(PLUGIN) or {}
    databases = datasette.databases
    wanted = config.get("database") or ("archive" if "archive" in databases else None)
    if wanted in databases:
        return databases[wanted]
    return next((db for db in databases.values() if db.path), None)


def snapshots_dir(datasette: Any) -> Path | None:
    config = datasette.plugin_config(PLUGIN) or {}
    if config.get("directory"):
        return Path(config["directory"])
    database = _live_database(datasette)
    return Path(database.path).parent / "snapshots" if database and database.path else None


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


async def _send_file(
    send: Send, path: Path, filename: str, extra: dict[str, str] | None = None
) -> None:
    quoted = filename.replace('"', "")
    headers = {
        "content-length": str(path.stat().st_size),
        "content-disposition": f'attachment; filename="{quoted}"',
        **(extra or {}),
    }
    kind = guess_type(filename)[0] or "application/octet-stream"
    await asgi_start(send, 200, headers, kind)
    async with aiofiles.open(path, mode="rb") as stream:
        while True:
            chunk = await stream.read(_CHUNK)
            more = len(chunk) == _CHUNK
            await send({"type": "http.response.body", "body": chunk, "more_body": more})
            if not more:
                return


class FileDownload:
    """A file sent as an attachment; a temporary one is removed once sent."""

    def __init__(self, path: Path, filename: str, scratch: Path | None = None) -> None:
        self.path, self.filename, self.scratch = path, filename, scratch

    async def asgi_send(self, send: Send) -> None:
        try:
            await _send_file(send, self.path, self.filename)
        finally:
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)


class LiveDownload:
    """A copy of the live archive, shared with other downloads, released once sent."""

    def __init__(self, copies: LiveCopies, copy: Copy, filename: str) -> None:
        self.copies, self.copy, self.filename = copies, copy, filename

    async def asgi_send(self, send: Send) -> None:
        made = format_datetime(self.copy.made_at, usegmt=True)
        try:
            await _send_file(send, self.copy.path, self.filename, {"last-modified": made})
        finally:
            self.copies.release(self.copy)


async def _allowed(datasette: Any, request: Any, action: str, resource: Any = None) -> None:
    if not await datasette.permission_allowed(request.actor, action, resource, default=True):
        raise Forbidden(f"{action} is not allowed")


PAGE = """{% extends "base.html" %}
{% block title %}Snapshots{% endblock %}
{% block content %}
<h1>Snapshots</h1>
<p>Dated, checksummed copies of the archive for download. Check one with
<code>sha256sum -c SHA256SUMS</code> or <code>secnews verify</code>.</p>
{% if live %}<p><a href="{{ live }}">Download the live archive.db</a>
(a consistent copy, made when asked, shared by the downloads of the same minute).</p>{% endif %}
{% if entries %}<table class="rows-and-columns"><thead><tr><th>snapshot</th><th>kind</th>
<th>size</th><th>date</th><th>SHA-256</th></tr></thead><tbody>
{% for e in entries %}<tr><td><a href="{{ e.href }}">{{ e.name }}</a></td><td>{{ e.kind }}</td>
<td>{{ e.size }}</td><td>{{ e.date or "" }}</td>
<td><code title="SHA-256 of {{ e.checksum_of }}">{{ e.sha256 or "" }}</code></td></tr>
{% endfor %}</tbody></table>{% else %}<p>No snapshots yet: <code>secnews snapshot</code>
writes them to {{ directory }}.</p>{% endif %}
{% if listing %}<h2>{{ listing.name }}</h2><ul>{% for name, href in listing.children %}
<li><a href="{{ href }}">{{ name }}</a></li>{% endfor %}</ul>{% endif %}
{% endblock %}"""


def _rows(datasette: Any, entries: list[SnapshotEntry]) -> list[dict[str, Any]]:
    return [
        {
            **asdict(e),
            "size": _human(e.bytes),
            "href": datasette.urls.path(f"/-/snapshots/{quote(e.name)}"),
        }
        for e in entries
    ]


async def _page(datasette: Any, request: Any, listing: dict[str, Any] | None = None) -> Any:
    directory = snapshots_dir(datasette)
    entries = list_snapshots(directory) if directory else []
    live = datasette.urls.path("/-/download/archive.db") if _live_database(datasette) else None
    context = {"entries": _rows(datasette, entries), "directory": directory, "live": live}
    template = datasette.jinja_env.from_string(PAGE)
    html = await datasette.render_template(template, {**context, "listing": listing}, request)
    return Response.html(html)


async def snapshots_page(datasette: Any, request: Any) -> Any:
    await _allowed(datasette, request, "view-instance")
    return await _page(datasette, request)


async def snapshots_json(datasette: Any, request: Any) -> Any:
    await _allowed(datasette, request, "view-instance")
    directory = snapshots_dir(datasette)
    entries = list_snapshots(directory) if directory else []
    return Response.json([asdict(entry) for entry in entries])


async def snapshot_file(datasette: Any, request: Any) -> Any:
    await _allowed(datasette, request, "view-instance")
    directory = snapshots_dir(datasette)
    relative = request.url_vars["path"].rstrip("/")
    target = resolve_inside(directory, relative) if directory else None
    if target is None:
        raise NotFound("no such snapshot file")
    if target.is_file():
        return FileDownload(target, target.name)
    children = sorted(p.name + ("/" if p.is_dir() else "") for p in target.iterdir())
    base = datasette.urls.path(f"/-/snapshots/{quote(relative)}")
    links = [(name, f"{base}/{quote(name.rstrip('/'))}") for name in children]
    return await _page(datasette, request, {"name": relative, "children": links})


_LIVE: dict[tuple[str, float], LiveCopies] = {}  # the copies of each live archive file


def _live_copies(datasette: Any, path: str) -> LiveCopies:
    config = datasette.plugin_config(PLUGIN) or {}
    max_age = float(config.get("live_copy_max_age", DEFAULT_MAX_AGE))
    key = (str(Path(path).resolve()), max_age)
    if key not in _LIVE:
        _LIVE[key] = LiveCopies(Path(key[0]), max_age)
    return _LIVE[key]


async def live_download(datasette: Any, request: Any) -> Any:
    """A consistent copy of the live archive, shared by the downloads of the same minute
    (``live_copy_max_age``), so slow clients never hold a copy each."""
    database = _live_database(datasette)
    if database is None or not database.path:
        raise NotFound("no archive database")
    await _allowed(datasette, request, "view-database", database.name)
    if not datasette.setting("allow_download"):
        raise Forbidden("downloads are turned off (allow_download)")
    copies = _live_copies(datasette, database.path)
    return LiveDownload(copies, await copies.acquire(), f"{database.name}.db")


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/-/snapshots$", snapshots_page),
        (r"^/-/snapshots\.json$", snapshots_json),
        (r"^/-/snapshots/(?P<path>.+)$", snapshot_file),
        (r"^/-/download/archive\.db$", live_download),
    ]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/snapshots"), "label": "Snapshots"}]
