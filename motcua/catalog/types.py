"""Enumerations of the catalog that other apps may use."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.types import Role


class OnlineLevel(models.TextChoices):
    FULL = "full", _("full-process online")
    PARTIAL = "partial", _("partly online")
    NONE = "", _("not online")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    HOURS = "hours", _("working hours")
    WITHIN_DAY = "within_day", _("within the day")


class ComponentKind(models.TextChoices):
    ORIGINAL = "original", _("original")
    COPY = "copy", _("copy")
    FORM = "form", _("declaration form")
    SHOW_ONLY = "show_only", _("to show only")


class SourceDatabase(models.TextChoices):
    NONE = "", _("none")
    POPULATION = "population", _("National Population Database")
    CIVIL_STATUS = "civil_status", _("civil status database")
    LAND = "land", _("land database")
    BUSINESS = "business", _("business registration database")


class FeeUnit(models.TextChoices):
    DOSSIER = "dossier", _("per dossier")
    COPY = "copy", _("per copy")
    PAGE = "page", _("per page")
    CERTIFICATE = "certificate", _("per certificate")


class StepKind(models.TextChoices):
    RECEIVE = "receive", _("receive")
    ASSESS = "assess", _("assess")
    APPROVE = "approve", _("approve")
    SIGN = "sign", _("sign")
    RETURN = "return", _("return the result")
    TRANSFER = "transfer", _("transfer to another agency")


# The roles that act in a process step: the agencies' roles, less the administrators'.
StepRole = models.TextChoices(
    "StepRole",
    [
        (role.name, (role.value, role.label))
        for role in Role
        if role not in (Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN)
    ],
)


class LifeEvent(models.TextChoices):
    BIRTH = "birth", _("Having a baby")
    MARRIAGE = "marriage", _("Getting married")
    DEATH = "death", _("A death in the family")
    RESIDENCE = "residence", _("Residence and identity")
    BUSINESS = "business", _("Starting a business")
    CONSTRUCTION = "construction", _("Building a house")
    LAND = "land", _("Land")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    TRANSPORT = "transport", _("Vehicles and transport")
    JUSTICE = "justice", _("Justice and records")
    OTHER = "other", _("Other")


AGENCY_KINDS = ("peoples_committee", "department", "service_center", "office", "vertical")
