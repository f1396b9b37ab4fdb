"""JSON API /api/v1 (OpenAPI schema at /api/v1/openapi.json), over the same services.

Every answer other than a success has a JSON body {"detail": ...} with a French message, and
the schema documents them, in French: 401 (not signed in), 403 (not a member of a structure's
team, or the CSRF token of a write is missing), 404 (no such object in the structure), 409 (the
action lost against another one), 422 (a parameter out of its documented range)."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from accesdirect.core.errors import DomainError

from .schemas import STATUS_DESCRIPTIONS


class AccesDirectAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    answer["description"] = STATUS_DESCRIPTIONS.get(int(status), answer["description"])
        return schema


api = AccesDirectAPI(
    title="Accès Direct API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    body = {"detail": exc.message}
    if exc.code:
        body["code"] = exc.code
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(
        request, {"detail": _("Connectez-vous : l'API s'utilise avec la session d'un compte.")}, status=401
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    message = str(exc)
    if exc.status_code == 403 and "CSRF" in message:
        message = _("Jeton CSRF manquant ou faux : envoyez celui de la page dans l'en-tête X-CSRFToken.")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(
        request, {"detail": _("Introuvable : cet objet n'existe pas dans votre structure.")}, status=404
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    # Only the documented keys: pydantic's context may hold values JSON cannot carry.
    items = [
        {"type": str(item.get("type", "")), "loc": list(item.get("loc", ())), "msg": str(item.get("msg", ""))}
        for item in exc.errors
    ]
    return api.create_response(request, {"detail": items}, status=422)


api.add_router("/", "accesdirect.api.endpoints.router")
api.add_router("/offers/", "accesdirect.api.offers.router")
api.add_router("/matching/", "accesdirect.api.matching.router")
api.add_router("/results/", "accesdirect.api.results.router")
# The job seekers' app, authenticated by its own session (a person, not a staff account).
api.add_router("/app/", "accesdirect.api.app.router")
# Without an account: a company submits an offer ("J'ai une offre").
api.add_router("/public/", "accesdirect.api.public.router")


def api_urlpatterns():
    """The API's URL patterns. Ninja authenticates itself (401 JSON, not a redirect to the
    login page), so its views are exempted from LoginRequiredMiddleware."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
