from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "hatnhan.directives"
    label = "directives"
    verbose_name = _("Văn bản chỉ đạo, nghị quyết")
