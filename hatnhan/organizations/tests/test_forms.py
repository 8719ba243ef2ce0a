import pytest
from django.urls import reverse

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import writes_nothing
from hatnhan.organizations.models import Organization, OrganizationKind, Term

pytestmark = pytest.mark.django_db


def test_secretary_creates_a_cell_under_their_organization(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("organizations:create", kwargs={"organization_id": tree["stc"].pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "stc-kh",
            "name": "  Chi bộ   Phòng Kế hoạch ",
            "kind": OrganizationKind.CELL,
            "is_active": "on",
        },
    )
    org = Organization.objects.get(code="STC-KH")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organizations:detail", kwargs={"organization_id": org.pk}
    )
    assert org.parent == tree["stc"] and org.name == "Chi bộ Phòng Kế hoạch"
    assert org.path.startswith(tree["stc"].path)
    event = AuditEvent.objects.get(action="organization.create", object_id=str(org.pk))
    assert event.actor == users["secretary"]


def test_missing_and_duplicate_fields_give_vietnamese_errors_naming_the_field(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("organizations:create", kwargs={"organization_id": tree["stc"].pk})
    response = client.post(url, {"code": "STC-NS", "name": "", "kind": OrganizationKind.CELL})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["Chưa nhập “Tên tổ chức”."]
    assert form.errors["code"] == ["Mã “STC-NS” đã được dùng."]
    html = response.content.decode()
    assert "Chưa nhập “Tên tổ chức”." in html
    assert not AuditEvent.objects.filter(
        action="organization.create", actor=users["secretary"]
    ).exists()


def test_edit_records_before_and_after(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("organizations:edit", kwargs={"organization_id": tree["stc_cell"].pk})
    form = client.get(url).context["form"]
    assert form.initial["name"] == "Chi bộ Phòng Ngân sách"
    response = client.post(
        url,
        {
            "code": "STC-NS",
            "name": "Chi bộ Phòng Ngân sách nhà nước",
            "kind": OrganizationKind.CELL,
            "is_active": "on",
            "parent": tree["stc"].pk,
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="organization.update")
    assert event.before["name"] == "Chi bộ Phòng Ngân sách"
    assert event.after["name"] == "Chi bộ Phòng Ngân sách nhà nước"


def test_cannot_move_outside_reach(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("organizations:edit", kwargs={"organization_id": tree["stc_cell"].pk})
    response = client.post(
        url,
        {
            "code": "STC-NS",
            "name": "Chi bộ",
            "kind": OrganizationKind.CELL,
            "parent": tree["syt"].pk,
        },
    )
    assert response.status_code == 200
    assert "lựa chọn không hợp lệ" in response.context["form"].errors["parent"][0]
    tree["stc_cell"].refresh_from_db()
    assert tree["stc_cell"].parent == tree["stc"]


@pytest.mark.parametrize("name", ["create", "edit", "term-create"])
def test_inspector_may_not_open_forms(client, tree, users, name):
    client.force_login(users["inspector"])
    url = reverse(f"organizations:{name}", kwargs={"organization_id": tree["stc"].pk})
    assert client.get(url).status_code == 403
    with writes_nothing():
        assert client.post(url, {"code": "STC-X", "name": "X", "kind": "cell"}).status_code == 403


def test_term_create_and_date_error(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("organizations:term-create", kwargs={"organization_id": tree["stc"].pk})
    bad = client.post(
        url, {"name": "2025–2030", "start_date": "2025-06-01", "end_date": "2024-01-01"}
    )
    assert bad.context["form"].errors["end_date"] == ["“Đến ngày” phải sau “Từ ngày”."]
    bad = client.post(url, {"name": "2025–2030", "start_date": "31/02/2025"})
    assert bad.context["form"].errors["start_date"] == [
        "“Từ ngày” không phải ngày hợp lệ (dd/mm/yyyy)."
    ]
    ok = client.post(url, {"name": "2025–2030", "start_date": "01/06/2025"})
    assert ok.status_code == 302
    term = Term.objects.get(organization=tree["stc"], name="2025–2030")
    assert AuditEvent.objects.filter(action="term.create", object_id=str(term.pk)).exists()
    again = client.post(url, {"name": "2025–2030", "start_date": "01/06/2025"})
    assert again.context["form"].errors["name"] == ["Tổ chức đã có nhiệm kỳ “2025–2030”."]


def test_secretary_renames_own_organization_keeping_its_parent_above_reach(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("organizations:edit", kwargs={"organization_id": tree["stc"].pk})
    response = client.post(
        url,
        {
            "code": "STC",
            "name": "Đảng bộ Sở Tài chính tỉnh",
            "kind": OrganizationKind.GRASSROOTS_COMMITTEE,
            "agency_name": "Sở Tài chính",
            "is_active": "on",
            "parent": tree["bloc"].pk,
        },
    )
    assert response.status_code == 302
    tree["stc"].refresh_from_db()
    assert tree["stc"].name == "Đảng bộ Sở Tài chính tỉnh" and tree["stc"].parent == tree["bloc"]
    # ...but cannot move it elsewhere above their reach.
    response = client.post(
        url, {"code": "STC", "name": "X", "kind": OrganizationKind.CELL, "parent": tree["syt"].pk}
    )
    assert response.status_code == 200 and "parent" in response.context["form"].errors
