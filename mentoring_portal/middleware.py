import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

REFRESHED_KEY = "_session_refreshed_at"


class PrivatePagesNoStoreMiddleware:
    """Pages shown to a logged-in user carry personal data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class SessionRefreshMiddleware:
    """Keeps the 30-minute idle timeout without writing the session on every page view.

    The session (and so its expiry) is saved again only when the last refresh is at least
    ``SESSION_REFRESH_AFTER`` seconds old: a user idle for 30 minutes is logged out after 25 to 30
    minutes, and a busy page costs no UPDATE of ``django_session``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            refreshed = request.session.get(REFRESHED_KEY, 0)
            if now - refreshed >= settings.SESSION_REFRESH_AFTER:
                request.session[REFRESHED_KEY] = now
        return self.get_response(request)
