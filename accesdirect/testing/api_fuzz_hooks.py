"""Schemathesis hooks of the API fuzzing pass (accesdirect.testing.api_fuzz): every request
carries the CSRF token that Django asks of a write signed in by session (cookie and header), so
that the generated bodies reach the endpoints instead of stopping at a 403."""

import os
import random

import schemathesis

# The structure of the fuzzing database (api_fuzz._prepare_database): a made-up slug only ever
# meets a 404, so half the requests to a structure's public routes name this one.
KNOWN_SLUG = "acces-fuzz"
_draws = random.Random(2026)


@schemathesis.hook
def before_call(context, case, **kwargs):
    token = os.environ["FUZZ_CSRF"]
    case.cookies = {**(case.cookies or {}), "csrftoken": token}
    case.headers = {**(case.headers or {}), "X-CSRFToken": token}
    if "slug" in (case.path_parameters or {}) and _draws.random() < 0.5:
        case.path_parameters = {**case.path_parameters, "slug": KNOWN_SLUG}


# The names schemathesis gives the query parameters it makes up.
UNKNOWN_PARAMETERS = (
    "x-schemathesis-unknown-property",
    "schemathesis-unknown-property",
    "unknown-property-0",
)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Two answers are not the API's to owe:
    - a query parameter the API does not know is ignored, as HTTP APIs do (a client may add its
      own, e.g. a cache buster);
    - a request line longer than the HTTP server takes (gunicorn: 4,094 bytes, nginx: 8 KiB) is
      answered 414 by the server itself, before the application sees it: a refusal, as it
      should be, which no endpoint's schema lists.
    Every other failure counts."""
    if response is not None and getattr(response, "status_code", None) == 414:
        return False
    unknown = any(name in (case.query or {}) for name in UNKNOWN_PARAMETERS)
    return not (unknown and getattr(failure, "code", "") == "ST201")
