"""The applicant's own actions from the portal: answering a supplement request (the clock
resumes), downloading the signed result, rating once after the end."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import frozen, user
from motcua.portal.tests.follow_support import (
    DESK,
    PDF,
    awaiting_supplement,
    citizen,
    pdf,
    processing,
    returned,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoa(client, demo_catalog):
    return citizen(client)


def test_answering_a_supplement_request_online_resumes_the_clock(client, hoa):
    with frozen(2026, 3, 2, 9, 0):  # Monday; 5 working days → 9 March
        dossier = awaiting_supplement(hoa.user)
    assert dossier.appointment_on == date(2026, 3, 9)
    url = f"/ho-so-cua-toi/{dossier.code}/bo-sung/"
    with frozen(2026, 3, 5, 10, 0):  # Thursday: 3 working days off the clock
        form = client.get(url)
        response = client.post(
            url, {"version": dossier.version, "file_2": pdf("khai-sinh.pdf"), "note": "Đã bổ sung"}
        )

    assert form.status_code == 200 and "Thiếu bản sao giấy khai sinh" in form.content.decode()
    assert response.status_code == 302 and response["Location"] == f"/ho-so-cua-toi/{dossier.code}/"
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert dossier.appointment_on == date(2026, 3, 12)
    assert not dossier.pauses.filter(ended_at__isnull=True).exists()
    component = dossier.components.get(position=2)
    assert component.file_name == "khai-sinh.pdf" and component.sha256 == hashlib.sha256(PDF).hexdigest()
    event = dossier.events.order_by("-seq").first()
    assert (event.action, event.actor_kind, event.note) == ("supplement", "applicant", "Đã bổ sung")
    assert event.data["paused_working_days"] == 3
    page = client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "12/03/2026" in page and "first set for 09/03/2026" in page and "/bo-sung/" not in page


def test_a_supplement_asked_at_receipt_goes_back_to_the_desk(client, hoa):
    dossier = submitted(hoa.user)
    services.request_supplement(dossier=dossier, by=user(DESK), reason="Thiếu tờ khai")
    response = client.post(
        f"/ho-so-cua-toi/{dossier.reference}/bo-sung/", {"version": dossier.version + 1, "file_1": pdf()}
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == "submitted"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "Choose at least one file"),
        ({"file_2": pdf("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64)}, "only PDF, JPEG, PNG and TIFF"),
        ({"file_99": pdf()}, "Choose at least one file"),
    ],
    ids=["nothing", "disguised", "unknown-document"],
)
def test_a_bad_supplement_says_why_and_changes_nothing(client, hoa, files, message):
    dossier = awaiting_supplement(hoa.user)
    response = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"version": dossier.version, **files})
    assert response.status_code == 400 and message in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_supplement" and dossier.events.count() == 4
    assert not dossier.components.exclude(file="").exists()


def test_no_supplement_when_none_was_asked(client, hoa):
    dossier = processing(hoa.user)
    response = client.post(
        f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"version": dossier.version, "file_2": pdf()}
    )
    assert response.status_code == 409
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_the_signed_result_is_downloaded_once_issued_and_only_then(client, hoa):
    open_one = processing(hoa.user)
    page = client.get(f"/ho-so-cua-toi/{open_one.code}/").content.decode()
    assert "/ket-qua/" not in page
    assert client.get(f"/ho-so-cua-toi/{open_one.code}/ket-qua/1/").status_code == 404

    ended = returned(hoa.user)
    page = client.get(f"/ho-so-cua-toi/{ended.code}/").content.decode()
    assert f"{ended.code}-KQ1" in page and f"/ho-so-cua-toi/{ended.code}/ket-qua/1/" in page
    download = client.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/1/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert f'filename="{ended.code}-KQ1.pdf"' in download["Content-Disposition"]
    assert client.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/2/").status_code == 404


def test_a_revoked_result_is_not_offered(client, hoa):
    ended = returned(hoa.user)
    ended.results.update(state="revoked")
    assert client.get(f"/ho-so-cua-toi/{ended.code}/ket-qua/1/").status_code == 404
    assert "revoked" in client.get(f"/ho-so-cua-toi/{ended.code}/").content.decode()


def test_rating_once_the_dossier_has_ended_and_a_second_rating_is_refused(client, hoa):
    ended = returned(hoa.user)
    url = f"/ho-so-cua-toi/{ended.code}/danh-gia/"
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "version": ended.version,
            "satisfaction": 3,
            "criterion_punctuality": 3,
            "criterion_staff_attitude": 2,
            "criterion_visits_needed": "",
            "comment": "Nhanh, chu đáo",
        },
    )

    assert response.status_code == 302
    ended.refresh_from_db()
    assert ended.satisfaction == 3
    assert ended.rating["criteria"] == {"punctuality": 3, "staff_attitude": 2}
    assert ended.rating["comment"] == "Nhanh, chu đáo"
    page = client.get(f"/ho-so-cua-toi/{ended.code}/").content.decode()
    assert "Very satisfied" in page and "Nhanh, chu đáo" in page and "/danh-gia/" not in page
    assert "already rated" in client.get(url).content.decode()

    again = client.post(url, {"version": ended.version, "satisfaction": 1})
    assert again.status_code == 409 and "This dossier has already been rated." in again.content.decode()
    ended.refresh_from_db()
    assert ended.satisfaction == 3 and ended.events.filter(action="rate").count() == 1


def test_rating_before_the_end_or_with_a_bad_level_is_refused(client, hoa):
    dossier = processing(hoa.user)
    url = f"/ho-so-cua-toi/{dossier.code}/danh-gia/"
    assert "once your dossier has ended" in client.get(url).content.decode()
    assert client.post(url, {"version": dossier.version, "satisfaction": 3}).status_code == 409
    ended = returned(hoa.user)
    bad = client.post(f"/ho-so-cua-toi/{ended.code}/danh-gia/", {"version": ended.version, "satisfaction": 5})
    assert bad.status_code == 400
    assert Dossier.objects.filter(satisfaction__isnull=False).count() == 0
