"""The app is installable (manifest, service worker, offline page) and never keeps a person's
pages in the phone's cache."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_manifest_describes_an_installable_app_in_french(client):
    answer = client.get(reverse("seeker_app:manifest"))
    assert answer["Content-Type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["lang"] == "fr" and manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == reverse("seeker_app:home")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200
        served.close()


def test_the_service_worker_keeps_only_the_offline_page_and_static_files(client):
    answer = client.get(reverse("seeker_app:service_worker"))
    assert answer["Content-Type"].startswith("text/javascript")
    assert "no-cache" in answer["Cache-Control"]
    script = answer.content.decode()
    assert reverse("seeker_app:offline") in script
    # Navigations go to the network; only a failed one falls back to the offline page.
    assert 'request.mode === "navigate"' in script and "fetch(request).catch" in script
    assert "/app/offres/" not in script and "/app/reservations/" not in script


def test_the_offline_page_and_the_app_pages_link_the_manifest(client):
    offline = client.get(reverse("seeker_app:offline"))
    assert offline.status_code == 200 and "Pas de connexion" in offline.content.decode()
    sign_in = client.get(reverse("seeker_app:sign_in")).content.decode()
    assert f'rel="manifest" href="{reverse("seeker_app:manifest")}"' in sign_in
