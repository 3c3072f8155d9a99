"""VietQR (NAPAS 24/7 transfer QR on the EMVCo merchant-presented format): encode and decode. Pure.

A payload is a run of TLV fields: a 2-digit id, a 2-digit length (in characters), the
value. The ones we use::

    00 "01"                payload format indicator
    01 "11" | "12"         static | dynamic (an amount is set: one payment)
    38 …                   merchant account, NAPAS template:
       00 "A000000727"       NAPAS GUID
       01 …                  beneficiary organisation: 00 bank BIN (6 digits), 01 account number
       02 "QRIBFTTA"         service: inter-bank transfer to an account ("QRIBFTTC" to a card)
    53 "704"               currency (VND)
    54 "50000"             amount (VND, digits only)
    58 "VN"                country
    62 …                   additional data: 01 bill number, 08 purpose of the transfer
    63 "ABCD"              CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of everything before
                           it, "6304" included, as 4 upper-case hex digits

Banking apps count lengths in characters and many mangle non-ASCII text, so the purpose
is reduced to ASCII (``strip_diacritics``: "Lệ phí" → "Le phi") before encoding.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "BANKS",
    "InvalidVietQR",
    "VietQR",
    "crc16",
    "decode",
    "encode",
    "strip_diacritics",
]

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
MAX_PURPOSE = 25  # EMVCo: each additional-data field (62/01, 62/08) is at most 25 characters
MAX_ACCOUNT = 19

# Banks by NAPAS BIN (a few common ones; the province's collection accounts are at these).
BANKS = {
    "970405": "Agribank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970436": "Vietcombank",
    "970403": "Sacombank",
    "970422": "MB",
}


class InvalidVietQR(ValueError):
    """The text is not a VietQR payload we can read (the message says why)."""


@dataclass(frozen=True)
class VietQR:
    bank_bin: str
    account: str
    amount: int | None = None  # VND; None for a static code (the payer types the amount)
    purpose: str = ""
    service: str = TO_ACCOUNT
    bill: str = ""  # bill number (62/01): the payment's reference, so a transfer can be matched

    @property
    def bank_name(self) -> str:
        return BANKS.get(self.bank_bin, self.bank_bin)


def strip_diacritics(text: str) -> str:
    """Vietnamese text → printable ASCII ("Đăng ký" → "Dang ky"); other characters dropped."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if c.isascii() and (c.isprintable() or c == " "))
    return " ".join(ascii_text.split())


def crc16(text: str) -> str:
    """CRC-16/CCITT-FALSE of ``text`` (UTF-8) as 4 upper-case hex digits."""
    crc = 0xFFFF
    for byte in text.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def encode(qr: VietQR) -> str:
    """The payload string (with its CRC) for ``qr``; the purpose is stripped to ASCII."""
    _check(qr)
    purpose = strip_diacritics(qr.purpose)[:MAX_PURPOSE].strip()
    account = _tlv("00", qr.bank_bin) + _tlv("01", qr.account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", account) + _tlv("02", qr.service)
    fields = [
        _tlv("00", "01"),
        _tlv("01", "12" if qr.amount is not None else "11"),
        _tlv("38", merchant),
        _tlv("53", CURRENCY_VND),
    ]
    if qr.amount is not None:
        fields.append(_tlv("54", str(qr.amount)))
    fields.append(_tlv("58", "VN"))
    extra = (_tlv("01", qr.bill) if qr.bill else "") + (_tlv("08", purpose) if purpose else "")
    if extra:
        fields.append(_tlv("62", extra))
    body = "".join(fields) + "6304"
    return body + crc16(body)


def decode(payload: str) -> VietQR:
    """Read a payload; :class:`InvalidVietQR` if the CRC, the structure or NAPAS's fields are wrong."""
    payload = payload.strip()
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise InvalidVietQR("the payload does not end with a CRC field (63)")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise InvalidVietQR("the CRC does not match: the payload was changed or mistyped")
    fields = _parse(payload[:-8])
    if fields.get("00") != "01":
        raise InvalidVietQR("not an EMVCo payload (field 00 must be 01)")
    merchant = _parse(_required(fields, "38"))
    if merchant.get("00") != NAPAS_GUID:
        raise InvalidVietQR("not a VietQR payload (no NAPAS merchant account in field 38)")
    account = _parse(_required(merchant, "01"))
    if fields.get("53", CURRENCY_VND) != CURRENCY_VND:
        raise InvalidVietQR("the currency is not VND (704)")
    amount = fields.get("54")
    if amount is not None and not amount.isdigit():
        raise InvalidVietQR("the amount must be whole dong")
    extra = _parse(fields.get("62", ""))
    return VietQR(
        bank_bin=_required(account, "00"),
        account=_required(account, "01"),
        amount=int(amount) if amount is not None else None,
        purpose=extra.get("08", ""),
        service=merchant.get("02", TO_ACCOUNT),
        bill=extra.get("01", ""),
    )


def _check(qr: VietQR) -> None:
    if not (len(qr.bank_bin) == 6 and qr.bank_bin.isdigit()):
        raise InvalidVietQR("the bank BIN must be 6 digits")
    if not (0 < len(qr.account) <= MAX_ACCOUNT and qr.account.isascii() and qr.account.isalnum()):
        raise InvalidVietQR(f"the account number must be 1 to {MAX_ACCOUNT} letters or digits")
    if qr.amount is not None and not (0 < qr.amount < 10**13):
        raise InvalidVietQR("the amount must be a positive number of dong (at most 13 digits)")
    bill_ok = len(qr.bill) <= MAX_PURPOSE and qr.bill.isascii() and qr.bill.replace("-", "").isalnum()
    if qr.bill and not bill_ok:
        raise InvalidVietQR(f"the bill number must be at most {MAX_PURPOSE} ASCII letters, digits or dashes")
    if qr.service not in (TO_ACCOUNT, TO_CARD):
        raise InvalidVietQR("the service must be QRIBFTTA (account) or QRIBFTTC (card)")


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise InvalidVietQR(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def _parse(text: str) -> dict[str, str]:
    fields, position = {}, 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not head.isdigit():
            raise InvalidVietQR(f"malformed field header at position {position}")
        length = int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise InvalidVietQR(f"field {head[:2]} is cut short")
        fields[head[:2]] = value
        position += 4 + length
    return fields


def _required(fields: dict[str, str], tag: str) -> str:
    if not fields.get(tag):
        raise InvalidVietQR(f"field {tag} is missing")
    return fields[tag]
