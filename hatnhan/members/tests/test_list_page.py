import pytest
from django.urls import reverse

from hatnhan.members.models import MemberStatus

pytestmark = pytest.mark.django_db

URL = "/members/"


def test_list_is_sorted_the_vietnamese_way(client, tree, users, make_member):
    # Given name first, then the rest; d before đ, a before ă before â; tones break ties.
    for name in [
        "Nguyễn Văn Đức",
        "Trần Văn Dũng",
        "Lê Thị Ánh",
        "Phạm Thị Ân",
        "Hoàng Văn An",
        "Vũ Thị Ăn",
        "Bùi Văn An",
    ]:
        make_member(tree["stc_cell"], name)
    client.force_login(users["secretary"])
    response = client.get(URL)
    assert response.status_code == 200
    names = [m.full_name for m in response.context["members"]]
    assert names == [
        "Bùi Văn An",
        "Hoàng Văn An",
        "Lê Thị Ánh",
        "Vũ Thị Ăn",
        "Phạm Thị Ân",
        "Trần Thị Bình",
        "Trần Văn Dũng",
        "Nguyễn Văn Đức",
    ]


def test_filters_by_subtree_status_and_search(client, tree, users, make_member):
    make_member(tree["stc"], "Lê Văn Cường")
    make_member(tree["stc_cell"], "Nguyễn Quang Tùng", status=MemberStatus.EXEMPT)
    client.force_login(users["secretary"])
    in_cell = client.get(URL, {"organization": tree["stc_cell"].pk}).context["members"]
    assert {m.full_name for m in in_cell} == {"Trần Thị Bình", "Nguyễn Quang Tùng"}
    exempt = client.get(URL, {"status": MemberStatus.EXEMPT}).context["members"]
    assert [m.full_name for m in exempt] == ["Nguyễn Quang Tùng"]
    found = client.get(URL, {"q": "TUNG nguyen"}).context["members"]
    assert [m.full_name for m in found] == ["Nguyễn Quang Tùng"]


def test_organization_outside_reach_is_ignored_not_leaked(client, tree, users, make_member):
    make_member(tree["syt_cell"], "Vũ Văn Khánh")
    client.force_login(users["secretary"])
    response = client.get(URL, {"organization": tree["syt"].pk})
    assert response.context["organization"] is None
    assert "Vũ Văn Khánh" not in response.content.decode()


def test_member_role_sees_only_own_record(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Lê Văn Cường")
    client.force_login(users["member"])
    members = client.get(URL).context["members"]
    assert [m.full_name for m in members] == ["Trần Thị Bình"]


def test_htmx_request_gets_the_results_fragment(client, tree, users):
    client.force_login(users["secretary"])
    response = client.get(URL, {"q": "binh"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Trần Thị Bình" in html


def test_list_queries_do_not_grow_with_members(
    client, tree, users, make_member, django_assert_max_num_queries
):
    client.force_login(users["secretary"])

    def count():
        with django_assert_max_num_queries(12) as captured:
            assert client.get(reverse("members:list")).status_code == 200
        return len(captured)

    for i in range(5):
        make_member(tree["stc_cell"], f"Lê Văn A{i}")
    few = count()
    for i in range(45):
        make_member(tree["stc"], f"Lê Văn B{i}")
    assert count() == few
