"""URLconf for the error-page tests: the project's URLs plus two views that fail."""

from django.urls import path

from motcua.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [*urlpatterns, path("boom/", _boom), path("api/v1/boom/", _boom)]
