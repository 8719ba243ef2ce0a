"""The Makefile finds a Python >= 3.12 by running each candidate, and says what is missing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_finds_a_python_that_really_runs_and_is_recent_enough():
    found = make("find-python")
    assert found.returncode == 0, found.stderr
    python = found.stdout.strip().splitlines()[-1]
    version = subprocess.run(
        [python, "-c", "import sys; print(sys.version_info >= (3, 12))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == "True"


def test_an_unusable_python_is_refused_with_a_clear_message(tmp_path):
    # A stand-in like a pyenv shim whose version is not installed: it exists but fails.
    shim = tmp_path / "python3.13"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.13: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    refused = make(f"PYTHON={shim}", "find-python")
    assert refused.returncode != 0
    assert "Python >= 3.12" in refused.stderr
    assert str(shim) in refused.stderr


def test_an_explicit_python_is_used_when_it_qualifies():
    found = make(f"PYTHON={sys.executable}", "find-python")
    assert found.returncode == 0
    assert found.stdout.strip() == sys.executable
