"""Forms of the inspection pages: parsing and choices only; the services hold the rules and
their Vietnamese messages. Each form's fields are its service's keyword arguments."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import VIEW
from hatnhan.members.forms import MemberChoiceField, MemberMultipleChoiceField
from hatnhan.members.models import Member
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import Body, EntryKind, ItemKind, ItemResult, Step
from .services import checklist, may_inspect, severities


def _inspecting_organizations(user: Any) -> list[int]:
    """Organizations whose bodies the user may open programs and cases for."""
    visible = Organization.objects.restrict(user, VIEW).filter(is_active=True)
    return [o.pk for o in visible if may_inspect(user, o)]


def _members(user: Any, under: Organization | None = None) -> QuerySet[Member]:
    qs = Member.objects.restrict(user, VIEW).select_related("organization")
    if under is not None:
        qs = qs.filter(organization__path__startswith=under.path)
    return qs.order_by("sort_key", "id")


class UserForm(VietnameseForm):
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)


class ProgramForm(UserForm):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.none(), label=_("Tổ chức đảng")
    )
    body = forms.ChoiceField(choices=Body.choices, label=_("Cơ quan thực hiện"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=500)
    number_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=64, required=False)
    approved_on = forms.DateField(label=_("Ngày ban hành"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=_inspecting_organizations(self.user)
        )
        self.fields["year"].initial = timezone.localdate().year


class ProgramItemForm(UserForm):
    kind = forms.ChoiceField(choices=ItemKind.choices, label=_("Loại"))
    subject_organization = OrganizationChoiceField(
        queryset=Organization.objects.none(), label=_("Tổ chức được kiểm tra, giám sát")
    )
    subject_member = MemberChoiceField(
        queryset=Member.objects.none(), label=_("Đảng viên được kiểm tra, giám sát"), required=False
    )
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    period_start = forms.DateField(label=_("Thời kỳ kiểm tra từ ngày"), required=False)
    period_end = forms.DateField(label=_("Thời kỳ kiểm tra đến ngày"), required=False)
    team = forms.CharField(
        label=_("Đoàn, tổ kiểm tra"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    planned_start = forms.DateField(label=_("Dự kiến bắt đầu"))
    planned_end = forms.DateField(label=_("Dự kiến kết thúc"))

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        root = program.organization
        self.fields["subject_organization"].queryset = Organization.objects.restrict(
            self.user, VIEW
        ).filter(path__startswith=root.path, is_active=True)
        self.fields["subject_member"].queryset = _members(self.user, root)


class CaseForm(UserForm):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.none(), label=_("Tổ chức đảng tiến hành")
    )
    body = forms.ChoiceField(choices=Body.choices, label=_("Cơ quan thực hiện"))
    kind = forms.ChoiceField(choices=ItemKind.choices, label=_("Loại"))
    subject_organization = OrganizationChoiceField(
        queryset=Organization.objects.none(), label=_("Tổ chức được kiểm tra, giám sát")
    )
    subject_member = MemberChoiceField(
        queryset=Member.objects.none(), label=_("Đảng viên được kiểm tra, giám sát"), required=False
    )
    title = forms.CharField(label=_("Tên cuộc kiểm tra, giám sát"), max_length=500)
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=_inspecting_organizations(self.user)
        )
        self.fields["subject_organization"].queryset = Organization.objects.restrict(
            self.user, VIEW
        ).filter(is_active=True)
        self.fields["subject_member"].queryset = _members(self.user)


class CaseFromItemForm(UserForm):
    title = forms.CharField(label=_("Tên cuộc kiểm tra, giám sát"), max_length=500)


class DecisionForm(UserForm):
    number = forms.CharField(label=_("Số, ký hiệu quyết định"), max_length=64)
    decided_on = forms.DateField(label=_("Ngày quyết định"))


class TeamForm(UserForm):
    head = MemberChoiceField(queryset=Member.objects.none(), label=_("Trưởng đoàn"))
    members = MemberMultipleChoiceField(
        queryset=Member.objects.none(),
        label=_("Thành viên đoàn"),
        required=False,
    )

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The body's own people: its organization and those directly under it (the whole
        # subtree of a bloc would offer thousands).
        people = _members(self.user, case.organization).filter(
            organization__depth__lte=case.organization.depth + 1
        )
        self.fields["head"].queryset = people
        self.fields["members"].queryset = people


class PlanForm(UserForm):
    plan = forms.CharField(label=_("Kế hoạch"), widget=forms.Textarea(attrs={"rows": 5}))


class NoticeForm(UserForm):
    notice = forms.CharField(
        label=_("Thông báo cho đối tượng"), widget=forms.Textarea(attrs={"rows": 5})
    )
    sent_on = forms.DateField(label=_("Ngày thông báo"))


class SelfReportForm(UserForm):
    text = forms.CharField(
        label=_("Báo cáo tự kiểm điểm"), widget=forms.Textarea(attrs={"rows": 8})
    )


class NoteForm(UserForm):
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingForm(UserForm):
    held_on = forms.DateField(label=_("Ngày họp"))
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConclusionForm(UserForm):
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 6}))
    number = forms.CharField(
        label=_("Số, ký hiệu thông báo kết luận"), max_length=64, required=False
    )
    concluded_on = forms.DateField(label=_("Ngày kết luận"))
    no_violation = forms.BooleanField(label=_("Không có vi phạm"), required=False)


class CloseForm(UserForm):
    reason = forms.CharField(
        label=_("Lý do kết thúc khi còn việc khắc phục chưa nghiệm thu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Chỉ cần khi còn nhiệm vụ khắc phục chưa được nghiệm thu."),
    )


class SkipForm(UserForm):
    reason = forms.CharField(label=_("Lý do bỏ qua"), widget=forms.Textarea(attrs={"rows": 3}))


# The form of the step a case stands at, and the service it calls.
STEP_FORMS: dict[str, type[UserForm]] = {
    Step.DECISION: DecisionForm,
    Step.TEAM: TeamForm,
    Step.PLAN: PlanForm,
    Step.NOTICE: NoticeForm,
    Step.SELF_REPORT: SelfReportForm,
    Step.VERIFICATION: NoteForm,
    Step.WORKING_SESSIONS: NoteForm,
    Step.DOCUMENTS: NoteForm,
    Step.MEETING: MeetingForm,
    Step.FINDINGS: NoteForm,
    Step.CONCLUSION: ConclusionForm,
    Step.RECOMMENDATIONS: NoteForm,
    Step.FOLLOW_UP: CloseForm,
}


class EntryForm(UserForm):
    kind = forms.ChoiceField(choices=EntryKind.choices, label=_("Loại"))
    happened_on = forms.DateField(label=_("Ngày"))
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Tệp"), required=False)


class FindingForm(UserForm):
    title = forms.CharField(label=_("Nội dung phát hiện"), max_length=500)
    severity = forms.ChoiceField(choices=(), label=_("Mức độ"))
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Căn cứ, chứng cứ"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = forms.FileField(label=_("Tệp chứng cứ"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = [("", _("— Chọn —")), *severities().items()]


class SpotFindingForm(UserForm):
    severity = forms.ChoiceField(choices=(), label=_("Mức độ"))
    title = forms.CharField(label=_("Nội dung phát hiện"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = [("", _("— Chọn —")), *severities().items()]


class RecommendationForm(UserForm):
    text = forms.CharField(
        label=_("Kiến nghị, yêu cầu khắc phục"), widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = MemberChoiceField(queryset=Member.objects.none(), label=_("Người chịu trách nhiệm"))
    due_date = forms.DateField(label=_("Hạn khắc phục"))

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(self.user, case.subject_organization)


class RecheckForm(UserForm):
    scheduled_on = forms.DateField(label=_("Ngày phúc tra dự kiến"))
    purpose = forms.CharField(
        label=_("Nội dung phúc tra"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RecheckDoneForm(UserForm):
    done_on = forms.DateField(label=_("Ngày phúc tra"))
    result = forms.CharField(label=_("Kết quả phúc tra"), widget=forms.Textarea(attrs={"rows": 3}))


class SpotCheckForm(UserForm):
    """One result per checklist item in force (INSPECTION_SPOT_CHECKLIST)."""

    checked_on = forms.DateField(label=_("Ngày kiểm tra"))
    place = forms.CharField(label=_("Địa điểm, bộ phận"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in checklist().items():
            self.fields[f"item_{code}"] = forms.ChoiceField(
                choices=ItemResult.choices, label=label, widget=forms.RadioSelect
            )
            self.fields[f"note_{code}"] = forms.CharField(
                label=_("Ghi chú: %(item)s") % {"item": label}, required=False, max_length=500
            )
        # The prefix labels were set after VietnameseForm named the fields.
        from hatnhan.core.forms import name_field

        for name in self.fields:
            if name.startswith(("item_", "note_")):
                name_field(self.fields[name])

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        codes = checklist()
        return {
            "checked_on": data["checked_on"],
            "place": data["place"],
            "note": data["note"],
            "results": {c: data[f"item_{c}"] for c in codes},
            "notes": {c: data[f"note_{c}"] for c in codes},
        }
