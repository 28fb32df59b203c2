"""Reading settings from the environment, loudly.

A school's administrator configures production through environment variables only. A typo such as
``DJANGO_DEBUG=ture`` must stop the server at start, not silently run it in debug mode.
"""

import contextlib
import ipaddress
import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


def env_str(name: str, default: str | object = _MISSING) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default  # type: ignore[return-value]
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    normalised = value.strip().lower()
    if normalised in _TRUE:
        return True
    if normalised in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


def env_choice(name: str, choices: dict[str, str], default: str) -> str:
    """One of a few named options (``DJANGO_TASKS_BACKEND=database``) -> its value; a name not
    among them stops the start."""
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        names = ", ".join(choices)
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {names}.")
    return choices[value]


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_admins(name: str) -> list[tuple[str, str]]:
    """``"Иванов И. И. <it@school.ru>, duty@school.ru"`` -> ``[("Иванов И. И.", "it@..."), ...]``.

    Every entry must be an e-mail address (with or without a name); anything else stops the start.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    value = os.environ.get(name, "")
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    admins = []
    for entry in entries:
        parsed = getaddresses([entry])
        if len(parsed) != 1 or not parsed[0][1] or ("<" in entry) != entry.endswith(">"):
            raise ImproperlyConfigured(f"{name}: {entry!r} is not 'Name <address>' or an address.")
        display, address = parsed[0]
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(f"{name}: {entry!r} has no valid e-mail address.") from None
        admins.append((display or address, address))
    return admins


def env_networks(name: str, default: list[str]) -> list:
    """Addresses or networks (``127.0.0.1, 10.0.0.0/8``) as ``ipaddress`` networks; a typo stops
    the start."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network."
            ) from None
    return networks


def env_secret_key(name: str, file_name: str) -> str:
    """The secret key: ``name`` itself, or the contents of the file ``file_name`` names (bin/start
    and deploy/ keep a generated one in var/secret_key, see mentoring_portal.secret_key)."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(file_name)
    if not path:
        raise ImproperlyConfigured(
            f"Environment variable {name} is required (or {file_name}: a file that holds it)."
        )
    try:
        with open(path, encoding="ascii") as file:
            value = file.read().strip()
    except OSError as error:
        raise ImproperlyConfigured(f"{file_name}={path!r} cannot be read: {error}.") from None
    if len(value) < 50:
        raise ImproperlyConfigured(f"{file_name}={path!r} holds no key of 50 characters or more.")
    return value


def allowed_hosts_for(address: str) -> list[str]:
    """The host names the server answers for when it listens on ``address`` (``host:port``, as in
    PORTAL_ADDRESS): 127.0.0.1 and localhost for a loopback address; for every address
    (0.0.0.0, ::) the machine's names and addresses; otherwise the host itself."""
    import socket

    address = address.strip()
    if address.startswith("[") and "]" in address:  # [::1]:8000
        host = address[1 : address.index("]")]
    elif address.count(":") == 1:  # 127.0.0.1:8000
        host = address.split(":")[0]
    else:  # a host without a port, or a bare IPv6 address
        host = address
    if not host:
        raise ImproperlyConfigured(f"PORTAL_ADDRESS={address!r} is not host:port.")
    if host in {"127.0.0.1", "localhost", "::1"}:
        return sorted({host, "127.0.0.1", "localhost"})
    every_address = {"0.0.0." + "0", "::"}  # compared here, never bound
    if host not in every_address:
        return [host]
    names = {"127.0.0.1", "localhost", socket.gethostname(), socket.getfqdn()}
    with contextlib.suppress(OSError):
        names |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    return sorted(names)
