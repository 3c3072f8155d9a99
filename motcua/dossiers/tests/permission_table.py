"""The permission matrix, written out by hand: the officials, where a dossier sits, what each
bundle of roles may do in each status, and how a dossier of each cell is built.

``test_permission_matrix`` checks the engine against it. See that module's docstring.
"""

from dataclasses import dataclass
from datetime import date

from motcua.dossiers import services, workflow
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ApplicantInput, DossierInput
from motcua.dossiers.tests.helpers import (
    JUSTICE,
    MARRIAGE_STATUS,
    PROVINCE_CENTER,
    THUC_PHAN,
    THUC_PHAN_CENTER,
    user,
)

BAO_LAM = "01290"  # xã Bảo Lâm, the demo's mountain commune
BAO_LAM_CENTER = "001.04.50.H14"
JUDICIAL_RECORD = "3.000333"  # provincial only; this module has Sở Tư pháp decide it

OFFICIALS = (
    *(f"thucphan.{s}" for s in ("motcua", "xuly", "lanhdao", "kyso", "quantri")),
    *(f"baolam.{s}" for s in ("motcua", "xuly", "lanhdao", "kyso", "quantri")),
    *(f"sotuphap.{s}" for s in ("xuly", "lanhdao", "kyso", "quantri")),
    "tinh.motcua",  # desk of the provincial center
    "tinh.quantri",  # province administrator
    "admin",  # superuser
)

# What each bundle of roles may do, by status: written out, not read from the workflow.
# A status missing from a bundle's row means nothing at all.
DESK, HANDLER, LEADER, SIGNER, NO_ROLE, EVERY_ROLE = "desk", "handler", "leader", "signer", "none", "all"
_PROCESSING_BY_HANDLER = {
    "assign",
    "complete-step",
    "return-step",
    "transfer",
    "request-supplement",
    "send-to-tax",
}
_PROCESSING_BY_LEADER = _PROCESSING_BY_HANDLER | {"pause", "extend", "approve", "refuse", "stop"}
MAY: dict[str, dict[str, set[str]]] = {
    DESK: {
        "submitted": {"receive", "request-supplement", "refuse", "withdraw"},
        "received": {"assign", "withdraw"},
        "processing": {"withdraw"},  # the processing agency's steps are not the desk's
        "awaiting_supplement": {"supplement", "withdraw"},
        "paused": {"withdraw"},
        "signed": {"return-result"},
        "returned": {"rate"},
    },
    HANDLER: {"processing": _PROCESSING_BY_HANDLER},
    LEADER: {
        "received": {"assign"},
        "processing": _PROCESSING_BY_LEADER,
        "awaiting_supplement": {"stop"},
        "paused": {"resume", "stop"},
        "approved": {"return-step"},
    },
    SIGNER: {  # the demo's signers are leaders too (Chủ tịch, Giám đốc Sở)
        "received": {"assign"},
        "processing": _PROCESSING_BY_LEADER,
        "awaiting_supplement": {"stop"},
        "paused": {"resume", "stop"},
        "approved": {"return-step", "sign-result"},
    },
    NO_ROLE: {},
    EVERY_ROLE: {  # a superuser holds every official's role, never the applicant's
        "submitted": {"receive", "request-supplement", "refuse", "withdraw"},
        "received": {"assign", "withdraw"},
        "processing": _PROCESSING_BY_LEADER | {"withdraw"},
        "awaiting_supplement": {"supplement", "stop", "withdraw"},
        "paused": {"resume", "stop", "withdraw"},
        "approved": {"return-step", "sign-result"},
        "signed": {"return-result"},
        "returned": {"rate"},
    },
}
BUNDLE_ROLES = {
    DESK: {workflow.DESK},
    HANDLER: {workflow.HANDLER},
    LEADER: {workflow.LEADER},
    SIGNER: {workflow.SIGNER, workflow.LEADER},
    NO_ROLE: set(),
    EVERY_ROLE: {workflow.DESK, workflow.HANDLER, workflow.LEADER, workflow.SIGNER},
}

STATES = (
    "submitted",
    "received",
    "processing",
    "awaiting_supplement",
    "paused",
    "approved",
    "signed",
    "returned",
)
# The services that lead from a new desk dossier to each status (by the superuser).
PATH = {
    "submitted": (),
    "received": ("receive",),
    "processing": ("receive", "assign"),
    "awaiting_supplement": ("receive", "assign", "request-supplement"),
    "paused": ("receive", "assign", "pause"),
    "approved": ("receive", "assign", "approve"),
    "signed": ("receive", "assign", "approve", "sign-result"),
    "returned": ("receive", "assign", "approve", "sign-result", "return-result"),
}
ARGS = {  # what each action needs besides the dossier and the caller
    "request-supplement": {"reason": "Thiếu bản sao giấy khai sinh"},
    "refuse": {"reason": "Không đủ điều kiện"},
    "return-step": {"note": "Cần kiểm tra lại"},
    "pause": {"reason": "Chờ kết quả xác minh"},
    "stop": {"reason": "Người dân đề nghị dừng"},
    "withdraw": {"reason": "Người dân rút hồ sơ"},
    "extend": {"reason": "Chờ xác minh", "new_appointment": date(2026, 3, 13)},
    "transfer": {"to_agency": JUSTICE},
    "rate": {"satisfaction": 3},
}

