from django.test import RequestFactory

from motcua.core.http import client_address


def test_forwarded_header_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.5"


def test_client_behind_one_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # a client may forge the left part; the proxy appends the address it really saw
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_healthz_is_reachable_over_http_when_https_is_enforced(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/backoffice/dang-nhap/").status_code == 301
