"""The control sheet's rows (Form 06): each hand-over of the dossier, from its timeline.

Every event that moves the work between people or agencies is a pair of lines, "1. Giao:"
the giver and "2. Nhận:" the receiver, with the time, the step's result against its
deadline and a note. Agencies come from the event (``from_agency`` / ``to_agency``) or,
when the event names none, from where the dossier was at that point: the receiving unit
first, then every ``to_agency`` moves it. The applicant is the giver of a receipt or a
supplement and the receiver of a supplement request or the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from motcua.dossiers.slips.text import DEADLINE_STATUS, nfc, time_text

# action → what the note column says it was.
HANDOVER_ACTIONS = {
    "receive": "Tiếp nhận hồ sơ",
    "assign": "Phân công giải quyết",
    "complete-step": "Hoàn thành bước",
    "return-step": "Trả lại bước trước",
    "transfer": "Chuyển cơ quan giải quyết",
    "request-supplement": "Yêu cầu bổ sung hồ sơ",
    "supplement": "Bổ sung hồ sơ",
    "pause": "Tạm dừng giải quyết",
    "resume": "Tiếp tục giải quyết",
    "extend": "Xin lỗi, gia hạn thời gian giải quyết",
    "approve": "Phê duyệt kết quả",
    "sign-result": "Ký kết quả",
    "return-result": "Trả kết quả",
}
FROM_APPLICANT = frozenset({"receive", "supplement"})
TO_APPLICANT = frozenset({"request-supplement", "return-result"})


@dataclass(frozen=True)
class Handover:
    giver: str
    giver_person: str
    receiver: str
    receiver_person: str
    at: str
    result: str
    note: str


def handovers(dossier: Any, events: Iterable[Any]) -> list[Handover]:
    """The hand-overs among ``events`` (the dossier's), in the order they happened."""
    applicant = f"Chủ hồ sơ: {nfc(dossier.owner_name)}"
    where = dossier.receiving_agency
    rows = []
    for event in sorted(events, key=lambda event: event.seq):
        if event.action not in HANDOVER_ACTIONS:
            continue
        giver = event.from_agency or where
        where = event.to_agency or giver
        rows.append(_handover(event, giver=nfc(giver.name), receiver=nfc(where.name), applicant=applicant))
    return rows


def _handover(event: Any, *, giver: str, receiver: str, applicant: str) -> Handover:
    actor = nfc(event.actor_name)
    receiver_person = nfc((event.data or {}).get("assignee_name", ""))  # set by assign
    if event.action in FROM_APPLICANT:
        giver, receiver_person = applicant, actor
        actor = ""
    elif event.action in TO_APPLICANT:
        receiver = applicant
    return Handover(
        giver=giver,
        giver_person=actor,
        receiver=receiver,
        receiver_person=receiver_person,
        at=time_text(event.at),
        result=DEADLINE_STATUS.get(event.deadline_status, ""),
        note=_note(event),
    )


def _note(event: Any) -> str:
    parts = [HANDOVER_ACTIONS[event.action]]
    step = nfc(event.step_name)
    if step and step.casefold() not in parts[0].casefold():  # not "Trả kết quả: Trả kết quả"
        parts[0] += f": {step}"
    if event.note:
        parts.append(nfc(event.note))
    return ". ".join(parts)


def coordinating_agencies(dossier: Any, events: Iterable[Any], steps: Iterable[Any]) -> list[str]:
    """Agencies other than the competent one and the receiving unit that took part."""
    seen = [step.agency for step in steps]
    for event in sorted(events, key=lambda event: event.seq):
        seen += [agency for agency in (event.from_agency, event.to_agency) if agency is not None]
    skip = {dossier.competent_agency_id, dossier.receiving_agency_id}
    return _unique(nfc(agency.name) for agency in seen if agency.pk not in skip)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
