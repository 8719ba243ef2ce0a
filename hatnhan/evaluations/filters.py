"""The rows of a round: one FilterSet for the page and the export."""

from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import Evaluation, Level, Stage


class EvaluationFilter(filters.FilterSet):
    q = filters.SearchFilter(field_name="member__search_text")
    organization = in_subtree("unit__path")
    proposed_level = filters.ChoiceFilter(choices=Level.choices, label=_("Mức đề xuất"))
    final_level = filters.ChoiceFilter(choices=Level.choices, label=_("Mức xếp loại"))
    stage = filters.ChoiceFilter(choices=Stage.choices, label=_("Bước"))

    class Meta:
        model = Evaluation
        fields: list[str] = []
