"""A snapshot on disk: written under a dot name until whole, packed as one file (``.tar.gz``
or ``.zip``) with fixed order and times, and its members read back from a snapshot
directory or such a file."""

from __future__ import annotations

import fcntl
import gzip
import logging
import os
import secrets
import shutil
import tarfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from archive.snapshot.manifest import PACKAGE_FILE, STATE_FILE, SUMS_FILE, file_sha256

log = logging.getLogger(__name__)

KINDS = ("tar.gz", "zip")
PARTIAL = ".partial-"  # a snapshot being written: the listing ignores dot names
SCRATCH = ".scratch"
OWNER_FILE = "owner.lock"
# Read first by anyone opening the file: the description, the checksums, the row digests.
LEADING = (PACKAGE_FILE, SUMS_FILE, "README.md", "CITATION.cff", STATE_FILE)
_STORED = (".gz", ".parquet", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".webp")
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def member_order(root: Path) -> Iterator[str]:
    """Every file under ``root`` as a relative path: the leading documents, then the rest
    folder by folder in name order (one folder's names in memory at a time)."""
    leading = [name for name in LEADING if (root / name).is_file()]
    yield from leading
    for folder, folders, names in os.walk(root):
        folders.sort()
        inside = Path(folder).relative_to(root)
        for name in sorted(names):
            relative = (inside / name).as_posix()
            if relative not in leading:
                yield relative


def _timestamp(created: str) -> datetime:
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return _ZIP_EPOCH
    return max(moment if moment.tzinfo else moment.replace(tzinfo=UTC), _ZIP_EPOCH)


class PartialSnapshot:
    """A snapshot being written in ``out_dir``: its folder ``.partial-TOKEN``, its scratch
    folder ``.partial-TOKEN.scratch`` and, while it is packed, ``.partial-TOKEN.KIND``.
    Nothing has its final name until it is whole. The scratch folder holds a file this
    process keeps locked until ``close()``; whatever such a name is left with its lock free
    was left by a killed snapshot, and the next one to write in ``out_dir`` removes it."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_abandoned(out_dir)
        token = secrets.token_hex(6)
        self.folder = out_dir / f"{PARTIAL}{token}"
        self.scratch = out_dir / f"{PARTIAL}{token}{SCRATCH}"
        self.scratch.mkdir()
        self._owner = os.open(self.scratch / OWNER_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC)
        fcntl.flock(self._owner, fcntl.LOCK_EX)
        self.folder.mkdir()  # with the user's umask: a snapshot is to share

    def packed(self, kind: str) -> Path:
        """Where the snapshot is packed before the file takes its final name."""
        return self.folder.with_name(f"{self.folder.name}.{kind}")

    def close(self) -> None:
        """Remove what is left unfinished, then the claim on it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        for kind in KINDS:
            self.packed(kind).unlink(missing_ok=True)
        shutil.rmtree(self.scratch, ignore_errors=True)
        os.close(self._owner)


def remove_abandoned(out_dir: Path) -> list[str]:
    """Remove what killed snapshots left in ``out_dir`` (their ``.partial-`` names whose
    owner is gone); return the names removed."""
    removed = []
    for path in sorted(out_dir.glob(f"{PARTIAL}*")):
        token = path.name.removeprefix(PARTIAL).split(".", 1)[0]
        if _owned(out_dir / f"{PARTIAL}{token}{SCRATCH}"):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    if removed:
        log.warning("removed what an interrupted snapshot left in %s: %s", out_dir, removed)
    return removed


def _owned(scratch: Path) -> bool:
    """Whether a live snapshot holds the lock in ``scratch``."""
    try:
        owner = os.open(scratch / OWNER_FILE, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False  # no scratch folder, or none of this kind: nobody's
    try:
        fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(owner)
    return False


def pack(directory: Path, kind: str, created: str, partial: PartialSnapshot) -> Path:
    """Write ``<directory>.<kind>`` and its ``.sha256`` beside it; return the file's path.
    The file is written as ``partial.packed(kind)`` and renamed once whole."""
    target = directory.with_name(f"{directory.name}.{kind}")
    moment = _timestamp(created)
    packing = partial.packed(kind)
    if kind == "tar.gz":
        _pack_tar(directory, packing, moment)
    elif kind == "zip":
        _pack_zip(directory, packing, moment)
    else:
        raise ValueError(f"unknown archive kind {kind!r} (expected one of {', '.join(KINDS)})")
    packing.rename(target)
    sidecar = target.with_name(f"{target.name}.sha256")
    sidecar.write_text(f"{file_sha256(target)}  {target.name}\n", encoding="utf-8")
    return target


def _pack_tar(directory: Path, target: Path, moment: datetime) -> None:
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped,
        tarfile.open(fileobj=zipped, mode="w|", format=tarfile.PAX_FORMAT) as tar,
    ):
        for relative in member_order(directory):
            path = directory / relative
            info = tarfile.TarInfo(f"{directory.name}/{relative}")
            info.size = path.stat().st_size
            info.mtime = int(moment.timestamp())
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with path.open("rb") as stream:
                tar.addfile(info, stream)
            # TarFile keeps every member it wrote; a writer never reads them back.
            getattr(tar, "members").clear()  # noqa: B009 (not in the type stubs)


def _pack_zip(directory: Path, target: Path, moment: datetime) -> None:
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for relative in member_order(directory):
            path = directory / relative
            info = zipfile.ZipInfo(f"{directory.name}/{relative}", date_time=stamp)
            info.create_system = 3  # Unix, whatever the platform, so the bytes agree
            info.external_attr = 0o644 << 16
            info.file_size = path.stat().st_size
            stored = relative.endswith(_STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            with path.open("rb") as src, archive.open(info, "w") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)


class SnapshotFiles:
    """Read the members of a snapshot, whether a directory, a ``.tar.gz`` or a ``.zip``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not (path.is_dir() or path.name.endswith((".tar.gz", ".zip"))):
            raise ValueError(f"{path}: not a snapshot directory, .tar.gz or .zip")

    @contextmanager
    def open(self, member: str) -> Iterator[IO[bytes]]:
        """A stream of one member; ``KeyError`` when the snapshot has no such file."""
        if self.path.is_dir():
            if not (self.path / member).is_file():
                raise KeyError(member)
            with (self.path / member).open("rb") as plain:
                yield plain
        elif self.path.name.endswith(".zip"):
            with zipfile.ZipFile(self.path) as archive:
                names = [n for n in archive.namelist() if n.split("/", 1)[-1] == member]
                if not names:
                    raise KeyError(member)
                with archive.open(names[0]) as zipped:
                    yield zipped
        else:
            with tarfile.open(self.path, mode="r|gz") as tar:
                for info in tar:  # the documents come first, so this stops early
                    if info.isfile() and info.name.split("/", 1)[-1] == member:
                        packed = tar.extractfile(info)
                        if packed is not None:
                            yield packed
                            return
                raise KeyError(member)

    def read(self, member: str) -> bytes:
        with self.open(member) as stream:
            return stream.read()
