from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.agencies import selectors
from motcua.agencies.types import UnitLevel
from motcua.api.base import ApiView
from motcua.api.pagination import DefaultPagination


class AdminUnitOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    full_name = serializers.CharField()
    kind = serializers.CharField()
    level = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)


class UnitPagination(DefaultPagination):
    page_size = 100
    max_page_size = 1000


class AdminUnitListApi(ApiView):
    """Provinces and communes (public reference data)."""

    permission_classes = [AllowAny]
    pagination_class = UnitPagination

    class FilterIn(serializers.Serializer):
        parent = serializers.RegexField(
            r"^\d{2}$",
            required=False,
            error_messages={"invalid": _("A province code is 2 digits, e.g. 04.")},
        )
        level = serializers.ChoiceField(choices=UnitLevel.choices, required=False)
        on = serializers.DateField(required=False)

    @extend_schema(parameters=[FilterIn], responses=AdminUnitOut(many=True))
    def get(self, request: Request) -> Response:
        filters = self.parse_query(request, self.FilterIn)
        return self.paginated(request, selectors.admin_units(**filters), AdminUnitOut)


class AdminUnitDetailApi(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(responses=AdminUnitOut)
    def get(self, request: Request, code: str) -> Response:
        return Response(AdminUnitOut(selectors.get_admin_unit(code=code)).data)
