"""Forms of the meeting pages: parsing and choices only; the services hold the rules and
their Vietnamese messages."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import CHANGE
from hatnhan.directives.models import FocusLevel
from hatnhan.members.forms import MemberChoiceField
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import AttendanceStatus, Meeting, MeetingBody, MeetingKind
from .services import CORRECTABLE

WEEKDAYS = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ nhật")),
]
WEEKS = [
    (1, _("Tuần đầu")),
    (2, _("Tuần thứ hai")),
    (3, _("Tuần thứ ba")),
    (4, _("Tuần thứ tư")),
    (-1, _("Tuần cuối")),
]


def _organizations(user: Any) -> Any:
    return Organization.objects.restrict(user, CHANGE).filter(is_active=True)


def _members(organization: Organization | None, user: Any) -> Any:
    members = Member.objects.restrict(user, CHANGE).filter(status=MemberStatus.ACTIVE)
    if organization is not None:
        members = members.filter(organization__path__startswith=organization.path)
    return members.select_related("organization")


def combine(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class MeetingForm(VietnameseForm):
    organization = OrganizationChoiceField(label=_("Tổ chức"), queryset=Organization.objects.none())
    body = forms.ChoiceField(
        label=_("Thành phần"), choices=MeetingBody.choices, initial=MeetingBody.CELL
    )
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    month = forms.IntegerField(
        label=_("Tháng (sinh hoạt thường kỳ)"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("Để trống: tháng của ngày họp. Sinh hoạt chuyên đề không ghi tháng."),
    )
    topic = forms.CharField(label=_("Chuyên đề"), max_length=500, required=False)
    has_thematic_part = forms.BooleanField(label=_("Kết hợp sinh hoạt chuyên đề"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    day = forms.DateField(label=_("Ngày họp"))
    start_time = forms.TimeField(
        label=_("Giờ bắt đầu"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    planned_minutes = forms.IntegerField(
        label=_("Thời lượng dự kiến (phút)"), initial=120, min_value=15, max_value=1440
    )
    agenda = forms.CharField(
        label=_("Nội dung, chương trình"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    chair = MemberChoiceField(label=_("Chủ trì"), queryset=Member.objects.none(), required=False)
    minutes_taker = MemberChoiceField(
        label=_("Thư ký"), queryset=Member.objects.none(), required=False
    )
    draft_resolution = forms.CharField(
        label=_("Dự thảo nghị quyết"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    committee_met_on = forms.DateField(label=_("Cấp ủy họp chuẩn bị ngày"), required=False)

    def __init__(
        self, *args: Any, user: Any, instance: Meeting | None = None, **kwargs: Any
    ) -> None:
        if instance is not None:
            local = timezone.localtime(instance.planned_start)
            kwargs.setdefault(
                "initial",
                {
                    "organization": instance.organization_id,
                    "body": instance.body,
                    "kind": instance.kind,
                    "month": instance.month,
                    "topic": instance.topic,
                    "has_thematic_part": instance.has_thematic_part,
                    "place": instance.place,
                    "day": local.date(),
                    "start_time": local.time(),
                    "planned_minutes": instance.planned_minutes,
                    "agenda": instance.agenda,
                    "chair": instance.chair_id,
                    "minutes_taker": instance.minutes_taker_id,
                    "draft_resolution": instance.draft_resolution,
                    "committee_met_on": instance.committee_met_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations(user)
        members = _members(instance.organization if instance else None, user)
        self.fields["chair"].queryset = members
        self.fields["minutes_taker"].queryset = members
        if instance is not None:
            del self.fields["organization"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["planned_start"] = combine(data.pop("day"), data.pop("start_time"))
        data.pop("organization", None)
        return data


class GenerateForm(VietnameseForm):
    organization = OrganizationChoiceField(label=_("Tổ chức"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2200)
    body = forms.ChoiceField(
        label=_("Thành phần"), choices=MeetingBody.choices, initial=MeetingBody.CELL
    )
    weekday = forms.TypedChoiceField(label=_("Thứ"), choices=WEEKDAYS, coerce=int, initial=1)
    nth = forms.TypedChoiceField(label=_("Tuần"), choices=WEEKS, coerce=int, initial=1)
    start_time = forms.TimeField(
        label=_("Giờ bắt đầu"),
        initial=dt.time(14, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    planned_minutes = forms.IntegerField(
        label=_("Thời lượng dự kiến (phút)"), initial=120, min_value=15, max_value=1440
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations(user)


class DocumentForm(VietnameseForm):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp"))


class AttendanceForm(VietnameseForm):
    member = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Member.objects.none())
    status = forms.ChoiceField(
        label=_("Điểm danh"),
        choices=[c for c in AttendanceStatus.choices if c[0]],
    )
    reason = forms.CharField(label=_("Lý do vắng"), max_length=500, required=False)
    late_minutes = forms.IntegerField(
        label=_("Đến muộn (phút)"), min_value=0, max_value=1440, required=False
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            organization__path__startswith=meeting.organization.path
        )


class TimesForm(VietnameseForm):
    day = forms.DateField(label=_("Ngày họp"))
    start_time = forms.TimeField(label=_("Bắt đầu"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(
        label=_("Kết thúc"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def values(self) -> dict[str, Any]:
        day = self.cleaned_data["day"]
        end = self.cleaned_data.get("end_time")
        return {
            "actual_start": combine(day, self.cleaned_data["start_time"]),
            "actual_end": combine(day, end) if end else None,
        }


class MinutesForm(VietnameseForm):
    opening = forms.CharField(
        label=_("Khai mạc"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    previous_review = forms.CharField(
        label=_("Kiểm điểm thực hiện nghị quyết tháng trước"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    political_task = forms.CharField(
        label=_("Tình hình thực hiện nhiệm vụ chính trị"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    discussion = forms.CharField(
        label=_("Thảo luận (tóm tắt)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    conclusions = forms.CharField(
        label=_("Kết luận của chủ trì"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class SpeechForm(VietnameseForm):
    member = forms.ModelChoiceField(label=_("Người phát biểu"), queryset=Member.objects.none())
    content = forms.CharField(
        label=_("Nội dung phát biểu"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            attendances__meeting=meeting, attendances__status=AttendanceStatus.PRESENT
        ).order_by("sort_key")


TASK_SLOTS = 3


class ResolutionForm(VietnameseForm):
    """The meeting's resolution with one focus issue and up to three tasks (the API takes
    any number of each)."""

    number_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=64, required=False)
    text = forms.CharField(label=_("Nội dung nghị quyết"), widget=forms.Textarea(attrs={"rows": 5}))
    focus_title = forms.CharField(label=_("Vấn đề trọng tâm"), max_length=500, required=False)
    focus_level = forms.ChoiceField(
        label=_("Mức độ"), choices=FocusLevel.choices, initial=FocusLevel.KEY
    )

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = _members(meeting.organization, user)
        for n in range(1, TASK_SLOTS + 1):
            self.fields[f"task{n}_title"] = forms.CharField(
                label=_("Nhiệm vụ %(n)d") % {"n": n}, max_length=500, required=False
            )
            self.fields[f"task{n}_expected"] = forms.CharField(
                label=_("Kết quả cần đạt (nhiệm vụ %(n)d)") % {"n": n}, required=False
            )
            self.fields[f"task{n}_owner"] = MemberChoiceField(
                label=_("Người chịu trách nhiệm (nhiệm vụ %(n)d)") % {"n": n},
                queryset=members,
                required=False,
            )
            self.fields[f"task{n}_due"] = forms.DateField(
                label=_("Hạn hoàn thành (nhiệm vụ %(n)d)") % {"n": n}, required=False
            )
        # The base form named only the fields it had: name these too.
        from hatnhan.core.forms import name_field

        for name, field in self.fields.items():
            if name.startswith("task"):
                name_field(field)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for n in range(1, TASK_SLOTS + 1):
            parts = [data.get(f"task{n}_{p}") for p in ("title", "expected", "owner", "due")]
            if any(parts) and not all(parts):
                self.add_error(
                    f"task{n}_title",
                    _("Nhiệm vụ %(n)d: ghi đủ tên, kết quả cần đạt, người chịu trách nhiệm và hạn.")
                    % {"n": n},
                )
            if any(parts) and not data.get("focus_title"):
                self.add_error("focus_title", _("Ghi vấn đề trọng tâm mà các nhiệm vụ thực hiện."))
        return data


class CorrectionForm(VietnameseForm):
    field = forms.ChoiceField(label=_("Phần đính chính"), choices=[])
    value = forms.CharField(
        label=_("Nội dung sau khi sửa"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Thời gian ghi theo dạng HH:MM dd/mm/yyyy."),
    )
    reason = forms.CharField(label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 2}))

    LABELS = {
        "opening": _("Khai mạc"),
        "previous_review": _("Kiểm điểm thực hiện nghị quyết tháng trước"),
        "political_task": _("Tình hình thực hiện nhiệm vụ chính trị"),
        "discussion": _("Thảo luận (tóm tắt)"),
        "conclusions": _("Kết luận của chủ trì"),
        "actual_start": _("Bắt đầu thực tế"),
        "actual_end": _("Kết thúc thực tế"),
        "agenda": _("Nội dung, chương trình"),
        "place": _("Địa điểm"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [(f, self.LABELS[f]) for f in CORRECTABLE]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("field") in ("actual_start", "actual_end") and data.get("value"):
            try:
                moment = dt.datetime.strptime(data["value"].strip(), "%H:%M %d/%m/%Y")
            except ValueError:
                self.add_error("value", _("Ghi thời gian theo dạng HH:MM dd/mm/yyyy."))
            else:
                data["value"] = timezone.make_aware(moment)
        return data


class AssessmentForm(VietnameseForm):
    preparation = forms.IntegerField(label=_("Chuẩn bị"), min_value=0, initial=0)
    attendance = forms.IntegerField(label=_("Dự họp"), min_value=0, initial=0)
    conduct = forms.IntegerField(label=_("Tiến hành"), min_value=0, initial=0)
    closing = forms.IntegerField(label=_("Kết thúc"), min_value=0, initial=0)
    comment = forms.CharField(
        label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, limits: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part, limit in limits.items():
            self.fields[part].max_value = limit
            self.fields[part].widget.attrs["max"] = limit
            self.fields[part].help_text = _("Tối đa %(n)d điểm (ngoài điểm tự động).") % {
                "n": limit
            }
            self.fields[part].validators.append(forms.IntegerField(max_value=limit).validators[-1])


class ConfirmForm(VietnameseForm):
    agrees = forms.TypedChoiceField(
        label=_("Ý kiến"),
        choices=[("1", _("Nhất trí")), ("0", _("Không nhất trí"))],
        coerce=lambda v: v == "1",
    )
    comment = forms.CharField(label=_("Ý kiến thêm"), max_length=500, required=False)
