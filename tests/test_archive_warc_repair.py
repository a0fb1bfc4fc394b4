"""A WARC file torn mid-record is cut back to its last whole record and validates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archive.store.warc import Exchange, WarcRecorder

WARCIO = str(Path(sys.executable).with_name("warcio"))


@pytest.mark.parametrize("cut", [10, 144, 283])
def test_a_torn_record_is_cut_off(tmp_path: Path, cut: int) -> None:
    exchange = Exchange(
        "http://127.0.0.1/", "GET", [], 200, [("Content-Type", "text/html")], b"x" * 999
    )
    recorder = WarcRecorder(tmp_path)
    recorder.write(exchange)
    stream = recorder._file
    whole = stream.tell()
    recorder.write(exchange)
    stream.flush()
    stream.truncate(whole + cut)
    stream.close()
    WarcRecorder(tmp_path)  # opening the directory repairs it
    (path,) = tmp_path.iterdir()
    assert path.stat().st_size == whole
    assert subprocess.run([WARCIO, "check", str(path)], capture_output=True).returncode == 0
