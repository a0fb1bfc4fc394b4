"""Public meetings of Riverbend's council and boards, generated around the day the site is served.

Meetings are dated pages at date-shaped URLs (``government/meetings/2024-05-07-city-council/``)
with an agenda, a JSON-LD ``Event`` and the dates the agenda was posted and the minutes
approved: a calendar, not news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import latest_past, local, not_after, us_date

_AGENDA_ITEMS = (
    "Approval of the minutes of the previous meeting",
    "Public comment on items not on the agenda",
    "Ordinance amending the schedule of water and sewer fees, second reading",
    "Resolution accepting a state grant for the riverfront trail extension",
    "Contract for resurfacing of Main Street and Court Street",
    "Appointment of members to the Historic Preservation Commission",
    "Report of the city manager on the first quarter budget",
    "Public hearing on the rezoning of 1400 Eastgate Boulevard",
    "Purchase of two snow plow trucks",
    "Resolution supporting the county's regional transit plan",
    "Site plan review: a 48-unit apartment building at 15 Court Street",
    "Variance request for a fence height at 212 Walnut Street",
    "Review of the draft comprehensive plan chapter on housing",
    "Update on the parks master plan survey",
    "Proposal for a dog park at Lincoln Park",
    "Fee schedule for shelter reservations",
    "Agreement with the school district for shared use of fields",
    "Recognition of retiring employees",
)


@dataclass(frozen=True)
class Body:
    slug: str
    name: str
    weekday: int  # Monday = 0
    every_days: int
    cycles: range  # meetings before (negative) and after the next one
    hhmm: str
    room: str


BODIES = (
    Body("city-council", "City Council Regular Meeting", 1, 14, range(-8, 3), "18:30",
         "Council Chambers, City Hall"),
    Body("planning-commission", "Planning Commission", 3, 28, range(-4, 2), "18:00",
         "Council Chambers, City Hall"),
    Body("parks-board", "Parks and Recreation Advisory Board", 2, 28, range(-2, 1), "17:30",
         "Riverbend Community Center, Room B"),
)  # fmt: skip


@dataclass(frozen=True)
class Meeting:
    body: Body
    start: datetime
    agenda: tuple[str, ...]
    agenda_posted: datetime | None  # None until 72 hours before the meeting
    minutes_approved: datetime | None  # None until the next meeting approves them
    created: datetime
    modified: datetime

    @property
    def path(self) -> str:
        return f"government/meetings/{self.start:%Y-%m-%d}-{self.body.slug}/"

    @property
    def title(self) -> str:
        return f"{self.body.name} – {us_date(self.start)}"


def _next_weekday(after: date, weekday: int) -> date:
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def _agenda(number: int) -> tuple[str, ...]:
    chosen = [_AGENDA_ITEMS[(number * 5 + step * 3) % len(_AGENDA_ITEMS)] for step in range(4)]
    return (_AGENDA_ITEMS[0], _AGENDA_ITEMS[1], *dict.fromkeys(chosen))


def _meeting(body: Body, day: date, number: int, today: date) -> Meeting:
    start = local(day, body.hhmm)
    past = latest_past(today)
    posted = local(day - timedelta(days=3), "16:00")
    approved = local(day + timedelta(days=body.every_days), "20:00")
    created = not_after(start - timedelta(days=30), past)
    stamps = [created, *(moment for moment in (posted, approved) if moment <= past)]
    return Meeting(
        body=body,
        start=start,
        agenda=_agenda(number),
        agenda_posted=posted if posted <= past else None,
        minutes_approved=approved if approved <= past else None,
        created=created,
        modified=max(stamps),
    )


def load_meetings(today: date) -> tuple[Meeting, ...]:
    """Every body's meetings around ``today``, in date order."""
    meetings: list[Meeting] = []
    for body in BODIES:
        first = _next_weekday(today, body.weekday)
        for number, cycle in enumerate(body.cycles):
            day = first + timedelta(days=cycle * body.every_days)
            meetings.append(_meeting(body, day, number + len(meetings), today))
    return tuple(sorted(meetings, key=lambda meeting: meeting.start))
