"""How a crawl's pipeline decisions read in its log: one short line each.

Scrapy logs a dropped item as a WARNING followed by the item's whole repr. Most drops are a
crawl working as meant (a contact page that is not news, an alias of an archived article),
counted in the run's stats and seen in the fetches table; they are DEBUG here, and a drop
that means something was not archived (``DropItem(..., log_level="WARNING")``) keeps its
level. Either way the line names the reason and the URL, not the item.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


class BriefLogFormatter(LogFormatter):
    def dropped(
        self, item: Any, exception: BaseException, response: Any, spider: Any
    ) -> LogFormatterResult:
        level = getattr(exception, "log_level", None) or logging.DEBUG
        if isinstance(level, str):
            level = logging.getLevelName(level.upper())
        return {"level": level, "msg": "Dropped: %(reason)s", "args": {"reason": exception}}
