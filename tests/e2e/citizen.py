"""What the citizen's browser tests share: the demo province, Nông Thị Hoa, her steps in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.support import DEMO_PASSWORD, axe_violations, describe, vi

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", DOCS))
WEIGHT_REPORT = SHOTS / "portal-page-weight.json"
PHONE = {"width": 390, "height": 844}
PAGE_BUDGET = 60 * 1024  # HTML + CSS + JS, gzip-compressed (fonts and images aside)

CODE = "1.004194"  # 7,000 đồng online; a mandatory reusable document; receive → … → sign → return
PROCEDURE = "Đăng ký tạm trú"
THUC_PHAN_COMMITTEE = "000.01.50.H14"
HOA = "004095001234"  # Nông Thị Hoa, a level-2 identity of the VNeID simulator
THUC_PHAN = "01273"  # Phường Thục Phán, the demo ward
HOME = "Số 8, phố Vườn Cam, phường Thục Phán, tỉnh Cao Bằng"
SIGNING_PIN = "123456"  # the demo signers' test certificates
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
STORED = "Hợp đồng thuê nhà"  # already in her data store, reused for the dossier


@contextmanager
def hoa_in_the_demo_province(live_server) -> Iterator[None]:
    """Cao Bằng with its catalog; temporary residence offered online; Hoa known to the population DB."""
    from motcua.catalog.models import Procedure
    from motcua.demo import services
    from motcua.dossiers.services import assign_competence
    from motcua.integrations.base import registry
    from motcua.integrations.payment.simulator import simulator as payments
    from motcua.integrations.population.simulator import _citizen
    from motcua.integrations.population.simulator import simulator as population
    from motcua.integrations.vneid.simulator.registration import register_motcua_client

    services.seed_demo(province_code="04", password=DEMO_PASSWORD, with_catalog=True, with_dossiers=False)
    Procedure.objects.filter(code=CODE).update(online_level="full")
    # The demo has the provincial police decide residence, and seeds no officer there: here
    # the ward decides it, so its officials (and their signing certificates) can act.
    assign_competence(procedure_code=CODE, agency_code=THUC_PHAN_COMMITTEE, by=official("admin"))
    register_motcua_client(redirect_uris=[f"{live_server.url}/dang-nhap/vneid/callback/"])
    registry.reset()
    population.reset()
    payments.reset()
    population.citizens[HOA] = _citizen(HOA, "Nông Thị Hoa", "19950314", 2, (THUC_PHAN, HOME))
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield
    population.reset()
    payments.reset()
    registry.reset()


def accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


def official(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def dossier_of_hoa():
    from motcua.dossiers.models import Dossier

    return Dossier.objects.get(owner_id_number=HOA)


def log_in_with_vneid(page) -> None:
    """From the login page, through the simulator, as Hoa."""
    page.get_by_role("button", name=vi("Log in with VNeID")).click()
    expect(page.get_by_text(vi("VNeID — simulated environment")).first).to_be_visible()
    page.get_by_role("button", name=HOA).click()


def store_a_document_for_hoa() -> None:
    from motcua.datastore import services as store

    store.store_document(
        owner=official(HOA), kind="e_result", name=STORED, content=PDF, file_name="hop-dong-thue-nha.pdf"
    )


def hoa_has_a_dossier(*, received: bool = True):
    """Hoa's temporary residence dossier submitted online through the services (fee unpaid),
    reusing the lease from her data store; received at the ward's desk unless told otherwise."""
    import uuid

    from motcua.datastore import selectors as store_selectors
    from motcua.dossiers import services as dossiers
    from motcua.dossiers.services.components import ComponentInput
    from motcua.dossiers.services.intake import ApplicantInput
    from motcua.dossiers.services.online import OnlineApplication, save_draft, submit_draft

    store_a_document_for_hoa()
    [lease] = store_selectors.documents_of(official(HOA))
    application = OnlineApplication(
        procedure_code=CODE,
        reference=uuid.uuid4(),
        owner=ApplicantInput(
            name="Nông Thị Hoa", id_number=HOA, phone="0912345678", address=HOME, unit_code=THUC_PHAN
        ),
        form_data={
            "applicant": {"full_name": "Nông Thị Hoa", "citizen_id": HOA, "phone": "0912345678"},
            "address": {"province": "04", "commune": THUC_PHAN, "street": "Số 21, phố Hoàng Đình Giong"},
            "from_date": "2026-12-01",
            "to_date": "2027-11-30",
            "reason": "work",
            "basis": "owned",
            "delivery": "online",
            "declaration": True,
        },
        components=(ComponentInput(position=2, file=lease.file, store_document=str(lease.reference)),),
    )
    dossier = save_draft(application=application, account=official(HOA), assurance_level=2)
    dossier = submit_draft(dossier=dossier, by=official(HOA))
    if received and dossier.status == "submitted":  # some procedures may be received on submission
        dossier = dossiers.receive_dossier(dossier=dossier, by=official("thucphan.motcua"))
    return dossier
