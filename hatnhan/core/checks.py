"""Settings a real server must not run with.

The WSGI entry point (gunicorn, and runserver, which loads it too) refuses to start on them;
`check --deploy` reports them. Development commands (makemigrations, compilemessages, tests)
are left alone: they serve no one."""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from hatnhan.core.crypto import check_keys, public_development_key

DEVELOPMENT_KEY_MESSAGE = (
    "SECRET_KEY chưa được đặt: với DEBUG=0 hatnhan không chạy bằng khóa phát triển công khai. "
    "Đặt biến môi trường SECRET_KEY (docs/production.md, mục 3). / SECRET_KEY is not set: with "
    "DEBUG=0 hatnhan refuses the public development key."
)


DEVELOPMENT_AUDIT_KEY_MESSAGE = (
    "AUDIT_KEYS hoặc AUDIT_CHECKPOINT_KEYS chưa được đặt: với DEBUG=0 hatnhan không ký nhật ký "
    "bằng khóa phát triển công khai. Đặt hai biến môi trường đó (docs/production.md, mục 8). / "
    "AUDIT_KEYS or AUDIT_CHECKPOINT_KEYS is not set: with DEBUG=0 hatnhan refuses the public "
    "development audit keys."
)


NO_FIELD_KEYS_MESSAGE = (
    "HATNHAN_FIELD_KEYS chưa được đặt: với DEBUG=0 hatnhan không mã hóa dữ liệu bằng khóa phát "
    "triển suy ra từ SECRET_KEY. Đặt biến môi trường đó (docs/production.md, mục 8). / "
    "HATNHAN_FIELD_KEYS is not set: with DEBUG=0 hatnhan refuses the development field key."
)

DEVELOPMENT_FIELD_KEY_MESSAGE = (
    "HATNHAN_FIELD_KEYS có khóa phát triển công khai: với DEBUG=0 hatnhan không dùng nó, kể cả "
    "làm khóa cũ chỉ để giải mã (docs/production.md, mục 8). / HATNHAN_FIELD_KEYS holds the "
    "public development field key: with DEBUG=0 hatnhan refuses it."
)


def _real_server() -> bool:
    # A demo (DEBUG on, or demo mode) is a laptop; anything else is a real server.
    return not settings.DEBUG and not settings.DEMO_MODE


def uses_development_key() -> bool:
    return _real_server() and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


def uses_development_audit_key() -> bool:
    # Refused even as a verify-only key: a public key lets anyone forge events and checkpoints.
    public = {settings.DEVELOPMENT_AUDIT_KEY, settings.DEVELOPMENT_AUDIT_CHECKPOINT_KEY}
    in_use = {*settings.AUDIT_KEYS.values(), *settings.AUDIT_CHECKPOINT_KEYS.values()}
    return _real_server() and bool(public & in_use)


def lacks_field_keys() -> bool:
    return _real_server() and not settings.FIELD_KEYS


def uses_development_field_key() -> bool:
    # Refused even as an old key: data encrypted with a public key is as good as plain.
    return _real_server() and public_development_key() in settings.FIELD_KEYS


@checks.register(checks.Tags.security, deploy=True)
def development_key_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if uses_development_key():
        return [checks.Error(DEVELOPMENT_KEY_MESSAGE, id="hatnhan.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def development_audit_key_check(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if uses_development_audit_key():
        return [checks.Error(DEVELOPMENT_AUDIT_KEY_MESSAGE, id="hatnhan.E002")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def field_keys_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if lacks_field_keys():
        return [checks.Error(NO_FIELD_KEYS_MESSAGE, id="hatnhan.E003")]
    if uses_development_field_key():
        return [checks.Error(DEVELOPMENT_FIELD_KEY_MESSAGE, id="hatnhan.E004")]
    try:
        check_keys()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="hatnhan.E003")]
    return []


def refuse_unsafe_settings() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(DEVELOPMENT_KEY_MESSAGE)
    if uses_development_audit_key():
        raise ImproperlyConfigured(DEVELOPMENT_AUDIT_KEY_MESSAGE)
    if lacks_field_keys():
        raise ImproperlyConfigured(NO_FIELD_KEYS_MESSAGE)
    if uses_development_field_key():
        raise ImproperlyConfigured(DEVELOPMENT_FIELD_KEY_MESSAGE)
    check_keys()
