"""The Django admin for structure settings: Dominique (direction at Pau) edits Pau's settings
only; Camille (CRE) has no access; platform operators see every structure."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.structures.models import Site
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_direction_sees_and_edits_its_own_structures_settings(client, dominique, pau, basque):
    pau_site = f.SiteFactory(structure=pau, name="Antenne Saragosse")
    f.SiteFactory(structure=basque, name="Antenne Bayonne")
    client.force_login(dominique)
    page = client.get(reverse("admin:structures_site_changelist")).content.decode()
    assert "Antenne Saragosse" in page
    assert "Antenne Bayonne" not in page
    response = client.post(
        reverse("admin:structures_site_change", args=[pau_site.pk]),
        {"name": "Antenne Saragosse – Ousse-des-Bois", "address": "", "commune": pau_site.commune_id},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Site.objects.get(pk=pau_site.pk).name == "Antenne Saragosse – Ousse-des-Bois"


def test_the_direction_cannot_open_another_structure(client, dominique, basque):
    other = f.SiteFactory(structure=basque)
    client.force_login(dominique)
    response = client.get(reverse("admin:structures_site_change", args=[other.pk]))
    assert response.status_code == 302  # "not found": back to the list, nothing shown
    assert client.get(reverse("admin:structures_structure_change", args=[basque.pk])).status_code == 302


def test_a_new_site_is_attached_to_the_directions_structure(client, dominique, pau):
    commune = f.CommuneFactory()
    client.force_login(dominique)
    response = client.post(
        reverse("admin:structures_site_add"), {"name": "Permanence Orthez", "commune": commune.pk}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Site.objects.get(name="Permanence Orthez").structure == pau


def test_the_direction_cannot_create_a_structure(client, dominique):
    client.force_login(dominique)
    assert client.get(reverse("admin:structures_structure_add")).status_code == 403


def test_a_cre_has_no_access_to_the_admin(client, camille):
    client.force_login(camille)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_platform_operators_see_every_structure(client, pau, basque):
    operator = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)
    page = client.get(reverse("admin:structures_structure_changelist")).content.decode()
    assert "Accès Pau" in page and "Accès Basque" in page


def test_the_direction_finds_the_settings_from_every_page(client, dominique, camille):
    client.force_login(dominique)
    assert reverse("admin:index") in client.get(reverse("dashboard:home")).content.decode()
    client.force_login(camille)
    assert reverse("admin:index") not in client.get(reverse("dashboard:home")).content.decode()
