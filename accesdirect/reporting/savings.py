"""Public savings: the RSA that the people placed in durable jobs would have received, minus
the cost of their accompaniment, shown line by line as the study's press release does.

- People placed in durable jobs: the people accompanied in the period (reporting.definitions,
  same filters) whose first durable job (CDI or CDD of more than 6 months, or the "6 months or
  more" variant) started in the period.
- RSA avoided: each of them × the monthly RSA of the household type chosen (single person
  without child by default: the product records no household) for the year of the period's end
  (the latest year known before it, if that year is not entered yet) × `months`.
- Cost: per person accompanied (the setting × the people accompanied in the period), or per
  convention (its yearly amount × the calendar months of the period ÷ 12).
- Savings = RSA avoided − cost.
The amounts are exact to the cent; `rounded()` gives them to the hundred euros, as the study's
press release prints them.
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from .definitions import Filters, load_data
from .enums import CostBasis, Household
from .models import ReportingSettings, RsaAmount

DEFAULT_MONTHS = 12
MAX_MONTHS = 120


@dataclasses.dataclass(frozen=True)
class Savings:
    filters: Filters
    months: int
    household: str
    people_accompanied: int
    people_durable: int
    rsa_year: int | None
    rsa_monthly: Decimal | None
    rsa_source: str
    rsa_avoided: Decimal
    cost_basis: str
    cost_per_person: Decimal
    convention_amount: Decimal
    cost: Decimal
    saved: Decimal

    @property
    def household_label(self) -> str:
        return str(Household(self.household).label)


def rounded(amount: Decimal, step: int = 100) -> Decimal:
    """To the nearest `step` euros (the press release's precision)."""
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def rsa_amount(year: int, household: str) -> RsaAmount | None:
    """The monthly RSA of that year, else of the latest year entered before it."""
    return RsaAmount.objects.filter(household=household, year__lte=year).order_by("-year").first()


def savings(
    filters: Filters,
    months: int = DEFAULT_MONTHS,
    *,
    household: str = Household.SINGLE,
    settings: ReportingSettings | None = None,
    data=None,
) -> Savings:
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}")
    settings = settings or ReportingSettings.for_structure(filters.structure_ids[0])
    # `data`: the report's own load_data, when given (its spells and people are the same).
    data = data or load_data(filters, settings=settings, cre_names={}, people_only=True)
    variant = filters.six_months_or_more
    placed = {
        spell.job_seeker_id
        for spell in data.spells
        if (start := spell.durable_start(six_months_or_more=variant))
        and filters.start <= start <= filters.end
    }
    amount = rsa_amount(filters.end.year, household)
    monthly = amount.monthly_amount if amount else None
    rsa_avoided = (monthly or Decimal(0)) * len(placed) * months
    if settings.cost_basis == CostBasis.PER_CONVENTION:
        cost = (settings.convention_amount * filters.months() / 12).quantize(Decimal("0.01"))
    else:
        cost = settings.cost_per_person * len(data.people)
    return Savings(
        filters=filters,
        months=months,
        household=household,
        people_accompanied=len(data.people),
        people_durable=len(placed),
        rsa_year=amount.year if amount else None,
        rsa_monthly=monthly,
        rsa_source=amount.source if amount else "",
        rsa_avoided=rsa_avoided,
        cost_basis=settings.cost_basis,
        cost_per_person=settings.cost_per_person,
        convention_amount=settings.convention_amount,
        cost=cost,
        saved=rsa_avoided - cost,
    )
