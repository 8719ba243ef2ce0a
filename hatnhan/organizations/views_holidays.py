"""The holiday calendar's pages (/settings/holidays/): the root administrator's alone (403 for
anyone else signed in: the calendar is no organization's, so there is nothing to hide by
answering 404). Holidays are listed by year; writes go through the services."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hatnhan.core.forms import write_form
from hatnhan.core.restrict import administers_root

from . import services
from .forms import HolidayForm
from .models import Holiday


def _require_root_admin(request: HttpRequest) -> None:
    if not administers_root(request.user):
        raise PermissionDenied(_("Chỉ quản trị hệ thống ở cấp cao nhất mới sửa được ngày nghỉ lễ."))


def _year_url(day: dt.date) -> str:
    return f"{reverse('holidays:list')}?year={day.year}"


@login_required
@require_GET
def holiday_list(request: HttpRequest) -> HttpResponse:
    _require_root_admin(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    years = sorted({d.year for d in Holiday.objects.dates("date", "year")} | {today.year, year})
    holidays = Holiday.objects.filter(date__year=year).order_by("date")
    return render(
        request,
        "organizations/holiday_list.html",
        {"holidays": holidays, "year": year, "years": years},
    )


def _form(request: HttpRequest, form: HolidayForm, holiday: Holiday | None) -> HttpResponse:
    return render(request, "organizations/holiday_form.html", {"form": form, "holiday": holiday})


@login_required
def holiday_create(request: HttpRequest) -> HttpResponse:
    _require_root_admin(request)
    form = HolidayForm(request.POST or None)
    if wrote := write_form(
        request, form, lambda data: services.add_holiday(actor=request.user, **data)
    ):
        messages.success(request, _("Đã thêm ngày nghỉ lễ."))
        return redirect(_year_url(wrote.result.date))
    return _form(request, form, None)


@login_required
def holiday_edit(request: HttpRequest, holiday_id: int) -> HttpResponse:
    _require_root_admin(request)
    holiday = get_object_or_404(Holiday, pk=holiday_id)
    form = HolidayForm(request.POST or None, initial={"date": holiday.date, "name": holiday.name})
    if wrote := write_form(
        request,
        form,
        lambda data: services.change_holiday(actor=request.user, holiday=holiday, **data),
    ):
        messages.success(
            request, _("Đã lưu thay đổi.") if wrote.result else _("Không có gì thay đổi.")
        )
        return redirect(_year_url(form.cleaned_data["date"]))
    return _form(request, form, holiday)


@login_required
def holiday_remove(request: HttpRequest, holiday_id: int) -> HttpResponse:
    _require_root_admin(request)
    holiday = get_object_or_404(Holiday, pk=holiday_id)
    if request.method == "POST":
        try:
            services.remove_holiday(actor=request.user, holiday=holiday)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã xóa ngày nghỉ lễ."))
        return redirect(_year_url(holiday.date))
    return render(request, "organizations/holiday_remove.html", {"holiday": holiday})
