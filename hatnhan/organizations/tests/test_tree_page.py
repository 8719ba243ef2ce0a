import pytest
from django.urls import reverse

from hatnhan.members.models import MemberStatus
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

pytestmark = pytest.mark.django_db


def test_tree_shows_the_users_reach_with_subtree_member_counts(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Lê Văn Cường")
    make_member(tree["stc"], "Phạm Văn Dũng")
    make_member(tree["stc_cell"], "Đỗ Thị Hoa", status=MemberStatus.DECEASED)  # not counted
    make_member(tree["syt_cell"], "Vũ Văn Khánh")
    client.force_login(users["secretary"])
    response = client.get(reverse("organizations:tree"))
    assert response.status_code == 200
    roots = response.context["roots"]
    assert [r.code for r in roots] == ["STC"]
    # STC: Bình (the member account's record), Cường, Dũng; its cell: Bình and Cường.
    assert roots[0].member_count == 3
    assert [(c.code, c.member_count) for c in roots[0].loaded_children] == [("STC-NS", 2)]
    html = response.content.decode()
    assert "Đảng bộ Sở Tài chính" in html and "Sở Y tế" not in html


def test_bloc_staff_sees_the_whole_tree(client, tree, users):
    client.force_login(users["staff"])
    response = client.get(reverse("organizations:tree"))
    roots = response.context["roots"]
    assert [r.code for r in roots] == ["DUK"]
    assert {c.code for c in roots[0].loaded_children} == {"STC", "SYT"}


def test_children_partial_expands_one_node(client, tree, users, make_member):
    make_member(tree["syt_cell"], "Vũ Văn Khánh")
    client.force_login(users["staff"])
    response = client.get(
        reverse("organizations:tree-children", kwargs={"organization_id": tree["syt"].pk}),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert "Chi bộ Văn phòng" in html
    assert [n.member_count for n in response.context["nodes"]] == [1]


def test_member_role_has_no_tree_and_children_404(client, tree, users):
    client.force_login(users["member"])
    assert client.get(reverse("organizations:tree")).context["roots"] == []
    url = reverse("organizations:tree-children", kwargs={"organization_id": tree["stc"].pk})
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(reverse("organizations:tree"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _grow(tree, make_member, n):
    for i in range(n):
        cell = create_organization(
            actor=None,
            code=f"STC-C{n}-{i}",
            name=f"Chi bộ {i}",
            kind=OrganizationKind.CELL,
            parent=tree["stc"],
        )
        make_member(cell, f"Nguyễn Văn {i}")


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_tree_queries_do_not_grow_with_nodes_or_members(
    client, tree, users, make_member, django_assert_max_num_queries
):
    client.force_login(users["staff"])
    url = reverse("organizations:tree")
    _grow(tree, make_member, 5)
    few = _count_queries(client, url, django_assert_max_num_queries, 12)
    _grow(tree, make_member, 50)
    many = _count_queries(client, url, django_assert_max_num_queries, 12)
    assert many == few
    children = reverse("organizations:tree-children", kwargs={"organization_id": tree["stc"].pk})
    assert _count_queries(client, children, django_assert_max_num_queries, 8) <= 8
