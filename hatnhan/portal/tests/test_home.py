import pytest
from django.urls import reverse

from hatnhan.members.models import SeatRole
from hatnhan.members.services import create_seat

pytestmark = pytest.mark.django_db


def test_home_for_a_secretary_shows_their_organizations_and_counts(
    client, tree, users, make_member
):
    seat_holder = make_member(tree["stc_cell"], "Lê Văn Cường", full_membership_date=None)
    create_seat(actor=None, organization=tree["stc"], member=seat_holder, role=SeatRole.COMMITTEE)
    make_member(tree["syt_cell"], "Vũ Văn Khánh")
    client.force_login(users["secretary"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert (overview.organizations, overview.members, overview.seats) == (2, 2, 1)
    assert overview.probationary == 2  # the fixtures' members have no full-membership date
    html = response.content.decode()
    assert "Đảng bộ Sở Tài chính" in html and "Sở Y tế" not in html
    assert reverse("members:create") in html  # a secretary may add members
    # Recent changes inside the reach only.
    assert "Lê Văn Cường" in html and "Vũ Văn Khánh" not in html


def test_home_for_a_member_links_to_own_record(client, tree, users):
    client.force_login(users["member"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    own = users["member"].member
    assert reverse("members:detail", kwargs={"member_id": own.pk}) in html
    assert response.context["roots"] == []


def test_home_for_inspector_offers_no_create(client, tree, users):
    client.force_login(users["inspector"])
    html = client.get(reverse("home")).content.decode()
    assert reverse("members:create") not in html


def test_home_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_pages_are_vietnamese_first_and_english_available(client, tree, users):
    client.force_login(users["secretary"])
    assert "Cây tổ chức" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    assert "Organization tree" in html and "Cây tổ chức" not in html
    tree_page = client.get(reverse("organizations:tree")).content.decode()
    assert "Click an organization to expand" in tree_page
    form = client.post(reverse("members:create"), {"organization": tree["stc"].pk})
    assert form.context["form"].errors["full_name"] == ["“Full name” is required."]


def test_no_asset_comes_from_elsewhere(client, tree, users):
    client.force_login(users["secretary"])
    html = client.get("/").content.decode()
    assert "http://" not in html and "https://" not in html
