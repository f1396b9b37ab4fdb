"""Survival in employment: curves computed by hand, then the same read from records written
through the services (a job declared, its follow-ups answered by Camille)."""

import datetime
import re
from fractions import Fraction

import pytest
from django.urls import reverse

from accesdirect.core.calendar import add_months, paris_today
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.services import employment_declare, job_follow_up_record
from accesdirect.reporting.survival import (
    FollowedStart,
    SurvivalStep,
    followed_starts,
    kaplan_meier,
    study_figures,
    survival_by_cohort,
)
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

D = datetime.date


def _start(year: int, still: dict, same: dict | None = None, n: int = 0) -> FollowedStart:
    return FollowedStart(
        job_seeker_id=n, starts_on=D(year, 3, 1), still_employed=still, same_employer=same or {}
    )


ALWAYS = {6: True, 12: True, 24: True, 48: True}


def _cohort_2020() -> list[FollowedStart]:
    """Ten starts of 2020. By hand:
    6 months:  10 answer, 1 out of work        → 9/10
    12 months: of 9, 1 unanswered (censored), 8 answer, 2 out → 9/10 × 6/8 = 27/40
    24 months: the 6 left answer, all in a job  → 27/40
    48 months: of 6, 2 not reached (censored), 4 answer, 1 out → 27/40 × 3/4 = 81/160"""
    return [
        _start(2020, {6: False}),
        _start(2020, {6: True}),  # unanswered at 12 months: followed no further
        _start(2020, {6: True, 12: False}),
        _start(2020, {6: True, 12: False, 24: True}),  # back in work later: still an event at 12
        _start(2020, {6: True, 12: True, 24: True}),
        _start(2020, {6: True, 12: True, 24: True}),
        _start(2020, ALWAYS, {48: True}),
        _start(2020, ALWAYS, {48: False}),
        _start(2020, ALWAYS, {48: False}),
        _start(2020, {6: True, 12: True, 24: True, 48: False}),
    ]


def test_the_curve_of_a_cohort_computed_by_hand():
    assert kaplan_meier(_cohort_2020()) == [
        SurvivalStep(months=6, at_risk=10, events=1, censored=0, survival=Fraction(9, 10)),
        SurvivalStep(months=12, at_risk=8, events=2, censored=1, survival=Fraction(27, 40)),
        SurvivalStep(months=24, at_risk=6, events=0, censored=0, survival=Fraction(27, 40)),
        SurvivalStep(months=48, at_risk=4, events=1, censored=2, survival=Fraction(81, 160)),
    ]


def test_people_not_yet_followed_that_long_neither_lower_nor_raise_the_curve():
    followed_long = [_start(2020, ALWAYS), _start(2020, {6: True, 12: False})]
    recent = [_start(2026, {6: True}) for _ in range(50)]

    steps = kaplan_meier(followed_long + recent)

    assert [step.survival for step in steps] == [1, Fraction(1, 2), 1 * Fraction(1, 2), Fraction(1, 2)]
    assert [step.censored for step in steps] == [0, 50, 0, 0]


def test_a_curve_per_yearly_cohort_and_none_where_nobody_is_followed_yet():
    curves = survival_by_cohort(_cohort_2020() + [_start(2025, {6: True}), _start(2025, {6: False})])

    assert list(curves) == [2020, 2025]
    assert curves[2020][-1].survival == Fraction(81, 160)
    assert [step.survival for step in curves[2025]] == [Fraction(1, 2), None, None, None]
    assert [step.at_risk for step in curves[2025]] == [2, 0, 0, 0]


def test_the_two_study_figures():
    figures = study_figures(_cohort_2020())

    assert figures.still_in_job_four_years == Fraction(81, 160)
    assert figures.followed_four_years == 4
    # In a job at 48 months and said for whom: 3, of whom 2 with another employer.
    assert figures.in_job_four_years_with_employer_known == 3
    assert figures.other_employer_share == Fraction(2, 3)


def test_the_study_figures_of_the_study():
    """80% still in a job after four years, 40% of them with another employer: ten people all
    followed four years, two out of work at 48 months (8/10); of the eight in a job, five said
    for whom, two of them another employer (2/5)."""
    starts = [_start(2018, ALWAYS, {48: index % 5 >= 2} if index < 5 else {}) for index in range(8)]
    starts += [_start(2018, {6: True, 12: True, 24: True, 48: False}) for _ in range(2)]

    figures = study_figures(starts)

    assert figures.still_in_job_four_years == Fraction(4, 5)
    assert figures.other_employer_share == Fraction(2, 5)


def test_no_start_gives_no_figure():
    figures = study_figures([])

    assert (figures.still_in_job_four_years, figures.other_employer_share, figures.starts) == (None, None, 0)


