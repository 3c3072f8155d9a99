import pytest

pytestmark = pytest.mark.django_db


def test_admin_login_is_throttled_like_the_officials_login(client, django_user_model, settings):
    # given
    settings.LOGIN_MAX_FAILURES = 3
    django_user_model.objects.create_superuser("root", password="right-password-1")
    for _ in range(3):
        client.post("/admin/login/", {"username": "root", "password": "wrong"})
    # when
    response = client.post("/admin/login/", {"username": "root", "password": "right-password-1"})
    # then
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "phút" in response.content.decode()
