"""A crawl makes no log records below its level: Scrapy's own setup would make them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, logging, sys
from pathlib import Path
from crawler.runs.runner import CrawlOptions, crawl_settings, crawler_process
from crawler.sites.config import resolve_target

logging.root.setLevel(int(sys.argv[3]))
options = CrawlOptions(data_dir=Path(sys.argv[1]), log_level=sys.argv[2])
site = resolve_target("http://127.0.0.1:9/news/", None)
crawler_process(crawl_settings(options, 1), [site])
engine = logging.getLogger("scrapy.core.engine")
print(json.dumps([engine.isEnabledFor(level) for level in (10, 20, 30)]))
"""


@pytest.mark.parametrize(
    ("log_level", "root_before", "enabled"),
    [
        ("INFO", 30, [False, True, True]),  # the command line: root logger at its default
        ("WARNING", 30, [False, False, True]),
        ("INFO", 10, [True, True, True]),  # a lower level set before stays
    ],
)
def test_records_below_the_crawl_level_are_not_made(
    tmp_path: Path, log_level: str, root_before: int, enabled: list[bool]
) -> None:
    # In a process of its own: Scrapy's logging setup is process-wide.
    probe = [sys.executable, "-c", PROBE, str(tmp_path), log_level, str(root_before)]
    result = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == enabled
