"""The security log: logins, logouts and failed logins (refused access is logged by the access
layer, lockouts by django-axes, which also keeps every attempt in its database tables)."""

import ipaddress
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("mentoring_portal.security")


def _ip(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_address(request) -> str | None:
    """The address of the person behind ``request``, for the lockout (django-axes'
    ``AXES_CLIENT_IP_CALLABLE``), the online consent and the security log.

    Without ``DJANGO_BEHIND_PROXY`` it is REMOTE_ADDR: a forwarded header is the client's own word.
    Behind the proxy (REMOTE_ADDR one of ``DJANGO_TRUSTED_PROXIES``) it is the right-most entry of
    X-Forwarded-For that is not a trusted proxy (nginx appends the address it saw, so entries to
    its left are whatever the client sent), else X-Real-IP as nginx sets it.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    remote_ip = _ip(remote) if remote else None
    if not settings.BEHIND_PROXY or remote_ip is None or not _trusted(remote_ip):
        return remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _ip(entry)
        if address is None:
            break  # a malformed hop: nothing to its left can be believed
        if not _trusted(address):
            return str(address)
    real = _ip(request.META.get("HTTP_X_REAL_IP", ""))
    if real is not None:
        return str(real)
    return remote


def _address(request) -> str:
    return (client_address(request) or "?") if request is not None else "?"


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log.info("login: user=%s address=%s", user.get_username(), _address(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    log.info("logout: user=%s address=%s", user.get_username() if user else "-", _address(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed: user=%s address=%s", credentials.get("username"), _address(request))
