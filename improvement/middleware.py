"""Response headers that every signed-in page and export needs."""

from django.utils.cache import patch_cache_control


def private_pages(get_response):
    """Pages and files for a signed-in person hold council data and people's names: no shared
    cache (a proxy, a library PC's back button after sign-out) may keep a copy."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
