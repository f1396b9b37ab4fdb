"""The immersions shown on other apps' pages, each with the one query it needs:

{% load immersions %}{% person_immersions seeker %}
{% load immersions %}{% company_immersions company %}
"""

from django import template

from accesdirect.core.calendar import paris_today

from ..queries import COMPANY_IMMERSIONS_SHOWN, immersions_of_person, immersions_with_company

register = template.Library()


def _rows(immersions) -> list[dict]:
    today = paris_today()
    return [{"immersion": immersion, "state": immersion.status_on(today)} for immersion in immersions]


@register.inclusion_tag("immersions/includes/person_immersions.html")
def person_immersions(job_seeker):
    return {"job_seeker": job_seeker, "rows": _rows(immersions_of_person(job_seeker))}


@register.inclusion_tag("immersions/includes/company_immersions.html")
def company_immersions(company):
    immersions = list(immersions_with_company(company)[: COMPANY_IMMERSIONS_SHOWN + 1])
    return {
        "company": company,
        "rows": _rows(immersions[:COMPANY_IMMERSIONS_SHOWN]),
        "more": len(immersions) > COMPANY_IMMERSIONS_SHOWN,
        "shown": COMPANY_IMMERSIONS_SHOWN,
    }
