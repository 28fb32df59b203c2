"""The security log: logins, logouts and failed logins (refused access is logged by the access
layer, lockouts by django-axes, which also keeps every attempt in its database tables)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("mentoring_portal.security")


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "?") if request is not None else "?"


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log.info("login: user=%s address=%s", user.get_username(), _address(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    log.info("logout: user=%s address=%s", user.get_username() if user else "-", _address(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed: user=%s address=%s", credentials.get("username"), _address(request))
