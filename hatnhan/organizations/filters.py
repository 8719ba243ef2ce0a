"""The organization list's filters (API and export), and the subtree filter every list uses."""

from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.core.restrict import VIEW, restrict

from .models import Organization, OrganizationKind, Term


def in_subtree(
    path_lookup: str, *, issued: type[Model] | None = None, **kwargs: Any
) -> filters.IdFilter:
    """``?organization=<id>``: rows of that organization and of every organization below it.
    `path_lookup` leads from the listed rows to their organization's path. For records an
    organization `issued` to those below it (directives, resolutions), the organizations
    above the user that issued one the user may read can be asked for too."""
    if issued is not None:
        kwargs.setdefault("queryset", lambda request: _issuers(issued, request))
    kwargs.setdefault("label", _("Tổ chức"))
    kwargs.setdefault("help_text", _("Mã tổ chức; gồm mọi tổ chức cấp dưới."))
    return filters.IdFilter(Organization, field_name=path_lookup, subtree=True, **kwargs)


def _issuers(model: type[Model], request: HttpRequest | None) -> QuerySet[Organization]:
    user = getattr(request, "user", None)
    return Organization.objects.filter(
        Q(pk__in=restrict(Organization.objects.all(), user, VIEW).values("pk"))
        | Q(pk__in=restrict(model._default_manager.all(), user, VIEW).values("organization"))
    )


class OrganizationFilter(filters.FilterSet):
    organization = in_subtree("path", help_text=_("Tổ chức này và mọi tổ chức cấp dưới."))
    parent = filters.IdFilter(
        Organization,
        field_name="parent",
        label=_("Tổ chức cấp trên"),
        help_text=_("Chỉ các tổ chức trực thuộc tổ chức này."),
    )
    kind = filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Loại tổ chức"))
    q = filters.SearchFilter(help_text=_("Tìm theo mã, tên, cơ quan; không phân biệt dấu."))
    # The API's first name for `q`, kept for the clients that use it.
    search = filters.SearchFilter(help_text=_("Như q (tên cũ)."))

    class Meta:
        model = Organization
        fields: list[str] = []


class TermFilter(filters.FilterSet):
    organization = filters.IdFilter(
        Organization,
        field_name="organization",
        label=_("Tổ chức"),
        help_text=_("Nhiệm kỳ của tổ chức này."),
    )

    class Meta:
        model = Term
        fields: list[str] = []
