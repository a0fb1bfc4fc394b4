"""WARC capture: every HTTP exchange as WARC 1.1 request + response (or revisit) records.

Files are gzip-per-record and rotate by size. A file being written is named ``*.open`` and
renamed when closed; a crawl killed mid-write leaves an ``.open`` file whose torn tail is cut
off the next time the directory is opened, so every file always validates. An exchange is
appended in one write; one that fails (a full disk) is cut off at once, so no torn record
ever sits between good ones.

Payloads are the bytes as received (before any decompression); HTTP headers are rebuilt from
the parsed response, in the server's order, without ``Transfer-Encoding`` (the body is stored
de-chunked) — each record says so in a ``Secnews-Note`` field.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive import __version__

log = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
# zlib's level 3: on news pages half the CPU of its default (6) for files 6% larger, and
# every page's records are compressed on the crawl's busiest process.
GZIP_LEVEL = 3
NOTE = "headers rebuilt from the parsed response; payload as received, de-chunked"
SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
Headers = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Exchange:
    """One request and the response it got."""

    url: str
    method: str
    request_headers: Headers
    status: int
    response_headers: Headers
    payload: bytes
    reason: str = ""


@dataclass(frozen=True)
class Revisit:
    """The earlier capture a revisit record refers to."""

    uri: str
    date: str  # WARC-Date of the earlier response record
    digest: str  # its WARC-Payload-Digest


@dataclass(frozen=True)
class WarcLocation:
    file: str  # file name inside the WARC directory
    offset: int  # where the response or revisit record starts
    record_id: str
    date: str
    payload_digest: str | None


class WarcRecorder:
    """Appends exchanges to rotating WARC files in one directory."""

    def __init__(self, directory: Path, *, prefix: str = "secnews", max_bytes: int = 1 << 30):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self._serial = 0
        self._file: Any = None
        self._name = ""
        repair_directory(directory)

    def write(self, exchange: Exchange, revisit_of: Revisit | None = None) -> WarcLocation:
        return self.append(pack(exchange, revisit_of))

    def append(self, packed: Packed) -> WarcLocation:
        """Append records made by ``pack`` (here, in the thread that owns the file)."""
        self._rotate()
        offset = self._append(memoryview(packed.data))
        return WarcLocation(
            file=self._name,
            offset=offset,
            record_id=packed.record_id,
            date=packed.date,
            payload_digest=packed.payload_digest,
        )

    def close(self) -> None:
        if self._file is None:
            return
        self._file.close()
        final = self.directory / self._name
        (self.directory / (self._name + OPEN_SUFFIX)).rename(final)
        self._file = None

    def _rotate(self) -> None:
        if self._file is not None and self._file.tell() >= self.max_bytes:
            self.close()
        if self._file is None:
            self._open_next()

    def _append(self, data: memoryview) -> int:
        """Write ``data`` at the end of the open file and return where it starts; if the
        write fails part-way, cut the file back so it ends with its last whole record."""
        offset = int(self._file.tell())
        try:
            while data:
                data = data[self._file.write(data) :]
        except OSError:
            self._file.truncate(offset)
            self._file.seek(offset)
            raise
        return offset

    def _open_next(self) -> None:
        self._serial += 1
        # Microseconds and pid keep names unique across processes and restarts.
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        self._name = f"{self.prefix}-{stamp}-{os.getpid()}-{self._serial:05d}.warc.gz"
        # Unbuffered: each append is written (or cut back) at once, nothing waits in a buffer.
        self._file = open(self.directory / (self._name + OPEN_SUFFIX), "wb", buffering=0)  # noqa: SIM115
        info = {
            "software": f"secnews/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "description": NOTE,
        }
        writer = WARCWriter(BytesIO(), gzip=False, warc_version="1.1")
        self._append(memoryview(_gzipped(writer.create_warcinfo_record(self._name, info))))


@dataclass(frozen=True)
class Packed:
    """An exchange's records, gzipped and ready to append to a WARC file."""

    data: bytes
    record_type: str  # "response" or "revisit"
    record_id: str  # of that record
    date: str
    payload_digest: str | None


def pack(exchange: Exchange, revisit_of: Revisit | None = None) -> Packed:
    """The response (or revisit) and request records of ``exchange``, each its own gzip
    member. Touches no file, so any thread may pack while the recorder's owner appends:
    compressing and digesting the payload, most of the cost, let other threads run."""
    writer = WARCWriter(BytesIO(), gzip=False, warc_version="1.1")
    response = _response_record(writer, exchange, revisit_of)
    request = _request_record(writer, exchange, response)
    return Packed(
        data=_gzipped(response) + _gzipped(request),
        record_type=response.rec_headers.get_header("WARC-Type"),
        record_id=response.rec_headers.get_header("WARC-Record-ID"),
        date=response.rec_headers.get_header("WARC-Date"),
        payload_digest=response.rec_headers.get_header("WARC-Payload-Digest"),
    )


