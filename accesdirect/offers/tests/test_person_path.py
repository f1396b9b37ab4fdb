"""A person's path as it really runs: a short contract keeps them accompanied, matched and
positionable; its recorded end puts them back "without a job"; a hire closes their other
positionings and their PER; a person who left cannot be hired nor received again without a
new referral."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.matching.queries import rank_offers
from accesdirect.offers.enums import (
    Contract,
    EmploymentEndReason,
    OfferStatus,
    PositioningCloseReason,
    PositioningStatus,
)
from accesdirect.offers.models import Employment
from accesdirect.offers.services import (
    employment_declare,
    employment_end,
    positioning_advance,
    positioning_create,
)
from accesdirect.seekers.enums import ExitReason, PeriodEndReason, PeriodStatus, SeekerStatus
from accesdirect.seekers.services import job_seeker_exit
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _interim(seeker, by, *, starts_on, days=14):
    with structure_scope(seeker.structure_id):
        return employment_declare(
            job_seeker=seeker,
            by=by,
            contract=Contract.INTERIM,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days - 1),
            hours_per_week=35,
            employer_name="Adecco Pau",
            job_title="Manutentionnaire",
        )


def test_a_person_in_a_two_week_interim_is_still_matched_and_positionable(pau, camille, offer):
    seeker = f.JobSeekerFactory(structure=pau)
    f.TargetJobFactory(job_seeker=seeker, appellation=offer.appellation, commune=offer.commune)
    _interim(seeker, camille, starts_on=timezone.localdate() - datetime.timedelta(days=3))

    with structure_scope(pau):
        seeker.refresh_from_db()
        ranked = [pair.offer_id for pair in rank_offers(seeker)]
        positioning = positioning_create(offer=offer, job_seeker=seeker, by=camille)

    assert seeker.status == SeekerStatus.ACTIVE
    assert offer.pk in ranked
    assert positioning.status == PositioningStatus.PROPOSED


def test_the_page_shows_in_a_job_then_without_a_job_after_the_recorded_end(pau, camille, camille_client):
    seeker = f.JobSeekerFactory(structure=pau)
    employment = _interim(seeker, camille, starts_on=timezone.localdate() - datetime.timedelta(days=3))
    page = camille_client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()
    assert "En emploi : Intérim chez Adecco Pau" in page

    response = camille_client.post(
        reverse("offers:employment_end", args=[employment.pk]),
        {
            "ended_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "reason": EmploymentEndReason.TRIAL_PERIOD,
        },
        follow=True,
    )

    assert "de nouveau sans emploi" in response.content.decode()
    page = camille_client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()
    assert "Sans emploi" in page
    assert "En emploi :" not in page
    with structure_scope(pau):
        employment.refresh_from_db()
        assert not Employment.objects.filter(job_seeker=seeker).current(timezone.localdate()).exists()
    assert employment.end_reason == EmploymentEndReason.TRIAL_PERIOD


def test_a_job_whose_planned_end_passed_is_no_longer_current(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    employment = _interim(seeker, camille, starts_on=timezone.localdate() - datetime.timedelta(days=30))
    with structure_scope(pau):
        assert not Employment.objects.filter(pk=employment.pk).current(timezone.localdate()).exists()
    assert employment.is_current(timezone.localdate()) is False


def test_an_end_before_the_start_or_recorded_twice_is_refused(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    employment = _interim(seeker, camille, starts_on=timezone.localdate() - datetime.timedelta(days=3))
    with structure_scope(pau):
        with pytest.raises(DomainError, match="avant son début"):
            employment_end(
                employment=employment,
                ended_on=employment.starts_on - datetime.timedelta(days=1),
                reason=EmploymentEndReason.OTHER,
                by=camille,
            )
        employment_end(
            employment=employment,
            ended_on=timezone.localdate(),
            reason=EmploymentEndReason.RESIGNATION,
            by=camille,
        )
        with pytest.raises(DomainError, match="déjà enregistrée"):
            employment_end(
                employment=employment,
                ended_on=timezone.localdate(),
                reason=EmploymentEndReason.OTHER,
                by=camille,
            )


def test_a_hire_closes_the_other_positionings_and_the_per(pau, camille, camille_client, offer, position):
    seeker = f.JobSeekerFactory(structure=pau)
    today = timezone.localdate()
    period = f.EngagementPeriodFactory(
        job_seeker=seeker,
        starts_on=today - datetime.timedelta(days=10),
        status=PeriodStatus.ACTIVE,
        signed_on=today,
    )
    other_offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    other = position(other_offer, seeker=seeker)
    hired = position(offer, seeker=seeker, up_to=PositioningStatus.INTERVIEW_HELD)

    with structure_scope(pau):
        positioning_advance(positioning=hired, to_status=PositioningStatus.HIRED, by=camille)
        other.refresh_from_db()
        other_offer.refresh_from_db()
        period.refresh_from_db()
        offer.refresh_from_db()

    assert other.status == PositioningStatus.WITHDRAWN
    assert other.closed_reason == PositioningCloseReason.HIRED_ELSEWHERE
    page = camille_client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()
    assert 'Abandon</span> <span class="muted">(Embauche sur un autre poste)</span>' in page
    assert other_offer.status == OfferStatus.OPEN
    assert offer.status == OfferStatus.FILLED
    assert (period.status, period.end_reason, period.ended_on) == (
        PeriodStatus.ENDED,
        PeriodEndReason.EMPLOYMENT,
        today,
    )


def test_a_person_who_left_cannot_be_hired(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        job_seeker_exit(
            job_seeker=seeker, reason=ExitReason.MOVED, exited_on=timezone.localdate(), by=camille
        )
        with pytest.raises(DomainError, match="n'est plus accompagnée"):
            _interim(seeker, camille, starts_on=timezone.localdate())


def test_an_exit_is_refused_while_the_person_is_positioned(pau, camille, offer, position):
    seeker = f.JobSeekerFactory(structure=pau)
    position(offer, seeker=seeker)
    with structure_scope(pau), pytest.raises(DomainError, match="positionnée sur une offre"):
        job_seeker_exit(
            job_seeker=seeker, reason=ExitReason.MOVED, exited_on=timezone.localdate(), by=camille
        )


def test_the_exit_page_records_the_reason(pau, camille_client):
    seeker = f.JobSeekerFactory(structure=pau)

    response = camille_client.post(
        reverse("seekers:exit", args=[seeker.pk]),
        {"exited_on": timezone.localdate().isoformat(), "reason": ExitReason.DURABLE_JOB},
        follow=True,
    )

    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.LEFT
    assert seeker.exit_reason == ExitReason.DURABLE_JOB
    assert "Sorti·e le" in response.content.decode()


def test_the_exit_page_keeps_the_input_on_a_bad_date(pau, camille_client):
    seeker = f.JobSeekerFactory(structure=pau)
    response = camille_client.post(
        reverse("seekers:exit", args=[seeker.pk]), {"exited_on": "01/01/99999", "reason": ExitReason.MOVED}
    )
    assert response.status_code == 200
    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.ACTIVE


def test_the_audit_trail_shows_who_ended_a_job_and_who_exited_a_person(pau, camille, dominique, client):
    seeker = f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Trail")
    employment = _interim(seeker, camille, starts_on=timezone.localdate() - datetime.timedelta(days=3))
    with structure_scope(pau):
        employment_end(
            employment=employment, ended_on=timezone.localdate(), reason=EmploymentEndReason.OTHER, by=camille
        )
        job_seeker_exit(
            job_seeker=seeker, reason=ExitReason.MOVED, exited_on=timezone.localdate(), by=dominique
        )
    client.force_login(dominique)

    page = client.get(reverse("audit:trail")).content.decode()

    assert "a enregistré la fin de l&#x27;emploi" in page or "a enregistré la fin de l'emploi" in page
    assert "a enregistré la sortie de" in page
    assert "Camille" in page
    assert "Sami Trail" in page


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_exit_dated_before_the_file_or_in_the_future_is_refused(pau, camille_client, day):
    seeker = f.JobSeekerFactory(structure=pau)

    response = camille_client.post(
        reverse("seekers:exit", args=[seeker.pk]), {"exited_on": day, "reason": "moved"}
    )

    assert response.status_code == 200
    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.ACTIVE
