"""Enumerations of the dossier engine other apps and the edges may use."""

from motcua.dossiers.deadlines import LOCAL_TIME, WorkCalendar
from motcua.dossiers.models import (
    ApplicantKind,
    Channel,
    Outcome,
    PartyRole,
    PaymentChannel,
    ResultDelivery,
    Satisfaction,
    SlipKind,
)
from motcua.dossiers.workflow import END_STATES, Action, Status

__all__ = [
    "END_STATES",
    "LOCAL_TIME",
    "Action",
    "ApplicantKind",
    "Channel",
    "Outcome",
    "PartyRole",
    "PaymentChannel",
    "ResultDelivery",
    "Satisfaction",
    "SlipKind",
    "Status",
    "WorkCalendar",
]
