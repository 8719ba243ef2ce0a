from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hatnhan.api"
    label = "api"
