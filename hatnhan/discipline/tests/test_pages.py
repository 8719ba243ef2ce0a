"""The pages: list with filters, the form (refusals on their field), the decision page, the
Word decision (HD 36 via core/docx, read back with python-docx), the member page's section."""

import io

import docx
import pytest

from hatnhan.discipline.models import DisciplineDecision

pytestmark = [pytest.mark.django_db]


def test_form_records_a_decision(client, users, full_member, tree):
    client.force_login(users["inspector"])
    response = client.post(
        "/discipline/new/",
        {
            "number": "03-QĐ/UBKT",
            "decided_on": "02/03/2026",
            "deciding_body": tree["stc"].pk,
            "member": full_member.pk,
            "form": "warning",
            "reason": "Vi phạm giờ làm việc",
        },
    )
    decision = DisciplineDecision.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/discipline/{decision.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Cảnh cáo" in page and full_member.full_name in page and "02/03/2026" in page


def test_form_shows_the_refusal_on_its_field(client, users, probationary, tree):
    client.force_login(users["secretary"])
    response = client.post(
        "/discipline/new/",
        {
            "number": "04-QĐ/ĐU",
            "decided_on": "02/03/2026",
            "deciding_body": tree["stc"].pk,
            "member": probationary.pk,
            "form": "expulsion",
            "reason": "Vi phạm",
        },
    )
    assert response.status_code == 200
    assert "đảng viên dự bị" in response.context["form"].errors["form"][0]
    assert not DisciplineDecision.objects.exists()


def test_list_filters(client, users, decide, full_member, probationary):
    decide(member=full_member, form="warning", number="A-1")
    decide(member=probationary, form="reprimand", number="B-2")
    client.force_login(users["secretary"])
    page = client.get("/discipline/?form=warning").content.decode()
    assert "A-1" in page and "B-2" not in page
    page = client.get("/discipline/?year=2025").content.decode()
    assert "A-1" not in page
    refused = client.get("/discipline/?year=abc").content.decode()
    assert "A-1" not in refused and "filter-problems" in refused


def test_word_decision(client, users, decide, full_member, tree):
    """QUYẾT ĐỊNH về việc thi hành kỷ luật …, in the party's layout."""
    decision = decide(member=full_member, form="warning", number="05-QĐ/ĐU")
    client.force_login(users["secretary"])
    response = client.get(f"/discipline/{decision.pk}/document/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    header = " ".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "QUYẾT ĐỊNH" in texts
    assert f"về việc thi hành kỷ luật đồng chí {full_member.full_name}" in texts
    assert any("CẢNH CÁO" in t and full_member.full_name in t for t in texts)
    assert "Số 05-QĐ/ĐU" in header and "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    assert tree["stc"].name.upper() in header


def test_member_page_shows_discipline(client, users, decide, full_member):
    decide(member=full_member, form="warning", number="06-QĐ/ĐU")
    client.force_login(users["secretary"])
    page = client.get(f"/members/{full_member.pk}/").content.decode()
    assert 'id="member-discipline"' in page and "06-QĐ/ĐU" in page


def test_member_reads_their_own_decision(client, users, decide, tree):
    """The member role reads its own records only (core.restrict OWN_ACTIONS)."""
    own = users["member"].member
    mine = decide(member=own, number="07-QĐ/ĐU")
    client.force_login(users["member"])
    assert client.get(f"/discipline/{mine.pk}/").status_code == 200
    assert client.get("/discipline/new/").status_code == 403
