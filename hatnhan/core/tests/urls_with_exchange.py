"""The project's URLs plus stand-ins for the exchange helper's export pages, so the pages'
`{% url 'exchange:…' as u %}` links can be checked before that app is merged."""

from django.http import HttpResponse
from django.urls import include, path

from hatnhan.urls import urlpatterns as project_urlpatterns


def _stand_in(request):
    return HttpResponse("")


exchange_patterns = (
    [
        path("members.xlsx", _stand_in, name="export-members"),
        path("organizations.xlsx", _stand_in, name="export-organizations"),
        path("seats.xlsx", _stand_in, name="export-seats"),
        path("import/", _stand_in, name="import-members"),
    ],
    "exchange",
)

urlpatterns = [path("exchange/", include(exchange_patterns)), *project_urlpatterns]
