"""One HTTP request to an SMS provider, and what its failure means for the message.

The standard library's http.client is used rather than urllib or a third-party client because
the adapters must tell apart two failures that look alike elsewhere:
- the request never reached the provider whole (connection refused, connect timeout, TLS
  failure, broken pipe while sending): the message was not taken, another attempt is safe;
- the request left and its answer was lost (read timeout, connection reset while waiting):
  the provider may have taken the message, so it must never be sent again blindly.
A fresh connection is opened per request: a reused keep-alive connection that the server had
closed fails in the second way although nothing was sent, which would make messages
"uncertain" for no reason.
"""

import dataclasses
import http.client
import json
import socket
import ssl
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .base import Outcome, SendResult

DEFAULT_CONNECT_TIMEOUT = 3.0
DEFAULT_READ_TIMEOUT = 10.0


class NotSent(Exception):
    """The request never reached the provider whole: sending again is safe."""


class MaybeSent(Exception):
    """The request left but its answer was lost: the provider may have taken the message."""


@dataclasses.dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    def text(self, limit: int = 300) -> str:
        return self.body.decode("utf-8", errors="replace").strip()[:limit]


def _describe(exc: BaseException, *, timeout: float) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(exc, TimeoutError):
        return f"délai de {timeout:g} s dépassé"
    if isinstance(exc, ssl.SSLError):
        return f"échec TLS ({exc.reason or exc})"
    if isinstance(exc, socket.gaierror):
        return "nom d'hôte introuvable"
    return f"{type(exc).__name__}: {exc}"


def request(
    method: str,
    url: str,
    *,
    body: bytes = b"",
    headers: dict[str, str],
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
) -> HttpResponse:
    """Send one request; raises NotSent or MaybeSent (with a French reason) on failure."""
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=connect_timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        try:
            connection.connect()
            connection.sock.settimeout(read_timeout)
            connection.request(method, path, body=body, headers=headers)
        except (OSError, http.client.HTTPException) as exc:
            raise NotSent(_describe(exc, timeout=connect_timeout)) from exc
        try:
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise MaybeSent(_describe(exc, timeout=read_timeout)) from exc
        return HttpResponse(response.status, data)
    finally:
        connection.close()


def send_and_classify(provider, label: str, method: str, url: str, *, body: bytes, headers: dict[str, str]):
    """The provider's HTTP answer, or the SendResult of a transport failure."""
    try:
        return request(
            method,
            url,
            body=body,
            headers=headers,
            connect_timeout=provider.connect_timeout,
            read_timeout=provider.read_timeout,
        )
    except NotSent as exc:
        return SendResult(Outcome.TRANSIENT, provider.name, error=f"{label} injoignable : {exc}.")
    except MaybeSent as exc:
        return SendResult(
            Outcome.UNCERTAIN,
            provider.name,
            error=(
                f"{label} n'a pas répondu ({exc}) après avoir reçu la demande : le SMS est "
                "peut-être parti. Vérifiez avant de renvoyer."
            ),
        )


def outcome_for_status(status: int) -> Outcome:
    """The default reading of an HTTP status; each adapter refines it with the error body.

    401/403 (our credentials), 404/405 (our URL or account name), 408, 429 and 5xx say nothing
    against the message itself: the next provider may send it. Other 4xx refuse the message
    (invalid number or content)."""
    if 200 <= status < 300:
        return Outcome.ACCEPTED
    if status in (401, 403, 404, 405, 408, 429) or status >= 500:
        return Outcome.TRANSIENT
    return Outcome.PERMANENT


def http_error(label: str, response: HttpResponse, detail: str) -> str:
    if response.status == 429:
        return f"{label} limite le débit (HTTP 429) : {detail}"
    if response.status in (401, 403):
        return f"{label} refuse nos identifiants (HTTP {response.status}) : {detail}"
    if response.status in (404, 405):
        return f"{label} ne connaît pas cette adresse ou ce compte (HTTP {response.status}) : {detail}"
    if response.status >= 500:
        return f"{label} indisponible (HTTP {response.status}) : {detail}"
    return f"{label} refuse le SMS (HTTP {response.status}) : {detail}"


def with_query(url: str, **params: str) -> str:
    """`url` with `params` added to its query string (keeping the parameters it already has)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))
