"""What health rules report (``Finding``) and the thresholds they judge by (``HealthPolicy``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

ENV_PREFIX = "SECNEWS_HEALTH_"  # SECNEWS_HEALTH_MAX_ERROR_SHARE=0.4 sets max_error_share


@dataclass(frozen=True)
class HealthPolicy:
    """Thresholds of the health rules; the defaults suit sites that publish weekly to daily."""

    max_error_share: float = 0.25  # fetch errors: failing share of a run's requests …
    min_errors: int = 3  # … once at least this many failed
    stale_factor: float = 3.0  # stale: silent for this many median publishing gaps …
    stale_min_days: float = 3.0  # … and at least this many days
    stale_min_articles: int = 5  # dated articles a site needs before it can go stale
    rhythm_articles: int = 30  # the latest dates that give a site's publishing rhythm
    drift_min_samples: int = 5  # pages needed on both sides before drift is judged
    drift_history: int = 200  # the site's latest versions that make its history
    drift_length_ratio: float = 0.5  # median text length falls below this share of history
    drift_coverage_drop: float = 0.5  # a field's coverage falls by this much (0.9 → 0.4)
    drift_yield_ratio: float = 0.5  # share of candidate pages extracted falls below this

    def overridden(
        self, values: Mapping[str, Any], label: Callable[[str], str] = str
    ) -> HealthPolicy:
        """This policy with some thresholds changed; ``ValueError`` names a bad one as
        ``label`` spells it where it was set (``health.min_errors`` in a site file)."""
        known = {field.name for field in fields(self)}
        changed: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"{label(name)}: unknown threshold (known: {sorted(known)})")
            changed[name] = _threshold(value, type(getattr(self, name)), label(name))
        return replace(self, **changed)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> HealthPolicy:
        """The defaults, changed by ``SECNEWS_HEALTH_<THRESHOLD>`` variables (secnews.env)."""
        values = {
            key.removeprefix(ENV_PREFIX).lower(): value
            for key, value in environ.items()
            if key.startswith(ENV_PREFIX)
        }
        return cls().overridden(values, lambda name: ENV_PREFIX + name.upper())


def _threshold(value: Any, kind: type, name: str) -> float | int:
    """A threshold as its field's type: a number, not negative (a count a whole one)."""
    number: float | None
    try:
        number = float(kind(value)) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number < 0 or (kind is int and float(value) != number):
        expected = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name}: {value!r} is not {expected} of 0 or more")
    return int(number) if kind is int else number


@dataclass(frozen=True)
class Finding:
    """One rule that failed for one site in one run."""

    site: str
    rule: str
    message: str
    value: float | None = None
    threshold: float | None = None
    severity: str = "fail"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
