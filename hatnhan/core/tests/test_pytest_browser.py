"""The browser journeys' rules can fail: with HATNHAN_REQUIRE_BROWSER=1 a skipped journey fails
the run, and so does a run that selects none; without it they skip. Run in a child pytest on a
scratch directory with the hooks alone (no Django), as .ci/run would meet them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

JOURNEY = """
import pytest

@pytest.mark.browser
def test_journey():
    pytest.skip("no Chromium here")

def test_plain():
    pass
"""


def run(tmp_path: Path, *args: str, required: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text("from hatnhan.core.pytest_browser import *  # noqa\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    browser: journeys\n")
    (tmp_path / "test_journey.py").write_text(JOURNEY)
    # Not the outer run's options (the PostgreSQL run deselects journeys) nor its requirement.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"HATNHAN_REQUIRE_BROWSER", "PYTEST_ADDOPTS"}
    }
    if required:
        env["HATNHAN_REQUIRE_BROWSER"] = "1"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:django", "-p", "no:cacheprovider", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_skipped_journey_is_a_skip_where_browsers_are_optional(tmp_path):
    result = run(tmp_path, required=False)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout


def test_a_skipped_journey_fails_where_browsers_are_required(tmp_path):
    result = run(tmp_path, required=True)
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed" in result.stdout
    assert "a browser journey may not skip" in result.stdout
    assert "no Chromium here" in result.stdout


def test_deselecting_every_journey_fails_where_browsers_are_required(tmp_path):
    result = run(tmp_path, "-m", "not browser", required=True)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert "no browser journey was selected" in result.stderr
