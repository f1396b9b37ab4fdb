"""Reads of immersions, for the person's and the company's pages."""

from django.db.models import QuerySet

from .models import Immersion

COMPANY_IMMERSIONS_SHOWN = 20


def immersions_of_person(job_seeker) -> list[Immersion]:
    return list(
        Immersion.objects.filter(job_seeker=job_seeker)
        .select_related("company", "appellation")
        .order_by("-starts_on", "-pk")
    )


def immersions_with_company(company) -> QuerySet[Immersion]:
    return (
        Immersion.objects.filter(company=company)
        .select_related("job_seeker", "appellation")
        .order_by("-starts_on", "-pk")
    )
