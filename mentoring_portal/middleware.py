import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers, patch_cache_control

REFRESHED_KEY = "_session_refreshed_at"


def may_be_logged_in(request) -> bool:
    """False for a visitor who brought no session cookie and whose request never opened a
    session (a login would have): asking ``request.user`` then would only load an empty session
    and mark the answer ``Vary: Cookie`` — what the cached, cookie-free public pages must not."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or request.session.accessed


class PrivatePagesNoStoreMiddleware:
    """Pages shown to a logged-in user carry personal data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if may_be_logged_in(request) and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class SessionRefreshMiddleware:
    """Keeps the 30-minute idle timeout without writing the session on every page view.

    The session (and so its expiry, ``SESSION_COOKIE_AGE`` after the save) is written again only
    when its last write is at least ``SESSION_REFRESH_AFTER`` seconds old, that is when less than
    25 minutes remain: a user idle for 30 minutes after the last write is logged out (25 to 30
    minutes after the last page), and a busy page costs no UPDATE of ``django_session``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if may_be_logged_in(request) and request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_AFTER:
                request.session[REFRESHED_KEY] = now  # modified: SessionMiddleware saves it
        return self.get_response(request)


@receiver(user_logged_in)
def mark_session_fresh(sender, request, user, **kwargs):
    """A login writes the session anyway: it counts as its refresh, so the next page does not."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_KEY] = int(time.time())
