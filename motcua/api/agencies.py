from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.agencies import selectors
from motcua.agencies.types import AgencyKind, AgencyLevel
from motcua.api.base import ApiView


class AgencyOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    level = serializers.CharField()
    kind = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.full_name")
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    is_active = serializers.BooleanField()


class AgencyListApi(ApiView):
    """Agencies the caller may see (their own and those under it; all for province admins)."""

    class FilterIn(serializers.Serializer):
        unit = serializers.RegexField(
            r"^\d{2}(\d{3})?$",
            required=False,
            error_messages={"invalid": _("A unit code is 2 digits (province) or 5 (commune).")},
        )
        level = serializers.ChoiceField(choices=AgencyLevel.choices, required=False)
        kind = serializers.ChoiceField(choices=AgencyKind.choices, required=False)

    @extend_schema(parameters=[FilterIn], responses=AgencyOut(many=True))
    def get(self, request: Request) -> Response:
        filters = self.parse_query(request, self.FilterIn)
        queryset = selectors.filter_agencies(selectors.visible_agencies(request.user), **filters)
        return self.paginated(request, queryset.order_by("code"), AgencyOut)


class AgencyDetailApi(ApiView):
    @extend_schema(responses=AgencyOut)
    def get(self, request: Request, code: str) -> Response:
        return Response(AgencyOut(selectors.get_visible_agency(request.user, code=code)).data)
