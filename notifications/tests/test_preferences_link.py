"""The one-click link of every letter to its reader's preferences: no login, signed, expiring."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import KINDS, OFF
from notifications.models import MailAddressState, Preference
from notifications.services import preferences_link_token

pytestmark = pytest.mark.django_db


def link(user) -> str:
    return reverse("notifications:preferences_link", args=[preferences_link_token(user)])


def test_the_link_opens_and_saves_without_login(world, client_for):
    user = world.user("mentor")
    MailAddressState.objects.create(user=user, address=user.email, bounced_at=timezone.now())
    client = client_for(None)
    page = client.get(link(user))
    assert page.status_code == 200
    assert user.email in page.content.decode()
    data = {kind: default for kind, (_label, default) in KINDS.items()}
    data["activity_due"] = OFF
    response = client.post(link(user), data)
    assert response.status_code == 302
    assert list(Preference.objects.filter(user=user).values_list("kind", "delivery")) == [
        ("activity_due", OFF)
    ]
    assert not MailAddressState.objects.exists()  # saving confirms the address again
    # It opened nobody's session.
    assert client.get(reverse("notifications:list")).status_code == 302


def test_a_tampered_or_old_link_is_404(world, client_for, monkeypatch):
    user = world.user("mentor")
    client = client_for(None)
    token = preferences_link_token(user)
    assert (
        client.get(reverse("notifications:preferences_link", args=[token + "x"])).status_code == 404
    )
    other = preferences_link_token(world.user("director"))
    forged = other.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    assert client.get(reverse("notifications:preferences_link", args=[forged])).status_code == 404
    # 91 days later the link has expired (it is good for 90).
    later = (timezone.now() + timedelta(days=91)).timestamp()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(link_path(token)).status_code == 404
    monkeypatch.undo()
    assert client.get(link_path(token)).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(link_path(token)).status_code == 404


def link_path(token):
    return reverse("notifications:preferences_link", args=[token])


def test_bad_input_is_refused_and_nothing_saved(world, client_for):
    user = world.user("mentor")
    response = client_for(None).post(link(user), {"activity_due": "loud"})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Preference.objects.exists()
