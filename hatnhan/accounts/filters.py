"""The account list's filters, shared by the page and the API."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.core.text import search_key
from hatnhan.organizations.models import Organization

from .models import Role, RoleName, User


class AccountFilter(filters.FilterSet):
    organization = filters.IdFilter(
        Organization,
        method="filter_organization",
        label=_("Tổ chức"),
        help_text=_("Tài khoản có vai trò ở tổ chức này hoặc cấp dưới, hoặc của đảng viên ở đó."),
    )
    role = filters.ChoiceFilter(choices=RoleName.choices, method="filter_role", label=_("Vai trò"))
    active = filters.BooleanFilter(
        field_name="is_active",
        label=_("Đang hoạt động"),
        help_text=_("true: tài khoản đang mở; false: đã khóa."),
    )
    q = filters.SearchFilter(
        method="filter_search",
        help_text=_("Tìm theo họ tên, số thẻ đảng viên hoặc tên đăng nhập; không phân biệt dấu."),
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_organization(
        self, queryset: QuerySet[User], name: str, value: Organization
    ) -> QuerySet[User]:
        # Through a subquery: a join on roles would repeat an account per role.
        holding = Role.objects.filter(organization__path__startswith=value.path).values("user")
        return queryset.filter(
            Q(pk__in=holding) | Q(member__organization__path__startswith=value.path)
        )

    def filter_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(pk__in=Role.objects.filter(role=value).values("user"))

    def filter_search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        """Every word in the member's diacritic-free name and card number (core.filters.
        matching's rule), or in the login name."""
        for word in search_key(value).replace("\x00", " ").split():
            queryset = queryset.filter(
                Q(member__search_text__contains=word) | Q(username__icontains=word)
            )
        return queryset
