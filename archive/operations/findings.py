"""What health rules report (``Finding``) and the thresholds they judge by (``HealthPolicy``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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
