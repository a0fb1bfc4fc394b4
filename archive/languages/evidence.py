"""How two articles in different languages are weighed as versions of one release.

The publication day (the same, or one apart for a release dated across a time zone) is
required; beside it, what a translation keeps: the same images (by content or address, or
the same picture in other bytes), the same distinctive numbers, the same names. An image is
strong evidence alone; a number or a name shared once is weak, and one weak signal never
links: it takes two of them, or one that is shared twice over. Every link keeps the evidence
it was made on and a score in (0, 1].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from archive.languages.names import names_in, shared_names
from archive.languages.numbers import distinctive_numbers

# What each signal adds to a link's score at full strength; they add up to 1.
WEIGHTS = {"date": 0.25, "images": 0.35, "numbers": 0.25, "names": 0.15}
STRONG_SHARE = 2  # shared numbers (or names) that make a strong signal


@dataclass(frozen=True)
class Version:
    """What the content evidence reads from one article."""

    id: int
    language: str
    day: date
    numbers: frozenset[float] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    images: frozenset[str] = field(default_factory=frozenset)  # sha256 digests and URLs
    media: frozenset[str] = field(default_factory=frozenset)  # downloaded files (media/…)

    @classmethod
    def read(
        cls,
        article_id: int,
        language: str,
        day: date,
        text: str,
        images: set[str],
        media: set[str],
    ) -> Version:
        return cls(
            article_id,
            language,
            day,
            frozenset(distinctive_numbers(text, day)),
            frozenset(names_in(text)),
            frozenset(images),
            frozenset(media),
        )


@dataclass(frozen=True)
class Link:
    """Two versions, how strongly they are one release, and why."""

    one: int
    other: int
    score: float
    evidence: dict[str, Any]


def weigh(
    one: Version, other: Version, alike: Callable[[str, str], bool] | None = None
) -> Link | None:
    """The link between two articles in different languages, or None when the evidence is
    not enough (always None for one language, or days more than one apart). ``alike`` tells
    whether two downloaded files are one picture, for images with nothing else in common."""
    if one.language == other.language:
        return None
    apart = abs((one.day - other.day).days)
    if apart > 1:
        return None
    images = sorted(one.images & other.images)
    if not images and alike is not None:
        pairs = ((a, b) for a in sorted(one.media) for b in sorted(other.media))
        images = [f"alike:{a}~{b}" for a, b in pairs if alike(a, b)]
    numbers = sorted(one.numbers & other.numbers)
    names = sorted(shared_names(one.names, other.names))
    strong = bool(images) + (len(numbers) >= STRONG_SHARE) + (len(names) >= STRONG_SHARE)
    weak = (len(numbers) == 1) + (len(names) == 1)
    if not strong and weak < 2:
        return None
    strengths = {
        "date": 1.0 if apart == 0 else 0.5,
        "images": 1.0 if images else 0.0,
        "numbers": min(1.0, len(numbers) / STRONG_SHARE),
        "names": min(1.0, len(names) / STRONG_SHARE),
    }
    score = round(sum(WEIGHTS[kind] * value for kind, value in strengths.items()), 3)
    evidence: dict[str, Any] = {"days_apart": apart}
    if images:
        evidence["images"] = images
    if numbers:
        evidence["numbers"] = [int(n) if n.is_integer() else n for n in numbers]
    if names:
        evidence["names"] = names
    return Link(min(one.id, other.id), max(one.id, other.id), score, evidence)
