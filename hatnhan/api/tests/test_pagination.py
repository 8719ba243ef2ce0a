"""Every list answers {count, next, previous, results}, page by page."""

import pytest

from hatnhan.core.testing import api_client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organizations/",
        "/api/v1/terms/",
        "/api/v1/members/",
        "/api/v1/seats/",
        "/api/v1/audit-events/",
    ],
)
def test_list_shape(users, url):
    body = api_client(users["admin"]).get(url).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert isinstance(body["results"], list)


def test_pages_follow_each_other(users, tree, make_member):
    for i in range(5):
        make_member(tree["stc_cell"], f"Nguyễn Văn Số{i}")
    client = api_client(users["secretary"])
    first = client.get("/api/v1/members/", {"page_size": 2}).json()
    assert first["count"] == 6  # five made here, and the member who holds an account
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"]
    seen = [row["id"] for row in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 6


def test_page_out_of_range_is_404(users):
    response = api_client(users["secretary"]).get("/api/v1/members/", {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Không có trang này."}
