"""Security headers on every response.

- Content-Security-Policy: scripts come from this site's own static files only, never inline
  and never from another origin (an injected <script> or onclick="..." does not run). Styles
  may be inline: the error pages carry their few styles inline so that they show without
  static files, and the API's documentation (Swagger UI) sets some; an injected style cannot
  run code.
- Permissions-Policy: none of the browser's powerful features are used (camera, location…):
  a page can never ask for them, even if a script got in.
- Cache-Control: no-store on every answer to a signed-in person (pages, fragments, API,
  exports all show personal data): neither the browser's cache nor a shared proxy keeps a copy
  that the next person at the same computer could open with the back button.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Static files are answered before it (WhiteNoise) and stay cacheable.

    "Signed in" is read from the session cookie, sent or being set, rather than from
    request.user: no query, and it holds on an error page rendered while the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        session_cookie = settings.SESSION_COOKIE_NAME
        if session_cookie in request.COOKIES or session_cookie in response.cookies:
            add_never_cache_headers(response)
        return response
