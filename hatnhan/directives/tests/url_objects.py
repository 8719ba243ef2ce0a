"""Objects inside the STC subtree for the every-URL restriction walker (directives app)."""

import datetime as dt

from hatnhan.directives import services


def url_objects(ctx) -> dict[str, int]:
    stc, secretary = ctx.tree["stc"], ctx.users["secretary"]
    directive = services.create_directive(
        actor=secretary,
        organization=stc,
        kind="plan",
        number_symbol="09-KH/ĐU",
        issuing_body="Đảng ủy Sở Tài chính",
        issued_on=dt.date(2026, 1, 5),
        title="Kế hoạch kiểm thử",
    )
    theme = services.create_year_theme(
        actor=secretary, organization=stc, year=2026, title="Chủ đề kiểm thử"
    )
    resolution = services.create_resolution(
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
    issue = services.create_focus_issue(
        actor=secretary, resolution=resolution, title="Vấn đề kiểm thử", level="key"
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
