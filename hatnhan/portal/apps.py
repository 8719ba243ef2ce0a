from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The edge a person walks in by: the home page, search, error pages and pickers.
    It may read every app (DESIGN.md, layer 4); nothing below imports it."""

    name = "hatnhan.portal"
    label = "portal"
