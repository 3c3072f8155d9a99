"""Which dossier events tell the owner, what the SMS and e-mail say, and to whom they go.

Built for ``messages.queue_messages``, which writes them in the action's transaction: one
``notify`` outbox message per channel, key ``notify:<reference>:<event seq>:<channel>``, the
text composed now in Vietnamese (a later delivery says what was true then). The ``notify`` adapter
(``motcua.integrations.notifications``) only sends it, failing over between providers.

SMS text is GSM-7 without diacritics, at most 160 characters (one segment): Vietnamese with
diacritics needs UCS-2, 70 characters a segment, so the same message would cost two or three
segments, and unaccented text is what brand-name SMS in Vietnam customarily carries. The
variable part (a reason, the missing documents) is shortened to fit; the e-mail carries the
full text with diacritics.

Recipients: the owner's phone (SMS) and e-mail, each one given. The dossier has no
"contact preference" field yet, so the owner's own contacts are the choice; when the owner
gave neither, the authorised representative's, then the submitter's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.dossiers.models import Dossier, DossierEvent, PartyRole
from motcua.dossiers.workflow import Action
from motcua.integrations.services import outbox_message

if TYPE_CHECKING:  # the rows' type only: dossiers reach integrations through its services
    from motcua.integrations.models import OutboxMessage

NOTIFY = "notify"
SMS, EMAIL = "sms", "email"
SMS_LIMIT = 160
NOTIFICATION_LANGUAGE = "vi"

# GSM 03.38 basic characters that survive every operator's gateway (no escape sequences).
_GSM_SAFE = re.compile(r"[^A-Za-z0-9 @£$¥!\"#%&'()*+,\-./:;<=>?_\n]")
_PHONE = re.compile(r"^(?:\+?84|0)(\d{9})$")


@dataclass(frozen=True)
class Notice:
    """One notification, in the language active when built."""

    kind: str
    title: str  # the e-mail's subject, after the dossier code
    sentence: str  # the template, with %(…)s placeholders
    params: dict[str, str]
    shorten: str = ""  # the placeholder that may be cut to fit an SMS
    details: tuple[str, ...] = ()  # extra lines for the e-mail


def notification_rows(
    *, dossier: Dossier, event: DossierEvent, now: datetime | None = None
) -> list[OutboxMessage]:
    """The owner's notifications of ``event`` as unsaved outbox rows; none when it does not notify."""
    build = NOTICES.get(event.action)
    if build is None or not getattr(settings, "NOTIFY_APPLICANTS", True):
        return []
    recipients = recipients_for(dossier)
    if not recipients:
        return []
    rows = []
    with translation.override(NOTIFICATION_LANGUAGE):
        notice = build(dossier, event)
        for channel, address in recipients:
            payload = (
                sms_payload(notice, to=address)
                if channel == SMS
                else email_payload(notice, dossier, to=address)
            )
            rows.append(
                outbox_message(
                    system=NOTIFY,
                    topic=f"{NOTIFY}.{channel}",
                    key=f"{NOTIFY}:{dossier.reference}:{event.seq}:{channel}",
                    ordering_key=f"{NOTIFY}:{dossier.reference}:{channel}",
                    payload={
                        **payload,
                        "dossier_id": dossier.pk,
                        "event_seq": event.seq,
                        "kind": notice.kind,
                    },
                    now=now,
                )
            )
    return rows


def recipients_for(dossier: Dossier) -> list[tuple[str, str]]:
    """(channel, address) pairs: the owner's contacts, else a representative's, else the submitter's."""
    found = _contacts(dossier.owner_phone, dossier.owner_email)
    if found:  # the usual case: the parties are not read
        return found
    parties = {party.role: party for party in dossier.parties.all()}
    for role in (PartyRole.REPRESENTATIVE, PartyRole.SUBMITTER):
        if role in parties:
            found = _contacts(parties[role].phone, parties[role].email)
            if found:
                return found
    return []


def _contacts(phone: str, email: str) -> list[tuple[str, str]]:
    found = []
    if normalise_phone(phone):
        found.append((SMS, normalise_phone(phone)))
    if email and "@" in email:
        found.append((EMAIL, email.strip()))
    return found


def normalise_phone(phone: str) -> str:
    """A Vietnamese mobile number as +84…, or "" when it is not one."""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    match = _PHONE.match(digits)
    return f"+84{match.group(1)}" if match else ""


def sms_payload(notice: Notice, *, to: str) -> dict[str, Any]:
    return {"channel": SMS, "to": to, "text": sms_text(notice)}


def email_payload(notice: Notice, dossier: Dossier, *, to: str) -> dict[str, Any]:
    lines = [
        _("Dear %(name)s,") % {"name": dossier.owner_name},
        "",
        notice.sentence % notice.params,
        *notice.details,
        "",
        _("Procedure: %(procedure)s") % {"procedure": dossier.procedure.name},
        _("Follow your dossier at %(url)s") % {"url": f"{settings.PUBLIC_BASE_URL}/tra-cuu/"},
    ]
    subject = _("Dossier %(code)s: %(what)s") % {"code": dossier.identifier, "what": notice.title}
    return {"channel": EMAIL, "to": to, "subject": subject, "text": "\n".join(lines)}


