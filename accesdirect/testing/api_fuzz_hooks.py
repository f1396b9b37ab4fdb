"""Schemathesis hooks of the API fuzzing pass (accesdirect.testing.api_fuzz): every request
carries the CSRF token that Django asks of a write signed in by session (cookie and header), so
that the generated bodies reach the endpoints instead of stopping at a 403."""

import os

import schemathesis


@schemathesis.hook
def before_call(context, case, **kwargs):
    token = os.environ["FUZZ_CSRF"]
    case.cookies = {**(case.cookies or {}), "csrftoken": token}
    case.headers = {**(case.headers or {}), "X-CSRFToken": token}


# The names schemathesis gives the query parameters it makes up.
UNKNOWN_PARAMETERS = (
    "x-schemathesis-unknown-property",
    "schemathesis-unknown-property",
    "unknown-property-0",
)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """A query parameter the API does not know is ignored, as HTTP APIs do (a client may add
    its own, e.g. a cache buster): not a refusal the API owes. Every other failure counts."""
    unknown = any(name in (case.query or {}) for name in UNKNOWN_PARAMETERS)
    return not (unknown and getattr(failure, "code", "") == "ST201")
