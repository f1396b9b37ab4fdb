"""The immersion pages, as Camille uses them: plan one from Sami's page, record the tutor's review
and the outcome, and find it on Sami's page and on the bakery's page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.immersions.enums import ImmersionOutcome, ImmersionPurpose
from accesdirect.immersions.models import Immersion
from accesdirect.offers.models import Employment
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f

from .factories import ImmersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_data(bakery, appellation, today):
    return {
        "company": bakery.pk,
        "tutor_name": "Mme Lacoste",
        "tutor_role": "Gérante",
        "tutor_phone": "06 98 76 54 32",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=11)).isoformat(),
        "hours_per_week": "35",
        "purpose": ImmersionPurpose.CONFIRM,
        "appellation": appellation.pk,
        "objectives": "Confirmer le projet de boulanger",
        "tasks": "Pétrissage, façonnage",
        "assessment": "Grille remplie avec la tutrice",
    }


def _create_url(seeker):
    return reverse("immersions:create", args=[seeker.pk])


def test_camille_plans_an_immersion_from_samis_page(camille_client, seeker, form_data, unscoped):
    page = camille_client.get(reverse("seekers:detail", args=[seeker.pk])).text
    assert _create_url(seeker) in page

    response = camille_client.post(_create_url(seeker), form_data)

    immersion = Immersion.objects.get(job_seeker=seeker)
    assert response.status_code == 302
    assert response.url == reverse("immersions:detail", args=[immersion.pk])
    assert immersion.tutor_phone == "+33698765432"
    assert immersion.purpose == ImmersionPurpose.CONFIRM


def test_more_than_a_month_is_refused_on_the_end_date_field(
    camille_client, seeker, form_data, today, unscoped
):
    form_data["ends_on"] = (today + datetime.timedelta(days=32)).isoformat()

    response = camille_client.post(_create_url(seeker), form_data)

    assert response.status_code == 200
    assert "un mois au plus" in str(response.context["form"].errors["ends_on"])
    assert not Immersion.objects.exists()


def test_a_third_immersion_at_the_same_company_is_refused_on_the_start_date_field(
    camille_client, seeker, bakery, form_data, today, unscoped
):
    for weeks in (1, 3):
        ImmersionFactory(
            job_seeker=seeker, company=bakery, starts_on=today - datetime.timedelta(weeks=weeks * 4)
        )

    response = camille_client.post(_create_url(seeker), form_data)

    assert "deux immersions" in str(response.context["form"].errors["starts_on"])
    assert Immersion.objects.count() == 2


def test_a_landline_for_the_tutor_is_refused_on_its_field(camille_client, seeker, form_data, unscoped):
    form_data["tutor_phone"] = "05 59 12 34 56"

    response = camille_client.post(_create_url(seeker), form_data)

    assert "mobile" in str(response.context["form"].errors["tutor_phone"])


def test_review_and_outcome_are_recorded_and_shown_on_both_pages(
    camille_client, seeker, bakery, camille, today, unscoped
):
    immersion = ImmersionFactory(
        job_seeker=seeker, company=bakery, starts_on=today - datetime.timedelta(days=9), ends_on=today
    )
    detail = reverse("immersions:detail", args=[immersion.pk])

    camille_client.post(
        reverse("immersions:review", args=[immersion.pk]),
        {"review": "Ponctuel, très à l'aise avec la clientèle", "reviewed_on": today.isoformat()},
    )
    response = camille_client.post(
        reverse("immersions:outcome", args=[immersion.pk]),
        {"outcome": ImmersionOutcome.HIRED, "outcome_on": today.isoformat()},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == detail
    assert "Ponctuel, très à l&#x27;aise avec la clientèle" in response.text
    assert reverse("offers:employment_declare", args=[seeker.pk]) in response.text  # recorded apart
    for page in (reverse("seekers:detail", args=[seeker.pk]), reverse("companies:detail", args=[bakery.pk])):
        text = camille_client.get(page).text
        assert detail in text
        assert "Embauche" in text
    # An immersion is not a job: the person's accompaniment and situation stay as they were.
    assert not Employment.objects.filter(job_seeker=seeker).exists()
    assert JobSeeker.objects.get(pk=seeker.pk).status == SeekerStatus.ACTIVE


def test_a_review_dated_before_the_start_is_refused_on_its_field(camille_client, seeker, today, unscoped):
    immersion = ImmersionFactory(
        job_seeker=seeker, starts_on=today, ends_on=today + datetime.timedelta(days=4)
    )

    response = camille_client.post(
        reverse("immersions:review", args=[immersion.pk]),
        {"review": "Bien", "reviewed_on": (today - datetime.timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 400
    assert "précède le début" in str(response.context["review_form"].errors["reviewed_on"])


def test_camille_corrects_then_cancels_an_immersion(camille_client, seeker, form_data, today, unscoped):
    immersion = ImmersionFactory(job_seeker=seeker, company_id=form_data["company"])
    edit = reverse("immersions:edit", args=[immersion.pk])
    assert camille_client.get(edit).status_code == 200

    form_data["tutor_name"] = "M. Lacoste"
    assert camille_client.post(edit, form_data).status_code == 302
    camille_client.post(reverse("immersions:cancel", args=[immersion.pk]), {"reason": "Entreprise fermée"})

    immersion.refresh_from_db()
    assert immersion.tutor_name == "M. Lacoste"
    assert immersion.is_cancelled
    assert "Annulée" in camille_client.get(reverse("immersions:detail", args=[immersion.pk])).text


def test_the_printable_convention_holds_the_terms(camille_client, seeker, unscoped):
    immersion = ImmersionFactory(job_seeker=seeker, schedule="Du lundi au vendredi, 6h-13h")

    text = camille_client.get(reverse("immersions:print", args=[immersion.pk])).text

    for expected in ("Cerfa 13912", "Mme Lacoste", "06 98 76 54 32", "Du lundi au vendredi", "Pétrissage"):
        assert expected in text


def test_the_pages_list_immersions_with_one_query_whatever_their_number(
    client, pau, camille, django_assert_num_queries
):
    """The person's page and the company's page, with 1 then 6 immersions: the same count."""
    client.force_login(camille)
    small, large = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau)
    small_company, large_company = f.CompanyFactory(structure=pau), f.CompanyFactory(structure=pau)
    ImmersionFactory(job_seeker=small, company=small_company)
    for _ in range(6):
        ImmersionFactory(job_seeker=large, company=f.CompanyFactory(structure=pau))
        ImmersionFactory(job_seeker=f.JobSeekerFactory(structure=pau), company=large_company)

    for name, small_pk, large_pk in (
        ("seekers:detail", small.pk, large.pk),
        ("companies:detail", small_company.pk, large_company.pk),
    ):
        with CaptureQueriesContext(connection) as small_queries:
            client.get(reverse(name, args=[small_pk]))
        with django_assert_num_queries(len(small_queries)):
            response = client.get(reverse(name, args=[large_pk]))
        assert response.status_code == 200
    with scopes_disabled():
        assert Immersion.objects.count() == 13
