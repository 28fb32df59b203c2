"""Login, logout, password change and reset, lockout, session lifetime."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring_portal.middleware import REFRESHED_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_login_page_is_russian(client):
    response = client.get(LOGIN)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Вход в портал" in content
    assert "Имя пользователя" in content
    assert 'lang="ru"' in content


def test_login_and_home(world, client):
    response = _login(client, "curator")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get("/").status_code == 200


def test_wrong_password_gives_russian_message(world, client):
    response = _login(client, "curator", "not-the-password")
    assert response.status_code == 200
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in response.content.decode()


def test_session_key_rotates_at_login(world, client):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _login(client, "curator")
    assert client.session.session_key != before


def _session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def _age_session(client, minutes):
    """As if the session's last write was ``minutes`` ago: its expiry and refresh mark move back."""
    session = client.session
    session[REFRESHED_KEY] -= minutes * 60
    session.save()
    row = _session_row(client)
    row.expire_date -= timedelta(minutes=minutes)
    row.save()
    return row.expire_date


def _session_writes(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    return response, writes


def test_idle_session_ends_30_minutes_after_its_last_write():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_REFRESH_AFTER == 5 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_a_page_a_minute_after_login_does_not_write_the_session(world, client):
    _login(client, "curator")
    expiry = _age_session(client, 1)
    response, writes = _session_writes(client)
    assert response.status_code == 200
    assert writes == []
    assert _session_row(client).expire_date == expiry
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # nothing to send back either


def test_a_page_six_minutes_after_the_last_write_extends_the_session(world, client):
    _login(client, "curator")
    expiry = _age_session(client, 6)  # 24 minutes left
    response, writes = _session_writes(client)
    assert response.status_code == 200
    assert writes  # the UPDATE of django_session
    extended = _session_row(client).expire_date
    assert extended - expiry >= timedelta(minutes=6) - timedelta(seconds=5)
    # and the next page, straight after, does not write it again
    assert _session_writes(client)[1] == []


def test_idle_for_31_minutes_logs_out(world, client):
    _login(client, "curator")
    _age_session(client, 31)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_busy_for_40_minutes_stays_logged_in(world, client):
    _login(client, "curator")
    for _ in range(8):  # a page every 5 minutes and a bit
        _age_session(client, 5)
        assert client.get("/").status_code == 200


def test_logout_ends_the_session(world, client):
    _login(client, "teacher")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_disabled_account_ends_its_sessions(world, client):
    _login(client, "teacher")
    assert client.get("/").status_code == 200
    user = world.user("teacher")
    user.is_active = False
    user.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_lockout_after_five_failures_for_login_and_address(world, client):
    for _ in range(5):
        _login(client, "curator", "wrong", address="10.0.0.7")
    response = _login(client, "curator", address="10.0.0.7")
    assert response.status_code == 429
    assert "Слишком много неудачных попыток" in response.content.decode()
    assert AccessAttempt.objects.filter(username="curator").exists()


def test_lockout_does_not_block_the_whole_school_behind_one_address(world, client):
    for _ in range(5):
        _login(client, "curator", "wrong", address="10.0.0.7")
    # A colleague from the same school network still logs in.
    response = _login(client, "teacher", address="10.0.0.7")
    assert response.status_code == 302
    # And the curator from another address too.
    client.logout()
    assert _login(client, "curator", address="10.0.0.8").status_code == 302


def test_password_change(world, client):
    client.force_login(world.user("teacher"))
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Новый-пароль-2026",
            "new_password2": "Новый-пароль-2026",
        },
    )
    assert response.status_code == 302
    world.user("teacher").refresh_from_db()
    client.logout()
    assert _login(client, "teacher", "Новый-пароль-2026").status_code == 302


def test_password_change_bad_input_keeps_old_password(world, client):
    client.force_login(world.user("teacher"))
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ваш старый пароль введен неправильно" in content
    assert "Введенные пароли не совпадают" in content
    client.logout()
    assert _login(client, "teacher").status_code == 302


def test_password_reset_sends_a_russian_link(world, client):
    user = world.user("teacher")
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Восстановление пароля" in message.subject
    assert "/accounts/reset/" in message.body
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert "Новый пароль" in response.content.decode()
