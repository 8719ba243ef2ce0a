"""Creating and editing organizations through the API goes through the service."""

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.organizations.models import Organization


def test_secretary_creates_a_cell_under_own_organization(users, tree):
    response = api_client(users["secretary"]).post(
        "/api/v1/organizations/",
        {
            "code": "stc-kh",
            "name": "  Chi bộ  Phòng Kế hoạch ",
            "kind": "cell",
            "parent": tree["stc"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    org = Organization.objects.get(pk=body["id"])
    # The service cleaned the text, built the path and recorded the event.
    assert (body["code"], body["name"], body["depth"], body["member_count"]) == (
        "STC-KH",
        "Chi bộ Phòng Kế hoạch",
        2,
        0,
    )
    assert org.path.startswith(tree["stc"].path)
    event = AuditEvent.objects.get(action="organization.create", object_id=str(org.pk))
    assert event.actor_id == users["secretary"].pk


def test_patch_renames(users, tree):
    url = f"/api/v1/organizations/{tree['stc_cell'].pk}/"
    response = api_client(users["committee"]).patch(
        url, {"name": "Chi bộ Ngân sách"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Chi bộ Ngân sách"
    assert (
        AuditEvent.objects.filter(
            action="organization.update", object_id=str(tree["stc_cell"].pk)
        ).count()
        == 1
    )


def test_inspector_may_not_write(users, tree):
    client = api_client(users["inspector"])
    patch = client.patch(f"/api/v1/organizations/{tree['stc'].pk}/", {"name": "X"}, format="json")
    assert patch.status_code == 403
    assert patch.json()["detail"] == "Đồng chí không có quyền thực hiện thao tác này."
    post = client.post(
        "/api/v1/organizations/",
        {"code": "STC-X", "name": "X", "kind": "cell", "parent": tree["stc"].pk},
        format="json",
    )
    assert post.status_code == 403
    tree["stc"].refresh_from_db()
    assert tree["stc"].name == "Đảng bộ Sở Tài chính"
    assert not Organization.objects.filter(code="STC-X").exists()


def test_parent_outside_reach_reads_as_missing(users, tree):
    response = api_client(users["secretary"]).post(
        "/api/v1/organizations/",
        {"code": "SYT-X", "name": "X", "kind": "cell", "parent": tree["syt"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert "trong phạm vi của đồng chí" in response.json()["parent"][0]
    assert not Organization.objects.filter(code="SYT-X").exists()


def test_patch_other_organization_is_404(users, tree):
    with writes_nothing():
        response = api_client(users["other"]).patch(
            f"/api/v1/organizations/{tree['stc'].pk}/", {"name": "X"}, format="json"
        )
    assert response.status_code == 404


def test_bad_input_is_400_in_vietnamese_by_field(users, tree):
    client = api_client(users["secretary"])
    with writes_nothing():
        missing = client.post("/api/v1/organizations/", {"parent": tree["stc"].pk}, format="json")
        wrong = client.post(
            "/api/v1/organizations/",
            {"code": "STC-Y", "name": "Y", "kind": "nhom", "parent": tree["stc"].pk},
            format="json",
        )
        # A rule of the service itself: moving an organization under its own subtree.
        loop = client.patch(
            f"/api/v1/organizations/{tree['stc'].pk}/",
            {"parent": tree["stc_cell"].pk},
            format="json",
        )
    assert missing.status_code == 400
    assert missing.json()["code"] == ["Trường này là bắt buộc."]
    assert missing.json()["kind"] == ["Trường này là bắt buộc."]
    assert wrong.status_code == 400
    assert wrong.json() == {"kind": ["“nhom” không phải là một lựa chọn hợp lệ."]}
    assert loop.status_code == 400
    assert loop.json() == {
        "parent": ["Không thể chuyển tổ chức vào chính nó hoặc cấp dưới của nó."]
    }


def test_duplicate_code_is_400(users, tree):
    response = api_client(users["secretary"]).post(
        "/api/v1/organizations/",
        {"code": "stc-ns", "name": "Trùng", "kind": "cell", "parent": tree["stc"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["code"]
    assert Organization.objects.filter(code="STC-NS").count() == 1


def test_no_put_and_no_delete(users, tree):
    client = api_client(users["admin"])
    url = f"/api/v1/organizations/{tree['stc_cell'].pk}/"
    assert client.delete(url).status_code == 405
    assert client.put(url, {}, format="json").status_code == 405
    assert Organization.objects.filter(pk=tree["stc_cell"].pk).exists()
