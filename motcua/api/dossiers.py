"""Dossiers: create, list (scoped, keyset-paginated), retrieve by code, timeline, results, slips."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from motcua.api.base import ApiView
from motcua.api.dossier_io import (
    DossierCreateIn,
    DossierDetailOut,
    DossierSummaryOut,
    EventOut,
    PublicStatusOut,
    ResultOut,
)
from motcua.dossiers import selectors, services
from motcua.dossiers.types import Channel, Status

PageOut = inline_serializer(
    "DossierPage",
    {"results": DossierSummaryOut(many=True), "next": serializers.CharField(allow_null=True)},
)


class DossierListApi(ApiView):
    """Dossiers the caller may see, soonest appointment first (``queue=finished``: newest first).
    Pass ``next`` back as ``cursor``."""

    class FilterIn(serializers.Serializer):
        queue = serializers.ChoiceField(choices=list(selectors.QUEUES), default="open")
        status = serializers.ChoiceField(choices=Status.choices, required=False)
        procedure = serializers.CharField(max_length=60, required=False)
        channel = serializers.ChoiceField(choices=Channel.choices, required=False)
        received_from = serializers.DateField(required=False)
        received_to = serializers.DateField(required=False)
        overdue = serializers.BooleanField(required=False, default=False)
        cursor = serializers.CharField(max_length=200, required=False)
        page_size = serializers.IntegerField(
            min_value=1, max_value=selectors.MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
        )

    @extend_schema(operation_id="dossiers_list", parameters=[FilterIn], responses=PageOut)
    def get(self, request: Request) -> Response:
        filters = self.parse_query(request, self.FilterIn)
        cursor, size = filters.pop("cursor", ""), filters.pop("page_size")
        queue = selectors.work_queue(request.user, **filters)
        newest = filters.get("queue") == "finished"
        rows, after = selectors.queue_page(queue, cursor=cursor, size=size, newest_first=newest)
        return Response({"results": DossierSummaryOut(rows, many=True).data, "next": after})

    @extend_schema(operation_id="dossiers_create", request=DossierCreateIn, responses={201: DossierDetailOut})
    def post(self, request: Request) -> Response:
        payload = DossierCreateIn(data=request.data)
        payload.is_valid(raise_exception=True)
        dossier = services.create_dossier(
            data=payload.to_input(), by=request.user, submit=payload.validated_data["submit"]
        )
        return self.detail(request, dossier.identifier, status.HTTP_201_CREATED)

    @staticmethod
    def detail(request: Request, identifier: str, code: int = status.HTTP_200_OK) -> Response:
        dossier = selectors.get_dossier(request.user, identifier=identifier)
        services.log_personal_data_access(dossier=dossier, by=request.user, purpose="api")
        return Response(DossierDetailOut(dossier, context={"request": request}).data, status=code)


class DossierDetailApi(ApiView):
    """One dossier by code (or by reference before it has a code). Reading it is logged."""

    @extend_schema(operation_id="dossiers_retrieve", responses=DossierDetailOut)
    def get(self, request: Request, code: str) -> Response:
        return DossierListApi.detail(request, code)


class DossierEventsApi(ApiView):
    """The dossier's timeline, oldest first (the control sheet's rows)."""

    @extend_schema(responses=EventOut(many=True))
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.get_dossier(request.user, identifier=code)
        return self.paginated(request, selectors.events_of(dossier), EventOut)


class DossierResultsApi(ApiView):
    """The electronic results ``<code>-KQ<n>``."""

    @extend_schema(responses=ResultOut(many=True))
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.get_dossier(request.user, identifier=code)
        return self.paginated(request, selectors.results_of(dossier), ResultOut)


class DossierSlipApi(ApiView):
    """A standard slip as PDF: the stored one of the last action that made it; the control sheet as of now."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request: Request, code: str, kind: str) -> HttpResponse:
        dossier = selectors.get_dossier(request.user, identifier=code)
        pdf = services.read_slip(dossier=dossier, kind=kind, by=request.user)
        return pdf_response(pdf, f"{dossier.identifier}-{kind}.pdf")


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class LedgerApi(ApiView):
    """Form 07, the tracking ledger of an agency (its received dossiers) for a period, as PDF."""

    class PeriodIn(serializers.Serializer):
        start = serializers.DateField(help_text=_("First day of receipt (YYYY-MM-DD)."))
        end = serializers.DateField(help_text=_("Last day of receipt (YYYY-MM-DD)."))

    @extend_schema(
        parameters=[PeriodIn], responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        period = self.parse_query(request, self.PeriodIn)
        pdf = selectors.ledger_pdf(request.user, agency_code=code, **period)
        return pdf_response(pdf, f"so-theo-doi-{code}-{period['start']}-{period['end']}.pdf")


class PublicStatusThrottle(AnonRateThrottle):
    rate = "60/min"


class PublicDossierApi(ApiView):
    """Status of a dossier by its code, for the public tracking page: no personal data."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicStatusThrottle]

    @extend_schema(responses=PublicStatusOut)
    def get(self, request: Request, code: str) -> Response:
        return Response(PublicStatusOut(selectors.public_status(code=code)).data)
