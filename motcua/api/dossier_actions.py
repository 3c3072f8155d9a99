"""``POST /dossiers/{code}/{action}/``: one lifecycle action; 409 with a reason when it does not fit."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.api.base import ApiView
from motcua.api.dossier_io import ComponentIn, DossierDetailOut, FileIn
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers import selectors, services
from motcua.dossiers.types import Action, ResultDelivery, Satisfaction


class ActionIn(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The version you saw; a newer one answers 409 (also If-Match)."),
    )


class NoteIn(ActionIn):
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ReasonIn(ActionIn):
    reason = serializers.CharField(max_length=2000)


class SupplementRequestIn(ReasonIn):
    missing = serializers.ListField(child=serializers.CharField(max_length=500), required=False, default=list)


class SupplementIn(NoteIn):
    components = ComponentIn(many=True, required=False, default=list)


class AssignIn(NoteIn):
    assignee = serializers.CharField(max_length=150, required=False, default="", help_text=_("Username."))


class ReturnStepIn(ActionIn):
    note = serializers.CharField(max_length=2000, help_text=_("Why the work goes back."))


class TransferIn(NoteIn):
    to_agency = serializers.CharField(max_length=35)


class ExtendIn(ReasonIn):
    new_appointment = serializers.DateField()


class SignIn(NoteIn):
    name = serializers.CharField(max_length=500, required=False, default="")
    pin = serializers.CharField(
        max_length=32,
        required=False,
        default="",
        write_only=True,
        help_text=_("PIN of the caller's signing certificate: the result is generated and signed (PAdES)."),
    )
    file = FileIn(required=False, allow_null=True, default=None)


class ReturnResultIn(NoteIn):
    delivery = serializers.ChoiceField(choices=ResultDelivery.choices, required=False, default="")


class RateIn(ActionIn):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    criteria = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=3), required=False)
    comment = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class WithdrawIn(ActionIn):
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


INPUTS: dict[str, type[ActionIn]] = {
    Action.SUBMIT: ActionIn,
    Action.RECEIVE: NoteIn,
    Action.REQUEST_SUPPLEMENT: SupplementRequestIn,
    Action.SUPPLEMENT: SupplementIn,
    Action.REFUSE: ReasonIn,
    Action.ASSIGN: AssignIn,
    Action.COMPLETE_STEP: NoteIn,
    Action.RETURN_STEP: ReturnStepIn,
    Action.TRANSFER: TransferIn,
    Action.PAUSE: ReasonIn,
    Action.RESUME: NoteIn,
    Action.EXTEND: ExtendIn,
    Action.APPROVE: NoteIn,
    Action.SIGN_RESULT: SignIn,
    Action.RETURN_RESULT: ReturnResultIn,
    Action.WITHDRAW: WithdrawIn,
    Action.STOP: ReasonIn,
    Action.RATE: RateIn,
    Action.SEND_TO_TAX: NoteIn,
}


class DossierActionApi(ApiView):
    """Take a lifecycle action. The body depends on the action (see the schema of each input)."""

    @extend_schema(
        operation_id="dossiers_action",
        request=PolymorphicProxySerializer(
            component_name="DossierActionBody",
            serializers=list(dict.fromkeys(INPUTS.values())),
            resource_type_field_name=None,
        ),
        responses=DossierDetailOut,
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(INPUTS))],
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        if action not in INPUTS:
            raise NotFound(
                _("There is no action called “%(value)s”."), code="dossier.unknown_action", value=action[:40]
            )
        payload = INPUTS[action](data=request.data)
        payload.is_valid(raise_exception=True)
        arguments = _arguments(action, dict(payload.validated_data), request)
        dossier = services.ACTIONS[action](dossier=code, by=request.user, **arguments)
        detail = selectors.acted_on(dossier)
        return Response(DossierDetailOut(detail, context={"request": request}).data)


def _arguments(action: str, data: dict[str, Any], request: Request) -> dict[str, Any]:
    data["expected_version"] = data.pop("version", None) or _if_match(request)
    if "components" in data:
        data["components"] = ComponentIn.to_inputs(data["components"])
    if data.get("file"):
        data["file"] = FileIn().to_file(data["file"])
    return data


def _if_match(request: Request) -> int | None:
    value = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    if not value:
        return None
    if not value.isdigit():
        raise InvalidInput(_("If-Match must be the dossier's version number."), code="invalid_if_match")
    return int(value)
