"""The rules of a convention, through the services: one month at most, two with the same company
within twelve months, and an immersion that never changes the person's situation."""

import datetime

import pytest
from django_scopes import scopes_disabled

from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.immersions import services
from accesdirect.immersions.enums import ImmersionOutcome, ImmersionStatus
from accesdirect.immersions.models import latest_end
from accesdirect.immersions.services import ImmersionRefused
from accesdirect.offers.models import Employment
from accesdirect.offers.services import positioning_create
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f
from accesdirect.testing.clock import frozen_now

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def june_2027(monkeypatch):
    """The immersions of 2027 and 2028 are planned in June 2027, within their plausible window."""
    frozen_now(monkeypatch, datetime.datetime(2027, 6, 15, 10, tzinfo=datetime.UTC))


@pytest.mark.parametrize(
    ("start", "last_day"),
    [
        (D(2027, 3, 1), D(2027, 3, 31)),
        (D(2027, 3, 15), D(2027, 4, 14)),
        (D(2027, 1, 28), D(2027, 2, 27)),
        (D(2027, 1, 31), D(2027, 2, 28)),  # a shorter next month: up to its last day
        (D(2028, 1, 30), D(2028, 2, 29)),
        (D(2027, 12, 10), D(2028, 1, 9)),
    ],
)
def test_one_month_at_most_ends_the_day_before_the_same_date_next_month(start, last_day):
    assert latest_end(start) == last_day
    assert (last_day - start).days <= 30  # never beyond the database's backstop


def test_an_immersion_of_exactly_one_month_is_planned(plan, seeker, unscoped):
    immersion = plan(starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 31))

    assert immersion.pk is not None
    assert immersion.tutor_phone == "+33698765432"  # E.164
    assert immersion.commune == immersion.company.commune  # by default, the company's
    assert immersion.address == "3 rue des Cordeliers"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2027, 3, 1), D(2027, 4, 1)),  # 32 days
        (D(2027, 2, 1), D(2027, 3, 3)),  # 31 days, but February has 28
        (D(2027, 3, 15), D(2027, 4, 15)),
    ],
)
def test_more_than_one_month_is_refused_on_the_end_date(plan, start, end, unscoped):
    with pytest.raises(ImmersionRefused) as refused:
        plan(starts_on=start, ends_on=end)

    assert refused.value.field == "ends_on"
    assert "un mois au plus" in refused.value.message
    assert latest_end(start).strftime("%d/%m/%Y") in refused.value.message


def test_an_end_before_the_start_is_refused(plan):
    with pytest.raises(ImmersionRefused) as refused:
        plan(starts_on=D(2027, 3, 10), ends_on=D(2027, 3, 9))
    assert refused.value.field == "ends_on"


def test_a_landline_tutor_is_refused_on_the_phone_field(plan):
    with pytest.raises(ImmersionRefused) as refused:
        plan(tutor_phone="05 59 12 34 56")
    assert refused.value.field == "tutor_phone"
    assert "mobile" in refused.value.message


def test_hours_or_a_schedule_are_required(plan):
    with pytest.raises(ImmersionRefused) as refused:
        plan(hours_per_week=None, schedule=" ")
    assert refused.value.field == "hours_per_week"

    assert plan(hours_per_week=None, schedule="Lundi à vendredi, 6h-13h").schedule


