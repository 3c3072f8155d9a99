"""Officials' login page: language, success, and the failed-attempt lockout."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from django.utils.html import escape

from motcua.core import login_throttle

pytestmark = pytest.mark.django_db

LOGIN_URL = "/backoffice/dang-nhap/"
HOME_URL = "/backoffice/"
PASSWORD = "dung-mat-khau-2025"


@pytest.fixture
def throttle(settings):
    settings.LOGIN_MAX_FAILURES = 5
    settings.LOGIN_LOCKOUT_SECONDS = 15 * 60
    return settings


@pytest.fixture
def official_user(official_factory):
    official = official_factory(user__username="canbo.motcua")
    official.user.set_password(PASSWORD)
    official.user.save()
    return official.user


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved forward by hand (the cache keeps real time)."""

    class _Clock:
        offset = 0.0

        def time(self) -> float:
            return time.time() + self.offset

        def advance(self, seconds: float) -> None:
            self.offset += seconds

    fake = _Clock()
    monkeypatch.setattr(login_throttle, "time", fake)
    return fake


def _login(client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def _is_logged_in(client) -> bool:
    response = client.get(HOME_URL)
    if response.status_code == 302:
        assert response["Location"] == f"{LOGIN_URL}?next={HOME_URL}"
        return False
    assert response.status_code == 200
    return True


def _error_codes(response) -> list[str]:
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def test_login_page_is_vietnamese_by_default(client):
    # when
    response = client.get(LOGIN_URL)
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body  # "Log in", translated
    assert "Officials' login" not in unescape(body)


def test_login_page_in_english_after_switching_language(client):
    # given
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN_URL})
    # when
    response = client.get(LOGIN_URL)
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Officials' login" in unescape(body)


def test_anonymous_home_redirects_to_login(client):
    # when
    response = client.get(HOME_URL)
    # then
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={HOME_URL}"


def test_correct_password_logs_in(client, official_user, throttle):
    # when
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert client.session["_auth_user_id"] == str(official_user.pk)
    assert _is_logged_in(client)


def test_wrong_password_is_refused(client, official_user, throttle):
    # when
    response = _login(client, "canbo.motcua", "sai-mat-khau")
    # then
    assert response.status_code == 200
    assert _error_codes(response) == ["invalid_login"]
    assert "_auth_user_id" not in client.session
    assert not _is_logged_in(client)


def test_five_failures_lock_the_login_even_with_the_right_password(client, official_user, throttle, clock):
    # given
    for _ in range(5):
        assert _error_codes(_login(client, "canbo.motcua", "sai-mat-khau")) == ["invalid_login"]
    # when
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert response.status_code == 200
    assert _error_codes(response) == ["locked"]
    [message] = response.context["form"].non_field_errors()
    assert re.findall(r"\d+", message) == ["15"]  # the minutes left
    assert escape(message) in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not _is_logged_in(client)


def test_lock_counts_the_username_whatever_its_case(client, official_user, throttle, clock):
    # given
    for username in ("CANBO.MOTCUA", "Canbo.Motcua", "canbo.MOTCUA", "CanBo.motcua", "CANBO.motcua"):
        _login(client, username, "sai-mat-khau")
    # when
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert _error_codes(response) == ["locked"]
    assert not _is_logged_in(client)


def test_still_locked_just_before_the_window_ends(client, official_user, throttle, clock):
    # given
    for _ in range(5):
        _login(client, "canbo.motcua", "sai-mat-khau")
    # when
    clock.advance(15 * 60 - 30)
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert _error_codes(response) == ["locked"]
    [message] = response.context["form"].non_field_errors()
    assert re.findall(r"\d+", message) == ["1"]  # about one minute left
    assert not _is_logged_in(client)


def test_login_works_again_after_the_window(client, official_user, throttle, clock):
    # given
    for _ in range(5):
        _login(client, "canbo.motcua", "sai-mat-khau")
    assert _error_codes(_login(client, "canbo.motcua", PASSWORD)) == ["locked"]
    # when
    clock.advance(15 * 60 + 1)
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert _is_logged_in(client)


def test_a_success_resets_the_username_counter(client, official_user, throttle, clock):
    # given: four failures, a success, four more failures
    for _ in range(4):
        _login(client, "canbo.motcua", "sai-mat-khau")
    assert _login(client, "canbo.motcua", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "canbo.motcua", "sai-mat-khau")
    # when
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_many_failures_from_one_address_lock_that_address(client, official_user, throttle, clock):
    # given: 20 failures (4 × the limit) spread over other usernames, from one address
    for index in range(20):
        _login(client, f"doan-mo-{index}", "sai-mat-khau")
    # when
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert _error_codes(response) == ["locked"]
    assert not _is_logged_in(client)


def test_lock_on_one_username_does_not_block_another(
    client, official_user, throttle, clock, django_user_model
):
    # given
    django_user_model.objects.create_user("canbo.khac", password=PASSWORD)
    for _ in range(5):
        _login(client, "canbo.motcua", "sai-mat-khau")
    # when
    response = _login(client, "canbo.khac", PASSWORD)
    # then
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_lockout_with_real_time(client, official_user, settings):
    # given: a one-second window
    settings.LOGIN_MAX_FAILURES = 5
    settings.LOGIN_LOCKOUT_SECONDS = 1
    for _ in range(5):
        _login(client, "canbo.motcua", "sai-mat-khau")
    assert _error_codes(_login(client, "canbo.motcua", PASSWORD)) == ["locked"]
    # when
    time.sleep(1.1)
    response = _login(client, "canbo.motcua", PASSWORD)
    # then
    assert response.status_code == 302
    assert _is_logged_in(client)
