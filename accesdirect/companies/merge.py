"""The company contacts made for a person, moved when the direction merges two files of the
same person (registered with seekers.services.merge, which never names this app)."""

from accesdirect.seekers.services.merge import register_merge_mover

from .models import CompanyContact


@register_merge_mover
def move_company_contacts(*, kept, merged, by) -> dict[str, int]:
    # A contact made for both files names the person once afterwards (one row per pair).
    links = CompanyContact.job_seekers.through.objects
    already = links.filter(jobseeker_id=kept.pk).values("companycontact_id")
    moved = (
        links.filter(jobseeker_id=merged.pk)
        .exclude(companycontact_id__in=already)
        .update(jobseeker_id=kept.pk)
    )
    links.filter(jobseeker_id=merged.pk).delete()
    return {CompanyContact._meta.label_lower: moved}
