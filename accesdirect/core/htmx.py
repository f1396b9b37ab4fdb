from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page_or_fragment(request, *, page: str, fragment: str, context: dict):
    """The same view serves the full page, or only its fragment to an htmx request.

    A boosted request or a history restore (Back after an htmx filter, when htmx's cache
    missed) needs the whole page."""
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.boosted and not htmx.history_restore_request
    response = render(request, fragment if partial else page, context)
    # Caches must not serve the fragment for the page or the reverse.
    patch_vary_headers(response, ["HX-Request"])
    return response
