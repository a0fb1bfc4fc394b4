"""cron/: the systemd units verify (or at least parse with the keys they need), the crontab
example calls the wrapper, and the wrapper is a strict bash script."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

CRON = REPO / "cron"
UNITS = ("secnews-crawl.service", "secnews-crawl.timer", "secnews-alert@.service")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string((CRON / name).read_text(encoding="utf-8"))
    return parser


def test_the_service_is_a_hardened_oneshot_running_the_wrapper() -> None:
    service = unit("secnews-crawl.service")
    run = service["Service"]
    assert run["Type"] == "oneshot"
    assert run["ExecStart"].endswith("/cron/secnews-crawl")
    assert run["User"] == "secnews" and run["Group"] == "secnews"
    assert run["NoNewPrivileges"] == "yes" and run["ProtectSystem"] == "strict"
    assert "/var/lib/secnews" in run["ReadWritePaths"].split()
    assert run["SuccessExitStatus"] == "75"  # a run that found the lock taken did nothing
    assert service["Unit"]["OnFailure"] == "secnews-alert@%N.service"


def test_the_timer_is_persistent_and_spread() -> None:
    timer = unit("secnews-crawl.timer")
    assert timer["Timer"]["OnCalendar"]
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["RandomizedDelaySec"]
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_alert_template_is_a_oneshot() -> None:
    alert = unit("secnews-alert@.service")
    assert alert["Service"]["Type"] == "oneshot" and "%i" in alert["Service"]["ExecStart"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    # As installed: the wrapper at its place, the alert template with the instance it gets.
    service = (CRON / "secnews-crawl.service").read_text(encoding="utf-8")
    wrapper = str(CRON / "secnews-crawl")
    (tmp_path / "secnews-crawl.service").write_text(
        service.replace("/opt/secnews/cron/secnews-crawl", wrapper), encoding="utf-8"
    )
    shutil.copy(CRON / "secnews-crawl.timer", tmp_path)
    shutil.copy(CRON / "secnews-alert@.service", tmp_path / "secnews-alert@secnews-crawl.service")
    names = ["secnews-crawl.service", "secnews-crawl.timer", "secnews-alert@secnews-crawl.service"]
    result = subprocess.run(
        ["systemd-analyze", "verify", *(f"./{name}" for name in names)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    complaints = [line for line in result.stderr.splitlines() if "secnews" in line]
    assert result.returncode == 0 and complaints == [], result.stderr


def test_systemd_calendar_expression_is_valid() -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze not installed")
    calendar = unit("secnews-crawl.timer")["Timer"]["OnCalendar"]
    result = subprocess.run(
        ["systemd-analyze", "calendar", calendar], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0 and "Next elapse" in result.stdout


def test_the_crontab_example_runs_the_wrapper_as_secnews() -> None:
    lines = (CRON / "crontab.example").read_text(encoding="utf-8").splitlines()
    jobs = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    jobs = [fields for fields in jobs if "=" not in fields[0]]
    (job,) = jobs
    assert len(job) == 7 and job[5] == "secnews" and job[6].endswith("/cron/secnews-crawl")
    assert any(line.startswith("MAILTO=") for line in lines)


def test_the_wrapper_is_strict_bash() -> None:
    wrapper = CRON / "secnews-crawl"
    text = wrapper.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n") and "\nset -euo pipefail\n" in text
    assert wrapper.stat().st_mode & 0o111
    assert subprocess.run(["bash", "-n", str(wrapper)], timeout=30).returncode == 0
    if shutil.which("shellcheck"):
        result = subprocess.run(["shellcheck", str(wrapper)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
    usage = subprocess.run([str(wrapper), "--help"], capture_output=True, text=True, timeout=30)
    assert usage.returncode == 0 and "Usage: secnews-crawl" in usage.stdout
