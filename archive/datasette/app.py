"""``secnews serve``: the archive in Datasette, with its generated metadata and our plugins.

The archive is opened read-only but live (Datasette's ``mode=ro`` connections see what a
running crawl commits); ``immutable=True`` suits a published copy that never changes.
"""

from __future__ import annotations

import errno
import importlib
import json
import logging
import pkgutil
import socket
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

import sqlite_utils

import archive.datasette
from archive.datasette.metadata import build_metadata
from archive.store import DB_NAME, Archive
from archive.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

# Facet suggestions scan every column of every page view: too slow for a million articles.
# A table's cells are cut short (an article's text is a screen tall); a row's page and an
# article's page show everything.
SETTINGS = {
    "default_page_size": 50,
    "facet_time_limit_ms": 300,
    "sql_time_limit_ms": 3000,
    "suggest_facets": False,
    "truncate_cells_html": 160,
}


class ServeError(ValueError):
    """The archive cannot be served as asked; the message says why."""


def plugin_modules() -> list[ModuleType]:
    """Every module of ``archive.datasette`` that defines a Datasette hook implementation."""
    modules = []
    for info in pkgutil.iter_modules(archive.datasette.__path__):
        module = importlib.import_module(f"{archive.datasette.__name__}.{info.name}")
        if any(
            hasattr(value, "datasette_impl") and getattr(value, "__module__", "") == module.__name__
            for value in vars(module).values()
        ):
            modules.append(module)
    return modules


def register_plugins() -> list[str]:
    """Register our plugin modules with Datasette (once a process); return their names."""
    from datasette.plugins import pm

    names = []
    for module in plugin_modules():
        if not pm.is_registered(module):
            pm.register(module, name=module.__name__)
        names.append(module.__name__)
    return names


def archive_path(data_dir: Path) -> Path:
    path = Path(data_dir) / DB_NAME
    if not path.is_file():
        raise ServeError(f"{path}: no archive here (crawl something first, or pass --data)")
    return path


def metadata_for(data_dir: Path, *, upgrade: bool = True) -> dict[str, Any]:
    """The generated metadata; with ``upgrade`` the archive is migrated first if it is old."""
    path = archive_path(data_dir)
    if upgrade:
        try:
            Archive(data_dir).close()  # applies any migration the archive has not had
        except sqlite3.OperationalError as exc:  # a read-only copy: serve it as it is
            log.warning("%s: not upgraded (%s)", path, exc)
    with sqlite_utils.Database(path) as db:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version < SCHEMA_VERSION:
            raise ServeError(f"{path}: schema v{version}, run any secnews command to upgrade")
        return build_metadata(db)


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``overlay``'s keys put in, nested dictionaries merged key by key."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def make_datasette(data_dir: Path, *, immutable: bool = False, overlay: Path | None = None) -> Any:
    """A Datasette over ``DATA/archive.db`` with metadata, ``/media`` and our plugins."""
    from datasette.app import Datasette

    register_plugins()
    metadata = metadata_for(data_dir, upgrade=not immutable)
    if overlay is not None:
        metadata = merge(metadata, json.loads(overlay.read_text(encoding="utf-8")))
    path = str(archive_path(data_dir))
    return Datasette(
        [] if immutable else [path],
        immutables=[path] if immutable else [],
        metadata=metadata,
        settings=SETTINGS,
        static_mounts=[("media", str(Path(data_dir).resolve() / "media"))],
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free port), so the URL is known before serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        reason = "is in use (pass another --port)" if exc.errno == errno.EADDRINUSE else ""
        raise ServeError(f"{address} {reason or f'cannot be listened on: {exc.strerror}'}") from exc
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(datasette: Any, sock: socket.socket) -> None:
    """Serve until interrupted."""
    import uvicorn

    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
