import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from stdnum import luhn

from accesdirect.companies.enums import Relationship
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("companies:list")


def test_the_list_shows_the_companies_of_the_structure_only(camille_client, pau, basque):
    f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")
    f.CompanyFactory(structure=basque, name="Conserverie Basque")
    response = camille_client.get(URL)
    assert response.status_code == 200
    assert "Boulangerie Lacoste" in response.text
    assert "Conserverie Basque" not in response.text


def test_search_by_name_or_siret(camille_client, pau):
    siren = "732829320"
    f.CompanyFactory(
        structure=pau,
        name="Boulangerie Lacoste",
        siret=siren + "0007" + luhn.calc_check_digit(siren + "0007"),
    )
    f.CompanyFactory(structure=pau, name="Garage Moderne")
    by_name = camille_client.get(URL, {"q": "lacoste"}).text
    assert "Boulangerie Lacoste" in by_name
    assert "Garage Moderne" not in by_name
    by_siret = camille_client.get(URL, {"q": siren}).text
    assert "Boulangerie Lacoste" in by_siret
    assert "Garage Moderne" not in by_siret


def test_filter_by_relationship(camille_client, pau):
    f.CompanyFactory(structure=pau, name="Partenaire fidèle", relationship=Relationship.PARTNER)
    f.CompanyFactory(structure=pau, name="Jamais vue")
    text = camille_client.get(URL, {"relationship": Relationship.PARTNER}).text
    assert "Partenaire fidèle" in text
    assert "Jamais vue" not in text


def test_filter_companies_followed_by_me(camille_client, pau, camille, dominique):
    f.CompanyFactory(structure=pau, name="Ma boîte", followed_by=camille)
    f.CompanyFactory(structure=pau, name="Celle de Dominique", followed_by=dominique)
    text = camille_client.get(URL, {"mine": "on"}).text
    assert "Ma boîte" in text
    assert "Celle de Dominique" not in text


def test_filter_follow_ups_due_uses_the_latest_contact(camille_client, pau, camille):
    today = timezone.localdate()
    due = f.CompanyFactory(structure=pau, name="Relance due")
    f.CompanyContactFactory(company=due, by=camille, next_follow_up_on=today - datetime.timedelta(days=1))
    later = f.CompanyFactory(structure=pau, name="Relance plus tard")
    f.CompanyContactFactory(company=later, by=camille, next_follow_up_on=today + datetime.timedelta(days=5))
    settled = f.CompanyFactory(structure=pau, name="Relance faite")
    f.CompanyContactFactory(
        company=settled,
        by=camille,
        occurred_at=timezone.now() - datetime.timedelta(days=10),
        next_follow_up_on=today - datetime.timedelta(days=3),
    )
    f.CompanyContactFactory(company=settled, by=camille, next_follow_up_on=None)
    text = camille_client.get(URL, {"due": "on"}).text
    assert "Relance due" in text
    assert "Relance plus tard" not in text
    assert "Relance faite" not in text


def test_the_list_shows_the_last_contact(camille_client, pau, camille):
    company = f.CompanyFactory(structure=pau)
    f.CompanyContactFactory(
        company=company, by=camille, occurred_at=datetime.datetime(2024, 3, 5, 11, tzinfo=datetime.UTC)
    )
    assert "5 mars 2024" in camille_client.get(URL).text


def test_htmx_gets_only_the_results(camille_client, pau):
    f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")
    response = camille_client.get(URL, {"q": "lacoste"}, headers={"HX-Request": "true"})
    assert "Boulangerie Lacoste" in response.text
    assert "<html" not in response.text
    assert 'id="results"' not in response.text


def test_the_list_is_paginated(camille_client, pau, settings):
    settings.PAGE_SIZE = 5
    for index in range(7):
        f.CompanyFactory(structure=pau, name=f"Entreprise {index:02d}")
    second_page = camille_client.get(URL, {"page": 2}).text
    assert "Entreprise 06" in second_page
    assert "Entreprise 00" not in second_page
    assert "Page 2 sur 2" in second_page


def test_the_list_needs_a_constant_number_of_queries(
    camille_client, pau, camille, django_assert_max_num_queries
):
    for _ in range(35):
        company = f.CompanyFactory(structure=pau, followed_by=camille)
        f.CompanyContactFactory(company=company, by=camille)
    # session, user, membership, count, one page of companies with last contact and follow-up
    with django_assert_max_num_queries(5):
        response = camille_client.get(URL)
    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
