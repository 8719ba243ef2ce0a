"""The production settings pass Django's own deployment checks, and a real server will not
start on the public development key. Both run `manage.py` in a subprocess with the documented
production environment (docs/production.env), not with the test run's development overrides."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

from hatnhan.core.crypto import development_key

ROOT = Path(settings.BASE_DIR)
# What hatnhan.pytest_plugin sets for the test run; a production process has none of it.
DEVELOPMENT_OVERRIDES = {
    "SECRET_KEY",
    "AUDIT_KEYS",
    "AUDIT_CHECKPOINT_KEYS",
    "HATNHAN_FIELD_KEYS",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "DEBUG",
    "HATNHAN_DEMO",
    "DATABASE_URL",
    # The browser journeys' fixture sets it in this process; a server never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DEVELOPMENT_OVERRIDES}
    for line in (ROOT / "docs" / "production.env").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    env.update(extra)
    return env


def real_keys(**extra: str) -> dict[str, str]:
    """The secrets a real server is given (docs/production.md §3 and §8), made up here."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_KEYS": f"k1:{secrets.token_urlsafe(32)}",
        "AUDIT_CHECKPOINT_KEYS": f"c1:{secrets.token_urlsafe(32)}",
        "HATNHAN_FIELD_KEYS": Fernet.generate_key().decode(),
        **extra,
    }


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_wsgi_refuses(variable: str, *, env: dict[str, str]) -> None:
    # gunicorn imports hatnhan.wsgi and runs no system checks.
    result = subprocess.run(
        [sys.executable, "-c", "import hatnhan.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_check_deploy_is_clean_with_the_documented_environment():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(**real_keys()),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("variable", ["AUDIT_KEYS", "AUDIT_CHECKPOINT_KEYS"])
def test_a_real_server_refuses_the_development_audit_keys(variable):
    # Unset: the public development key. Listed as an old (verify-only) key: refused too.
    env = production_env(**real_keys())
    del env[variable]
    assert "hatnhan.E002" in manage("check", "--deploy", env=env).stderr
    public = settings.DEVELOPMENT_AUDIT_KEY
    if variable == "AUDIT_CHECKPOINT_KEYS":
        public = settings.DEVELOPMENT_AUDIT_CHECKPOINT_KEY
    env = production_env(**real_keys(**{variable: f"new:{secrets.token_urlsafe(32)},dev:{public}"}))
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "hatnhan.E002" in result.stderr


def test_the_wsgi_entry_point_refuses_the_development_audit_key():
    env = production_env(**real_keys())
    del env["AUDIT_KEYS"]
    assert_wsgi_refuses("AUDIT_KEYS", env=env)


def test_a_real_server_refuses_to_run_without_field_keys():
    env = production_env(**real_keys())
    del env["HATNHAN_FIELD_KEYS"]
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "hatnhan.E003" in result.stderr
    assert_wsgi_refuses("HATNHAN_FIELD_KEYS", env=env)


def test_a_real_server_refuses_the_public_development_field_key():
    # Even behind a real key, as an old one kept for decrypting.
    public = development_key(settings.DEVELOPMENT_SECRET_KEY)
    keys = f"{Fernet.generate_key().decode()},{public}"
    env = production_env(**real_keys(HATNHAN_FIELD_KEYS=keys))
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "hatnhan.E004" in result.stderr
    assert_wsgi_refuses("HATNHAN_FIELD_KEYS", env=env)


def test_a_malformed_field_key_is_refused_naming_the_variable():
    env = production_env(**real_keys(HATNHAN_FIELD_KEYS="not-a-fernet-key"))
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "hatnhan.E003" in result.stderr
    assert "HATNHAN_FIELD_KEYS: mỗi khóa là một khóa Fernet" in result.stderr


def test_a_malformed_audit_key_list_is_refused_naming_the_variable():
    result = manage("check", env=production_env(**real_keys(AUDIT_KEYS="no-colon-here")))
    assert result.returncode != 0
    assert "AUDIT_KEYS: mỗi khóa viết là 'mã:bí mật'" in result.stderr


def test_a_real_server_refuses_the_development_key():
    result = manage("check", "--deploy", env=production_env())
    assert result.returncode != 0
    assert "hatnhan.E001" in result.stderr
    assert "DEBUG=0" in result.stderr


def test_the_wsgi_entry_point_refuses_the_development_key():
    assert_wsgi_refuses("SECRET_KEY", env=production_env())


def test_a_demo_laptop_may_use_the_development_key():
    result = manage("check", "--deploy", env=production_env(DEBUG="1"))
    assert result.returncode == 0, result.stderr
    assert "hatnhan.E001" not in result.stdout + result.stderr


def test_production_defaults_are_secure():
    probe = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = production_env(**real_keys(DJANGO_SETTINGS_MODULE="hatnhan.settings"))
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]
