import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from accesdirect.referentials import models
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

REFERENTIAL_MODELS = [
    models.RomeVersion,
    models.GrandDomaine,
    models.DomaineProfessionnel,
    models.Fiche,
    models.FicheMobility,
    models.Appellation,
    models.RomeSector,
    models.Commune,
    models.NafCode,
    models.ReferentialLoad,
]


@pytest.fixture
def admin_client(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("model", REFERENTIAL_MODELS, ids=lambda model: model.__name__)
def test_every_referential_is_listed_and_searchable_in_the_admin(admin_client, rome_sample, model):
    f.CommuneFactory()
    url = reverse(f"admin:referentials_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    if site._registry[model].search_fields:
        assert admin_client.get(url, {"q": "agent"}).status_code == 200


def test_referentials_are_read_only_in_the_admin(admin_client, rome_sample):
    fiche = models.Fiche.objects.get(code="K2204")
    assert admin_client.get(reverse("admin:referentials_fiche_add")).status_code == 403
    change_url = reverse("admin:referentials_fiche_change", args=[fiche.pk])
    assert admin_client.get(change_url).status_code == 200  # viewable
    assert admin_client.post(change_url, {"label": "Autre"}).status_code == 403
    fiche.refresh_from_db()
    assert fiche.label == "Agent / Agente de nettoyage industriel"