def _response_record(writer: WARCWriter, exchange: Exchange, revisit_of: Revisit | None) -> Any:
    headers = [(k, v) for k, v in exchange.response_headers if k.lower() != "transfer-encoding"]
    status_line = f"{exchange.status} {exchange.reason}".strip()
    http_headers = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1")
    extra = {"Secnews-Note": NOTE}
    if revisit_of is None:
        return writer.create_warc_record(
            exchange.url,
            "response",
            payload=BytesIO(exchange.payload),
            length=len(exchange.payload),
            http_headers=http_headers,
            warc_headers_dict=extra,
        )
    record = writer.create_revisit_record(
        exchange.url,
        revisit_of.digest,
        revisit_of.uri,
        revisit_of.date,
        http_headers=http_headers,
        warc_headers_dict=extra,
    )
    if exchange.status == 304:
        record.rec_headers.replace_header("WARC-Profile", SERVER_NOT_MODIFIED)
    return record


def _request_record(writer: WARCWriter, exchange: Exchange, response: Any) -> Any:
    parts = urlsplit(exchange.url)
    target = parts.path or "/"
    if parts.query:
        target += f"?{parts.query}"
    headers = [("Host", parts.netloc), *exchange.request_headers]
    http_headers = StatusAndHeaders(
        f"{exchange.method} {target} HTTP/1.1", headers, protocol="", is_http_request=True
    )
    concurrent = {"WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")}
    return writer.create_warc_record(
        exchange.url, "request", http_headers=http_headers, warc_headers_dict=concurrent
    )


def _gzipped(record: Any) -> bytes:
    """One record as its own gzip member, at GZIP_LEVEL: warcio compresses at 9, which on
    news pages costs about six times the CPU of level 3 for files 7% smaller."""
    raw = BytesIO()
    WARCWriter(raw, gzip=False, warc_version="1.1").write_record(record)
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return packer.compress(raw.getbuffer()) + packer.flush()


@dataclass(frozen=True)
class StoredResponse:
    record_type: str
    url: str
    status: int
    headers: list[tuple[str, str]]
    raw_payload: bytes  # as received
    payload: bytes  # with any Content-Encoding undone, for re-extraction


class PayloadTooLarge(ValueError):
    """A stored payload that inflates past the limit it is read with (a gzip bomb)."""


def read_response(
    directory: Path, file: str, offset: int, *, max_payload: int | None = None
) -> StoredResponse:
    """The response (or revisit) record at ``offset`` of ``file``. A payload sent with a
    Content-Encoding is inflated a piece at a time, and one that would grow past
    ``max_payload`` bytes raises ``PayloadTooLarge`` before it does."""
    path = directory / file
    if not path.exists():
        path = directory / (file + OPEN_SUFFIX)
    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        raw = record.raw_stream.read()
    encoding = record.http_headers.get_header("Content-Encoding")
    decoded = _decode_content(raw, encoding, max_payload)
    status = int(record.http_headers.get_statuscode() or "0")
    return StoredResponse(
        record_type=record.rec_type,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=status,
        headers=list(record.http_headers.headers),
        raw_payload=raw,
        payload=decoded,
    )


# zlib's window bits for each Content-Encoding: gzip's header, or zlib's (deflate).
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
_PIECE = 1 << 20  # bytes inflated at a time


def _decode_content(raw: bytes, encoding: str | None, max_payload: int | None) -> bytes:
    wbits = _WBITS.get((encoding or "").strip().lower())
    if wbits is None:
        return raw  # identity, or an encoding we cannot undo: the bytes as received
    inflater = zlib.decompressobj(wbits)
    pieces: list[bytes] = []
    size = 0
    pending = raw
    try:
        while not inflater.eof:
            piece = inflater.decompress(pending, _PIECE)
            pending = inflater.unconsumed_tail
            if not piece and not pending:
                break  # a stream cut short: what it held so far
            size += len(piece)
            if max_payload is not None and size > max_payload:
                raise PayloadTooLarge(f"inflates past {max_payload} bytes ({encoding})")
            pieces.append(piece)
    except zlib.error:
        log.warning("could not undo Content-Encoding %s; keeping the bytes as received", encoding)
        return raw
    return b"".join(pieces)


def repair_directory(directory: Path) -> None:
    """Cut torn tails off files a killed crawl left ``.open``, then close them."""
    for path in sorted(directory.glob(f"*{OPEN_SUFFIX}")):
        good = _last_complete_offset(path)
        if good < path.stat().st_size:
            log.warning("%s: cutting a torn record at byte %d", path.name, good)
            with open(path, "r+b") as stream:
                stream.truncate(good)
        path.rename(path.with_name(path.name.removesuffix(OPEN_SUFFIX)))


def _last_complete_offset(path: Path) -> int:
    """End of the last gzip member that decompresses to its end with a good CRC.

    Each record is one member, so this is the end of the last whole record; a member torn
    anywhere, even inside its compressed body, is not counted.
    """
    good = position = 0
    member = zlib.decompressobj(31)
    with open(path, "rb") as stream:
        chunk = stream.read(1 << 16)
        while chunk:
            try:
                member.decompress(chunk)
            except zlib.error:
                log.debug("torn WARC tail in %s at byte %d", path, good)
                break
            if not member.eof:
                position += len(chunk)
                chunk = stream.read(1 << 16)
                continue
            position += len(chunk) - len(member.unused_data)
            good = position
            chunk = member.unused_data or stream.read(1 << 16)
            member = zlib.decompressobj(31)
    return good
