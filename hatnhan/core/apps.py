from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hatnhan.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from hatnhan.core import (
            checks,  # noqa: F401  (registers the start-up refusals)
            security_log,
        )

        signals.user_logged_in.connect(security_log.on_signed_in, dispatch_uid="hatnhan-in")
        signals.user_login_failed.connect(
            security_log.on_sign_in_failed, dispatch_uid="hatnhan-fail"
        )
        signals.user_logged_out.connect(security_log.on_signed_out, dispatch_uid="hatnhan-out")
