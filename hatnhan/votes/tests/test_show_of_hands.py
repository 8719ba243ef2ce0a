"""Show of hands (issue 9): the secretary records the counts for, against and abstaining,
checked against the number of members present entitled to vote; adopted by more than half
of them (Điều lệ Đảng, Điều 10). Bad input is refused naming the field, nothing written."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.core.testing import writes_nothing
from hatnhan.votes import services

pytestmark = pytest.mark.django_db


def hands(meeting, users, **counts):
    return services.record_show_of_hands(
        actor=users["secretary"], meeting=meeting, question="Thông qua nghị quyết", **counts
    )


def test_recorded_closed_with_its_counts(meeting, users):
    vote = hands(meeting, users, votes_for=3, votes_against=1, abstentions=0)
    assert vote.state == "closed" and vote.eligible == 4 and vote.adopted is True
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (3, 1, 0)


def test_half_is_not_more_than_half(meeting, users):
    assert hands(meeting, users, votes_for=2, votes_against=2).adopted is False


def test_more_hands_than_members_present_refused(meeting, users):
    with writes_nothing(), pytest.raises(ValidationError) as info:
        hands(meeting, users, votes_for=3, votes_against=2, abstentions=0)
    assert "votes_for" in info.value.message_dict
    assert "vượt quá số đảng viên có quyền biểu quyết có mặt (4)" in str(info.value)


def test_negative_or_not_a_number_refused(meeting, users):
    with writes_nothing(), pytest.raises(ValidationError, match="không được âm"):
        hands(meeting, users, votes_for=-1, votes_against=0)
    with writes_nothing(), pytest.raises(ValidationError, match="số nguyên"):
        hands(meeting, users, votes_for="ba", votes_against=0)


def test_empty_question_refused(meeting, users):
    with writes_nothing(), pytest.raises(ValidationError, match="Nội dung biểu quyết"):
        services.record_show_of_hands(
            actor=users["secretary"], meeting=meeting, question="  ", votes_for=1, votes_against=0
        )


def test_form_page_names_the_field(meeting, users, client):
    from django.urls import reverse

    client.force_login(users["secretary"])
    response = client.post(
        reverse("votes:create", args=[meeting.pk]),
        {"question": "Q", "subject": "resolution", "method": "hands", "votes_for": "9"},
    )
    assert response.status_code == 200
    assert "vượt quá số đảng viên" in response.content.decode()
