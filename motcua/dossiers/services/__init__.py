"""Every write of the dossier engine: one service per lifecycle action, each atomic.

``ACTIONS`` maps the API's action names to the services, so an edge can dispatch
``POST /dossiers/{code}/{action}/`` without knowing the rules.
"""

from motcua.dossiers.services.access import log_personal_data_access
from motcua.dossiers.services.components import ComponentInput, missing_components
from motcua.dossiers.services.intake import (
    ApplicantInput,
    DossierInput,
    FormInvalid,
    PartyInput,
    create_dossier,
)
from motcua.dossiers.services.lifecycle import (
    rate_dossier,
    receive_dossier,
    refuse_dossier,
    request_supplement,
    submit_dossier,
    supply_supplement,
    withdraw_dossier,
)
from motcua.dossiers.services.numbering import allocate_dossier_code, void_dossier_code
from motcua.dossiers.services.payments import record_payment
from motcua.dossiers.services.population import backfill_population
from motcua.dossiers.services.portal_sync import reconcile_with_national_portal, resync_with_national_portal
from motcua.dossiers.services.processing import assign_dossier, complete_step, return_step, transfer_dossier
from motcua.dossiers.services.results import approve_dossier, return_result, sign_result
from motcua.dossiers.services.routing import assign_competence
from motcua.dossiers.services.sector import TaxAnswer, TaxStatus, apply_tax_status, send_to_tax_office
from motcua.dossiers.services.slips import control_sheet_pdf, read_slip, slip_for, store_slip
from motcua.dossiers.services.suspension import extend_dossier, pause_dossier, resume_dossier, stop_dossier
from motcua.dossiers.workflow import Action

ACTIONS = {
    Action.SUBMIT: submit_dossier,
    Action.RECEIVE: receive_dossier,
    Action.REQUEST_SUPPLEMENT: request_supplement,
    Action.SUPPLEMENT: supply_supplement,
    Action.REFUSE: refuse_dossier,
    Action.ASSIGN: assign_dossier,
    Action.COMPLETE_STEP: complete_step,
    Action.RETURN_STEP: return_step,
    Action.TRANSFER: transfer_dossier,
    Action.PAUSE: pause_dossier,
    Action.RESUME: resume_dossier,
    Action.EXTEND: extend_dossier,
    Action.APPROVE: approve_dossier,
    Action.SIGN_RESULT: sign_result,
    Action.RETURN_RESULT: return_result,
    Action.WITHDRAW: withdraw_dossier,
    Action.STOP: stop_dossier,
    Action.RATE: rate_dossier,
    Action.SEND_TO_TAX: send_to_tax_office,
}

__all__ = [
    "ACTIONS",
    "ApplicantInput",
    "ComponentInput",
    "DossierInput",
    "FormInvalid",
    "PartyInput",
    "TaxAnswer",
    "TaxStatus",
    "allocate_dossier_code",
    "apply_tax_status",
    "approve_dossier",
    "assign_competence",
    "assign_dossier",
    "backfill_population",
    "complete_step",
    "control_sheet_pdf",
    "create_dossier",
    "extend_dossier",
    "log_personal_data_access",
    "missing_components",
    "pause_dossier",
    "rate_dossier",
    "read_slip",
    "receive_dossier",
    "reconcile_with_national_portal",
    "record_payment",
    "refuse_dossier",
    "request_supplement",
    "resume_dossier",
    "resync_with_national_portal",
    "return_result",
    "return_step",
    "send_to_tax_office",
    "sign_result",
    "slip_for",
    "stop_dossier",
    "store_slip",
    "submit_dossier",
    "supply_supplement",
    "transfer_dossier",
    "void_dossier_code",
    "withdraw_dossier",
]
