from django.utils.functional import SimpleLazyObject

from participants.access import SESSION_KEY, access_for


class OrganisationAccessMiddleware:
    """Attach ``request.access``: the current organisation and the user's roles in it.

    Lazy, so that pages which never ask (static files, the login page) cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(
            lambda: access_for(request.user, request.session.get(SESSION_KEY))
        )
        return self.get_response(request)