def test_a_third_immersion_with_the_same_company_within_twelve_months_is_refused(plan, unscoped):
    plan(starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
    plan(starts_on=D(2027, 6, 7), ends_on=D(2027, 6, 18))

    with pytest.raises(ImmersionRefused) as refused:
        plan(starts_on=D(2027, 12, 6), ends_on=D(2027, 12, 17))

    assert refused.value.field == "starts_on"
    assert "deux immersions" in refused.value.message


def test_a_third_one_is_allowed_twelve_months_after_the_first(plan, unscoped):
    plan(starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
    plan(starts_on=D(2027, 6, 7), ends_on=D(2027, 6, 18))

    third = plan(starts_on=D(2028, 1, 4), ends_on=D(2028, 1, 14))

    assert third.pk is not None
    # ... but not a fourth one within twelve months of the second.
    with pytest.raises(ImmersionRefused):
        plan(starts_on=D(2028, 2, 7), ends_on=D(2028, 2, 18))


def test_a_third_one_planned_before_two_later_ones_is_refused_too(plan):
    plan(starts_on=D(2027, 6, 7), ends_on=D(2027, 6, 18))
    plan(starts_on=D(2027, 9, 6), ends_on=D(2027, 9, 17))

    with pytest.raises(ImmersionRefused):
        plan(starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 12))


def test_the_limit_is_per_company_and_per_person(plan, pau, bakery, unscoped):
    plan(starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
    plan(starts_on=D(2027, 2, 1), ends_on=D(2027, 2, 12))

    other_company = f.CompanyFactory(structure=pau, name="Fournil du Hédas")
    assert plan(company=other_company, starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 12)).pk
    other_person = f.JobSeekerFactory(structure=pau)
    assert plan(job_seeker=other_person, starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 12)).pk


def test_a_cancelled_immersion_does_not_count(plan, camille, in_pau):
    first = plan(starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
    plan(starts_on=D(2027, 2, 1), ends_on=D(2027, 2, 12))
    services.immersion_cancel(immersion=first, by=camille, reason="La personne est malade")

    assert plan(starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 12)).pk


def test_moving_an_immersion_into_the_window_of_two_others_is_refused(plan, camille, terms, in_pau):
    plan(starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
    plan(starts_on=D(2027, 2, 1), ends_on=D(2027, 2, 12))
    late = plan(starts_on=D(2028, 3, 6), ends_on=D(2028, 3, 17))

    with pytest.raises(ImmersionRefused) as refused:
        services.immersion_update(
            immersion=late, by=camille, terms=terms(starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 12))
        )
    assert refused.value.field == "starts_on"

    # Its own dates do not count against itself.
    moved = services.immersion_update(
        immersion=late, by=camille, terms=terms(starts_on=D(2028, 3, 13), ends_on=D(2028, 4, 12))
    )
    assert moved.ends_on == D(2028, 4, 12)


def test_a_company_of_another_structure_is_refused(plan, basque):
    with pytest.raises(ImmersionRefused) as refused:
        plan(company=f.CompanyFactory(structure=basque))
    assert refused.value.field == "company"


def test_a_person_who_left_gets_no_new_immersion(plan, pau, today):
    left = f.JobSeekerFactory(structure=pau, status=SeekerStatus.LEFT, exit_reason="moved", exited_on=today)
    with pytest.raises(ImmersionRefused):
        plan(job_seeker=left)


def test_each_step_is_written_in_the_persons_journal(plan, camille, seeker, today, in_pau):
    immersion = plan()
    services.immersion_record_review(
        immersion=immersion, by=camille, review="Ponctuel, très motivé", reviewed_on=today
    )
    services.immersion_record_outcome(
        immersion=immersion, by=camille, outcome=ImmersionOutcome.CONTRACT_OFFERED, outcome_on=today
    )

    entries = list(seeker.journal.filter(kind=JournalKind.IMMERSION).order_by("pk"))
    assert [entry.rendered.split(" :")[0] for entry in entries] == [
        f"Immersion prévue chez Boulangerie Lacoste du {today:%d/%m/%Y} au {immersion.ends_on:%d/%m/%Y}",
        f"Bilan de l'immersion chez Boulangerie Lacoste ({today:%d/%m/%Y})",
        f"Suite de l'immersion chez Boulangerie Lacoste ({today:%d/%m/%Y})",
    ]
    assert entries[1].rendered.endswith(":\nPonctuel, très motivé")  # the tutor's words, as typed
    assert entries[2].rendered.endswith(": Contrat proposé.")
    assert all(entry.author == camille for entry in entries)
    # ... and in the structure's audit trail, with who did it.
    assert list(
        AuditEvent.objects.filter(target_id=immersion.pk).order_by("pk").values_list("action", "actor")
    ) == [
        ("immersion.created", camille.pk),
        ("immersion.reviewed", camille.pk),
        ("immersion.outcome_recorded", camille.pk),
    ]


