"""Reading organizations through the API: fields, member counts, search, ?parent=, reach."""

from hatnhan.core.testing import api_client
from hatnhan.members.models import MemberStatus


def test_fields_and_member_count_over_the_subtree(users, tree, make_member):
    make_member(tree["stc"], "Lê Văn Cường")
    make_member(tree["stc_cell"], "Phạm Thị Dung")
    make_member(tree["stc_cell"], "Hoàng Văn Em", status=MemberStatus.DECEASED)
    body = api_client(users["secretary"]).get("/api/v1/organizations/").json()
    rows = {row["code"]: row for row in body["results"]}
    assert list(rows) == ["STC", "STC-NS"]  # tree order, nothing of SYT
    stc = rows["STC"]
    assert stc == {
        "id": tree["stc"].pk,
        "code": "STC",
        "name": "Đảng bộ Sở Tài chính",
        "kind": "grassroots_committee",
        "parent": tree["bloc"].pk,
        "agency_name": "Sở Tài chính",
        "is_active": True,
        "depth": 1,
        # Lê Văn Cường, Phạm Thị Dung and the account holder Trần Thị Bình; not the deceased.
        "member_count": 3,
    }
    assert rows["STC-NS"]["member_count"] == 2
    assert rows["STC-NS"]["parent"] == tree["stc"].pk


def test_detail(users, tree):
    response = api_client(users["inspector"]).get(f"/api/v1/organizations/{tree['stc_cell'].pk}/")
    assert response.status_code == 200
    assert response.json()["code"] == "STC-NS"
    assert response.json()["depth"] == 2


def test_other_organization_is_404(users, tree):
    client = api_client(users["other"])
    for org in ("stc", "stc_cell", "bloc"):
        assert client.get(f"/api/v1/organizations/{tree[org].pk}/").status_code == 404


def test_search_ignores_diacritics_and_case(users, tree):
    client = api_client(users["staff"])
    for query in ("so tai chinh", "SỞ TÀI CHÍNH", "tai chinh so"):
        codes = [
            row["code"]
            for row in client.get("/api/v1/organizations/", {"search": query}).json()["results"]
        ]
        assert codes == ["STC"], query
    codes = [
        row["code"]
        for row in client.get("/api/v1/organizations/", {"search": "y te"}).json()["results"]
    ]
    assert codes == ["SYT"]


def test_search_stays_within_reach(users, tree):
    response = api_client(users["secretary"]).get("/api/v1/organizations/", {"search": "y te"})
    assert response.json()["count"] == 0


def test_parent_filter_lists_children(users, tree):
    client = api_client(users["staff"])
    body = client.get("/api/v1/organizations/", {"parent": tree["bloc"].pk}).json()
    assert [row["code"] for row in body["results"]] == ["STC", "SYT"]
    bad = client.get("/api/v1/organizations/", {"parent": "abc"})
    assert bad.status_code == 400
    assert bad.json() == {"parent": ["“abc” không phải là mã số hợp lệ (số nguyên dương)."]}


def test_member_role_sees_no_organizations(users):
    assert api_client(users["member"]).get("/api/v1/organizations/").json()["count"] == 0
