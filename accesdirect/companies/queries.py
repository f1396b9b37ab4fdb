"""Reads about companies. Every query runs inside the structure scope."""

import datetime

from django.db.models import QuerySet

from accesdirect.core.collation import french_order

from .models import Company, CompanyContact


def company_list(
    *,
    search: str = "",
    relationship: str = "",
    followed_by=None,
    follow_up_due_on: datetime.date | None = None,
) -> QuerySet[Company]:
    companies = (
        Company.objects.with_last_contact()
        .with_next_follow_up()
        .select_related("commune", "followed_by")
        .order_by(*french_order("name", "pk"))
    )
    if search:
        companies = companies.search(search)
    if relationship:
        companies = companies.filter(relationship=relationship)
    if followed_by is not None:
        companies = companies.followed_by(followed_by)
    if follow_up_due_on is not None:
        companies = companies.filter(next_follow_up_on__lte=follow_up_due_on)
    return companies


def company_contacts(company: Company) -> QuerySet[CompanyContact]:
    return (
        company.contacts.select_related("by", "person")
        .prefetch_related("job_seekers")
        .order_by("-occurred_at", "-pk")
    )
