"""The working-day calendar: the same arithmetic the deadlines use, for "what if" previews."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.api.base import ApiView
from motcua.dossiers import selectors

MAX_DAYS = 3650
_DATE_ERRORS = {
    "invalid": _("Enter a date in ISO format: YYYY-MM-DD."),
    "required": _("Enter a date in ISO format: YYYY-MM-DD."),
}


def _date_field(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(input_formats=["iso-8601"], error_messages=_DATE_ERRORS, **kwargs)


def _unit_field() -> serializers.CharField:
    return serializers.CharField(
        required=False,
        max_length=40,
        help_text=_("National code of the province or of one of its communes."),
    )


class DateOut(serializers.Serializer):
    date = serializers.DateField()


class WorkingDaysOut(serializers.Serializer):
    days = serializers.IntegerField()


class AddWorkingDaysApi(ApiView):
    """The N-th working day after `start` (`start` not counted; 0 → `start` or the next working day)."""

    permission_classes = [AllowAny]

    class FilterIn(serializers.Serializer):
        start = _date_field()
        days = serializers.IntegerField(
            min_value=0,
            max_value=MAX_DAYS,
            error_messages=dict.fromkeys(
                ("invalid", "required", "min_value", "max_value", "max_string_length"),
                _("Enter a whole number of working days from 0 to 3650."),
            ),
        )
        unit = _unit_field()

    @extend_schema(parameters=[FilterIn], responses=DateOut)
    def get(self, request: Request) -> Response:
        query = self.parse_query(request, self.FilterIn)
        calendar = selectors.calendar_for(unit_code=query.get("unit"))
        return Response(DateOut({"date": calendar.add_working_days(query["start"], query["days"])}).data)


class WorkingDaysApi(ApiView):
    """Working days from `from` (not counted) to `to` (counted)."""

    permission_classes = [AllowAny]

    class FilterIn(serializers.Serializer):
        from_ = _date_field(source="start")
        to = _date_field(source="end")
        unit = _unit_field()

        def get_fields(self) -> dict[str, serializers.Field]:
            # "from" is a Python keyword, so the field is declared as from_ and renamed.
            fields = super().get_fields()
            fields["from"] = fields.pop("from_")
            return fields

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if attrs["end"] < attrs["start"]:
                raise serializers.ValidationError(
                    {"to": _("The end date must not be before the start date.")}
                )
            return attrs

    @extend_schema(parameters=[FilterIn], responses=WorkingDaysOut)
    def get(self, request: Request) -> Response:
        query = self.parse_query(request, self.FilterIn)
        calendar = selectors.calendar_for(unit_code=query.get("unit"))
        days = calendar.working_days_between(query["start"], query["end"])
        return Response(WorkingDaysOut({"days": days}).data)
