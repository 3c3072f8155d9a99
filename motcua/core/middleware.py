import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from motcua.core import metrics


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        metrics.observe_request(
            method=request.method or "GET", status=response.status_code,
            seconds=time.perf_counter() - started,
        )
        return response
