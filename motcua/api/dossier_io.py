"""Serializers of the dossiers API: what goes in (Input) and what comes out (Output)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.core.errors import InvalidInput
from motcua.dossiers import selectors
from motcua.dossiers.services import ApplicantInput, ComponentInput, DossierInput, PartyInput
from motcua.dossiers.types import ApplicantKind, Channel, PartyRole, ResultDelivery, Status

CITIZEN_ID = r"^(\d{12}|\d{10}(-\d{3})?)$"  # 12-digit citizen ID, or a 10/13-digit tax code


class FileIn(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    content = serializers.CharField(help_text=_("The file's bytes, base64-encoded (at most 20 MB)."))

    def to_file(self, data: dict[str, Any]) -> ContentFile:
        try:
            raw = base64.b64decode(data["content"], validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput(
                _("The content of file “%(name)s” is not valid base64."),
                code="dossier.file_encoding",
                name=data["name"],
            ) from None
        return ContentFile(raw, name=data["name"])


class ComponentIn(serializers.Serializer):
    position = serializers.IntegerField(
        min_value=1, help_text=_("Number of the document in the procedure's list.")
    )
    copies = serializers.IntegerField(min_value=0, max_value=99, default=0)
    digitised = serializers.BooleanField(default=False)
    store_document = serializers.CharField(max_length=100, required=False, default="")
    from_population = serializers.BooleanField(default=False)
    form_data = serializers.JSONField(required=False, allow_null=True, default=None)
    file = FileIn(required=False, allow_null=True, default=None)

    @staticmethod
    def to_inputs(items: list[dict[str, Any]]) -> list[ComponentInput]:
        return [
            ComponentInput(**{**item, "file": FileIn().to_file(item["file"]) if item.get("file") else None})
            for item in items
        ]


class OwnerIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN)
    id_number = serializers.RegexField(CITIZEN_ID, required=False, default="")
    phone = serializers.RegexField(r"^\+?\d{9,15}$", required=False, default="")
    email = serializers.EmailField(required=False, default="")
    address = serializers.CharField(max_length=300, required=False, default="")
    unit = serializers.RegexField(
        r"^\d{5}$", required=False, default="", help_text=_("Commune of residence (5-digit code).")
    )


class PartyIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    name = serializers.CharField(max_length=200)
    id_number = serializers.RegexField(CITIZEN_ID, required=False, default="")
    phone = serializers.RegexField(r"^\+?\d{9,15}$", required=False, default="")
    email = serializers.EmailField(required=False, default="")
    address = serializers.CharField(max_length=300, required=False, default="")
    authorisation_document = serializers.CharField(max_length=300, required=False, default="")
    authorisation_valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class DossierCreateIn(serializers.Serializer):
    procedure = serializers.CharField(max_length=60)
    channel = serializers.ChoiceField(choices=Channel.choices)
    owner = OwnerIn()
    parties = PartyIn(many=True, required=False, default=list)
    components = ComponentIn(many=True, required=False, default=list)
    form_data = serializers.JSONField(required=False, default=dict)
    served_at = serializers.CharField(
        max_length=35,
        required=False,
        default="",
        help_text=_("Agency code of the center that served the person."),
    )
    result_delivery = serializers.ChoiceField(choices=ResultDelivery.choices, default=ResultDelivery.DESK)
    copies = serializers.IntegerField(min_value=1, max_value=20, default=1)
    submit = serializers.BooleanField(default=True, help_text=_("False keeps it as a draft."))

    def to_input(self) -> DossierInput:
        data = self.validated_data
        owner = dict(data["owner"])
        owner["unit_code"] = owner.pop("unit")
        return DossierInput(
            procedure_code=data["procedure"],
            channel=data["channel"],
            owner=ApplicantInput(**owner),
            parties=tuple(PartyInput(**party) for party in data["parties"]),
            components=tuple(ComponentIn.to_inputs(data["components"])),
            form_data=data["form_data"],
            served_at=data["served_at"],
            result_delivery=data["result_delivery"],
            copies=data["copies"],
        )


class DossierSummaryOut(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    reference = serializers.UUIDField()
    procedure = serializers.CharField(source="procedure.code")
    procedure_name = serializers.CharField(source="procedure.name")
    status = serializers.CharField()
    channel = serializers.CharField()
    owner_name = serializers.CharField()
    receiving_agency = serializers.CharField(source="receiving_agency.code")
    competent_agency = serializers.CharField(source="competent_agency.code")
    current_agency = serializers.CharField(source="current_agency.code")
    received_on = serializers.DateField(allow_null=True)
    appointment_on = serializers.DateField(allow_null=True)
    deadline_status = serializers.SerializerMethodField(
        help_text=_("within_time / late while open; early / on_time / late once finished.")
    )
    version = serializers.IntegerField()

    def get_deadline_status(self, dossier) -> str:  # noqa: ANN001
        return selectors.deadline_status(dossier)


class ComponentOut(serializers.Serializer):
    position = serializers.IntegerField()
    name = serializers.CharField()
    mandatory = serializers.BooleanField()
    copies = serializers.IntegerField()
    file_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    has_form_data = serializers.SerializerMethodField()
    digitised = serializers.BooleanField()
    from_store = serializers.BooleanField()
    from_population = serializers.BooleanField()

    def get_has_form_data(self, component) -> bool:  # noqa: ANN001
        return bool(component.form_data)


class StepOut(serializers.Serializer):
    position = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    role = serializers.CharField()
    agency = serializers.CharField(source="agency.code")
    budget_days = serializers.DecimalField(max_digits=5, decimal_places=2)
    due_on = serializers.DateField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()


class FeeOut(serializers.Serializer):
    name = serializers.CharField()
    amount = serializers.IntegerField()
    paid_at = serializers.DateTimeField(allow_null=True)
    channel = serializers.CharField()


class PartyOut(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()
    id_number = serializers.CharField()
    phone = serializers.CharField()
    authorisation_document = serializers.CharField()
    authorisation_valid_until = serializers.DateField(allow_null=True)


class OwnerOut(serializers.Serializer):
    kind = serializers.CharField(source="owner_kind")
    name = serializers.CharField(source="owner_name")
    id_number = serializers.CharField(source="owner_id_number")
    phone = serializers.CharField(source="owner_phone")
    email = serializers.CharField(source="owner_email")
    address = serializers.CharField(source="owner_address")
    unit = serializers.CharField(source="owner_unit.code", allow_null=True, default=None)


class DossierDetailOut(DossierSummaryOut):
    procedure_revision = serializers.IntegerField(source="procedure_revision.number")
    owner = OwnerOut(source="*")
    parties = PartyOut(many=True)
    served_at = serializers.CharField(source="served_at.code", allow_null=True, default=None)
    assignee = serializers.CharField(source="assignee.username", allow_null=True, default=None)
    components = ComponentOut(many=True)
    fees = FeeOut(many=True)
    steps = StepOut(many=True)
    form_data = serializers.JSONField()
    population_data_pending = serializers.BooleanField()
    result_delivery = serializers.CharField()
    copies = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    original_appointment_on = serializers.DateField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()
    returned_at = serializers.DateTimeField(allow_null=True)
    supplement_requests = serializers.IntegerField()
    extensions = serializers.IntegerField()
    satisfaction = serializers.IntegerField(allow_null=True)
    actions = serializers.SerializerMethodField(help_text=_("Actions the caller may take now."))

    def get_actions(self, dossier) -> list[str]:  # noqa: ANN001
        return selectors.allowed_actions_for(self.context["request"].user, dossier)


class EventOut(serializers.Serializer):
    seq = serializers.IntegerField()
    at = serializers.DateTimeField()
    action = serializers.CharField()
    actor = serializers.CharField(source="actor_name")
    actor_kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    step = serializers.IntegerField(source="step_position", allow_null=True)
    step_name = serializers.CharField()
    from_agency = serializers.CharField(source="from_agency.code", allow_null=True, default=None)
    to_agency = serializers.CharField(source="to_agency.code", allow_null=True, default=None)
    deadline_status = serializers.CharField()
    note = serializers.CharField()


class ResultOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    issued_at = serializers.DateTimeField()
    signed_at = serializers.DateTimeField(allow_null=True)
    signer = serializers.CharField(source="signer_name")
    state = serializers.CharField()
    sha256 = serializers.CharField()
    download_url = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    def get_download_url(self, result) -> str | None:  # noqa: ANN001
        return result.file.url if result.file else None

    def get_verification_url(self, result) -> str:  # noqa: ANN001
        return f"/xac-thuc/{result.verification_token}/"


class PublicStatusOut(serializers.Serializer):
    code = serializers.CharField()
    procedure_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    received_on = serializers.DateField(allow_null=True)
    appointment_on = serializers.DateField(allow_null=True)
    deadline_status = serializers.CharField()
    agency_name = serializers.CharField()

    def get_status_label(self, status) -> str:  # noqa: ANN001
        return str(Status(status.status).label)
