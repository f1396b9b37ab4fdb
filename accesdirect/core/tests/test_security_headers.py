"""Security headers: no inline or foreign script may run, no powerful browser feature may be
asked for, no page of personal data stays in a cache, the API docs come from our own files."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def test_pages_forbid_inline_and_foreign_scripts(client, camille):
    for response in (
        client.get(reverse("login")),
        _signed_in(client, camille).get(reverse("dashboard:home")),
    ):
        directives = _directives(response)
        assert directives["script-src"] == "script-src 'self'"
        assert (
            "'unsafe-inline'" not in directives["script-src"]
            and "'unsafe-eval'" not in directives["script-src"]
        )
        assert directives["object-src"] == "object-src 'none'"
        assert directives["frame-ancestors"] == "frame-ancestors 'none'"


def test_pages_refuse_the_browsers_powerful_features(client):
    policy = client.get(reverse("login"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy


def test_every_answer_to_a_signed_in_person_is_kept_in_no_cache(client, camille, pau):
    person = f.JobSeekerFactory(structure=pau)
    _signed_in(client, camille)
    for url in (reverse("dashboard:home"), reverse("seekers:detail", args=[person.pk]), "/api/v1/me"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_the_answer_that_signs_in_is_not_cached_either(client, camille):
    response = client.post(reverse("login"), {"username": camille.email, "password": f.DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_the_api_docs_load_their_scripts_from_our_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources, page
    assert all(
        source.startswith(settings.STATIC_URL) or source.startswith("/" + settings.STATIC_URL)
        for source in sources
    )
    assert "cdn" not in page.lower()
    for source in sources:
        assert finders.find(source.split(settings.STATIC_URL, 1)[1]), source


def test_no_template_carries_an_inline_script_or_event_handler():
    """The policy would silently block them: behaviours live in static JS (core/app.js)."""
    root = Path(settings.BASE_DIR) / "accesdirect"
    offenders = []
    for template in root.glob("**/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        inline_scripts = [tag for tag in re.findall(r"<script\b[^>]*>", text) if "src=" not in tag]
        inline_scripts = [tag for tag in inline_scripts if 'type="application/json"' not in tag]
        handlers = re.findall(r"\son[a-z]+\s*=", text)
        if inline_scripts or handlers or "javascript:" in text:
            offenders.append(str(template.relative_to(root)))
    assert offenders == []


def _signed_in(client, user):
    client.force_login(user)
    return client
