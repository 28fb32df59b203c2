from django.utils.cache import add_never_cache_headers, patch_cache_control


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
