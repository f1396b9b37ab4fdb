"""Follow-ups at 6, 12, 24 and 48 months after a start, whose answers (still in a job, same
employer or not) feed the survival in employment (reporting.survival)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.calendar import add_months
from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.models import JobFollowUp
from accesdirect.offers.services import employment_declare, job_follow_up_record
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 2, 29)


@pytest.fixture
def employment(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        return employment_declare(
            job_seeker=seeker,
            by=camille,
            contract=Contract.CDD,
            starts_on=START,
            ends_on=datetime.date(2024, 8, 31),
            hours_per_week=None,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )


def _follow_up(employment, months):
    with scopes_disabled():
        return employment.follow_ups.get(due_on=add_months(START, months))


def test_a_start_plans_follow_ups_up_to_four_years(employment):
    with scopes_disabled():
        due = list(employment.follow_ups.order_by("due_on").values_list("due_on", flat=True))

    assert due == [
        datetime.date(2024, 3, 7),
        datetime.date(2024, 3, 29),
        datetime.date(2024, 8, 29),
        datetime.date(2025, 2, 28),
        datetime.date(2026, 2, 28),
        datetime.date(2028, 2, 29),
    ]


def test_staff_record_by_hand_that_the_person_works_for_another_employer(employment, camille, pau):
    follow_up = _follow_up(employment, 24)
    with structure_scope(pau):
        job_follow_up_record(
            follow_up=follow_up,
            by=camille,
            done_on=datetime.date(2026, 3, 2),
            going_well=True,
            notes="CDI dans une autre boulangerie",
            still_employed=True,
            same_employer=False,
        )

    follow_up.refresh_from_db()
    assert (follow_up.still_employed, follow_up.same_employer) == (True, False)


def test_same_employer_is_refused_for_a_person_out_of_work(employment, camille, pau):
    follow_up = _follow_up(employment, 12)
    with structure_scope(pau), pytest.raises(DomainError, match="toujours en emploi"):
        job_follow_up_record(
            follow_up=follow_up,
            by=camille,
            done_on=datetime.date(2025, 3, 1),
            going_well=False,
            notes="",
            still_employed=False,
            same_employer=True,
        )


def test_the_database_refuses_same_employer_without_a_job(employment, unscoped):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobFollowUp.objects.filter(pk=_follow_up(employment, 6).pk).update(
            still_employed=False, same_employer=True
        )


def test_the_follow_up_form_records_the_answers(camille_client, employment, unscoped):
    follow_up = _follow_up(employment, 12)
    url = reverse("offers:follow_up_record", args=[follow_up.pk])

    response = camille_client.post(
        url,
        {
            "done_on": timezone.localdate().isoformat(),
            "going_well": "yes",
            "still_employed": "yes",
            "same_employer": "yes",
            "notes": "",
        },
    )

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.still_employed, follow_up.same_employer) == (True, True)
    page = camille_client.get(response.url).content.decode()
    assert "En emploi, même employeur" in page


def test_the_follow_up_form_refuses_same_employer_without_a_job_keeping_the_input(
    camille_client, employment, unscoped
):
    follow_up = _follow_up(employment, 12)

    response = camille_client.post(
        reverse("offers:follow_up_record", args=[follow_up.pk]),
        {
            "done_on": timezone.localdate().isoformat(),
            "going_well": "no",
            "still_employed": "no",
            "same_employer": "no",
            "notes": "Parti",
        },
    )

    assert response.status_code == 200
    assert "seulement si la personne est toujours en emploi" in response.content.decode()
    assert "Parti" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_on is None


def test_an_unanswered_question_stays_unknown(camille_client, employment, unscoped):
    follow_up = _follow_up(employment, 6)

    camille_client.post(
        reverse("offers:follow_up_record", args=[follow_up.pk]),
        {"done_on": timezone.localdate().isoformat(), "going_well": "yes", "notes": ""},
    )

    follow_up.refresh_from_db()
    assert follow_up.done_on == timezone.localdate()
    assert (follow_up.still_employed, follow_up.same_employer) == (None, None)
