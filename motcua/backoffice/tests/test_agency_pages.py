"""Back-office agency pages on the demo province: scoping, officials, search, query budget."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LIST_URL = "/backoffice/co-quan/"
THUC_PHAN_COMMITTEE = "000.01.50.H14"
THUC_PHAN_CENTER = "001.01.50.H14"
BAO_LAM_COMMITTEE = "000.04.50.H14"
TOTAL_AGENCIES = 130


@pytest.fixture
def login_as(db, _demo_province, client):
    """login_as("thucphan.xuly") → the test client, logged in as that demo user."""

    def login(username: str):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return login


def _codes(response) -> list[str]:
    assert response.status_code == 200
    return [agency.code for agency in response.context["page"]]


def _usernames(response) -> list[str]:
    assert response.status_code == 200
    return sorted(official.user.username for official in response.context["page"])


def test_anonymous_is_sent_to_login(client, db):
    # when
    response = client.get(LIST_URL)
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/backoffice/dang-nhap/?next={LIST_URL}"


def test_commune_handler_lists_only_its_two_agencies(login_as):
    # given
    client = login_as("thucphan.xuly")
    # when
    response = client.get(LIST_URL)
    # then
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]
    body = response.content.decode()
    assert "Ủy ban nhân dân phường Thục Phán" in body
    assert "Trung tâm Phục vụ hành chính công phường Thục Phán" in body
    assert "Bảo Lâm" not in body
    assert BAO_LAM_COMMITTEE not in body


def test_province_admin_lists_every_agency_over_pages(login_as):
    # given
    client = login_as("tinh.quantri")
    # when
    first = client.get(LIST_URL)
    last = client.get(LIST_URL, {"page": 3})
    # then
    assert first.context["page"].paginator.count == TOTAL_AGENCIES
    assert len(_codes(first)) == 50
    assert len(_codes(last)) == TOTAL_AGENCIES - 100
    assert "Bảo Lâm" in first.content.decode()


def test_other_communes_agency_is_404(login_as):
    # given
    client = login_as("thucphan.xuly")
    # when
    hidden = client.get(f"{LIST_URL}{BAO_LAM_COMMITTEE}/")
    missing = client.get(f"{LIST_URL}999.99.99.H14/")
    # then: the same answer as for a code that does not exist, and nothing leaks
    assert hidden.status_code == 404
    assert missing.status_code == 404
    assert "Bảo Lâm" not in hidden.content.decode()
    assert "baolam." not in hidden.content.decode()


def test_province_admin_sees_the_other_communes_agency(login_as):
    # given
    client = login_as("tinh.quantri")
    # when
    response = client.get(f"{LIST_URL}{BAO_LAM_COMMITTEE}/")
    # then
    assert response.status_code == 200
    assert response.context["agency"].code == BAO_LAM_COMMITTEE
    assert "Ủy ban nhân dân xã Bảo Lâm" in response.content.decode()


def test_detail_lists_the_officials_of_the_agency(login_as):
    # given
    client = login_as("tinh.quantri")
    # when
    committee = client.get(f"{LIST_URL}{THUC_PHAN_COMMITTEE}/")
    center = client.get(f"{LIST_URL}{THUC_PHAN_CENTER}/")
    # then: officials whose home agency it is (the desk officer's home is the center)
    assert _usernames(committee) == ["thucphan.kyso", "thucphan.lanhdao", "thucphan.quantri", "thucphan.xuly"]
    assert _usernames(center) == ["thucphan.motcua"]
    body = committee.content.decode()
    for name in ("Hoàng Văn Minh", "Lương Văn Tuấn", "Bế Thị Lan", "Đàm Văn Hùng"):
        assert name in body
    assert "Chu Thị Duyên" not in body  # the desk officer is listed at the center
    assert "Chu Thị Duyên" in center.content.decode()


def test_commune_official_sees_the_officials_of_its_own_committee(login_as):
    # given
    client = login_as("thucphan.xuly")
    # when
    response = client.get(f"{LIST_URL}{THUC_PHAN_COMMITTEE}/")
    # then
    assert _usernames(response) == ["thucphan.kyso", "thucphan.lanhdao", "thucphan.quantri", "thucphan.xuly"]


def test_search_by_name(login_as):
    # given
    client = login_as("thucphan.xuly")
    # when
    response = client.get(LIST_URL, {"q": "Thục"})
    # then
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


def test_search_by_name_stays_in_scope(login_as):
    # given
    client = login_as("thucphan.xuly")
    # when
    response = client.get(LIST_URL, {"q": "Bảo Lâm"})
    # then
    assert _codes(response) == []
    assert "Ủy ban nhân dân xã Bảo Lâm" not in response.content.decode()


def test_search_by_name_for_the_province_admin(login_as):
    # given
    client = login_as("tinh.quantri")
    # when
    response = client.get(LIST_URL, {"q": "Thục Phán"})
    # then
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


def test_search_by_code(login_as):
    # given
    client = login_as("tinh.quantri")
    # when
    response = client.get(LIST_URL, {"q": "000.04.50"})
    # then
    assert _codes(response) == [BAO_LAM_COMMITTEE]


def test_search_too_long_is_ignored_not_an_error(login_as):
    # given
    client = login_as("thucphan.xuly")
    # when
    response = client.get(LIST_URL, {"q": "x" * 101})
    # then
    assert response.status_code == 200
    assert _codes(response) == [THUC_PHAN_COMMITTEE, THUC_PHAN_CENTER]


@pytest.mark.parametrize("username", ["thucphan.xuly", "tinh.quantri", "admin"])
def test_list_issues_a_bounded_number_of_queries(login_as, django_assert_max_num_queries, username):
    # given
    client = login_as(username)
    # when
    with django_assert_max_num_queries(15):
        response = client.get(LIST_URL)
    # then
    assert response.status_code == 200


@pytest.mark.parametrize("username", ["thucphan.xuly", "tinh.quantri", "admin"])
def test_detail_issues_a_bounded_number_of_queries(login_as, django_assert_max_num_queries, username):
    # given
    client = login_as(username)
    # when
    with django_assert_max_num_queries(15):
        response = client.get(f"{LIST_URL}{THUC_PHAN_COMMITTEE}/")
    # then
    assert response.status_code == 200
    assert len(response.context["page"]) == 4
