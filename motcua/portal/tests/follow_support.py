"""Dossiers of a logged-in citizen, moved along by the engine's own services (follow-up tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.citizens.tests.helpers import log_in_citizen
from motcua.dossiers import services
from motcua.dossiers.services import DossierInput, create_dossier
from motcua.dossiers.tests.helpers import MARRIAGE_STATUS, owner, user

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HOA = "004095001234"  # Nông Thị Hoa (the VNeID simulator's level-2 identity)
TOAN = "004203003456"
DESK, HANDLER, LEADER, SIGNER = "thucphan.motcua", "thucphan.xuly", "thucphan.lanhdao", "thucphan.kyso"


def pdf(name: str = "giay-to.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def citizen(client: Client, number: str = HOA, name: str = ""):
    """Logged in, reading English (the checked messages stay true once translated)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return log_in_citizen(client, number, name=name or ("Lý Văn Toàn" if number == TOAN else ""))


def submitted(account, *, phone: str = "0912345678", name: str = "Nông Thị Hoa"):
    """An online dossier of ``account``, submitted (every document counted as given)."""
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel="online",
        owner=owner(name=name, id_number=account.username, phone=phone),
    )
    dossier = create_dossier(data=data, by=account, submit=False, account=account)
    dossier.components.update(copies=1)
    return services.submit_dossier(dossier=dossier, by=account)


def processing(account, **kwargs):
    dossier = services.receive_dossier(dossier=submitted(account, **kwargs), by=user(DESK))
    return services.assign_dossier(dossier=dossier.code, by=user(DESK))


def awaiting_supplement(account, **kwargs):
    dossier = processing(account, **kwargs)
    return services.request_supplement(
        dossier=dossier.code,
        by=user(HANDLER),
        reason="Thiếu bản sao giấy khai sinh",
        missing=["Giấy khai sinh"],
    )


def returned(account, **kwargs):
    """Straight through: processed, approved, a signed PDF issued and handed over."""
    dossier = processing(account, **kwargs)
    services.complete_step(dossier=dossier.code, by=user(HANDLER))
    services.approve_dossier(dossier=dossier.code, by=user(LEADER))
    services.sign_result(dossier=dossier.code, by=user(SIGNER), file=pdf("ket-qua.pdf"))
    return services.return_result(dossier=dossier.code, by=user(DESK), delivery="online")
