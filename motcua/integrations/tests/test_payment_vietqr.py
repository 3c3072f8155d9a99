"""The VietQR encoder/decoder: NAPAS's own examples, round trips, the CRC, ASCII purposes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.integrations.payment import vietqr
from motcua.integrations.payment.vietqr import VietQR

# From the NAPAS VietQR specification (IBFT v1.5.2), as quoted in public VietQR libraries.
NAPAS_DYNAMIC_TO_ACCOUNT = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)
NAPAS_STATIC_TO_CARD = (
    "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52"
)
# A payOS code seen in public data (lower-case hex CRC in another public sample below).
PAYOS_SAMPLE = (
    "00020101021238590010A000000727012900069704180115V3CAS62627239240208QRIBFTTA"
    "530370454063750005802VN62250821CSPZKHEL6A2 NTK O000463044729"
)
LOWER_CASE_CRC = "00020101021138540010A00000072701240006970422011008129452690208QRIBFTTA53037045802VN6304d5f3"


def test_encodes_the_napas_examples_character_for_character():
    dynamic = VietQR("970403", "0011012345678", 180000, "thanh toan don hang", bill="NPS6869")
    assert vietqr.encode(dynamic) == NAPAS_DYNAMIC_TO_ACCOUNT
    static_card = VietQR("970403", "9704031101234567", None, "", vietqr.TO_CARD)
    assert vietqr.encode(static_card) == NAPAS_STATIC_TO_CARD


def test_decodes_published_samples():
    assert vietqr.decode(NAPAS_DYNAMIC_TO_ACCOUNT) == VietQR(
        "970403", "0011012345678", 180000, "thanh toan don hang", bill="NPS6869"
    )
    payos = vietqr.decode(PAYOS_SAMPLE)
    assert (payos.bank_bin, payos.bank_name, payos.account, payos.amount) == (
        "970418",
        "BIDV",
        "V3CAS6262723924",
        375000,
    )
    assert payos.purpose == "CSPZKHEL6A2 NTK O0004"
    assert vietqr.decode(LOWER_CASE_CRC).account == "0812945269"


def test_crc_is_ccitt_false():
    assert vietqr.crc16("123456789") == "29B1"  # the CRC-16/CCITT-FALSE check value


def test_purpose_is_stripped_to_ascii():
    qr = VietQR("970415", "113000000004", 50000, "Lệ phí đăng ký Đất đai")
    payload = vietqr.encode(qr)
    assert payload.isascii()
    assert vietqr.decode(payload).purpose == "Le phi dang ky Dat dai"
    assert vietqr.strip_diacritics("  Nông   Văn Dũng ") == "Nong Van Dung"


@pytest.mark.parametrize(
    "bad",
    [
        VietQR("97041", "1", 1),
        VietQR("970415", "", 1),
        VietQR("970415", "12 34", 1),
        VietQR("970415", "1", 0),
        VietQR("970415", "1", 1, bill="x" * 26),
    ],
)
def test_refuses_what_napas_does_not_allow(bad):
    with pytest.raises(vietqr.InvalidVietQR):
        vietqr.encode(bad)


def test_refuses_truncated_or_foreign_payloads():
    body = "000201010212" + "5303704" + "5802VN" + "6304"
    with pytest.raises(vietqr.InvalidVietQR, match="field 38"):
        vietqr.decode(body + vietqr.crc16(body))
    with pytest.raises(vietqr.InvalidVietQR, match="CRC"):
        vietqr.decode(NAPAS_STATIC_TO_CARD[:-10])


codes = st.builds(
    VietQR,
    bank_bin=st.sampled_from(sorted(vietqr.BANKS)),
    account=st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=19),
    amount=st.none() | st.integers(min_value=1, max_value=10**12),
    purpose=st.text("abcdefghijklmnopqrstuvwxyz0123456789 ", max_size=25).map(lambda s: " ".join(s.split())),
    bill=st.just("") | st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,24}", fullmatch=True),
)


@given(codes)
def test_round_trip(qr):
    assert vietqr.decode(vietqr.encode(qr)) == qr


@given(codes, st.data())
def test_a_changed_character_breaks_the_crc(qr, data):
    payload = vietqr.encode(qr)
    position = data.draw(st.integers(min_value=0, max_value=len(payload) - 5))
    replacement = data.draw(st.sampled_from("0123456789ABCXYZ").filter(lambda c: c != payload[position]))
    changed = payload[:position] + replacement + payload[position + 1 :]
    with pytest.raises(vietqr.InvalidVietQR):
        vietqr.decode(changed)
