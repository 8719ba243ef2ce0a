"""Every inspection page renders for the inspecting body, at each step of a case."""

import io

import docx
import pytest
from django.urls import reverse

from hatnhan.inspections import services
from hatnhan.inspections.models import ItemKind, Step


@pytest.mark.parametrize("until", [Step.DECISION, Step.SELF_REPORT, Step.RECOMMENDATIONS])
def test_the_case_page_and_its_forms_render_at_each_step(client, case, advance, inspector, until):
    """QĐ 296 Chapter II: the case page shows its steps as a timeline."""
    advance(case, until)
    client.force_login(inspector)
    page = client.get(reverse("inspections:case", args=[case.pk]))
    assert page.status_code == 200
    assert 'id="timeline"' in page.text
    assert f'data-step="{until}" data-state="current"' in page.text
    for name in ("case-step", "case-skip", "reads"):
        assert client.get(reverse(f"inspections:{name}", args=[case.pk])).status_code in (200, 302)


def test_board_lists_programs_cases_and_documents(client, case, advance, inspector, tree, today):
    program = services.create_program(
        actor=inspector,
        organization=tree["bloc"],
        body="inspection_committee",
        year=today.year,
        title="Chương trình kiểm tra năm",
    )
    services.add_program_item(
        actor=inspector,
        program=program,
        kind=ItemKind.SPOT_CHECK,
        subject_organization=tree["syt"],
        content="Kiểm tra đột xuất giờ giấc",
        planned_start=today,
        planned_end=today,
    )
    advance(case, Step.RECOMMENDATIONS)
    client.force_login(inspector)
    for url in (
        reverse("inspections:board"),
        reverse("inspections:programs"),
        reverse("inspections:program", args=[program.pk]),
        reverse("inspections:cases"),
        reverse("inspections:cases") + "?step=recommendations&kind=thematic_inspection",
        reverse("inspections:case-create"),
        reverse("inspections:program-create"),
        reverse("inspections:item-create", args=[program.pk]),
        reverse("inspections:finding-create", args=[case.pk]),
        reverse("inspections:recheck-create", args=[case.pk]),
    ):
        assert client.get(url).status_code == 200, url
    decision = client.get(reverse("inspections:decision-docx", args=[case.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(decision.content)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "về việc kiểm tra" in text
