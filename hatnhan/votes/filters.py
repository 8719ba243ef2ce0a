"""The list of votes: one FilterSet, shared by the page and the API."""

from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.meetings.models import Meeting

from .models import Method, Vote, VoteState


class VoteFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=VoteState.choices, label=_("Trạng thái"))
    method = filters.ChoiceFilter(choices=Method.choices, label=_("Hình thức"))
    meeting = filters.IdFilter(Meeting, field_name="meeting", label=_("Cuộc sinh hoạt"))

    class Meta:
        model = Vote
        fields: list[str] = []
