"""Behind the school's nginx (DJANGO_BEHIND_PROXY=1) the client's address comes from the proxy's
headers: for the lockout (login + address) and for the online consent."""

import ipaddress

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from mentoring_portal.env import env_networks
from mentoring_portal.security import client_address
from participants.models import Consent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"
LOGIN = "/accounts/login/"


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("::1")]
    return settings


def _request(remote=PROXY, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("remote", "headers", "expected"),
    [
        # nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        (PROXY, {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "203.0.113.5"),
        # What the client sent itself stands to the left and is not believed.
        (PROXY, {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.5"}, "203.0.113.5"),
        # Another trusted hop on the right is skipped.
        (PROXY, {"HTTP_X_FORWARDED_FOR": "203.0.113.5, 127.0.0.1"}, "203.0.113.5"),
        # nginx: proxy_set_header X-Real-IP $remote_addr;
        (PROXY, {"HTTP_X_REAL_IP": "203.0.113.6"}, "203.0.113.6"),
        # Garbage in the header: the proxy's own address, never the garbage.
        (PROXY, {"HTTP_X_FORWARDED_FOR": "<script>"}, PROXY),
        (PROXY, {}, PROXY),
        # A request that did not come through the trusted proxy: its headers are its own word.
        ("198.51.100.7", {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "198.51.100.7"),
    ],
)
def test_the_client_address_behind_the_proxy(behind_proxy, remote, headers, expected):
    assert client_address(_request(remote, **headers)) == expected


def test_without_the_proxy_setting_headers_are_ignored(settings):
    settings.BEHIND_PROXY = False
    request = _request("198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(request) == "198.51.100.7"


def _login(client, username, password=PASSWORD, client_ip="203.0.113.5"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_five_wrong_passwords_from_one_client_do_not_lock_the_director_out(
    behind_proxy, world, client
):
    for _ in range(5):
        _login(client, "director", "wrong", client_ip="203.0.113.66")
    assert _login(client, "director", client_ip="203.0.113.66").status_code == 429
    attempt = AccessAttempt.objects.get(username="director")
    assert attempt.ip_address == "203.0.113.66"
    # The real director, from her own computer behind the same nginx, still logs in.
    assert _login(client, "director", client_ip="203.0.113.5").status_code == 302


def test_online_consent_records_the_clients_address_not_the_proxys(behind_proxy, world, client_for):
    teacher = world.people["teacher"]
    response = client_for("teacher").post(
        reverse("participants:my_consent"),
        {"typed_name": teacher.full_name, "agree": "on"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5",
    )
    assert response.status_code == 302
    assert Consent.objects.get(person=teacher).ip_address == "203.0.113.5"


def test_trusted_proxies_are_read_loudly(monkeypatch):
    monkeypatch.setenv("DJANGO_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    assert env_networks("DJANGO_TRUSTED_PROXIES", default=[]) == [
        ipaddress.ip_network("127.0.0.1"),
        ipaddress.ip_network("10.0.0.0/8"),
    ]
    monkeypatch.setenv("DJANGO_TRUSTED_PROXIES", "nginx")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_TRUSTED_PROXIES"):
        env_networks("DJANGO_TRUSTED_PROXIES", default=[])
