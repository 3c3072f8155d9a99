"""The QR code's compact signature (format motcua-qr-sig/1), checkable offline."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from motcua.signing import qrsig
from motcua.signing.models import Certificate
from motcua.signing.selectors import check_qr_signature, qr_public_keys_pem
from motcua.signing.services import ensure_certificate_authority, qr_signature

CODE = "000.01.50.H14-261124-0001-KQ1"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
AT = datetime(2026, 11, 24, 17, 5, 9, 123456, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_the_canonical_string_is_exact():
    assert qrsig.canonical(CODE, SHA.upper(), AT) == (
        b"motcua-qr-sig/1\n000.01.50.H14-261124-0001-KQ1\n" + SHA.encode() + b"\n2026-11-24T10:05:09Z"
    )
    assert qrsig.canonical(CODE, "", AT).endswith(b"-KQ1\n\n2026-11-24T10:05:09Z")


def test_a_known_vector():
    """A phone app can test itself against this: RFC 8032's key with seed 32 zero bytes."""
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    signature = qrsig.sign(key, qrsig.canonical(CODE, SHA, AT))
    assert signature == (
        "7mbnUkeQEEPO_YRgFm_VY_9uULoos4YDYsFeQTj-1E7ar13qI0CeM47JZK_UwYDF6Qsu--cC0BTXYs2cEpGDDA"
    )  # the vector published in docs/subsystems/signing.md
    assert qrsig.verify(key.public_key(), qrsig.canonical(CODE, SHA, AT), signature)


@pytest.mark.parametrize(
    ("sha", "at"),
    [("abc", AT), (SHA, datetime(2026, 11, 24, 10, 5, 9))],
)
def test_bad_values_are_refused(sha, at):
    with pytest.raises(ValueError):
        qrsig.canonical(CODE, sha, at)


@pytest.mark.django_db
class TestProvinceKey:
    @pytest.fixture(autouse=True)
    def authority(self):
        ensure_certificate_authority(by="tests")

    def test_sign_and_check(self):
        signature = qr_signature(CODE, SHA, AT)

        assert len(signature) == 86
        assert check_qr_signature(CODE, SHA, AT, signature)
        assert check_qr_signature(CODE, SHA, AT.astimezone(UTC).replace(microsecond=0), signature)

    @pytest.mark.parametrize(
        "changed",
        [
            {"result_code": CODE.replace("KQ1", "KQ2")},
            {"sha256": SHA.replace("9f", "9e")},
            {"sha256": ""},
            {"issued_at": AT.replace(second=10)},
        ],
    )
    def test_any_change_fails(self, changed):
        signature = qr_signature(CODE, SHA, AT)
        values = {"result_code": CODE, "sha256": SHA, "issued_at": AT} | changed
        assert not check_qr_signature(signature=signature, **values)

    @pytest.mark.parametrize("garbage", ["", "x", "!" * 86, "A" * 86, "A" * 87, None])
    def test_garbage_signatures_fail_quietly(self, garbage):
        assert not check_qr_signature(CODE, SHA, AT, garbage)

    def test_garbage_values_fail_quietly(self):
        assert not check_qr_signature(CODE, SHA, "yesterday", qr_signature(CODE, SHA, AT))

    def test_the_published_key_checks_it_without_our_code(self):
        signature = qr_signature(CODE, "", AT)

        public_key = serialization.load_pem_public_key(qr_public_keys_pem().encode())
        raw = base64.urlsafe_b64decode(signature + "==")
        public_key.verify(raw, qrsig.canonical(CODE, "", AT))  # raises if wrong

    def test_a_revoked_qr_key_no_longer_checks(self):
        signature = qr_signature(CODE, SHA, AT)
        Certificate.objects.filter(kind="qr").update(status="revoked")
        assert not check_qr_signature(CODE, SHA, AT, signature)
        assert qr_public_keys_pem() == ""
