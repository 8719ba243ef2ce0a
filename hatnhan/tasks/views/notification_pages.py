"""The user's notifications and marking them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hatnhan.core.filters import filter_list
from hatnhan.core.restrict import CHANGE, reach

from .. import selectors, services
from ..filters import NotificationFilter
from ..models import Notification
from .common import NOTIFICATION_LIMIT, _next_url


# --- Notifications ----------------------------------------------------------------------------
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    filterset, items = filter_list(
        NotificationFilter, request, selectors.notifications_for(request.user)
    )
    undelivered = (
        selectors.undelivered_for_staff(request.user) if reach(request.user, CHANGE) else []
    )
    return render(
        request,
        "tasks/notifications.html",
        {
            "items": items[:NOTIFICATION_LIMIT],
            "unread_only": bool(filterset.form.cleaned_data.get("unread")),
            "filter_problems": filterset.problems(),
            "undelivered": undelivered,
        },
    )


@login_required
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read; only the user's own (anyone else's answers 404)."""
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    if request.method == "POST":
        services.mark_notifications_read(user=request.user, ids=[notification.pk])
    # A notice's link is set by the app that wrote it, never by the request: no open redirect.
    if request.POST.get("open") and notification.target_url:
        return redirect(notification.target_url)
    return redirect(_next_url(request, reverse("tasks:notifications")))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_notifications_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    return redirect(_next_url(request, reverse("tasks:notifications")))
