import pytest
from django import forms

from accesdirect.referentials.forms import AppellationField, CommuneField
from accesdirect.referentials.models import Appellation
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune")
    appellation = AppellationField(label="Métier", required=False)


@pytest.fixture
def pau():
    return f.CommuneFactory()


@pytest.fixture
def lescar():
    return f.CommuneFactory(lescar=True)


def test_the_widget_renders_a_search_box_wired_to_the_autocomplete(pau):
    html = str(PlaceForm()["commune"])
    assert 'type="search"' in html
    assert 'hx-get="/referentiels/communes/"' in html
    assert 'hx-target="#id_commune"' in html
    assert 'name="commune_search"' in html
    assert 'aria-label="Rechercher une commune par nom ou code postal"' in html
    assert '<select name="commune" required id="id_commune">' in html


def test_the_field_label_points_to_the_select(pau):
    assert 'for="id_commune"' in PlaceForm()["commune"].label_tag()


def test_only_the_current_commune_is_rendered_never_the_whole_table(pau, lescar, django_assert_num_queries):
    form = PlaceForm(initial={"commune": pau.pk})
    with django_assert_num_queries(1):
        html = str(form["commune"])
    assert f'<option value="{pau.pk}" selected>Pau (64000)</option>' in html
    assert "Lescar" not in html
    assert '<option value=""' not in html


def test_without_value_the_select_offers_only_a_prompt(pau, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = str(PlaceForm()["commune"])
    assert '<option value="" selected>Tapez quelques lettres ci-dessus</option>' in html
    assert "Pau" not in html


def test_an_optional_field_asks_for_a_blank_choice_in_the_suggestions():
    html = str(PlaceForm()["appellation"])
    assert 'hx-get="/referentiels/appellations/?blank=1"' in html
    assert "required" not in html.split("<select", 1)[1].split(">", 1)[0]


def test_a_posted_commune_is_validated_against_the_referential(pau):
    form = PlaceForm(data={"commune": str(pau.pk), "commune_search": "pau"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"] == pau
    assert form.cleaned_data["appellation"] is None


def test_an_unknown_or_tampered_value_is_refused_and_rerendered(pau):
    form = PlaceForm(data={"commune": "not-a-number"})
    assert not form.is_valid()
    assert "commune" in form.errors
    assert "not-a-number" not in str(form["commune"])


def test_the_appellation_is_shown_with_its_rome_code(rome_sample):
    appellation = Appellation.objects.get(label="Employé / Employée de ménage")
    html = str(PlaceForm(initial={"appellation": appellation.pk})["appellation"])
    assert "Employé / Employée de ménage (K1304)</option>" in html
