"""What bin/start derives for a server nobody configured: allowed hosts and the secret key."""

import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentoring_portal.env import allowed_hosts_for, env_secret_key
from mentoring_portal.secret_key import ensure_secret_key


@pytest.mark.parametrize(
    ("address", "hosts"),
    [
        ("127.0.0.1:8000", ["127.0.0.1", "localhost"]),
        ("localhost:8000", ["127.0.0.1", "localhost"]),
        ("[::1]:8000", ["127.0.0.1", "::1", "localhost"]),
        ("10.0.0.5:8000", ["10.0.0.5"]),
        ("nastavnik.school.local:80", ["nastavnik.school.local"]),
    ],
)
def test_allowed_hosts_follow_the_address(address, hosts):
    assert allowed_hosts_for(address) == hosts


def test_every_address_allows_the_machines_own_names():
    hosts = allowed_hosts_for("0.0.0.0:8000")
    assert {"127.0.0.1", "localhost"} <= set(hosts)
    assert "0.0.0." + "0" not in hosts


def test_the_key_is_made_once_and_only_its_owner_reads_it(tmp_path):
    path = tmp_path / "var" / "secret_key"
    assert ensure_secret_key(str(path)) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = path.read_text()
    assert len(key.strip()) >= 50
    assert ensure_secret_key(str(path)) is False
    assert path.read_text() == key


def test_the_settings_read_the_key_file(tmp_path, monkeypatch):
    path = tmp_path / "secret_key"
    ensure_secret_key(str(path))
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(path))
    assert env_secret_key("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY_FILE") == path.read_text().strip()


def test_a_missing_or_short_key_file_stops_the_start(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret_key("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY_FILE")
    (tmp_path / "short").write_text("abc")
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(tmp_path / "short"))
    with pytest.raises(ImproperlyConfigured, match="no key of 50 characters"):
        env_secret_key("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY_FILE")
