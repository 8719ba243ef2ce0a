"""Administrative-discipline spot checks (issue 10): the checklist is a setting
(INSPECTION_SPOT_CHECKLIST); every item gets a result; a failed item becomes a finding in one
step."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hatnhan.inspections import services
from hatnhan.inspections.models import Finding, ItemKind, SpotCheck, Step


@pytest.fixture
def spot_case(make_case, advance):
    case = make_case(kind=ItemKind.SPOT_CHECK, title="Kiểm tra đột xuất giờ làm việc")
    return advance(case, Step.VERIFICATION)


def test_the_checklist_is_the_setting_and_every_item_needs_a_result(
    spot_case, inspector, settings, today
):
    """INSPECTION_SPOT_CHECKLIST: the form's items; one missing is refused naming it."""
    settings.INSPECTION_SPOT_CHECKLIST = [("hours", "Đúng giờ"), ("posting", "Niêm yết TTHC")]
    with pytest.raises(ValidationError) as refused:
        services.record_spot_check(
            actor=inspector, case=spot_case, checked_on=today, results={"hours": "passed"}
        )
    assert "item_posting" in refused.value.message_dict
    assert not SpotCheck.objects.exists()
    spot = services.record_spot_check(
        actor=inspector,
        case=spot_case,
        checked_on=today,
        results={"hours": "passed", "posting": "failed"},
    )
    assert [(r.item_label, r.result) for r in spot.results.order_by("id")] == [
        ("Đúng giờ", "passed"),
        ("Niêm yết TTHC", "failed"),
    ]


def test_a_failed_item_becomes_a_finding_in_one_step(client, spot_case, inspector, settings, today):
    """A failed item → a finding with its evidence (the check's day and place)."""
    settings.INSPECTION_SPOT_CHECKLIST = [("hours", "Đúng giờ"), ("posting", "Niêm yết TTHC")]
    spot = services.record_spot_check(
        actor=inspector,
        case=spot_case,
        checked_on=today,
        place="Bộ phận một cửa",
        results={"hours": "passed", "posting": "failed"},
    )
    failed = spot.results.get(item_code="posting")
    passed = spot.results.get(item_code="hours")
    client.force_login(inspector)
    client.post(reverse("inspections:spot-finding", args=[failed.pk]), {"severity": "moderate"})
    finding = Finding.objects.get(checklist_result=failed)
    assert finding.case == spot_case and finding.severity == "moderate"
    assert "Bộ phận một cửa" in finding.evidence
    with pytest.raises(ValidationError):
        services.finding_from_item(actor=inspector, result=passed, severity="minor")
    with pytest.raises(ValidationError):
        services.finding_from_item(actor=inspector, result=failed, severity="minor")
    assert Finding.objects.count() == 1


def test_the_spot_check_form_posts_every_item(client, spot_case, inspector, today):
    """The page form has one result per item in force."""
    client.force_login(inspector)
    url = reverse("inspections:spot-check-create", args=[spot_case.pk])
    page = client.get(url)
    assert "Niêm yết công khai thủ tục hành chính" in page.text
    data = {"checked_on": today.strftime("%d/%m/%Y"), "place": "Một cửa"}
    for code, _label in services.checklist().items():
        data[f"item_{code}"] = "passed"
    data["item_hours"] = "failed"
    client.post(url, data)
    spot = SpotCheck.objects.get()
    assert spot.results.filter(result="failed").count() == 1
