from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hatnhan.core"
    label = "core"

    def ready(self) -> None:
        from hatnhan.core import checks  # noqa: F401  (registers the start-up refusals)