def test_a_hire_after_an_immersion_changes_nothing_in_the_persons_situation(plan, camille, seeker, today):
    with scopes_disabled():
        status_before = JobSeeker.objects.get(pk=seeker.pk).status
    immersion = plan()

    with structure_scope(seeker.structure_id):
        services.immersion_record_review(
            immersion=immersion, by=camille, review="Très bien", reviewed_on=today
        )
        immersion = services.immersion_record_outcome(
            immersion=immersion, by=camille, outcome=ImmersionOutcome.HIRED, outcome_on=today
        )

    assert immersion.outcome == ImmersionOutcome.HIRED
    with scopes_disabled():
        assert not Employment.objects.filter(job_seeker=seeker).exists()
        seeker = JobSeeker.objects.get(pk=seeker.pk)
        assert seeker.status == status_before == SeekerStatus.ACTIVE
    # Still in the active file: positioned on an offer as before.
    offer = f.OfferFactory(structure=seeker.structure, company=immersion.company, captured_by=camille)
    with structure_scope(seeker.structure_id):
        assert positioning_create(offer=offer, job_seeker=seeker, by=camille).pk


def test_a_review_is_recorded_once_the_immersion_has_started(plan, camille, today, in_pau):
    immersion = plan(
        starts_on=today + datetime.timedelta(days=3), ends_on=today + datetime.timedelta(days=10)
    )

    with pytest.raises(ImmersionRefused) as refused:
        services.immersion_record_review(immersion=immersion, by=camille, review="Bien", reviewed_on=today)
    assert refused.value.field == "reviewed_on"

    reviewed = services.immersion_record_review(
        immersion=immersion,
        by=camille,
        review="Bien",
        reviewed_on=today + datetime.timedelta(days=9),
        today=today + datetime.timedelta(days=9),
    )
    assert reviewed.reviewed_on == today + datetime.timedelta(days=9)


def test_a_cancelled_immersion_takes_no_review_nor_outcome_and_is_shown_cancelled(
    plan, camille, today, in_pau
):
    immersion = services.immersion_cancel(immersion=plan(), by=camille)

    assert immersion.status_on(today) == ImmersionStatus.CANCELLED
    with pytest.raises(ImmersionRefused):
        services.immersion_record_review(immersion=immersion, by=camille, review="x", reviewed_on=today)
    with pytest.raises(ImmersionRefused):
        services.immersion_record_outcome(
            immersion=immersion, by=camille, outcome=ImmersionOutcome.NONE, outcome_on=today
        )


def test_the_status_follows_the_dates(plan, today):
    immersion = plan(starts_on=today, ends_on=today + datetime.timedelta(days=4))

    assert immersion.status_on(today - datetime.timedelta(days=1)) == ImmersionStatus.PLANNED
    assert immersion.status_on(today) == ImmersionStatus.ONGOING
    assert immersion.status_on(today + datetime.timedelta(days=4)) == ImmersionStatus.ONGOING
    assert immersion.status_on(today + datetime.timedelta(days=5)) == ImmersionStatus.ENDED


def test_a_correction_and_a_cancellation_say_what_and_why(plan, camille, seeker, terms, in_pau):
    immersion = plan()
    services.immersion_update(immersion=immersion, by=camille, terms=terms(tutor_name="M. Lacoste"))
    services.immersion_cancel(immersion=immersion, by=camille, reason="Entreprise fermée pour travaux")

    changed, cancelled = seeker.journal.filter(kind=JournalKind.IMMERSION).order_by("-pk")[:2][::-1]
    assert changed.rendered == "Immersion chez Boulangerie Lacoste modifiée : tuteur ou tutrice."
    assert cancelled.rendered == "Immersion chez Boulangerie Lacoste annulée.\nEntreprise fermée pour travaux"
    update = AuditEvent.objects.get(target_id=immersion.pk, action="immersion.updated")
    assert update.params["changes"] == {"tutor_name": {"old": "Mme Lacoste", "new": "M. Lacoste"}}
