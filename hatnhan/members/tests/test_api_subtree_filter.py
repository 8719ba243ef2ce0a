"""?organization=<id> lists the members of that organization's whole subtree."""

from hatnhan.core.testing import api_client


def names(response) -> set[str]:
    return {row["full_name"] for row in response.json()["results"]}


def test_filter_covers_the_subtree(users, tree, make_member):
    make_member(tree["stc"], "Lê Văn Cường")
    make_member(tree["stc_cell"], "Phạm Thị Dung")
    make_member(tree["syt_cell"], "Hoàng Văn Em")
    client = api_client(users["staff"])
    stc = client.get("/api/v1/members/", {"organization": tree["stc"].pk})
    assert names(stc) == {"Lê Văn Cường", "Phạm Thị Dung", "Trần Thị Bình"}
    cell = client.get("/api/v1/members/", {"organization": tree["stc_cell"].pk})
    assert names(cell) == {"Phạm Thị Dung", "Trần Thị Bình"}
    bloc = client.get("/api/v1/members/", {"organization": tree["bloc"].pk})
    assert names(bloc) == {"Lê Văn Cường", "Phạm Thị Dung", "Trần Thị Bình", "Hoàng Văn Em"}


def test_unreachable_organization_is_404(users, tree, make_member):
    make_member(tree["stc_cell"], "Phạm Thị Dung")
    client = api_client(users["other"])
    for org in ("stc", "stc_cell", "bloc"):
        response = client.get("/api/v1/members/", {"organization": tree[org].pk})
        assert response.status_code == 404, org
    assert client.get("/api/v1/members/", {"organization": 987654}).status_code == 404


def test_malformed_organization_is_400(users):
    response = api_client(users["staff"]).get("/api/v1/members/", {"organization": "STC"})
    assert response.status_code == 400
    assert response.json() == {
        "organization": ["“STC” không phải là mã số hợp lệ (số nguyên dương)."]
    }


def test_filter_combines_with_search(users, tree, make_member):
    make_member(tree["stc"], "Lê Văn Cường")
    make_member(tree["syt_cell"], "Lê Văn Cường")
    response = api_client(users["staff"]).get(
        "/api/v1/members/", {"organization": tree["stc"].pk, "search": "cuong"}
    )
    assert [row["organization"] for row in response.json()["results"]] == [tree["stc"].pk]
