"""Creating and editing members through the API: the service's rules, messages and audit."""

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.members.models import Member


def test_create_through_the_service(users, tree):
    response = api_client(users["secretary"]).post(
        "/api/v1/members/",
        {
            "full_name": " Nguyễn   Quang Tùng ",
            "organization": tree["stc_cell"].pk,
            "date_of_birth": "1985-04-30",
            "probationary_date": "2010-05-19",
            "gender": "male",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["full_name"] == "Nguyễn Quang Tùng"
    assert body["is_probationary"] is True
    member = Member.objects.get(pk=body["id"])
    assert member.search_text.startswith("nguyen quang tung")
    assert AuditEvent.objects.filter(action="member.create", object_id=str(member.pk)).exists()


def test_patch_changes_and_audits(users, make_member):
    member = make_member(name="Lê Văn Cường")
    response = api_client(users["committee"]).patch(
        f"/api/v1/members/{member.pk}/",
        {"post": "Trưởng phòng", "full_membership_date": "2006-05-19"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["post"] == "Trưởng phòng"
    assert response.json()["is_probationary"] is False
    event = AuditEvent.objects.get(action="member.update", object_id=str(member.pk))
    assert event.after["post"] == "Trưởng phòng"


def test_service_rules_answer_400_in_vietnamese_by_field(users, tree, make_member):
    client = api_client(users["secretary"])
    too_young = client.post(
        "/api/v1/members/",
        {
            "full_name": "Lê Văn Nhỏ",
            "organization": tree["stc_cell"].pk,
            "date_of_birth": "2000-01-01",
            "probationary_date": "2010-01-01",
        },
        format="json",
    )
    assert too_young.status_code == 400
    assert too_young.json() == {"probationary_date": ["Đảng viên phải đủ 18 tuổi khi vào Đảng."]}
    member = make_member(name="Lê Văn Cường")
    backwards = client.patch(
        f"/api/v1/members/{member.pk}/", {"full_membership_date": "2001-01-01"}, format="json"
    )
    assert backwards.status_code == 400
    assert backwards.json() == {"full_membership_date": ["Ngày chính thức phải sau ngày vào Đảng."]}
    assert not Member.objects.filter(full_name="Lê Văn Nhỏ").exists()
    member.refresh_from_db()
    assert member.full_membership_date is None


def test_field_format_errors_are_vietnamese(users, tree):
    with writes_nothing():
        response = api_client(users["secretary"]).post(
            "/api/v1/members/",
            {"organization": tree["stc_cell"].pk, "date_of_birth": "30/04/1985", "gender": "x"},
            format="json",
        )
    assert response.status_code == 400
    assert response.json() == {
        "full_name": ["Trường này là bắt buộc."],
        "date_of_birth": ["Ngày sai định dạng; dùng YYYY-MM-DD, ví dụ 2026-03-05."],
        "gender": ["“x” không phải là một lựa chọn hợp lệ."],
    }


def test_duplicate_party_card_number_is_400(users, make_member, tree):
    make_member(name="Lê Văn Cường", party_card_number="93.000001")
    with writes_nothing():
        response = api_client(users["secretary"]).post(
            "/api/v1/members/",
            {
                "full_name": "Lê Văn Khác",
                "organization": tree["stc_cell"].pk,
                "party_card_number": "93.000001",
            },
            format="json",
        )
    assert response.status_code == 400
    assert response.json() == {"party_card_number": ["Số thẻ đảng viên này đã có trong hệ thống."]}


def test_organization_changes_only_by_transfer(users, tree, make_member):
    member = make_member(name="Lê Văn Cường")
    with writes_nothing():
        response = api_client(users["secretary"]).patch(
            f"/api/v1/members/{member.pk}/", {"organization": tree["stc"].pk}, format="json"
        )
    assert response.status_code == 400
    assert "chuyển sinh hoạt" in response.json()["organization"][0]
    member.refresh_from_db()
    assert member.organization == tree["stc_cell"]


def test_inspector_may_not_write(users, tree, make_member):
    member = make_member(name="Lê Văn Cường")
    client = api_client(users["inspector"])
    with writes_nothing():
        patch = client.patch(f"/api/v1/members/{member.pk}/", {"post": "X"}, format="json")
        assert patch.status_code == 403
        post = client.post(
            "/api/v1/members/",
            {"full_name": "Lê Văn Mới", "organization": tree["stc_cell"].pk},
            format="json",
        )
    assert post.status_code == 403
    member.refresh_from_db()
    assert member.post == ""
    assert not Member.objects.filter(full_name="Lê Văn Mới").exists()


def test_member_role_cannot_edit_own_record(users):
    own = users["member"].member
    with writes_nothing():
        response = api_client(users["member"]).patch(
            f"/api/v1/members/{own.pk}/", {"post": "X"}, format="json"
        )
    assert response.status_code == 403


def test_other_organization_cannot_write(users, tree, make_member):
    member = make_member(name="Lê Văn Cường")
    client = api_client(users["other"])
    with writes_nothing():
        patch = client.patch(f"/api/v1/members/{member.pk}/", {"post": "X"}, format="json")
        assert patch.status_code == 404
        post = client.post(
            "/api/v1/members/",
            {"full_name": "Lê Văn Mới", "organization": tree["stc_cell"].pk},
            format="json",
        )
    assert post.status_code == 400
    assert "trong phạm vi của đồng chí" in post.json()["organization"][0]
