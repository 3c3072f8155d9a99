from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.agencies import selectors as agency_selectors
from motcua.api.base import ApiView
from motcua.catalog import selectors
from motcua.catalog.types import LifeEvent, OnlineLevel
from motcua.core.errors import InvalidInput


class TimeLimitOut(serializers.Serializer):
    value = serializers.FloatField(source="time_limit_value")
    unit = serializers.CharField(source="time_limit_unit")
    note = serializers.CharField(source="time_limit_note")


class ProcedureSummaryOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    field = serializers.CharField(source="field.name")
    levels = serializers.ListField(child=serializers.CharField())
    online_level = serializers.CharField(allow_null=True, source="online_level_or_none")
    time_limit = TimeLimitOut(source="*")
    revision = serializers.IntegerField()


class ProcedureDetailOut(ProcedureSummaryOut):
    content = serializers.SerializerMethodField(
        help_text=_("The procedure in the interchange shape (components, fees, results, e-form, process).")
    )

    def get_content(self, procedure) -> dict:  # noqa: ANN001
        return selectors.procedure_content(procedure)


class ProcedureListApi(ApiView):
    """Search and browse the catalog (public). `q` ignores diacritics and tolerates typos."""

    permission_classes = [AllowAny]

    class FilterIn(serializers.Serializer):
        q = serializers.CharField(required=False, max_length=200, allow_blank=True)
        level = serializers.ChoiceField(choices=["province", "commune"], required=False)
        online_level = serializers.ChoiceField(choices=[c for c in OnlineLevel.values if c], required=False)
        field = serializers.SlugField(required=False, max_length=80)
        life_event = serializers.ChoiceField(choices=LifeEvent.values, required=False)
        agency = serializers.CharField(
            required=False, max_length=35, help_text=_("Electronic ID code of an agency: its procedures.")
        )

    @extend_schema(parameters=[FilterIn], responses=ProcedureSummaryOut(many=True))
    def get(self, request: Request) -> Response:
        filters = self.parse_query(request, self.FilterIn)
        query = filters.pop("q", "")
        agency = filters.pop("agency", None)
        if agency:
            profile = agency_selectors.agency_profile(code=agency)
            if profile is None:
                raise InvalidInput(
                    _("There is no agency with code “%(value)s”."), code="agency.not_found", value=agency
                )
            filters["level"], filters["agency_kind"] = profile
        queryset = selectors.filter_procedures(selectors.active_procedures(), **filters)
        if not query:
            return self.paginated(request, queryset.order_by("code"), ProcedureSummaryOut)
        found = selectors.search_procedures(query, queryset)
        return self.paginated(request, found.procedures, ProcedureSummaryOut)


class ProcedureDetailApi(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(responses=ProcedureDetailOut)
    def get(self, request: Request, code: str) -> Response:
        return Response(ProcedureDetailOut(selectors.get_procedure(code=code)).data)
