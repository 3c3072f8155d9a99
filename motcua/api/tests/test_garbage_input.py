"""Whatever a client sends, the API answers with JSON and never a 500."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

junk = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
PARAMS = ["parent", "level", "on", "unit", "kind", "page", "page_size"]


@pytest.fixture
def api(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x-1234567"))
    return client


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(st.sampled_from(PARAMS), junk, max_size=3),
    resource=st.sampled_from(["admin-units", "agencies"]),
)
@example(params={"unit": "01\x00273", "parent": "0\x004"}, resource="agencies")
@example(params={"parent": "\x00", "on": "2025-13-45"}, resource="admin-units")
def test_lists_answer_json_for_any_query(api, params, resource):
    response = api.get(f"/api/v1/{resource}/?{urlencode(params)}")
    assert response.status_code in (200, 400, 404), (params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    code=junk.filter(lambda c: c not in ("", ".", "..")),
    resource=st.sampled_from(["admin-units", "agencies"]),
)
@example(code="000.00.00.H14\x00", resource="agencies")
@example(code="01273\x00", resource="admin-units")
def test_details_answer_json_for_any_code(api, code, resource):
    response = api.get(f"/api/v1/{resource}/{quote(code, safe='')}/")
    assert response.status_code in (200, 404), (code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
