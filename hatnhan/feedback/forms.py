"""The public report and follow forms, and the handler's and custodian's forms."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import VIEW
from hatnhan.inspections.models import Body
from hatnhan.members.forms import MemberChoiceField
from hatnhan.members.models import Member
from hatnhan.tasks.forms import MultipleFileField

from .abuse import HONEYPOT_FIELD
from .models import Category, FeedbackReport


class PublicReportForm(VietnameseForm):
    category = forms.ChoiceField(
        label=_("Sự việc thuộc loại nào"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Điều gì đã xảy ra"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    procedure = forms.CharField(
        label=_("Thủ tục hành chính (nếu có)"), max_length=255, required=False
    )
    dossier_code = forms.CharField(label=_("Mã hồ sơ (nếu có)"), max_length=64, required=False)
    happened_on = forms.DateField(label=_("Ngày xảy ra"), required=False)
    place = forms.CharField(label=_("Nơi xảy ra"), max_length=255, required=False)
    official = forms.CharField(
        label=_("Cán bộ liên quan (tên hoặc vị trí, nếu biết)"), max_length=255, required=False
    )
    files = MultipleFileField(
        label=_("Ảnh, tài liệu (nếu có)"),
        required=False,
        help_text=_(
            "Ảnh và tệp Word, Excel được xóa thông tin vị trí, thiết bị, tác giả trước khi lưu; "
            "tệp PDF được giữ nguyên như khi gửi."
        ),
    )
    reporter_name = forms.CharField(label=_("Họ tên"), max_length=255, required=False)
    reporter_contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"), max_length=255, required=False
    )
    reporter_details = forms.CharField(
        label=_("Địa chỉ, thông tin khác"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wants_contact = forms.BooleanField(
        label=_("Tôi muốn được liên hệ lại qua số điện thoại hoặc thư trên"), required=False
    )
    pow_challenge = forms.CharField(required=False, widget=forms.HiddenInput)
    pow_nonce = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The honeypot: a person never sees it (style sheet), a robot fills it in.
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Trang web"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("pow_challenge", "pow_nonce", HONEYPOT_FIELD):
            data.pop(name, None)
        data["files"] = data.get("files") or []
        return data


class FollowForm(VietnameseForm):
    code = forms.CharField(label=_("Mã tiếp nhận"), max_length=16)
    secret = forms.CharField(
        label=_("Mã bí mật"), max_length=32, widget=forms.PasswordInput(render_value=False)
    )


class NoteForm(VietnameseForm):
    note = forms.CharField(
        label=_("Ghi chú phân loại"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TriageForm(NoteForm):
    official_member = MemberChoiceField(
        queryset=Member.objects.none(),
        label=_("Đảng viên bị phản ánh (nếu xác định)"),
        required=False,
    )

    def __init__(self, *args: Any, report: FeedbackReport, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["official_member"].queryset = Member.objects.restrict(user, VIEW).filter(
            organization__path__startswith=report.organization.path
        )


class AnswerForm(VietnameseForm):
    answer = forms.CharField(
        label=_("Trả lời người phản ánh"), widget=forms.Textarea(attrs={"rows": 5})
    )


class TaskForm(VietnameseForm):
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500, required=False)
    owner = MemberChoiceField(queryset=Member.objects.none(), label=_("Người chịu trách nhiệm"))
    due_date = forms.DateField(label=_("Hạn hoàn thành"))

    def __init__(self, *args: Any, report: FeedbackReport, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Member.objects.restrict(user, VIEW).filter(
            organization__path__startswith=report.organization.path
        )


class CaseForm(VietnameseForm):
    title = forms.CharField(label=_("Tên cuộc kiểm tra"), max_length=500, required=False)
    body = forms.ChoiceField(label=_("Cơ quan tiến hành"), choices=Body.choices)


class CloseForm(VietnameseForm):
    substantiated = forms.TypedChoiceField(
        label=_("Phản ánh có đúng không"),
        choices=[("yes", _("Đúng")), ("no", _("Không đúng"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 4}))


class IdentityRequestForm(VietnameseForm):
    reason = forms.CharField(
        label=_("Lý do cần biết danh tính người phản ánh"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(VietnameseForm):
    approve = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("yes", _("Đồng ý")), ("no", _("Từ chối"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
