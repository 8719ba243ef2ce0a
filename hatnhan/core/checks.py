"""Settings a real server must not run with.

The WSGI entry point (gunicorn, and runserver, which loads it too) refuses to start on them;
`check --deploy` reports them. Development commands (makemigrations, compilemessages, tests)
are left alone: they serve no one."""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY_MESSAGE = (
    "SECRET_KEY chưa được đặt: với DEBUG=0 hatnhan không chạy bằng khóa phát triển công khai. "
    "Đặt biến môi trường SECRET_KEY (docs/production.md, mục 3). / SECRET_KEY is not set: with "
    "DEBUG=0 hatnhan refuses the public development key."
)


def uses_development_key() -> bool:
    # A demo (DEBUG on, or demo mode) is a laptop; anything else is a real server.
    return (
        not settings.DEBUG
        and not settings.DEMO_MODE
        and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY
    )


@checks.register(checks.Tags.security, deploy=True)
def development_key_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if uses_development_key():
        return [checks.Error(DEVELOPMENT_KEY_MESSAGE, id="hatnhan.E001")]
    return []


def refuse_unsafe_settings() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(DEVELOPMENT_KEY_MESSAGE)
