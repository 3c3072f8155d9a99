"""Inbound events from other systems: payment confirmations, tax office statuses, …"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.api.base import ApiView
from motcua.integrations.services import receive_event


class ReceiptOut(serializers.Serializer):
    id = serializers.CharField(source="event_id")
    duplicate = serializers.BooleanField(help_text="True when this event id was applied before.")
    outcome = serializers.DictField()


_ERROR = inline_serializer(
    "IntegrationError", {"code": serializers.CharField(), "detail": serializers.CharField()}
)


class InboundEventApi(ApiView):
    """Receive one event; authenticated by its HMAC signature, applied once per event id.

    Header ``X-Motcua-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>``;
    body ``{"id", "type", "occurred_at", "data"}``. A repeated id answers 200 with
    ``duplicate: true`` and changes nothing.
    """

    # The signature is the authentication: no session, no token, no CSRF.
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("X-Motcua-Signature", str, OpenApiParameter.HEADER, required=True)],
        request=OpenApiTypes.OBJECT,
        responses={
            200: ReceiptOut,
            400: OpenApiResponse(_ERROR, description="malformed JSON or envelope"),
            401: OpenApiResponse(_ERROR, description="missing or wrong signature; nothing changed"),
            404: OpenApiResponse(_ERROR, description="unknown system or unknown dossier"),
        },
    )
    def post(self, request: Request, system: str) -> Response:
        receipt = receive_event(system=system, headers=request.headers, body=request.body)
        return Response(ReceiptOut(receipt).data)
