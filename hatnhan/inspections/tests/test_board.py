"""The inspection committee's board (issue 10): the program's progress, open cases by step
and age, findings by severity, overdue remediation."""

import datetime as dt

from django.urls import reverse

from hatnhan.inspections import selectors, services
from hatnhan.inspections.models import ItemKind, Step


def test_the_board_shows_progress_steps_severities_and_overdue_remediation(
    client, tree, inspector, committee, make_case, advance, subject_owner, today
):
    program = services.create_program(
        actor=inspector,
        organization=tree["bloc"],
        body="inspection_committee",
        year=today.year,
        title="Chương trình năm",
    )
    items = [
        services.add_program_item(
            actor=inspector,
            program=program,
            kind=ItemKind.THEMATIC_INSPECTION,
            subject_organization=tree["stc"],
            content=f"Nội dung {i}",
            planned_start=today,
            planned_end=today,
        )
        for i in range(3)
    ]
    running = advance(make_case(program_item=items[0], title="Đang làm"), Step.VERIFICATION)
    late = advance(make_case(program_item=items[1], title="Có khắc phục"), Step.RECOMMENDATIONS)
    past = today - dt.timedelta(days=20)
    services.add_recommendation(
        actor=committee,
        finding=late.findings.get(),
        text="Khắc phục ngay",
        owner=subject_owner,
        due_date=past + dt.timedelta(days=5),
        today=past,
    )
    board = selectors.board(committee, today, today.year)
    assert (board["item_total"], board["item_started"], board["item_done"]) == (3, 2, 0)
    assert [step for step, _label, _rows in board["steps"]] == [
        Step.VERIFICATION,
        Step.RECOMMENDATIONS,
    ]
    assert dict(board["by_severity"])["Hạn chế, thiếu sót"] == 1
    assert [t.title for t in board["overdue"]] == ["Khắc phục: Chưa niêm yết công khai phí, lệ phí"]
    client.force_login(committee)
    page = client.get(reverse("inspections:board"))
    assert running.title in page.text and 'id="overdue"' in page.text
    detail = client.get(reverse("inspections:program", args=[program.pk]))
    assert "0/3" in detail.text  # items closed out of the program's
