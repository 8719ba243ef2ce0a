from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("exchange/", include("hatnhan.exchange.urls")),
    path("", include("hatnhan.api.urls")),
]
