"""The `hatnhan` console script runs the commands, spelled with hyphens, from a shell."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(sys.executable).with_name("hatnhan")


def hatnhan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not SCRIPT.exists(), reason=f"no console script at {SCRIPT}")
def test_console_script_end_to_end(tmp_path):
    env = {
        **os.environ,
        # Its own database file: the test database lives inside this process's transaction.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        # This checkout's code, not whichever the shared venv was installed from.
        "PYTHONPATH": str(ROOT),
        "PYTHONUTF8": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    assert hatnhan("migrate", "--verbosity", "0", env=env).returncode == 0
    made = hatnhan("add-organization", "DUK", "Đảng bộ Khối", env=env)
    assert made.returncode == 0, made.stderr
    assert "Đã thêm tổ chức DUK" in made.stdout
    user = hatnhan("create-user", "bloc", "--role", "staff", "--organization", "DUK", env=env)
    assert user.returncode == 0, user.stderr
    token = hatnhan("token", "bloc", env=env)
    assert token.returncode == 0 and len(token.stdout.strip()) == 40
    again = hatnhan("token", "bloc", env=env)
    assert again.stdout == token.stdout
    verify = hatnhan("audit", "verify", env=env)
    assert verify.returncode == 0 and "Nhật ký toàn vẹn" in verify.stdout
    refused = hatnhan("add-organization", "X", "Chi bộ X", "--parent", "NOPE", env=env)
    assert refused.returncode != 0
    assert "Không có tổ chức mã “NOPE”" in refused.stderr
