"""The study's savings example (one year in Pyrénées-Atlantiques): 280 people in durable jobs,
475,600 € of accompaniment, 1,761,200 € of RSA avoided over 12 months, 1,285,600 € saved.

The press release gives its amounts to the hundred euros, and they cannot all be exact to the
cent: 1,761,200 € ÷ 12 months is not a whole number of cents, whatever the number of people.
So the example is rebuilt with:
- 400 people accompanied × 1,189 € per person = 475,600 € exactly (1,189 € a year is the
  setting that makes the press release's cost; 280 people at a cost per person placed would
  need 1,698.57… €);
- a monthly RSA of 524.17 € (the press release's 1,761,200 € ÷ 280 people ÷ 12 months =
  524.166… €, rounded to the cent: the RSA net of the forfait logement of that time):
  280 × 524.17 € × 12 = 1,761,211.20 €, printed 1,761,200 €;
- saved: 1,761,211.20 € − 475,600 € = 1,285,611.20 €, printed 1,285,600 €.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accesdirect.core.scope import structure_scope
from accesdirect.core.vocabulary import Contract
from accesdirect.reporting.definitions import Filters
from accesdirect.reporting.enums import CostBasis, Household
from accesdirect.reporting.models import ReportingSettings, RsaAmount
from accesdirect.reporting.savings import rounded, savings
from accesdirect.reporting.services import reporting_settings_update
from accesdirect.seekers.enums import ExitReason
from accesdirect.testing import factories as f

from .bulk import Job, Path, bulk_paths

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def pyrenees_year(pau, camille, organisation):
    RsaAmount.objects.create(year=2019, household=Household.SINGLE, monthly_amount=Decimal("524.17"))
    placed = [
        Path(
            entry=D(2019, 1, 15),
            exit=D(2019, 6, 30),
            exit_reason=ExitReason.DURABLE_JOB,
            jobs=(Job(Contract.CDI, D(2019, 3, 1)),),
        )
        for _ in range(280)
    ]
    others = [Path(entry=D(2019, 1, 15)) for _ in range(120)]
    with structure_scope(pau):
        bulk_paths(
            structure=pau,
            organisation=organisation,
            cre=camille,
            commune=f.CommuneFactory(),
            paths=placed + others,
        )
    return Filters(structure_ids=(pau.pk,), start=D(2019, 1, 1), end=D(2019, 12, 31))


def test_the_study_savings_example_is_rebuilt(pau, dominique, pyrenees_year):
    with structure_scope(pau):
        settings = reporting_settings_update(structure=pau, by=dominique, cost_per_person=Decimal(1189))

    found = savings(pyrenees_year, settings=settings)

    assert (found.people_accompanied, found.people_durable) == (400, 280)
    assert (found.rsa_year, found.rsa_monthly) == (2019, Decimal("524.17"))
    assert found.cost == Decimal("475600.00")
    assert found.rsa_avoided == Decimal("1761211.20")
    assert found.saved == Decimal("1285611.20")
    assert (rounded(found.rsa_avoided), rounded(found.cost), rounded(found.saved)) == (
        Decimal(1_761_200),
        Decimal(475_600),
        Decimal(1_285_600),
    )


def test_a_convention_costs_its_yearly_amount_per_year_of_the_period(pau, dominique, pyrenees_year):
    with structure_scope(pau):
        settings = reporting_settings_update(
            structure=pau,
            by=dominique,
            cost_basis=CostBasis.PER_CONVENTION,
            convention_amount=Decimal(475_600),
        )
    assert savings(pyrenees_year, settings=settings).cost == Decimal("475600.00")
    half = Filters(structure_ids=pyrenees_year.structure_ids, start=D(2019, 1, 1), end=D(2019, 6, 30))
    assert savings(half, settings=settings).cost == Decimal("237800.00")


def test_the_rsa_of_the_latest_year_entered_applies(pau, pyrenees_year):
    later = Filters(structure_ids=pyrenees_year.structure_ids, start=D(2020, 1, 1), end=D(2020, 12, 31))
    assert savings(later).rsa_year == 2019  # 2020 is not entered: 2019's amount, said on the page.
    assert savings(later, 24).months == 24


def test_the_seeded_rsa_amounts_cover_2023_to_2026_for_every_household():
    years = set(RsaAmount.objects.values_list("year", flat=True))
    assert {2023, 2024, 2025, 2026} <= years
    assert RsaAmount.objects.get(year=2024, household=Household.SINGLE).monthly_amount == Decimal("635.71")
    assert RsaAmount.objects.filter(year=2025).count() == len(Household)
    # Each amount says where it comes from, and whether it is still to be checked.
    checked = RsaAmount.objects.get(year=2025, household=Household.COUPLE_1_CHILD)
    assert (checked.monthly_amount, "Lefebvre Dalloz" in checked.source) == (Decimal("1163.74"), True)
    assert "à vérifier" in RsaAmount.objects.get(year=2025, household=Household.COUPLE_2_CHILDREN).source
    assert "à vérifier" in RsaAmount.objects.get(year=2026, household=Household.SINGLE).source
    assert "à vérifier" not in RsaAmount.objects.get(year=2024, household=Household.COUPLE_2_CHILDREN).source


def test_the_settings_refuse_implausible_values_in_the_database(pau):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingSettings.all_objects.create(structure=pau, grace_days=10_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        RsaAmount.objects.create(year=2024, household=Household.SINGLE, monthly_amount=Decimal(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        RsaAmount.objects.create(year=1, household=Household.SINGLE, monthly_amount=Decimal(1))