_COMMUNE_ROLES = {"motcua": DESK, "xuly": HANDLER, "lanhdao": LEADER, "kyso": SIGNER, "quantri": NO_ROLE}
_PROVINCE_SEES = {"tinh.quantri": NO_ROLE, "admin": EVERY_ROLE}


def _staff(prefix: str, roles: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}.{suffix}": role for suffix, role in roles.items()}


@dataclass(frozen=True)
class Placement:
    procedure: str
    center: str  # where the desk received it
    residence: str  # the applicant's commune
    holds: dict[str, str]  # official → the bundle they hold; anyone else may not see it
    transfer_to: str = ""  # moved there once processing started
    states: tuple[str, ...] = STATES


_WARD_COMMITTEE = {k: v for k, v in _COMMUNE_ROLES.items() if k != "motcua"}  # not its center's desk
_BY_OTHERS = {**dict.fromkeys(_COMMUNE_ROLES, NO_ROLE), "motcua": DESK}  # its desk received it, others decide
_JUSTICE_ROLES = {"xuly": HANDLER, "lanhdao": LEADER, "kyso": SIGNER, "quantri": NO_ROLE}
PLACEMENTS = {
    # Received at Thục Phán's center, decided by the ward's committee.
    "ward": Placement(
        MARRIAGE_STATUS, THUC_PHAN_CENTER, THUC_PHAN, {**_staff("thucphan", _COMMUNE_ROLES), **_PROVINCE_SEES}
    ),
    # Received at Thục Phán's center for a provincial procedure Sở Tư pháp decides.
    "ward-for-justice": Placement(
        JUDICIAL_RECORD,
        THUC_PHAN_CENTER,
        THUC_PHAN,
        {
            **_staff("thucphan", _BY_OTHERS),
            **_staff("sotuphap", _JUSTICE_ROLES),
            **_PROVINCE_SEES,
        },
    ),
    # The ward's own dossier, transferred to Sở Tư pháp during processing.
    "ward-transferred": Placement(
        MARRIAGE_STATUS,
        THUC_PHAN_CENTER,
        THUC_PHAN,
        {
            **_staff("thucphan", _BY_OTHERS),
            **_staff("sotuphap", _JUSTICE_ROLES),
            **_PROVINCE_SEES,
        },
        transfer_to=JUSTICE,
        states=STATES[2:],
    ),
    # Received at the provincial center for a resident of Thục Phán: the ward decides it.
    # Thục Phán's own desk officer (at the ward's center) neither received nor handles it.
    "province-desk": Placement(
        MARRIAGE_STATUS,
        PROVINCE_CENTER,
        THUC_PHAN,
        {**_staff("thucphan", _WARD_COMMITTEE), "tinh.motcua": DESK, **_PROVINCE_SEES},
    ),
    # Received at Bảo Lâm's center for a resident of Thục Phán: Bảo Lâm sees what its desk received.
    "baolam-desk-for-ward": Placement(
        MARRIAGE_STATUS,
        BAO_LAM_CENTER,
        THUC_PHAN,
        {
            **_staff("thucphan", _WARD_COMMITTEE),
            **_staff("baolam", _BY_OTHERS),
            **_PROVINCE_SEES,
        },
    ),
    # Bảo Lâm's own dossier.
    "baolam": Placement(
        MARRIAGE_STATUS, BAO_LAM_CENTER, BAO_LAM, {**_staff("baolam", _COMMUNE_ROLES), **_PROVINCE_SEES}
    ),
}
CELLS = [(placement, status) for placement, spec in PLACEMENTS.items() for status in spec.states]


def holds(official: str, placement: str) -> str | None:
    return PLACEMENTS[placement].holds.get(official)


def build_cell(spec: Placement, status: str) -> str:
    admin = user("admin")
    owner = ApplicantInput(name="Nông Văn Dũng", id_number="004095001234", unit_code=spec.residence)
    data = DossierInput(procedure_code=spec.procedure, channel="desk", owner=owner, served_at=spec.center)
    dossier = services.create_dossier(data=data, by=admin, submit=False)
    dossier.components.update(copies=1)
    services.submit_dossier(dossier=dossier, by=admin)
    steps = PATH[status]
    if spec.transfer_to:
        steps = (*steps[:2], "transfer", *steps[2:])
    reference = str(dossier.reference)
    for action in steps:
        args = {"to_agency": spec.transfer_to} if action == "transfer" else ARGS.get(action, {})
        services.ACTIONS[action](dossier=reference, by=admin, **args)
    assert Dossier.objects.get(reference=reference).status == status
    return reference
