"""A picker past PICKER_MAX_OPTIONS renders no list: a search box and only what is chosen.
Without script the typed words are matched when the form is sent: one match is taken,
several are listed with an error saying so, none is an error (the task form, end to end)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db


def option_count(html: str, select_id: str) -> int:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no #{select_id}"
    return len(re.findall(r'<option value="\d+"', select[1]))


@pytest.fixture
def crowd(tree, make_member, settings):
    settings.PICKER_MAX_OPTIONS = 4
    people = [make_member(tree["stc_cell"], f"Trần Văn Đông {i}") for i in range(6)]
    people.append(make_member(tree["stc_cell"], "Nguyễn Thị Duy Nhất"))
    return people


def form_data(tree, **values):
    return {
        "organization": tree["stc"].pk,
        "title": "Rà soát hồ sơ",
        "expected_result": "Báo cáo rà soát",
        "due_date": (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
        "priority": "normal",
        **values,
    }


def test_a_long_list_renders_a_search_box_and_no_options(client, tree, users, crowd):
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create"), {"organization": tree["stc"].pk}).content.decode()
    assert option_count(html, "id_owner") == 0 and option_count(html, "id_coworkers") == 0
    box = re.search(r'<input[^>]*name="owner__q"[^>]*>', html)
    assert box and "data-picker-url" in box[0] and "hidden" not in box[0]
    assert f"organization={tree['stc'].pk}" in box[0]


def test_a_short_list_is_still_a_plain_list(client, tree, users, make_member, settings):
    settings.PICKER_MAX_OPTIONS = 100
    make_member(tree["stc_cell"], "Ngô Văn Ít")
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create")).content.decode()
    assert option_count(html, "id_owner") >= 1 and 'name="owner__q"' not in html


def test_one_match_typed_without_script_is_taken(client, tree, users, crowd):
    client.force_login(users["secretary"])
    response = client.post(reverse("tasks:create"), form_data(tree, owner__q="duy nhat"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Task.objects.get(title="Rà soát hồ sơ").owner == crowd[-1]


def test_several_matches_are_listed_with_an_error(client, tree, users, crowd):
    client.force_login(users["secretary"])
    response = client.post(reverse("tasks:create"), form_data(tree, owner__q="dong"))
    html = response.content.decode()
    assert response.status_code == 200 and not Task.objects.filter(title="Rà soát hồ sơ")
    assert "đảng viên khớp “dong”: chọn một người trong danh sách" in html
    assert option_count(html, "id_owner") == 4  # the first PICKER_MAX_OPTIONS matches
    assert 'value="dong"' in html


def test_no_match_says_so(client, tree, users, crowd):
    client.force_login(users["secretary"])
    response = client.post(reverse("tasks:create"), form_data(tree, owner__q="khong ai"))
    assert "Không tìm thấy đảng viên nào khớp “khong ai”." in response.content.decode()
    assert not Task.objects.filter(title="Rà soát hồ sơ").exists()


def test_a_choice_made_in_the_list_wins_over_the_words(client, tree, users, crowd):
    client.force_login(users["secretary"])
    data = form_data(tree, owner=crowd[0].pk, owner__q="dong")
    assert client.post(reverse("tasks:create"), data).status_code == 302
    assert Task.objects.get(title="Rà soát hồ sơ").owner == crowd[0]


def test_a_coworker_typed_is_added_to_those_chosen(client, tree, users, crowd):
    client.force_login(users["secretary"])
    data = form_data(tree, owner=crowd[0].pk, coworkers=[crowd[1].pk], coworkers__q="duy nhat")
    assert client.post(reverse("tasks:create"), data).status_code == 302
    task = Task.objects.get(title="Rà soát hồ sơ")
    assert set(task.coworkers.all()) == {crowd[1], crowd[-1]}


def test_the_form_costs_the_same_queries_for_more_people(
    client, tree, users, crowd, make_member, django_assert_max_num_queries
):
    client.force_login(users["secretary"])
    url = reverse("tasks:create")
    client.get(url, {"organization": tree["stc"].pk})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"organization": tree["stc"].pk})
    for i in range(30):
        make_member(tree["stc_cell"], f"Lê Văn Thêm {i}")
    with django_assert_max_num_queries(len(few)):
        html = client.get(url, {"organization": tree["stc"].pk}).content.decode()
    assert option_count(html, "id_owner") == 0
