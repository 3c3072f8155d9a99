"""My dossiers also holds what was filed for the citizen elsewhere (a desk, the post, the
national portal), found by their VNeID-verified citizen ID — at assurance level 2 only,
both at this login and on the profile (motcua/dossiers/ownership.py says why)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from motcua.citizens.tests.helpers import log_in_citizen
from motcua.core.errors import NotFound
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier, PersonalDataAccess
from motcua.dossiers.services import DossierInput, create_dossier
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, THUC_PHAN_CENTER, owner, user
from motcua.portal.tests.follow_support import (
    DESK,
    HANDLER,
    HOA,
    LEADER,
    SIGNER,
    TOAN,
    citizen,
    pdf,
    submitted,
)

pytestmark = pytest.mark.django_db


def filed_at_desk(id_number: str = HOA, *, name: str = "Nông Thị Hoa", channel: str = "desk") -> Dossier:
    """Received at the Thục Phán center for the citizen with ``id_number``; no account."""
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel=channel,
        owner=owner(name=name, id_number=id_number),
        served_at=THUC_PHAN_CENTER,
    )
    dossier = create_dossier(data=data, by=user(DESK), submit=False)
    dossier.components.update(copies=1)
    dossier = services.submit_dossier(dossier=dossier, by=user(DESK))
    return services.receive_dossier(dossier=dossier, by=user(DESK))


def processing(**kwargs) -> Dossier:
    return services.assign_dossier(dossier=filed_at_desk(**kwargs).code, by=user(DESK))


def awaiting_supplement(**kwargs) -> Dossier:
    return services.request_supplement(
        dossier=processing(**kwargs).code,
        by=user(HANDLER),
        reason="Thiếu giấy khai sinh",
        missing=["Khai sinh"],
    )


def returned(**kwargs) -> Dossier:
    code = processing(**kwargs).code
    services.complete_step(dossier=code, by=user(HANDLER))
    services.approve_dossier(dossier=code, by=user(LEADER))
    services.sign_result(dossier=code, by=user(SIGNER), file=pdf("ket-qua.pdf"))
    return services.return_result(dossier=code, by=user(DESK), delivery="desk")


@pytest.fixture
def hoa(client, demo_catalog):
    return citizen(client)  # level 2, at this login and on the profile


def test_a_dossier_filed_at_the_desk_shows_up_for_its_level_2_owner(client, hoa):
    # given: one at the desk, one by post, one she submitted online, and someone else's
    desk = processing()
    post = filed_at_desk(channel="post")
    online = submitted(hoa.user)
    theirs = filed_at_desk(TOAN, name="Lý Văn Toàn")

    # when
    html = client.get("/ho-so-cua-toi/").content.decode()

    # then
    assert desk.code in html and post.code in html and f"/ho-so-cua-toi/{online.reference}/" in html
    assert "at the desk" in html and "by post" in html
    assert theirs.code not in html and "Lý Văn Toàn" not in html
    detail = client.get(f"/ho-so-cua-toi/{desk.code}/")
    assert detail.status_code == 200 and "being processed" in detail.content.decode()
    assert client.get(f"/ho-so-cua-toi/{desk.reference}/").status_code == 200


def test_the_owner_answers_a_supplement_request_and_withdraws_a_desk_dossier(client, hoa):
    waiting = awaiting_supplement()
    response = client.post(
        f"/ho-so-cua-toi/{waiting.code}/bo-sung/",
        {"version": waiting.version, "file_2": pdf("khai-sinh.pdf")},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "processing"
    event = waiting.events.order_by("-seq").first()
    assert (event.action, event.actor_kind, event.actor_id) == ("supplement", "applicant", hoa.user.pk)

    response = client.post(
        f"/ho-so-cua-toi/{waiting.code}/rut/", {"version": waiting.version, "reason": "Thôi"}
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=waiting.pk).status == "withdrawn"


def test_the_owner_downloads_the_result_and_rates_a_desk_dossier(client, hoa):
    ended = returned()

    download = client.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/1/")
    rating = client.post(
        f"/ho-so-cua-toi/{ended.code}/danh-gia/", {"version": ended.version, "satisfaction": 3}
    )

    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert rating.status_code == 302 and Dossier.objects.get(pk=ended.pk).satisfaction == 3


def test_another_citizen_gets_404_for_every_page_file_and_action_and_nothing_changes(demo_catalog):
    ended, waiting = returned(), awaiting_supplement()
    stranger = Client()
    citizen(stranger, TOAN)  # level 2 too, but not the owner
    pages = [
        f"/ho-so-cua-toi/{ended.code}/",
        f"/ho-so-cua-toi/{ended.reference}/",
        f"/ho-so-cua-toi/{ended.code}/ket-qua/1/",
        f"/ho-so-cua-toi/{ended.code}/danh-gia/",
        f"/ho-so-cua-toi/{waiting.code}/bo-sung/",
        f"/ho-so-cua-toi/{waiting.code}/rut/",
    ]
    for path in pages:
        response = stranger.get(path)
        assert response.status_code == 404, path
        assert "Nông Thị Hoa" not in response.content.decode()
    rating = {"version": ended.version, "satisfaction": 1}
    assert stranger.post(f"/ho-so-cua-toi/{ended.code}/danh-gia/", rating).status_code == 404
    assert (
        stranger.post(f"/ho-so-cua-toi/{waiting.code}/rut/", {"version": waiting.version}).status_code == 404
    )
    list_html = stranger.get("/ho-so-cua-toi/").content.decode()
    assert ended.code not in list_html and waiting.code not in list_html
    assert Dossier.objects.get(pk=ended.pk).satisfaction is None
    assert Dossier.objects.get(pk=waiting.pk).status == "awaiting_supplement"


def test_a_level_1_login_sees_only_what_it_submitted_and_is_told_why(client, demo_catalog):
    desk = processing()
    low = log_in_citizen(client, HOA, level=1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    online = submitted(low.user)

    html = client.get("/ho-so-cua-toi/").content.decode()

    assert desk.code not in html and f"/ho-so-cua-toi/{online.reference}/" in html
    assert "level-2 VNeID account" in html
    assert client.get(f"/ho-so-cua-toi/{desk.code}/").status_code == 404
    assert client.post(f"/ho-so-cua-toi/{desk.code}/rut/", {"version": desk.version}).status_code == 404
    assert Dossier.objects.get(pk=desk.pk).status == "processing"


def test_a_level_2_session_is_not_enough_once_the_profile_was_last_seen_at_level_1(client, hoa):
    # Logged in at level 2 here; then at level 1 on another device: the lower level wins.
    desk = processing()
    assert client.get(f"/ho-so-cua-toi/{desk.code}/").status_code == 200
    log_in_citizen(Client(), HOA, level=1)

    assert client.get(f"/ho-so-cua-toi/{desk.code}/").status_code == 404
    assert desk.code not in client.get("/ho-so-cua-toi/").content.decode()


def test_a_level_1_session_is_not_lifted_by_a_level_2_login_elsewhere(client, demo_catalog):
    desk = processing()
    log_in_citizen(client, HOA, level=1)
    log_in_citizen(Client(), HOA, level=2)  # the profile now says level 2

    assert client.get(f"/ho-so-cua-toi/{desk.code}/").status_code == 404


def test_the_engine_takes_the_owner_as_applicant_only_at_level_2(demo_catalog):
    desk = processing()
    low = log_in_citizen(Client(), HOA, level=1).user
    with pytest.raises(NotFound):
        services.withdraw_dossier(dossier=desk.code, by=low, reason="thử")
    assert Dossier.objects.get(pk=desk.pk).status == "processing"

    high = log_in_citizen(Client(), HOA, level=2).user
    assert services.withdraw_dossier(dossier=desk.code, by=high, reason="thử").status == "withdrawn"


def test_an_organisation_with_the_same_number_or_a_party_is_not_the_citizen(client, hoa):
    # A dossier where Hoa is only the one who carried it in, and one whose owner is an
    # organisation: neither is hers by citizen ID.
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel="desk",
        owner=owner(name="Công ty Non Nước", id_number=HOA, kind="organisation"),
        served_at=THUC_PHAN_CENTER,
    )
    company = create_dossier(data=data, by=user(DESK), submit=False)
    services.submit_dossier(dossier=company, by=user(DESK))

    html = client.get("/ho-so-cua-toi/").content.decode()

    assert "Công ty Non Nước" not in html
    assert client.get(f"/ho-so-cua-toi/{company.reference}/").status_code == 404


def test_drafts_stay_with_the_account(client, hoa):
    desk_draft = create_dossier(
        data=DossierInput(
            procedure_code=MARRIAGE_STATUS,
            channel="desk",
            owner=owner(name="Nông Thị Hoa", id_number=HOA),
            served_at=THUC_PHAN_CENTER,
        ),
        by=user(DESK),
        submit=False,
    )
    assert desk_draft.status == "draft"
    assert str(desk_draft.reference) not in client.get("/ho-so-cua-toi/").content.decode()
    assert client.get(f"/ho-so-cua-toi/{desk_draft.reference}/").status_code == 404


def test_the_access_log_covers_desk_dossiers_at_level_2_only(client, hoa):
    desk = processing()
    PersonalDataAccess.objects.create(
        dossier=desk, user=user(HANDLER), user_name="Cán bộ xử lý", purpose="backoffice", at=desk.received_at
    )
    assert desk.code in client.get("/kho-du-lieu/nhat-ky-truy-cap/").content.decode()

    low = Client()
    log_in_citizen(low, HOA, level=1)
    assert desk.code not in low.get("/kho-du-lieu/nhat-ky-truy-cap/").content.decode()


def test_my_dossiers_by_citizen_id_is_one_indexed_query(hoa, demo_catalog, django_assert_num_queries):
    for _ in range(3):
        processing()
    rows = selectors.dossiers_of_account(hoa.user, level=2)
    with django_assert_num_queries(1):
        assert len(list(rows)) == 3
    plan = _plan(rows)
    assert "dossier_owner_idx" in plan, plan


def _plan(rows) -> str:
    """The database's plan for ``rows`` with table scans discouraged (tiny test tables)."""
    query, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {query}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {query}", params)
        return "\n".join(str(row) for row in cursor.fetchall())
