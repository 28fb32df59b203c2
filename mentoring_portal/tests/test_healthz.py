"""GET /healthz: what a load balancer, nginx or a monitor asks every few seconds."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_answers_ok_without_login_session_or_cookie(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response.cookies == {}
    assert "no-cache" in response["Cache-Control"]


def test_is_503_when_the_database_does_not_answer(client, caplog):
    broken = mock.Mock(side_effect=OperationalError("connection refused"))
    with mock.patch("mentoring_portal.views.connection.cursor", broken):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.content.decode() == "база данных не отвечает\n"
    assert response.cookies == {}
    assert "база данных не отвечает" in caplog.text


def test_a_logged_in_user_gets_the_same_answer(client, django_user_model):
    user = django_user_model.objects.create_user("probe", password="x-long-password-1")
    client.force_login(user)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
