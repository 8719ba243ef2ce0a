"""Objects inside the STC subtree for the every-URL restriction walker (directives app).

Idempotent: the tasks app's url_objects includes these too, and a walker may call both."""

import datetime as dt

from hatnhan.directives import services
from hatnhan.directives.models import Directive, FocusIssue, Resolution, YearTheme


def url_objects(ctx) -> dict[str, int]:
    stc, secretary = ctx.tree["stc"], ctx.users["secretary"]
    directive = Directive.objects.filter(organization=stc, number_symbol="09-KH/ĐU").first()
    if directive is None:
        directive = services.create_directive(
            actor=secretary,
            organization=stc,
            kind="plan",
            number_symbol="09-KH/ĐU",
            issuing_body="Đảng ủy Sở Tài chính",
            issued_on=dt.date(2026, 1, 5),
            title="Kế hoạch kiểm thử",
        )
    theme = YearTheme.objects.filter(organization=stc, year=2026).first()
    if theme is None:
        theme = services.create_year_theme(
            actor=secretary, organization=stc, year=2026, title="Chủ đề kiểm thử"
        )
    resolution = Resolution.objects.filter(organization=stc, title="Nghị quyết tháng kiểm thử")
    resolution = resolution.first() or services.create_resolution(
        actor=secretary,
        organization=stc,
        kind="monthly",
        title="Nghị quyết tháng kiểm thử",
        adopted_on=dt.date(2026, 1, 6),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        directives=[directive],
        year_theme=theme,
    )
    issue = FocusIssue.objects.filter(resolution=resolution).first() or (
        services.create_focus_issue(
            actor=secretary, resolution=resolution, title="Vấn đề kiểm thử", level="key"
        )
    )
    return {
        "organization_id": stc.pk,
        "directive_id": directive.pk,
        "year_theme_id": theme.pk,
        "theme_id": theme.pk,
        "resolution_id": resolution.pk,
        "focus_issue_id": issue.pk,
        "directives.directive": directive.pk,
        "directives.yeartheme": theme.pk,
        "directives.resolution": resolution.pk,
        "directives.focusissue": issue.pk,
    }


UNSCOPED_URL_NAMES = {
    "directives:focus-issue-pick": "a picker's matches within the user's own reach; an "
    "organization out of reach answers 404 (directives/tests/test_focus_issue_pick.py)",
}
