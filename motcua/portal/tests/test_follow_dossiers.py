"""My dossiers: the list, a dossier's status, appointment and timeline, and scoping to the owner."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import user
from motcua.portal.tests.follow_support import (
    HANDLER,
    TOAN,
    awaiting_supplement,
    citizen,
    processing,
    returned,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoa(client, demo_catalog):
    return citizen(client)


def test_my_dossiers_lists_mine_with_status_and_appointment_and_nothing_else(client, hoa):
    mine = processing(hoa.user)
    waiting = submitted(hoa.user)
    draft = submitted(hoa.user)
    Dossier.objects.filter(pk=draft.pk).update(status="draft")
    stranger = citizen(Client(), TOAN)
    theirs = processing(stranger.user, name="Lý Văn Toàn")

    page = client.get("/ho-so-cua-toi/")

    assert page.status_code == 200
    html = page.content.decode()
    assert mine.code in html and mine.appointment_on.strftime("%d/%m/%Y") in html
    assert "being processed" in html and "submitted, awaiting receipt" in html
    assert f"/ho-so-cua-toi/{waiting.reference}/" in html  # not received yet: by its reference
    assert str(draft.reference) not in html  # drafts live on "My drafts"
    assert theirs.code not in html and "Lý Văn Toàn" not in html


def test_the_list_is_paginated_in_a_few_queries(client, hoa, django_assert_max_num_queries):
    for _ in range(21):
        submitted(hoa.user)
    with django_assert_max_num_queries(8):
        first = client.get("/ho-so-cua-toi/")
    second = client.get("/ho-so-cua-toi/?trang=2")
    assert first.content.decode().count('class="big-link"') == 20
    assert second.content.decode().count('class="big-link"') == 1 and "Page 2 of 2" in second.content.decode()


def test_a_dossier_shows_its_timeline_and_what_the_agency_asked(client, hoa):
    dossier = awaiting_supplement(hoa.user)

    html = client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()

    timeline = re.findall(r"<li><strong>([^<]+)</strong>", html)
    assert timeline == ["Submit", "Receive", "Assign", "Request a supplement"]
    assert "waiting for the applicant&#x27;s supplement" in html
    assert "Thiếu bản sao giấy khai sinh" in html and "Giấy khai sinh" in html
    assert f"/ho-so-cua-toi/{dossier.code}/bo-sung/" in html
    assert f"/ho-so-cua-toi/{dossier.code}/rut/" in html


def test_lower_case_codes_and_references_find_the_same_dossier(client, hoa):
    dossier = processing(hoa.user)
    assert client.get(f"/ho-so-cua-toi/{dossier.code.lower()}/").status_code == 200
    assert client.get(f"/ho-so-cua-toi/{dossier.reference}/").status_code == 200


def test_another_citizen_gets_404_on_every_page_and_file_and_nothing_changes(client, hoa):
    ended = returned(hoa.user)
    waiting = awaiting_supplement(hoa.user)
    stranger = Client()
    citizen(stranger, TOAN)
    pages = [
        f"/ho-so-cua-toi/{ended.code}/",
        f"/ho-so-cua-toi/{ended.reference}/",
        f"/ho-so-cua-toi/{ended.code}/ket-qua/1/",
        f"/ho-so-cua-toi/{ended.code}/danh-gia/",
        f"/ho-so-cua-toi/{waiting.code}/bo-sung/",
        f"/ho-so-cua-toi/{waiting.code}/rut/",
        "/ho-so-cua-toi/000.00.00.H00-000000-0000/",
        "/ho-so-cua-toi/" + "X" * 80 + "/",
    ]
    for path in pages:
        response = stranger.get(path)
        assert response.status_code == 404, path
        assert "Nông Thị Hoa" not in response.content.decode()
    posts = {
        f"/ho-so-cua-toi/{ended.code}/danh-gia/": {"version": ended.version, "satisfaction": 1},
        f"/ho-so-cua-toi/{waiting.code}/rut/": {"version": waiting.version},
    }
    for path, data in posts.items():
        assert stranger.post(path, data).status_code == 404
    assert Dossier.objects.get(pk=ended.pk).satisfaction is None
    assert Dossier.objects.get(pk=waiting.pk).status == "awaiting_supplement"


def test_an_official_logged_in_is_not_a_citizen_here(client, demo_catalog):
    dossier = processing(citizen(Client()).user)
    client.force_login(user(HANDLER))
    response = client.get(f"/ho-so-cua-toi/{dossier.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")


def test_anonymous_visitors_and_expired_sessions_are_told_to_log_in(client, hoa):
    dossier = awaiting_supplement(hoa.user)
    session = client.session
    session.set_expiry(-1)  # the server forgot it; the browser still sends the cookie
    session.save()

    response = client.get(f"/ho-so-cua-toi/{dossier.code}/", follow=True)
    assert response.redirect_chain[0][0] == f"/dang-nhap/?next=%2Fho-so-cua-toi%2F{dossier.code}%2F"
    assert "Your session has ended" in response.content.decode()

    response = client.post(f"/ho-so-cua-toi/{dossier.code}/rut/", {"version": dossier.version}, follow=True)
    assert "nothing was sent" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == "awaiting_supplement"

    fresh = Client()
    fresh.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = fresh.get("/ho-so-cua-toi/", follow=True)
    assert "Log in with VNeID to follow your dossiers." in response.content.decode()


def test_withdrawing_ends_the_dossier_once(client, hoa):
    dossier = processing(hoa.user)
    assert client.get(f"/ho-so-cua-toi/{dossier.code}/rut/").status_code == 200

    response = client.post(
        f"/ho-so-cua-toi/{dossier.code}/rut/", {"version": dossier.version, "reason": "Không cần nữa"}
    )

    assert response.status_code == 302 and response["Location"] == f"/ho-so-cua-toi/{dossier.code}/"
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn" and dossier.finished_at is not None
    event = dossier.events.order_by("-seq").first()
    assert (event.action, event.actor_kind, event.note) == ("withdraw", "applicant", "Không cần nữa")
    page = client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "withdrawn by the applicant" in page and "/rut/" not in page
    again = client.post(f"/ho-so-cua-toi/{dossier.code}/rut/", {"version": dossier.version})
    assert again.status_code == 409 and dossier.events.count() == event.seq


def test_withdrawing_from_a_stale_page_is_refused_clearly(client, hoa):
    dossier = processing(hoa.user)
    seen = dossier.version
    services.request_supplement(dossier=dossier.code, by=user(HANDLER), reason="Thiếu giấy tờ")

    response = client.post(f"/ho-so-cua-toi/{dossier.code}/rut/", {"version": seen})

    assert response.status_code == 409
    assert "Someone else changed dossier" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == "awaiting_supplement"


def test_a_withdrawal_without_its_version_is_a_bad_request(client, hoa):
    dossier = processing(hoa.user)
    assert client.post(f"/ho-so-cua-toi/{dossier.code}/rut/", {"version": "x"}).status_code == 400
    assert Dossier.objects.get(pk=dossier.pk).status == "processing"
