"""Dossier models, one concept per module."""

from motcua.dossiers.models.calendar import CalendarDay, CalendarDayKind
from motcua.dossiers.models.numbering import CodeCounter, VoidedCode

__all__ = ["CalendarDay", "CalendarDayKind", "CodeCounter", "VoidedCode"]
