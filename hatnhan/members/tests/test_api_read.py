"""Reading members through the API: fields, Vietnamese order, reach."""

import datetime as dt

from hatnhan.core.testing import api_client


def test_fields(users, tree, make_member):
    member = make_member(
        tree["stc_cell"],
        "Nguyễn Quang Tùng",
        gender="male",
        date_of_birth=dt.date(1979, 3, 5),
        probationary_date=dt.date(2001, 9, 2),
        full_membership_date=dt.date(2002, 9, 2),
        post="Phó Trưởng phòng",
    )
    body = api_client(users["secretary"]).get(f"/api/v1/members/{member.pk}/").json()
    assert body | {"created_at": None, "updated_at": None} == {
        "id": member.pk,
        "full_name": "Nguyễn Quang Tùng",
        "organization": tree["stc_cell"].pk,
        "date_of_birth": "1979-03-05",
        "gender": "male",
        "party_card_number": member.party_card_number,
        "probationary_date": "2001-09-02",
        "full_membership_date": "2002-09-02",
        "is_probationary": False,
        "post": "Phó Trưởng phòng",
        "status": "active",
        "email": "",
        "phone": "",
        "created_at": None,
        "updated_at": None,
    }


def test_probationary_member(users, make_member):
    member = make_member(name="Lê Thị Hoa")
    body = api_client(users["secretary"]).get(f"/api/v1/members/{member.pk}/").json()
    assert body["is_probationary"] is True and body["full_membership_date"] is None


def test_ordered_the_vietnamese_way(users, tree, make_member):
    for name in [
        "Trần Văn Ánh",
        "Nguyễn Thị Ân",
        "Lê Văn Anh",
        "Đặng Văn Đức",
        "Phạm Văn Dũng",
        "Bùi Thị Ă",
    ]:
        make_member(tree["stc_cell"], name)
    body = api_client(users["secretary"]).get("/api/v1/members/").json()
    names = [row["full_name"] for row in body["results"]]
    # Given name first, letter by letter in the Vietnamese alphabet (a < ă < â, d < đ),
    # tones breaking ties (Anh before Ánh), then family and middle names.
    assert names == [
        "Lê Văn Anh",
        "Trần Văn Ánh",
        "Bùi Thị Ă",
        "Nguyễn Thị Ân",
        "Trần Thị Bình",
        "Phạm Văn Dũng",
        "Đặng Văn Đức",
    ]


def test_other_organizations_member_is_404(users, tree, make_member):
    stc_member = make_member(tree["stc_cell"], "Lê Văn Cường")
    client = api_client(users["other"])
    assert client.get(f"/api/v1/members/{stc_member.pk}/").status_code == 404
    assert stc_member.pk not in [
        row["id"] for row in client.get("/api/v1/members/").json()["results"]
    ]


def test_member_role_sees_own_record_only(users, tree, make_member):
    make_member(tree["stc_cell"], "Lê Văn Cường")
    client = api_client(users["member"])
    body = client.get("/api/v1/members/").json()
    assert [row["id"] for row in body["results"]] == [users["member"].member_id]
