import pytest

pytestmark = pytest.mark.django_db


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_metrics_in_prometheus_format(client):
    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    body = response.content.decode()
    assert "# TYPE motcua_http_requests_total counter" in body
    assert 'motcua_http_requests_total{method="GET",status="2xx"}' in body
    assert "motcua_agencies " in body and "motcua_audit_entries " in body


def test_metrics_refused_to_remote_anonymous_clients(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_metrics_token_when_configured(client, settings):
    settings.METRICS_TOKEN = "s3cret"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret").status_code == 200


def test_404_page_is_vietnamese_by_default(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Không tìm thấy trang" in body


def test_404_page_in_english_after_switching_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/khong-co-trang-nay/").content.decode()
    assert '<html lang="en">' in body and "Page not found" in body


def test_unknown_api_path_gives_json_404(client):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_api_garbage_body_gives_400_json_not_500(client, django_user_model):
    user = django_user_model.objects.create_user("api-user", password="x-secret-123")
    client.force_login(user)
    response = client.post("/api/v1/agencies/", data="{not json", content_type="application/json")
    assert response.status_code in (400, 405)
    assert "code" in response.json()


def test_portal_home_lists_service_centers(client):
    from motcua.demo.services import seed_demo

    seed_demo(province_code="04", password="x", with_catalog=False)
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trung tâm Phục vụ hành chính công phường Thục Phán" in body
    assert "Trung tâm Phục vụ hành chính công tỉnh Cao Bằng" in body


def test_pages_stay_vietnamese_for_an_english_browser(client):
    body = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in body


def test_api_messages_follow_accept_language(client):
    vi = client.get("/api/v1/admin-units/?parent=99").json()
    en = client.get("/api/v1/admin-units/?parent=99", HTTP_ACCEPT_LANGUAGE="en").json()
    assert vi["code"] == en["code"] == "admin_unit.unknown_province"
    assert en["detail"] == "There is no province with code “99”."
    assert vi["detail"] != en["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "css/motcua.css",
        "vendor/htmx/htmx.min.js",
        "fonts/BeVietnamPro-Regular.subset.woff2",
        "fonts/BeVietnamPro-SemiBold.subset.woff2",
    ],
)
def test_vendored_assets_are_found_by_collectstatic(path):
    from django.contrib.staticfiles import finders

    assert finders.find(path) is not None


def test_pages_load_nothing_from_other_hosts(client):
    body = client.get("/backoffice/dang-nhap/").content.decode()
    assert "http://" not in body and "https://" not in body


@pytest.mark.urls("motcua.core.tests.urls_failing")
def test_server_error_page_is_vietnamese_and_api_errors_are_json(client):
    client.raise_request_exception = False
    page = client.get("/boom/")
    assert page.status_code == 500
    assert "Lỗi hệ thống" in page.content.decode()
    api = client.get("/api/v1/boom/")
    assert api.status_code == 500
    assert api.json()["code"] == "server_error"
