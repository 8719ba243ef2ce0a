from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hatnhan.core"
    label = "core"
