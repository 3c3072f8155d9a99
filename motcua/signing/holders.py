"""Who a certificate belongs to: an agency (its organisation signature) or an official."""

from __future__ import annotations

from typing import Any

from motcua.signing import pki
from motcua.signing.authority import province_name
from motcua.signing.models import CertificateKind

TEST_MARK = " (TEST)"
CN_MAX = 64


def holder_fields(holder: Any) -> dict[str, Any]:
    """The Certificate fields naming ``holder``: its kind and the agency or official FK."""
    label = getattr(getattr(holder, "_meta", None), "label", "")
    if label == "agencies.Agency":
        return {"kind": CertificateKind.AGENCY, "agency": holder}
    if label == "agencies.Official":
        return {"kind": CertificateKind.OFFICIAL, "official": holder}
    raise TypeError(f"a certificate holder is an Agency or an Official, not {holder!r}")


def holder_name(holder: Any) -> str:
    return holder.full_name if holder_fields(holder)["kind"] == CertificateKind.OFFICIAL else holder.name


def subject_for(holder: Any) -> pki.Subject:
    """The certificate subject: the name marked "(TEST)", since the province's CA is a test CA."""
    province = province_name().removeprefix("tỉnh ").removeprefix("thành phố ")
    if holder_fields(holder)["kind"] == CertificateKind.OFFICIAL:
        return pki.Subject(
            common_name=_marked(holder.full_name),
            organisation=holder.agency.name,
            title=holder.position,
            province=province,
        )
    return pki.Subject(common_name=_marked(holder.name), organisation=holder.name, province=province)


def _marked(name: str) -> str:
    return pki.fit(name, CN_MAX - len(TEST_MARK)) + TEST_MARK
