"""Helpers shared by the API modules: parse input with a serializer, paginate output."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.pagination import DefaultPagination


class ApiView(APIView):
    pagination_class: type[BasePagination] = DefaultPagination

    def parse_query(self, request: Request, serializer_class: type[serializers.Serializer]) -> dict:
        serializer = serializer_class(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        return {key: value for key, value in serializer.validated_data.items() if value not in ("", None)}

    def paginated(
        self, request: Request, queryset: QuerySet, serializer_class: type[serializers.Serializer]
    ) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        data: Any = serializer_class(page, many=True).data
        return paginator.get_paginated_response(data)
