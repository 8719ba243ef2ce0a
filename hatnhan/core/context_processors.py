from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from hatnhan.core.uploads import too_large_message

# Placeholders app.js fills in with the chosen file's name and size.
FILE_NAME, FILE_SIZE = "{name}", "{size}"


def hatnhan(request: HttpRequest) -> dict[str, object]:
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        # Every file input is checked in the browser against the server's own limit and
        # message before anything is sent (an input may carry a stricter data-max-bytes).
        "UPLOAD_MAX_BYTES": settings.UPLOAD_MAX_BYTES,
        "UPLOAD_TOO_LARGE": too_large_message(
            label=_("Tệp “%(name)s”") % {"name": FILE_NAME},
            size=FILE_SIZE,
            limit=settings.UPLOAD_MAX_BYTES,
        ),
    }
