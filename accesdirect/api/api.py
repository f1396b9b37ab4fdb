"""JSON API /api/v1 (OpenAPI schema at /api/v1/openapi.json), over the same services."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import django_auth

from accesdirect.core.errors import DomainError

api = NinjaAPI(
    title="Accès Direct API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


api.add_router("/", "accesdirect.api.endpoints.router")
api.add_router("/offers/", "accesdirect.api.offers.router")
api.add_router("/matching/", "accesdirect.api.matching.router")


def api_urlpatterns():
    """The API's URL patterns. Ninja authenticates itself (401 JSON, not a redirect to the
    login page), so its views are exempted from LoginRequiredMiddleware."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
