import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accesdirect.offers.enums import Contract
from accesdirect.seekers.enums import JournalKind, PeriodStatus, ReviewOutcome
from accesdirect.seekers.models import TripartiteReview
from accesdirect.testing import factories as f

from .factories import (
    AppointmentFactory,
    EmploymentFactory,
    IntakeFactory,
    JournalEntryFactory,
    PositioningFactory,
)

pytestmark = pytest.mark.django_db


def _url(seeker):
    return reverse("seekers:detail", args=[seeker.pk])


def _fill(seeker, camille, pau, *, rows: int):
    """A person with `rows` journal entries, positionings, appointments and companies contacted."""
    today = timezone.localdate()
    period = f.EngagementPeriodFactory(
        job_seeker=seeker, number=1, status=PeriodStatus.ACTIVE, signed_on=today, signed_by=camille
    )
    for index in range(rows):
        company = f.CompanyFactory(structure=pau, name=f"Entreprise contactée {index}")
        JournalEntryFactory(job_seeker=seeker, author=camille, text=f"Note {index}")
        JournalEntryFactory(
            job_seeker=seeker, author=camille, kind=JournalKind.COMPANY_CONTACT, company=company
        )
        PositioningFactory(job_seeker=seeker, offer__title=f"Offre {index}", offer__captured_by=camille)
        AppointmentFactory(job_seeker=seeker, staff=camille, site=f.SiteFactory(structure=pau))
        EmploymentFactory(job_seeker=seeker, recorded_by=camille, company=company)
    return period


def test_the_page_shows_the_whole_follow_up_of_a_person(camille_client, accompanied, camille, pau):
    period = _fill(accompanied, camille, pau, rows=2)
    EmploymentFactory(
        job_seeker=accompanied,
        recorded_by=camille,
        contract=Contract.CDD,
        employer_name="Boulangerie Lasserre",
        ends_on=timezone.localdate() + datetime.timedelta(days=90),
    )

    TripartiteReview.objects.create(
        structure=pau,
        job_seeker=accompanied,
        held_on=timezone.localdate(),
        outcome=ReviewOutcome.NEW_CYCLE,
        notes="Nouveau départ",
        by=camille,
    )

    response = camille_client.get(_url(accompanied))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Sami Accompanied" in content
    assert "Nouveau départ" in content  # the tripartite reviews
    assert "Département des Pyrénées-Atlantiques" in content  # the referral
    assert content.count("Agent / Agente de propreté") >= 3  # the target jobs
    assert "Trouver un emploi d&#x27;agent d&#x27;entretien à Pau" in content  # the PER objectives
    assert "Offre 1" in content  # a positioning
    assert "Boulangerie Lasserre" in content  # an employment
    assert "Préparer l&#x27;entretien" in content  # an appointment
    assert "Note 1" in content  # the journal
    assert "Entreprise contactée 1" in content  # companies contacted for the person
    assert reverse("seekers:period_end", args=[accompanied.pk, period.pk]) in content


def test_a_person_due_for_a_tripartite_review_shows_its_form(camille_client, accompanied):
    accompanied.needs_tripartite_review = True
    accompanied.save(update_fields=["needs_tripartite_review"])

    response = camille_client.get(_url(accompanied))

    assert "Bilan tripartite à organiser" in response.content.decode()
    assert reverse("seekers:review_create", args=[accompanied.pk]) in response.content.decode()


def test_a_received_person_without_per_is_offered_a_new_one(camille_client, accompanied):
    response = camille_client.get(_url(accompanied))

    assert reverse("seekers:period_create", args=[accompanied.pk]) in response.content.decode()


def test_a_referred_person_is_offered_the_intake(camille_client, referred, camille):
    IntakeFactory(job_seeker=referred, by=camille, notes="Aime le contact")

    response = camille_client.get(_url(referred))

    content = response.content.decode()
    assert "Accueil en cours" in content
    assert reverse("seekers:intake", args=[referred.pk]) in content
    assert reverse("seekers:period_create", args=[referred.pk]) not in content


def test_the_page_makes_the_same_number_of_queries_whatever_the_history(
    client, pau, camille, django_assert_num_queries
):
    small = f.JobSeekerFactory(structure=pau)
    large = f.JobSeekerFactory(structure=pau)
    _fill(small, camille, pau, rows=1)
    _fill(large, camille, pau, rows=30)
    client.force_login(camille)
    with CaptureQueriesContext(connection) as small_queries:
        client.get(_url(small))

    with django_assert_num_queries(len(small_queries)):
        response = client.get(_url(large))

    assert response.status_code == 200
    assert len(small_queries) <= 20
