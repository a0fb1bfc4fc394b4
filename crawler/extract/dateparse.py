"""Read dates written the ways official sites write them, keeping only what the page says."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)

_MONTH_WORDS = {
    1: "january jan январь января янв қаңтар қаңтардағы yanvar январ",
    2: "february feb февраль февраля фев ақпан fevral феврал",
    3: "march mar март марта наурыз mart",
    4: "april apr апрель апреля апр сәуір aprel апрел",
    5: "may май мая мамыр",
    6: "june jun июнь июня июн маусым iyun",
    7: "july jul июль июля июл шілде iyul",
    8: "august aug август августа авг тамыз avgust",
    9: "september sept sep сентябрь сентября сен сент қыркүйек sentabr sentyabr сентябр",
    10: "october oct октябрь октября окт қазан oktabr oktyabr октябр",
    11: "november nov ноябрь ноября ноя қараша noyabr ноябр",
    12: "december dec декабрь декабря дек желтоқсан dekabr декабр",
}
MONTHS = {word: number for number, words in _MONTH_WORDS.items() for word in words.split()}
_MONTH = "(?P<mname>{})".format("|".join(sorted(MONTHS, key=len, reverse=True)))
# A month word must not run on into a longer word ("Mayor", "марта" vs "мартовский").
_MONTH_END = r"\.?(?![^\W\d_])"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_YEAR_WORD = r"(?:\s*-?\s*(?:г\.|года|г(?![^\W\d_])|ж\.|жылы|жыл|yil|йил|y\.))?"
_TIME = r"""
(?:\s*(?:,|\||/|-|–|—|T|в|at|kl\.|soat)?\s*
  (?P<hour>[01]?\d|2[0-3])\s*(?:[:：]|时|点|h)\s*(?P<minute>[0-5]\d)
  (?:\s*(?:[:：]|分)\s*(?P<second>[0-5]\d)(?:\.\d+)?)?(?:\s*[分秒])?
  (?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?![^\W\d_]))?
  (?P<tz>Z(?![^\W\d_])|[+-]\d{2}:?\d{2}(?!\d)|\s*(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?
)?"""
_FORMATS = [
    # 2022-01-30, 2022/1/30, 2022.01.30 (the separators must agree)
    rf"(?<![\d.]){_YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)",
    # 2022年1月30日
    rf"{_YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*[日号]?",
    # 12.05.2023
    rf"(?<![\d.])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.{_YEAR}(?![\d.]){_YEAR_WORD}",
    # 12 мая 2023 г., 12 May 2023, 12-май, 2023, 12 мамыр 2023 ж.
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[\s\-]*{_MONTH}{_MONTH_END}[\s,\-]*{_YEAR}"
    rf"(?!\d){_YEAR_WORD}",
    # May 12, 2023
    rf"(?<![^\W\d_]){_MONTH}{_MONTH_END}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)",
    # 2023 жылғы 12 мамыр, 2023-yil 12-may
    rf"{_YEAR}\s*-?\s*(?:жылғы|жылы|ж\.|yil(?:ning)?|йил(?:нинг)?|y\.)\s*(?P<day>\d{{1,2}})"
    rf"\s*-?\s*{_MONTH}{_MONTH_END}",
]
_PATTERNS = [re.compile(fmt + _TIME, re.I | re.X) for fmt in _FORMATS]
_COMPACT = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    """A date read from a page, as precise as the page wrote it."""

    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset_minutes: int | None = None  # only when the page states its UTC offset
    raw: str = ""
    start: int = 0  # where ``raw`` began in the text it was read from

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def same_day(self, other: FoundDate) -> bool:
        return (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def iso(self, timezone: str | None = None) -> str:
        """ISO 8601; a time gets the stated offset, else ``timezone``'s, else none."""
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None or self.minute is None:
            return text
        text += f"T{self.hour:02d}:{self.minute:02d}"
        if self.second is not None:
            text += f":{self.second:02d}"
        offset = self.offset_minutes
        if offset is None and timezone:
            offset = _zone_offset(self, timezone)
        if offset is None:
            return text
        sign = "-" if offset < 0 else "+"
        hours, minutes = divmod(abs(offset), 60)
        return f"{text}{sign}{hours:02d}:{minutes:02d}"


def _zone_offset(found: FoundDate, timezone: str) -> int | None:
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning("unknown timezone %r: times stay without an offset", timezone)
        return None
    local = dt.datetime(
        found.year, found.month, found.day, found.hour or 0, found.minute or 0, tzinfo=zone
    )
    delta = local.utcoffset()
    return None if delta is None else int(delta.total_seconds() // 60)


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in reading order, overlapping readings resolved."""
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _from_match(match)
            if date is not None:
                found.append(date)
    found.sort(key=lambda date: (date.start, -len(date.raw)))
    kept: list[FoundDate] = []
    for date in found:
        if kept and date.start < kept[-1].start + len(kept[-1].raw):
            continue
        kept.append(date)
    return kept


def parse_date(text: str | None) -> FoundDate | None:
    """The first date in ``text``; compact ``20211016`` forms are read too."""
    if not text:
        return None
    dates = find_dates(text)
    if dates:
        return dates[0]
    match = _COMPACT.search(text)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> FoundDate | None:
    groups = match.groupdict()
    month = MONTHS.get(groups["mname"].lower()) if groups.get("mname") else int(groups["month"])
    if month is None:
        return None
    year, day = int(groups["year"]), int(groups["day"])
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    date = FoundDate(year, month, day, raw=match.group(0).strip(), start=match.start())
    if groups.get("hour") is not None:
        date = _with_time(date, groups)
    return date


def _with_time(date: FoundDate, groups: dict[str, str | None]) -> FoundDate:
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    second_text = groups.get("second")
    second = int(second_text) if second_text else None
    return replace(
        date, hour=hour, minute=minute, second=second, offset_minutes=_offset(groups.get("tz"))
    )


def _offset(text: str | None) -> int | None:
    if not text or not text.strip():
        return None
    cleaned = text.strip().upper().replace("UTC", "").replace("GMT", "").strip()
    if cleaned in ("", "Z"):
        return 0
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", cleaned)
    if not match:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return -minutes if match.group(1) == "-" else minutes
