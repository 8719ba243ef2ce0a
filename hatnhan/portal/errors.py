"""The error pages: what happened and what to do, in the user's language, inside the site's
layout with its menu — except 500, which may come from a database that is down and so
renders a page that reads nothing but the request id. Under /api/ each answers JSON instead
(hatnhan.api.errors): an API client reads the body, never a page."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from hatnhan.api.errors import error_response

# A refusal's message is shown when a service or view wrote it for a person to read; a
# longer one is more likely an internal detail than a reason.
REASON_MAX_LENGTH = 300


def refusal_reason(exception: Exception | None) -> str:
    """The reason a PermissionDenied gave, or "" when it gave none fit to show."""
    if not isinstance(exception, PermissionDenied) or not exception.args:
        return ""
    reason = str(exception.args[0]).strip()
    if not reason or len(reason) > REASON_MAX_LENGTH or "\n" in reason:
        return ""
    return reason


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django itself refused (a body over the size limits, a malformed one)."""
    return error_response(request, 400, exception) or defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The exception's text names URL patterns or models: never shown, whatever DEBUG says.
    if answer := error_response(request, 404, exception):
        return answer
    return render(request, "portal/errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if answer := error_response(request, 403, exception, detail=refusal_reason(exception)):
        return answer
    return render(
        request, "portal/errors/403.html", {"reason": refusal_reason(exception)}, status=403
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted from a page too old (the token changed at a new sign-in) or a browser
    that keeps no cookies. Django logs its reason (django.security.csrf); the person reads
    what to do instead."""
    csrf = _(
        "Thiếu hoặc sai mã CSRF: gửi kèm mã CSRF của phiên làm việc (X-CSRFToken), "
        "hoặc dùng `Authorization: Token <mã>`."
    )
    if answer := error_response(request, 403, detail=csrf):
        return answer
    no_cookie = "cookie" in reason.lower()
    return render(request, "portal/errors/csrf.html", {"no_cookie": no_cookie}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """No context processors, no user, no session: nothing here may touch the database."""
    if answer := error_response(request, 500):
        return answer
    template = loader.get_template("portal/errors/500.html")
    context = {
        "request_id": getattr(request, "request_id", ""),
        "title": _("Lỗi máy chủ"),
    }
    return HttpResponseServerError(template.render(context))