# --- From the records ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_curve_read_from_follow_ups_answered_through_the_services(pau, basque, declare, answer):
    today = paris_today()
    four_years_ago = add_months(today, -50)
    # In a job all along, then with another employer at 48 months.
    first = declare(four_years_ago)
    for months in (6, 12, 24):
        answer(first, months, True, True)
    answer(first, 48, True, False)
    # Out of work at 12 months.
    second = declare(four_years_ago)
    answer(second, 6, True)
    answer(second, 12, False)
    # A second job of the same person is not a second start.
    declare(add_months(today, -20), seeker=second.job_seeker)
    # Started a year ago: followed up to 6 months only, censored after.
    recent = declare(add_months(today, -13))
    answer(recent, 6, True, True)
    # A follow-up answered without "still in a job?" says nothing.
    silent = declare(four_years_ago)
    with structure_scope(pau):
        job_follow_up_record(
            follow_up=silent.follow_ups.get(due_on=add_months(silent.starts_on, 6)),
            by=None,
            done_on=today,
            going_well=True,
            notes="",
        )

    starts = followed_starts(structure_ids=[pau.pk])

    assert len(starts) == 4
    curves = survival_by_cohort(starts)
    old, new = four_years_ago.year, add_months(today, -13).year
    assert [step.survival for step in curves[old]] == [1, Fraction(1, 2), Fraction(1, 2), Fraction(1, 2)]
    assert [step.survival for step in curves[new]] == [1, None, None, None]
    figures = study_figures(starts)
    assert figures.other_employer_share == 1
    assert followed_starts(structure_ids=[basque.pk]) == []
    # Only the starts of a period.
    assert len(followed_starts(structure_ids=[pau.pk], start=add_months(today, -14))) == 1


# --- The page -------------------------------------------------------------------------------

SURVIVAL = reverse("reporting:survival")


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
def test_the_survival_page_shows_the_curve_the_table_and_the_study_figures(
    camille_client, followed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = camille_client.get(SURVIVAL)
    assert response.status_code == 200
    page = _text(response)
    # 5 starts; 4/5 still in a job from 12 months on; of the three who said for whom, two elsewhere.
    assert "Toujours en emploi après 4 ans" in page
    assert "80 %" in page
    assert "66,7 %" in page
    assert "4 personnes ont répondu au suivi des 4 ans ; employeur connu pour 3 en emploi." in page
    # The chart: every start together, then the cohort, told apart by dash and written at the end.
    assert '<svg role="img"' in page
    assert "Ensemble : 80 % à 4 ans" in page
    assert f"{followed.year} : 80 % à 4 ans" in page
    assert "stroke-dasharray" in page
    # Coordinates are numbers for the browser, never written the French way (236,0).
    svg = page[page.find("<svg") : page.find("</svg>")]
    assert not re.search(r'(?: d| x| y| x1| y1| x2| y2)="[^"]*\d,\d', svg)
    # The table: a cohort's share and how many answered, per check-in.
    cells = re.sub(r"<[^>]+>", "|", page)
    assert "|100 %||5 réponses|||80 %||5 réponses|||80 %||4 réponses|||80 %||4 réponses|" in cells


@pytest.mark.django_db
def test_the_survival_page_says_when_nobody_is_followed_four_years_yet(camille_client, declare, answer):
    recent = declare(add_months(paris_today(), -7))
    answer(recent, 6, True, True)

    page = _text(camille_client.get(SURVIVAL))

    assert "Pas encore de recul" in page
    assert "Ensemble : 100 % à 6 mois" in page


@pytest.mark.django_db
def test_the_survival_page_reads_only_the_starts_of_the_period(camille_client, followed, declare):
    declare(add_months(paris_today(), -2))
    period = {"debut": add_months(paris_today(), -3).isoformat()}

    page = _text(camille_client.get(SURVIVAL, period))

    assert "Pas encore de recul" in page
    assert "Ensemble : pas encore de suivi" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"debut": "0001-01-01"}, "debut", "Choisissez une date entre le"),
        ({"fin": "9999-12-31"}, "fin", "Choisissez une date entre le"),
        ({"debut": "2020-05-01", "fin": "2020-01-01"}, "fin", "La date de fin précède la date de début."),
        ({"debut": "99999999999999999999"}, "debut", "Saisissez une date valide"),
    ],
)
def test_absurd_survival_filters_get_a_french_error_on_their_field(camille_client, params, field, message):
    response = camille_client.get(SURVIVAL, params)
    assert response.status_code == 200
    page = _text(response)
    assert f'id="id_{field}-error"' in page and message in page
    assert "<svg" not in page


@pytest.mark.django_db
def test_the_network_head_reads_the_survival_of_the_whole_network(
    client, pau, basque, bixente, followed, today
):
    f.network_of(pau, basque)
    head = f.staff_user(pau, Role.NETWORK_HEAD, email="tete@reseau.fr")
    with structure_scope(basque):
        employment_declare(
            job_seeker=f.JobSeekerFactory(structure=basque),
            by=bixente,
            contract=Contract.CDI,
            starts_on=followed,
            ends_on=None,
            hours_per_week=None,
            employer_name="Chocolaterie",
            job_title="Vendeur",
        )
    client.force_login(head)

    own = _text(client.get(SURVIVAL))
    whole = _text(client.get(SURVIVAL, {"perimetre": "reseau"}))

    assert "Survie dans l'emploi — réseau" in whole
    assert f'<th scope="row">{followed.year}</th><td class="number">6</td>' in whole
    assert f'<th scope="row">{followed.year}</th><td class="number">5</td>' in own


@pytest.mark.django_db
def test_the_definitions_page_explains_the_survival(camille_client):
    page = _text(camille_client.get(reverse("reporting:definitions")))
    assert "Calcul de type Kaplan-Meier" in page
