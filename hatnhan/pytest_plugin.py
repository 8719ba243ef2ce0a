"""Loaded by pytest before Django reads its settings (`-p hatnhan.pytest_plugin` in pyproject's
addopts). A test run is a development machine on plain HTTP: the settings' production defaults
(HTTPS redirect, secure cookies, HSTS, the refusal of the development SECRET_KEY and audit
keys) are turned off here, explicitly, rather than by weakening the defaults every real server
gets. The production settings themselves are tested by running `check --deploy` in a subprocess
(hatnhan/core/tests/test_deploy_settings.py)."""

import os

for name, value in {
    "SECRET_KEY": "tests-only-not-a-secret-6f1c2d9e8b7a4c3d2e1f0a9b8c7d6e5f",
    "AUDIT_KEYS": "tests:tests-only-audit-key-not-a-secret-3c9e1a7b",
    "AUDIT_CHECKPOINT_KEYS": "tests:tests-only-checkpoint-key-not-a-secret-8d2f4b6a",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_PROXY_SSL_HEADER": "",
}.items():
    os.environ.setdefault(name, value)
