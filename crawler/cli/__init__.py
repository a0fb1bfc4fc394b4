"""The ``secnews`` command: thin click commands over the crawler and archive libraries.

One module a command, each with how it shows itself: ``crawl``, ``extract``, ``search``
(with ``reindex``), ``history`` (with ``link-languages``), ``status``, ``snapshot`` (with
``verify``), ``serve``, ``sites``, ``reprocess``, ``demo`` (with ``sample-site``). This
module holds the group and what the commands share: the ``--data`` and ``--sites`` options,
dates, errors, and the base of the live displays. A command's module is imported only when
that command runs (or help lists it), so ``secnews status`` does not load the crawler, nor
``secnews crawl`` Datasette.

Results go to stdout, logs to stderr. Exit codes: 0 ok, 1 a crawl ran but a check failed
(or the disk is full), 2 bad usage or bad configuration (the message names the file and the
field), 75 another command is writing to the data directory (try again later).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import click

from crawler import __version__

if TYPE_CHECKING:
    from archive.store import Archive

# Command name → the module of crawler.cli that defines it, as a function of the same name
# ("-" written "_").
COMMANDS = {
    "crawl": "crawl",
    "demo": "demo",
    "extract": "extract",
    "history": "history",
    "link-languages": "history",
    "reindex": "search",
    "reprocess": "reprocess",
    "sample-site": "demo",
    "search": "search",
    "serve": "serve",
    "sites": "sites",
    "snapshot": "snapshot",
    "status": "status",
    "verify": "snapshot",
}


class CommandGroup(click.Group):
    """Finds each command in its module when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a busy data directory or a full disk ends it with one message."""
        from archive.diskfull import is_storage_full, storage_reason
        from archive.lock import DataDirectoryBusy

        try:
            return super().invoke(ctx)
        except DataDirectoryBusy as exc:
            raise DataDirectoryInUse(str(exc)) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # a command's own message, or its exit
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            where = getattr(exc, "filename", None) or "the data directory"
            raise click.ClickException(
                f"cannot write to {where}: the disk is full ({storage_reason(exc)}); nothing "
                "stored before was lost: free some space and run the command again"
            ) from exc

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(
            importlib.import_module(f"crawler.cli.{module}"), cmd_name.replace("-", "_")
        )
        assert isinstance(command, click.Command), cmd_name
        return command


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="secnews")
def main() -> None:
    """secnews: archive the news pages of official bodies into a versioned SQLite corpus."""


class ConfigProblem(click.ClickException):
    """A bad site config or argument: exit code 2, like click's own usage errors."""

    exit_code = 2


class DataDirectoryInUse(click.ClickException):
    """Another command holds the data directory's writer lock: exit 75 (EX_TEMPFAIL), the
    code the cron wrapper gives when it finds its lock taken."""

    exit_code = 75


DATA_HELP = "Data directory (default ./data, or $SECNEWS_DATA)."
SITES_HELP = "Directory of site configs (default: $SECNEWS_SITES, else the bundled crawler/sites)."


def data_option(function: Any) -> Any:
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=lambda: os.environ.get("SECNEWS_DATA", "data"),
        show_default="./data",
        help=DATA_HELP,
    )(function)


def sites_option(function: Any) -> Any:
    return click.option(
        "--sites",
        "sites_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="SECNEWS_SITES",
        help=SITES_HELP,
    )(function)


def settings_option(function: Any) -> Any:
    """``-s NAME=VALUE``, repeatable: a Scrapy setting for this run's fetches."""
    return click.option(
        "-s",
        "--set",
        "extra",
        multiple=True,
        metavar="NAME=VALUE",
        help="Override a Scrapy setting for this run (e.g. DOWNLOAD_TIMEOUT=10).",
    )(function)


def setting_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    """The ``-s NAME=VALUE`` options as settings; a usage error naming a malformed one."""
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ConfigProblem(f"-s {pair}: expected NAME=VALUE")
        settings[name.strip()] = value
    return settings


def iso_date(value: str | None, option: str = "--since") -> str | None:
    """An option's date as ISO 8601, or a usage error naming the option."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigProblem(f"{option} {value}: expected a date like 2024-01-31") from exc


def require_archive(data_dir: Path) -> None:
    """Stop with a usage error unless ``data_dir`` holds an archive."""
    from archive.store import DB_NAME

    if not (data_dir / DB_NAME).is_file():
        raise ConfigProblem(f"{data_dir / DB_NAME}: no archive here (crawl first, or pass --data)")


def existing_archive(data_dir: Path) -> Archive:
    """The archive in ``data_dir``, which must already hold one."""
    from archive.store import Archive

    require_archive(data_dir)
    return Archive(data_dir)


def known_sites(archive: Archive, names: Iterable[str | None]) -> None:
    """A usage error naming the first of ``names`` the archive has never crawled."""
    known = {row["name"] for row in archive.db.query("SELECT name FROM sites")}
    for name in names:
        if name is not None and name not in known:
            listed = ", ".join(sorted(known)) or "none yet"
            raise ConfigProblem(f"--site {name}: no such site in this archive (it has: {listed})")


class TerminalDisplay:
    """A live display (rich's ``Live`` or ``Progress``) for as long as a ``with`` block runs:
    made and started on entry, stopped on exit; subclasses say what to show."""

    _display: Any = None

    def _shown(self) -> Any:
        """The display to start, or None to show nothing."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._display = self._shown()
        if self._display is not None:
            self._display.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._display is not None:
            self._display.stop()
