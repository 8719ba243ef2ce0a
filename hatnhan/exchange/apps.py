from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "hatnhan.exchange"
    label = "exchange"
    verbose_name = _("Nhập, xuất Excel")
