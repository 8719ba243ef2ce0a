"""The Word outputs in the party's layout (HD 36, hatnhan.core.docx): the inspection decision
("QUYẾT ĐỊNH về việc kiểm tra …") and the conclusion notice ("THÔNG BÁO KẾT LUẬN …"), read
back with python-docx."""

import datetime as dt
import io

import docx
from django.urls import reverse

from hatnhan.inspections import services
from hatnhan.inspections.models import Step


def document_text(content: bytes) -> str:
    """Every paragraph and table cell, as python-docx reads them back."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_the_decision_names_the_subject_the_team_and_the_number(client, case, advance, inspector):
    """QĐ 296: the decision (number and symbol, team and its head)."""
    advance(case, Step.PLAN)
    client.force_login(inspector)
    response = client.get(reverse("inspections:decision-docx", args=[case.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = document_text(response.content)
    assert "QUYẾT ĐỊNH" in text
    assert "về việc kiểm tra Đảng bộ Sở Tài chính" in text
    assert "Số 12-QĐ/UBKTĐUK" in text
    assert "Lê Văn Kiểm" in text and "Trưởng đoàn" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text


def test_the_conclusion_notice_lists_findings_and_remediation(
    client, case, advance, committee, subject_owner, today
):
    """QĐ 296: the conclusion sent to the subject, findings and what to remedy by when."""
    advance(case, Step.RECOMMENDATIONS)
    services.add_recommendation(
        actor=committee,
        finding=case.findings.get(),
        text="Niêm yết đầy đủ phí, lệ phí",
        owner=subject_owner,
        due_date=today + dt.timedelta(days=15),
    )
    client.force_login(committee)
    text = document_text(client.get(reverse("inspections:conclusion-docx", args=[case.pk])).content)
    assert "THÔNG BÁO KẾT LUẬN" in text
    assert "Số 05-TB/UBKTĐUK" in text
    assert "Chưa niêm yết công khai phí, lệ phí" in text
    assert "Hạn chế, thiếu sót" in text  # the severity's label from the setting
    assert "Niêm yết đầy đủ phí, lệ phí" in text and "Đỗ Văn Khắc" in text


def test_no_conclusion_notice_before_the_conclusion(client, case, inspector):
    client.force_login(inspector)
    response = client.get(reverse("inspections:conclusion-docx", args=[case.pk]))
    assert response.status_code == 302
