"""The service index of Decision 766/QĐ-TTg and its parts, for a period and a scope.

The figures are public (the national portal publishes them), so anyone may ask for the
whole province; an official gets the figures of their own scope (a province leader the
whole province), and a unit or agency outside it answers 404 like one that does not exist.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.api.base import ApiView
from motcua.core.errors import NotFound
from motcua.reporting import selectors as reporting


class IndicatorOut(serializers.Serializer):
    key = serializers.CharField()
    group = serializers.CharField()
    label = serializers.CharField()
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    ratio = serializers.FloatField(allow_null=True, help_text=_("numerator ÷ denominator; null when missing"))
    points = serializers.FloatField(allow_null=True, help_text=_("null when missing: never counted as 0"))
    max_points = serializers.FloatField()
    full_at = serializers.FloatField(help_text=_("ratio from which the indicator earns full points"))
    available = serializers.BooleanField()
    numerator_text = serializers.CharField()
    denominator_text = serializers.CharField()
    period_rule = serializers.CharField()
    missing_reason = serializers.CharField(allow_blank=True)


class GroupOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    points = serializers.FloatField(allow_null=True)
    max_points = serializers.FloatField()
    max_available = serializers.FloatField()
    indicators = IndicatorOut(many=True)


class MonthOut(serializers.Serializer):
    month = serializers.DateField(help_text=_("first day of the month"))
    received = serializers.IntegerField()
    finished = serializers.IntegerField()
    score = serializers.FloatField(allow_null=True)


class IndicatorsOut(serializers.Serializer):
    from_ = serializers.DateField(source="start")
    to = serializers.DateField(source="end")
    unit = serializers.CharField(allow_null=True)
    agency = serializers.CharField(allow_null=True)
    procedure = serializers.CharField(allow_null=True)
    channel = serializers.CharField(allow_null=True)
    score = serializers.FloatField(allow_null=True, help_text=_("0–100 over the indicators that have data"))
    points = serializers.FloatField(allow_null=True)
    max_available = serializers.FloatField()
    max_points = serializers.FloatField()
    counts = serializers.DictField(child=serializers.IntegerField())
    groups = GroupOut(many=True)
    months = MonthOut(many=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is a Python keyword, so the field is declared as from_ and renamed.
        fields = super().get_fields()
        return {"from": fields.pop("from_"), **fields}


def _query(text: str) -> OpenApiParameter:
    return OpenApiParameter(text.split(":")[0], OpenApiTypes.STR, required=False, description=text)


PARAMETERS = [
    OpenApiParameter(
        "from", OpenApiTypes.DATE, required=False, description="first day (default: 11 months ago, 1st)"
    ),
    OpenApiParameter(
        "to", OpenApiTypes.DATE, required=False, description="last day (default: today); ≤ 3 years"
    ),
    _query("unit: 2-digit province or 5-digit commune code"),
    _query("agency: agency e-ID code"),
    _query("procedure: national procedure code"),
    _query("channel: desk, online or post"),
]


def _scope(user: Any) -> tuple[reporting.Scope, Any]:
    """The official's own scope, or the whole province (public figures) for anyone else."""
    if getattr(user, "is_authenticated", False):
        try:
            return reporting.scope_of(user), user
        except NotFound:
            pass
    return reporting.province_scope(), None


def _code(value: Any) -> str | None:
    return value.code if value is not None else None


def _months(by_month: dict[Any, Any]) -> list[dict[str, Any]]:
    rows = []
    for month, counts in sorted(by_month.items()):
        rows.append(
            {
                "month": month,
                "received": counts.received,
                "finished": counts.finished,
                "score": reporting.index_for(counts).score,
            }
        )
    return rows


class IndicatorsApi(ApiView):
    """The service index (0–100) and every indicator, for a period and a scope.

    Public: without an official's login the figures are the whole province's. An indicator
    motcua has no data for, or whose denominator is zero, is `null` with the reason; the
    score is computed over the indicators that have data.
    """

    permission_classes = [AllowAny]

    @extend_schema(parameters=PARAMETERS, responses=IndicatorsOut)
    def get(self, request: Request) -> Response:
        scope, user = _scope(request.user)
        filters = reporting.parse_filters(request.query_params, scope=scope, user=user)
        grouped = reporting.counts_grouped(filters, scope, by=("all", "month"))
        counts = grouped["all"][None]
        index = reporting.index_for(counts)
        payload = {
            "start": filters.start,
            "end": filters.end,
            "unit": _code(filters.unit),
            "agency": _code(filters.agency),
            "procedure": _code(filters.procedure),
            "channel": filters.channel or None,
            "score": index.score,
            "points": index.points,
            "max_available": index.max_available,
            "max_points": index.max_points,
            "counts": asdict(counts),
            "groups": index.groups,
            "months": _months(grouped["month"]),
        }
        return Response(IndicatorsOut(payload).data)
