"""The province's CA once per test module (rolled back after it), a result PDF once per session."""

from __future__ import annotations

import pytest
from django.db import transaction

from motcua.agencies.tests.factories import AgencyFactory, OfficialFactory, OfficialRoleFactory

PIN = "246810"


@pytest.fixture(scope="module")
def _authority(django_db_setup, django_db_blocker):
    from motcua.signing.services import ensure_certificate_authority

    with django_db_blocker.unblock(), transaction.atomic():
        yield ensure_certificate_authority(by="tests")
        transaction.set_rollback(True)


@pytest.fixture
def authority(db, _authority):
    """The province's test CA (its AuthorityReport)."""
    return _authority


@pytest.fixture(scope="session")
def result_pdf() -> bytes:
    """A one-page A4 result in Vietnamese, as WeasyPrint prints the slips."""
    from motcua.dossiers.slips.render import font_faces, html_to_pdf

    face = font_faces()[0]
    html = f"""<html><head><style>
      @font-face {{ font-family: "{face["family"]}"; src: url("{face["url"]}"); }}
      body {{ font-family: "{face["family"]}"; }} @page {{ size: A4; margin: 2cm 2cm 3.5cm; }}
    </style></head><body>
      <h1>GIẤY CHỨNG NHẬN ĐĂNG KÝ KHAI SINH</h1>
      <p>Họ và tên: Nông Thị Ủy — Ngày sinh: 01/02/2026 — Nơi đăng ký: phường Thục Phán</p>
    </body></html>"""
    return html_to_pdf(html)


@pytest.fixture
def agency(authority):
    return AgencyFactory(name="Ủy ban nhân dân phường Thục Phán")


@pytest.fixture
def official(agency):
    person = OfficialFactory(agency=agency, full_name="Nguyễn Văn Ánh", position="Chủ tịch")
    OfficialRoleFactory(official=person, agency=agency, role="signer")
    return person
