"""The root URLconf for page tests, plus the foundation's sign-in pages when this branch
does not have them yet (they come from the foundation pages branch; base.html links
`logout`). Once merged, nothing is added and this is the root URLconf as is."""

from django.urls import NoReverseMatch, include, path, reverse
from django.urls.resolvers import get_resolver

from hatnhan.urls import urlpatterns as root_patterns

urlpatterns = list(root_patterns)


def _has(name: str) -> bool:
    try:
        reverse(name, urlconf=get_resolver("hatnhan.urls").urlconf_name)
    except NoReverseMatch:
        return False
    return True


if not _has("logout"):
    urlpatterns.append(path("accounts/", include("django.contrib.auth.urls")))
