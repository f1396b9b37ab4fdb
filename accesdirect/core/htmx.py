from django.shortcuts import render


def render_page_or_fragment(request, *, page: str, fragment: str, context: dict):
    """The same view serves the full page, or only its fragment to an htmx request."""
    template = fragment if getattr(request, "htmx", False) and not request.htmx.boosted else page
    return render(request, template, context)
