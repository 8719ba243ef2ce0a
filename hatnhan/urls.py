from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("hatnhan.api.urls")),
    path("files/", include("hatnhan.directives.urls_files")),
    path("files/", include("hatnhan.tasks.urls_files")),
    path("tasks/", include("hatnhan.tasks.urls")),
    path("", include("hatnhan.directives.urls")),
]
