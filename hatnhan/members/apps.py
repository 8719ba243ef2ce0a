from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "hatnhan.members"
    label = "members"
    verbose_name = _("Đảng viên")

    def ready(self) -> None:
        # organizations shows members' counts and sections without importing members (a lower
        # app may not import a higher one, docs/layers.md): members fills its registry.
        from hatnhan.organizations import sections

        from . import selectors, views

        sections.register(
            count_nodes=selectors.attach_member_counts,
            annotate=selectors.with_member_count,
            detail=views.organization_section,
        )
