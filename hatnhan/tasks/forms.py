"""Forms of the task pages. They only parse and offer choices; every rule lives in the
services, whose ValidationError messages are put back on these forms by field."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.filters import id_or_none, row_choices
from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.core.widgets import DjangoSelect, PickerSelect, Select
from hatnhan.directives.forms import (
    FocusIssueChoiceField,
    OneDirectiveChoiceField,
    focus_issue_label,
    focus_issue_text,
)
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.directives.selectors import focus_issues_for
from hatnhan.members.forms import MemberChoiceField, MemberMultipleChoiceField, member_label
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import Outcome, Priority, Recurrence, Task, TaskStatus

# Above this many people the board offers bulk reassignment only inside a chosen organization.
PEOPLE_LIMIT = 300


class DateInput(forms.DateInput):
    """A date typed dd/mm/yyyy, whatever the browser's language (a native date picker
    shows the browser's own order, often mm/dd/yyyy). ISO dates are still accepted."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "pattern": r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}",
            "autocomplete": "off",
            "class": "date",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; the service checks each one's real type and size."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


def members_in(organization: Organization | None, user: Any) -> QuerySet[Member]:
    """Active members the user may see, inside `organization`'s subtree when given, in the
    Vietnamese order of names."""
    qs = Member.objects.restrict(user, VIEW).filter(status=MemberStatus.ACTIVE)
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    return qs.select_related("organization").order_by("sort_key", "id")


