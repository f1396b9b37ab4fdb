import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def _url(seeker):
    return reverse("seekers:edit", args=[seeker.pk])


def _data(seeker, **overrides):
    return {
        "first_name": seeker.first_name,
        "last_name": seeker.last_name,
        "phone": "0612345678",
        "commune": seeker.commune_id,
        "availability": "within_month",
        "education_level": "3",
        "programme": "plie",
        "driving_licence": "on",
        "max_commute_km": "25",
        "wishes": "Travailler dehors",
        **overrides,
    }


def test_the_edit_form_shows_the_current_facts(camille_client, accompanied):
    response = camille_client.get(_url(accompanied))

    assert response.status_code == 200
    assert f'value="{accompanied.last_name}"' in response.content.decode()


def test_editing_a_person_saves_and_returns_to_their_page(camille_client, accompanied, unscoped):
    response = camille_client.post(
        _url(accompanied), _data(accompanied, phone="+262 692 12 34 56"), follow=True
    )

    accompanied.refresh_from_db()
    assert response.redirect_chain[-1][0] == reverse("seekers:detail", args=[accompanied.pk])
    assert "Fiche de Sami Accompanied enregistrée" in response.content.decode()
    assert accompanied.phone == "+262692123456"
    assert accompanied.driving_licence is True
    assert accompanied.max_commute_km == 25
    assert accompanied.programme == "plie"


def test_a_landline_is_refused_and_the_input_is_kept(camille_client, accompanied, unscoped):
    response = camille_client.post(
        _url(accompanied), _data(accompanied, phone="05 59 12 34 56", wishes="Le matin")
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert escape("pas un mobile de France") in content
    assert "Le matin" in content
    accompanied.refresh_from_db()
    assert accompanied.wishes == ""
