"""Dates as the City of Riverbend prints them, in the city's own time zone (US Central)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CENTRAL = ZoneInfo("America/Chicago")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def city_today() -> date:
    """Today in Riverbend."""
    return datetime.now(CENTRAL).date()


def local(day: date, hhmm: str) -> datetime:
    """The moment ``hhmm`` (24-hour) of ``day`` in Riverbend."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=CENTRAL)


def days_before(today: date, days: int, hhmm: str) -> datetime:
    return local(today - timedelta(days=days), hhmm)


def latest_past(today: date) -> datetime:
    """The latest moment a past date may take: late yesterday, already past in Riverbend."""
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


def not_after(moment: datetime, limit: datetime) -> datetime:
    return min(moment, limit)


def us_date(moment: date) -> str:
    """ "May 7, 2024"."""
    return f"{_MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def short_date(moment: date) -> str:
    """ "May 7" and the weekday, as event badges show it: "Tue, May 7"."""
    return f"{moment:%a}, {_MONTHS[moment.month - 1][:3]} {moment.day}"


def numeric_date(moment: date) -> str:
    """ "05/07/2024", as older posts printed it."""
    return f"{moment:%m/%d/%Y}"


def clock(moment: datetime) -> str:
    """ "6:30 pm"."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