class TaskForm(VietnameseForm):
    organization = OrganizationChoiceField(
        label=_("Tổ chức giao"), queryset=Organization.objects.none()
    )
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500)
    expected_result = forms.CharField(
        label=_("Kết quả cần đạt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Thế nào là hoàn thành: cụ thể, đo được (số lượng, chất lượng, thời hạn)."),
    )
    description = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = MemberChoiceField(label=_("Người chịu trách nhiệm"), queryset=Member.objects.none())
    coworkers = MemberMultipleChoiceField(
        label=_("Người phối hợp"), queryset=Member.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("Ngày bắt đầu"), widget=DateInput(), required=False)
    due_date = forms.DateField(label=_("Hạn hoàn thành"), widget=DateInput())
    priority = forms.ChoiceField(
        label=_("Mức ưu tiên"), choices=Priority.choices, initial=Priority.NORMAL
    )
    focus_issue = FocusIssueChoiceField(
        label=_("Vấn đề trọng tâm"),
        queryset=FocusIssue.objects.none(),
        required=False,
        empty_label=_("— Không —"),
    )
    directive = OneDirectiveChoiceField(
        label=_("Văn bản chỉ đạo"),
        queryset=Directive.objects.none(),
        required=False,
        empty_label=_("— Không —"),
    )
    recurrence = forms.ChoiceField(label=_("Lặp lại"), choices=Recurrence.choices, required=False)
    parent = forms.ModelChoiceField(
        queryset=Task.objects.none(), required=False, widget=forms.HiddenInput()
    )

    def __init__(
        self, *args: Any, user: Any, organization: Organization | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.restrict(user, CHANGE).filter(is_active=True)
        self.fields["organization"].queryset = orgs
        # With htmx, choosing the organization reloads the people and focus issues it offers.
        self.fields["organization"].widget.attrs.update(
            {
                "hx-get": reverse("tasks:create"),
                "hx-trigger": "change",
                # The pickers whole: a long list's search box asks for the new organization.
                "hx-target": "#id_owner-picker",
                "hx-select": "#id_owner-picker",
                "hx-swap": "outerHTML",
                "hx-select-oob": "#id_coworkers-picker,#id_focus_issue-picker",
                # Who is already chosen is kept, when the organization's people include them.
                "hx-include": "#id_owner, #id_coworkers",
            }
        )
        chosen = organization
        if self.is_bound:
            raw = id_or_none(self.data.get("organization"))
            chosen = orgs.filter(pk=raw).first() if raw else None
        members = (
            members_in(chosen, user)
            if chosen
            else members_in(None, user).filter(organization__in=orgs)
        )
        # Without an organization a bloc's thousands are offered too: past PICKER_MAX_OPTIONS
        # the owner and co-workers are search boxes over them, and choosing the organization
        # narrows both (the htmx reload above).
        self.fields["owner"].queryset = members
        self.fields["coworkers"].queryset = members
        for name in ("owner", "coworkers"):
            self.fields[name].search(organization=chosen)
        # Past PICKER_MAX_OPTIONS a search box (a bloc's thousand), asking for the same set.
        self.fields["focus_issue"].queryset = focus_issues_for(user, chosen)
        self.fields["focus_issue"].search(organization=chosen)
        self.fields["directive"].queryset = Directive.objects.restrict(user, VIEW).filter(
            is_active=True
        )
        self.fields["parent"].queryset = Task.objects.restrict(user, VIEW)
        self.fields["start_date"].initial = timezone.localdate()


class TaskEditForm(TaskForm):
    """Editing an open task: what it is, who does it, where it comes from. Not its
    organization, nor its due date (that moves only by a granted extension)."""

    def __init__(self, *args: Any, user: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, user=user, organization=task.organization, **kwargs)
        for name in ("organization", "due_date", "parent"):
            del self.fields[name]
        members = members_in(task.organization, user)
        for name in ("owner", "coworkers"):
            self.fields[name].queryset = members
            self.fields[name].search(organization=task.organization)
        self.fields["start_date"].required = True

    @staticmethod
    def initial_for(task: Task) -> dict[str, Any]:
        return {
            "title": task.title,
            "expected_result": task.expected_result,
            "description": task.description,
            "owner": task.owner_id,
            "coworkers": [m.pk for m in task.coworkers.all()],
            "start_date": task.start_date,
            "priority": task.priority,
            "focus_issue": task.focus_issue_id,
            "directive": task.directive_id,
            "recurrence": task.recurrence,
        }


class ProgressForm(VietnameseForm):
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Nội dung báo cáo"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_("Minh chứng (tệp, ảnh)"))
    submit = forms.BooleanField(
        label=_("Đã xong: báo cáo hoàn thành, đề nghị nghiệm thu"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["percent"].error_messages.update(
            {
                "invalid": _("Tiến độ phải là số từ 0 đến 100."),
                # Django formats these with the limit, so a literal percent sign is doubled.
                "min_value": _("Tiến độ phải từ 0 đến 100%%."),
                "max_value": _("Tiến độ phải từ 0 đến 100%%."),
            }
        )


class AcceptForm(VietnameseForm):
    ACCEPT, RETURN = "accept", "return"
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(ACCEPT, _("Nghiệm thu")), (RETURN, _("Trả lại, yêu cầu làm tiếp"))],
        initial=ACCEPT,
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Kết quả"), choices=[("", "—"), *Outcome.choices], required=False
    )
    comment = forms.CharField(
        label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.ACCEPT and not data.get("outcome"):
            self.add_error("outcome", _("Chọn kết quả: vượt, đạt, đạt một phần hoặc không đạt."))
        return data


class ExtensionRequestForm(VietnameseForm):
    requested_due_date = forms.DateField(label=_("Hạn đề nghị"), widget=DateInput())
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(VietnameseForm):
    grant = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Đồng ý gia hạn")), ("0", _("Không đồng ý"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(VietnameseForm):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 2}))


class BulkAssignForm(VietnameseForm):
    tasks = forms.ModelMultipleChoiceField(
        label=_("Nhiệm vụ cần giao lại"), queryset=Task.objects.none()
    )
    owner = MemberChoiceField(label=_("Giao cho"), queryset=Member.objects.none())

    def __init__(
        self, *args: Any, user: Any, organization: Organization | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = Task.objects.restrict(user, CHANGE).filter(
            status__in=[TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS]
        )
        self.fields["tasks"].error_messages.update(
            {
                "invalid_choice": _("Có nhiệm vụ không giao lại được (đã đóng hoặc ngoài quyền)."),
                "invalid_pk_value": _("Có nhiệm vụ không hợp lệ."),
            }
        )
        self.fields["owner"].queryset = members_in(organization, user).filter(
            organization__in=Organization.objects.restrict(user, CHANGE)
        )
        self.fields["owner"].search(organization=organization)
        self.fields["owner"].widget.attrs["id"] = "bulk-owner"

    def for_display(self) -> "BulkAssignForm":
        """The form as the board shows it: its options read only the columns they show (a
        POST validates against the full rows)."""
        owner = self.fields["owner"]
        owner.queryset = owner.queryset.only("id", "full_name", "organization__name")
        return self


# The board's filters that become a search box past PICKER_MAX_OPTIONS: where the matches
# come from as one types, inside the organization chosen.
_BOARD_PICKERS = {
    "assignee": reverse_lazy("members:pick", args=["active"]),
    "focus_issue": reverse_lazy("directives:focus-issue-pick"),
}


def board_picker(form: forms.Form) -> None:
    """The board's assignee and focus issue as pickers before the filter reads them, so that
    words typed without script are matched (core.widgets.PickerMixin); board_choices keeps
    a picker when its list is too long to draw."""
    organization = id_or_none(form.data.get("organization") or "")
    for name, url in _BOARD_PICKERS.items():
        field = form.fields[name]
        field.widget = PickerSelect()
        field.widget.choices = field.choices
        field.widget.search_from(url, organization=organization)


def _searched(
    field: Any, picker: PickerSelect, queryset: QuerySet[Any], label: Any, chosen: Any
) -> None:
    """`field` as board_picker's search box `picker`, offering `queryset`."""
    field.widget = picker
    picker.long = True  # counted by the caller: the picker need not probe again
    picker.search_from(picker.search_base, organization=getattr(chosen, "pk", None))
    field.label_from_instance = label
    field.queryset = queryset  # what the box finds, and what it shows chosen


def board_choices(form: forms.Form, user: Any) -> None:
    """What the board's filter form offers (narrower than what it accepts, which is the whole
    reach: tasks.filters.TaskFilter): the organizations, then the people and focus issues of
    the one chosen. A bloc's thousands of members make no usable list: past
    PICKER_MAX_OPTIONS the assignee and the focus issue are searched (board_picker), and without an
    organization, past PEOPLE_LIMIT, the board offers no bulk reassignment."""
    for bound in form:
        bound.help_text = ""  # written for the API's schema; the page's labels say enough
    for name in ("due_from", "due_to"):
        form.fields[name].widget = DateInput()
    pickers = {name: form.fields[name].widget for name in _BOARD_PICKERS}
    for name in ("organization", "assignee", "focus_issue"):
        form.fields[name].widget = Select()  # options rendered once, in Python
    for name in ("status", "ordering", "group"):
        field = form.fields[name]
        fixed = DjangoSelect(attrs=field.widget.attrs)  # the same HTML without a template
        fixed.choices, fixed.is_required = field.widget.choices, field.widget.is_required
        field.widget = fixed
    # The options are read as tuples of the columns their labels show: model instances for a
    # grassroots organization's hundreds of people were a tenth of the board's CPU (issue 13).
    orgs = Organization.objects.restrict(user, VIEW).filter(is_active=True).order_by("path")
    chosen = form.cleaned_data.get("organization")
    form.fields["organization"].widget.choices = row_choices(
        (pk, f"{'· ' * depth}{name}") for pk, name, depth in orgs.values_list("pk", "name", "depth")
    )
    members = members_in(chosen, user)
    if chosen is None:
        members = members.filter(organization__in=orgs)
    limit = settings.PICKER_MAX_OPTIONS
    people = list(members.values_list("pk", "full_name", "organization__code")[: limit + 1])
    form.people_too_many = False
    if len(people) <= limit:
        form.fields["assignee"].widget.choices = row_choices(
            (pk, f"{name} — {code}") for pk, name, code in people
        )
    else:
        form.people_too_many = chosen is None and members.count() > PEOPLE_LIMIT
        _searched(form.fields["assignee"], pickers["assignee"], members, member_label, chosen)
    focus = focus_issues_for(user, chosen)  # what a task of the organization may serve
    columns = ("pk", "title", "resolution__number_symbol", "resolution__title")
    issues = list(focus.values_list(*columns)[: limit + 1])
    if len(issues) <= limit:
        form.fields["focus_issue"].widget.choices = row_choices(
            (pk, focus_issue_text(title, number_symbol, resolution_title))
            for pk, title, number_symbol, resolution_title in issues
        )
    else:
        _searched(
            form.fields["focus_issue"], pickers["focus_issue"], focus, focus_issue_label, chosen
        )
