"""After a crawl: judge each site's health, keep the findings, alert the operator if asked."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.operations.findings import Finding, HealthPolicy
from archive.operations.health import assess_run
from archive.store import Archive
from crawler.runs.alerts import alert_payload, post_alert
from crawler.sites.config import SiteConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlReport:
    """A finished run and what the health rules found in it."""

    run: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    alert_error: str | None = None  # why the webhook did not take the alert

    @property
    def failed(self) -> bool:
        """Whether the crawl should exit 1: it did not finish, or a rule failed."""
        return self.run["status"] != "ok" or any(f.severity == "fail" for f in self.findings)

    def lines(self) -> list[str]:
        if not self.findings:
            sites = len(json.loads(self.run.get("sites") or "[]"))
            return [f"health: {sites} site(s) ok"]
        return [f"health: {f.site}: {f.rule}: {f.message}" for f in self.findings]


def check_run(
    data_dir: Path,
    run: dict[str, Any],
    *,
    webhook: str | None = None,
    policy: HealthPolicy | None = None,
    sites: Sequence[SiteConfig] = (),
) -> CrawlReport:
    """Assess ``run`` (a ``crawl_runs`` row) and post an alert to ``webhook`` if it failed.

    Sites are judged by ``policy`` (default: the thresholds' defaults), changed by their
    config's ``[health]`` table.
    """
    policy = policy or HealthPolicy()
    per_site = {site.name: policy.overridden(site.health) for site in sites if site.health}
    with Archive(data_dir) as archive:
        findings = assess_run(archive.db, int(run["id"]), policy, site_policies=per_site)
    report = CrawlReport(run, findings)
    if webhook and report.failed:
        payload = alert_payload(run, findings, str(data_dir))
        error = post_alert(webhook, payload)
        if error:
            log.error("alert to %s failed: %s", webhook, error)
        report = CrawlReport(run, findings, error)
    return report
