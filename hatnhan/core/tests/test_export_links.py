"""List pages link to the Excel exports of what they show, with the same filters."""

import pytest

pytestmark = pytest.mark.django_db


def test_member_list_links_to_the_export_with_its_filters(client, tree, users):
    client.force_login(users["secretary"])
    html = client.get(
        "/members/",
        {"organization": tree["stc_cell"].pk, "status": "active", "q": "binh", "page": "1"},
    ).content.decode()
    assert (
        f'href="/exchange/members.xlsx?organization={tree["stc_cell"].pk}'
        '&amp;status=active&amp;q=binh"'
    ) in html
    assert 'href="/exchange/import/"' in html  # the nav entry appears once the page exists


def test_organization_page_links_to_member_organization_and_seat_exports(client, tree, users):
    client.force_login(users["secretary"])
    html = client.get(f"/organizations/{tree['stc'].pk}/").content.decode()
    for name in ("members", "organizations", "seats"):
        assert f'href="/exchange/{name}.xlsx?organization={tree["stc"].pk}"' in html
