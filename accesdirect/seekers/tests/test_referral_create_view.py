import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.seekers.enums import Programme, SeekerStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("seekers:referral_create")


def _data(organisation, **overrides):
    commune = f.CommuneFactory()
    return {
        "organisation": organisation.pk,
        "prescriber_name": "Mme Lamarque",
        "programme": Programme.RSA,
        "referred_on": "2026-01-12",
        "first_name": "Nadia",
        "last_name": "Benali",
        "phone": "06 12 34 56 78",
        "commune": commune.pk,
        "availability": "immediate",
        "education_level": "none",
        "wishes": "Travailler avec les enfants",
        **overrides,
    }


def test_the_form_page_shows_the_prescribers_of_the_structure(camille_client, organisation, basque):
    f.PrescriberOrganisationFactory(structure=basque, name="PLIE de Bayonne")

    response = camille_client.get(URL)

    assert response.status_code == 200
    assert organisation.name in response.content.decode()
    assert "PLIE de Bayonne" not in response.content.decode()


def test_a_referral_creates_the_person_and_leads_to_their_page(camille_client, organisation, pau):
    response = camille_client.post(URL, _data(organisation), follow=True)

    with scopes_disabled():
        seeker = JobSeeker.objects.get()
    assert response.redirect_chain[-1][0] == reverse("seekers:detail", args=[seeker.pk])
    assert "Prescription enregistrée pour Nadia Benali" in response.content.decode()
    assert seeker.structure_id == pau.pk
    assert seeker.status == SeekerStatus.REFERRED
    assert seeker.phone == "+33612345678"


def test_a_landline_is_refused_with_a_french_message_and_the_input_is_kept(camille_client, organisation):
    response = camille_client.post(URL, _data(organisation, phone="05 59 12 34 56"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "pas un mobile de France" in content
    assert 'value="Benali"' in content
    assert "Travailler avec les enfants" in content
    with scopes_disabled():
        assert not JobSeeker.objects.exists()
