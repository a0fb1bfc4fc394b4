"""Dates as Ekbacka kommun prints them ("7 maj 2024", "2024-05-07", "kl. 14.30"), Swedish time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def kommun_today() -> date:
    """Today in Ekbacka."""
    return datetime.now(STOCKHOLM).date()


def local(day: date, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


def days_before(today: date, days: int, hhmm: str) -> datetime:
    return local(today - timedelta(days=days), hhmm)


def latest_past(today: date) -> datetime:
    """The latest moment a past date may take: late yesterday, already past in Ekbacka."""
    return days_before(today, 1, "23:30")


def last_occurrence(today: date, month_day: str, years: int = 0) -> date:
    """The latest ``MM-DD`` before ``today``, ``years`` more years back."""
    month, day = (int(part) for part in month_day.split("-"))
    found = date(today.year, month, day)
    if found >= today:
        found = found.replace(year=found.year - 1)
    return found.replace(year=found.year - years)


def next_occurrence(today: date, month_day: str) -> date:
    """The first ``MM-DD`` after ``today``."""
    month, day = (int(part) for part in month_day.split("-"))
    found = date(today.year, month, day)
    return found if found > today else found.replace(year=found.year + 1)


def swedish_date(moment: date) -> str:
    """ "7 maj 2024"."""
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def weekday_date(moment: date) -> str:
    """ "lördag 6 juni 2025"."""
    return f"{_WEEKDAYS[moment.weekday()]} {swedish_date(moment)}"


def badge(moment: date) -> str:
    """ "6 jun", as the calendar's date badges show it."""
    return f"{moment.day} {_MONTHS[moment.month - 1][:3]}"


def clock(moment: datetime) -> str:
    """ "14.30", the Swedish way of writing a time."""
    return f"{moment:%H.%M}"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
