"""Dossier models, one concept per module."""

from motcua.dossiers.models.calendar import CalendarDay, CalendarDayKind
from motcua.dossiers.models.dossier import (
    NATIONAL_CHANNEL_CODES,
    ApplicantKind,
    Channel,
    Dossier,
    Outcome,
    ResultDelivery,
    Satisfaction,
)
from motcua.dossiers.models.event import ActorKind, DossierEvent, PersonalDataAccess
from motcua.dossiers.models.numbering import CodeCounter, VoidedCode
from motcua.dossiers.models.parts import DossierComponent, DossierFee, DossierParty, PartyRole, PaymentChannel
from motcua.dossiers.models.pause import DossierPause, PauseKind
from motcua.dossiers.models.result import DossierResult, ResultState
from motcua.dossiers.models.routing import Competence
from motcua.dossiers.models.slip import DossierSlip, SlipKind
from motcua.dossiers.models.step import DossierStep

__all__ = [
    "NATIONAL_CHANNEL_CODES",
    "ActorKind",
    "ApplicantKind",
    "CalendarDay",
    "CalendarDayKind",
    "Channel",
    "CodeCounter",
    "Competence",
    "Dossier",
    "DossierComponent",
    "DossierEvent",
    "DossierFee",
    "DossierParty",
    "DossierPause",
    "DossierResult",
    "DossierSlip",
    "DossierStep",
    "Outcome",
    "PartyRole",
    "PauseKind",
    "PaymentChannel",
    "PersonalDataAccess",
    "ResultDelivery",
    "ResultState",
    "Satisfaction",
    "SlipKind",
    "VoidedCode",
]
