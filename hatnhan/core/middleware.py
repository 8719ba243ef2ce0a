import contextvars
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from hatnhan.core.security_log import log_security_event

# The audit trail reads the current request id from here, so services need not pass it on.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_request_id", default=""
)


class RequestIdMiddleware:
    """Gives every request an id (or keeps a trusted proxy's) and echoes it in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:64] if incoming.isascii() and incoming else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose otherwise (the language switch sets a cookie).

    Django's own middleware follows the browser's Accept-Language; on government PCs
    that is often an English Windows default, not the user's choice.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]


# Session keys this middleware keeps (epoch seconds); sign-in sets both (core.security_log).
SESSION_STARTED = "hatnhan_started"
SESSION_SEEN = "hatnhan_seen"
# The last-seen time is rewritten at most this often: one session write a minute, not per request.
SEEN_RESOLUTION_SECONDS = 60


class SessionLifetimeMiddleware:
    """Ends a signed-in session after SESSION_IDLE_SECONDS without a request, and in any case
    SESSION_ABSOLUTE_SECONDS after sign-in; sends every signed-in page as private, never stored
    (a shared office PC's browser cache must not keep party records); logs refusals.

    Runs after AuthenticationMiddleware. API calls with a token carry no session and are
    untouched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        expired = self._expire(request)
        if expired is not None:
            return expired
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _expire(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not hasattr(request, "session"):
            return None
        session = request.session
        now = int(time.time())
        started = session.setdefault(SESSION_STARTED, now)
        seen = session.get(SESSION_SEEN, now)
        idle = now - seen > settings.SESSION_IDLE_SECONDS
        too_old = now - started > settings.SESSION_ABSOLUTE_SECONDS
        if idle or too_old:
            log_security_event("session.expired", request, reason="idle" if idle else "absolute")
            logout(request)
            messages.info(
                request,
                _("Phiên làm việc đã hết hạn vì lâu không thao tác. Đồng chí đăng nhập lại.")
                if idle
                else _("Phiên làm việc đã quá thời hạn tối đa. Đồng chí đăng nhập lại."),
            )
            if request.path.startswith("/api/"):
                return None  # the API answers 401/403 itself, now that nobody is signed in
            response = redirect_to_login(request.get_full_path())
            if request.headers.get("HX-Request"):
                # htmx would swap the login page into a fragment: send the whole page there.
                response["HX-Redirect"] = response["Location"]
            return response
        if now - seen >= SEEN_RESOLUTION_SECONDS or SESSION_SEEN not in session:
            session[SESSION_SEEN] = now
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            log_security_event("authorization.refused", request, reason=str(exception))
