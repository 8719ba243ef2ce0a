"""The vote form: what is put to the meeting and how; a show of hands carries its counts."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm

from .models import Choice, Method, Subject


class VoteForm(VietnameseForm):
    question = forms.CharField(label=_("Nội dung biểu quyết"), max_length=500)
    subject = forms.ChoiceField(
        label=_("Biểu quyết về"), choices=Subject.choices, initial=Subject.RESOLUTION
    )
    method = forms.ChoiceField(
        label=_("Hình thức"),
        choices=Method.choices,
        initial=Method.SECRET,
        widget=forms.RadioSelect,
    )
    votes_for = forms.IntegerField(label=_("Tán thành (giơ tay)"), min_value=0, required=False)
    votes_against = forms.IntegerField(
        label=_("Không tán thành (giơ tay)"), min_value=0, required=False
    )
    abstentions = forms.IntegerField(
        label=_("Không biểu quyết (giơ tay)"), min_value=0, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") == Method.HANDS and data.get("votes_for") is None:
            self.add_error("votes_for", _("Biểu quyết giơ tay: nhập số tán thành."))
        return data


class BallotForm(VietnameseForm):
    choice = forms.ChoiceField(label=_("Lựa chọn"), choices=Choice.choices)