def sms_text(notice: Notice) -> str:
    """The sentence without diacritics in GSM-7, cut to 160 characters at its variable part."""
    params = {name: gsm7(value) for name, value in notice.params.items()}
    template = gsm7(notice.sentence)
    text = template % params
    if len(text) > SMS_LIMIT and notice.shorten:
        value = params[notice.shorten]
        keep = max(len(value) - (len(text) - SMS_LIMIT) - 3, 0)
        params[notice.shorten] = value[:keep].rstrip() + "..."
        text = template % params
    return text[:SMS_LIMIT]


def gsm7(text: str) -> str:
    """Vietnamese without diacritics, restricted to GSM-7 characters that need no escape."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    stripped = stripped.replace("–", "-").replace("—", "-").replace("“", '"').replace("”", '"')
    return _GSM_SAFE.sub(" ", stripped)


def _date(value: date | str | None) -> str:
    if not value:
        return "?"
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def _amount(value: Any) -> str:
    return f"{int(value or 0):,}".replace(",", ".")


def _received(dossier: Dossier, event: DossierEvent) -> Notice:
    return Notice(
        "received",
        _("received"),
        _("Your dossier %(code)s was received. Results on %(date)s."),
        {"code": dossier.identifier, "date": _date(dossier.appointment_on)},
    )


def _supplement(dossier: Dossier, event: DossierEvent) -> Notice:
    missing = [str(item) for item in event.data.get("missing") or []]
    what = "; ".join(missing) or event.note
    return Notice(
        "supplement_requested",
        _("documents missing"),
        _("Dossier %(code)s needs more documents: %(missing)s"),
        {"code": dossier.identifier, "missing": what},
        shorten="missing",
        details=tuple(f"- {item}" for item in missing) + _reason_line(event.note),
    )


def _reason_line(note: str) -> tuple[str, ...]:
    return (_("Reason: %(reason)s") % {"reason": note},) if note else ()


def _result_ready(dossier: Dossier, event: DossierEvent) -> Notice:
    return Notice(
        "result_ready",
        _("result ready"),
        _("The result of dossier %(code)s is signed and ready (%(result)s)."),
        {"code": dossier.identifier, "result": str(event.data.get("result") or "")},
    )


def _returned(dossier: Dossier, event: DossierEvent) -> Notice:
    return Notice(
        "returned",
        _("result handed over"),
        _("The result of dossier %(code)s was handed over. Thank you."),
        {"code": dossier.identifier},
    )


def _with_reason(kind: str, title: str, sentence: str) -> Callable[[Dossier, DossierEvent], Notice]:
    def build(dossier: Dossier, event: DossierEvent) -> Notice:
        return Notice(
            kind,
            _(title),
            _(sentence),
            {"code": dossier.identifier, "reason": event.note or "-"},
            shorten="reason",
        )

    return build


def _withdrawn(dossier: Dossier, event: DossierEvent) -> Notice:
    return Notice(
        "withdrawn", _("withdrawn"), _("Dossier %(code)s was withdrawn."), {"code": dossier.identifier}
    )


def _extended(dossier: Dossier, event: DossierEvent) -> Notice:
    return Notice(
        "extended",
        _("new appointment date"),
        _("Sorry: dossier %(code)s is late. New results date %(date)s. Reason: %(reason)s"),
        {
            "code": dossier.identifier,
            "date": _date(event.data.get("new_appointment")),
            "reason": event.note or "-",
        },
        shorten="reason",
    )


def _tax_assessed(dossier: Dossier, event: DossierEvent) -> Notice:
    due_on = event.data.get("due_on")
    return Notice(
        "tax_assessed",
        _("tax to pay"),
        _("Dossier %(code)s: the tax office assessed %(amount)s VND to pay by %(date)s."),
        {"code": dossier.identifier, "amount": _amount(event.data.get("amount")), "date": _date(due_on)},
    )


NOTICES: dict[str, Callable[[Dossier, DossierEvent], Notice]] = {
    Action.RECEIVE: _received,
    Action.REQUEST_SUPPLEMENT: _supplement,
    Action.SIGN_RESULT: _result_ready,
    Action.RETURN_RESULT: _returned,
    Action.REFUSE: _with_reason(
        "refused", gettext_noop("refused"), gettext_noop("Dossier %(code)s was refused. Reason: %(reason)s")
    ),
    Action.WITHDRAW: _withdrawn,
    Action.STOP: _with_reason(
        "stopped",
        gettext_noop("stopped"),
        gettext_noop("Processing of dossier %(code)s was stopped. Reason: %(reason)s"),
    ),
    Action.EXTEND: _extended,
    Action.TAX_ASSESSED: _tax_assessed,
}
