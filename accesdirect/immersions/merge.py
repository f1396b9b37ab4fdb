"""The immersions of a person, moved when the direction merges two files of the same person
(registered with seekers.services.merge, which never names this app)."""

from django.utils.translation import gettext as _

from accesdirect.core.errors import DomainError
from accesdirect.seekers.services.merge import register_merge_mover

from .models import Immersion, exceeds_company_limit


@register_merge_mover
def move_immersions(*, kept, merged, by) -> dict[str, int]:
    moved = Immersion.objects.filter(job_seeker=merged).update(job_seeker=kept)
    # The legal limit holds for the person, whichever file recorded them: at most two
    # immersions with the same company within twelve months.
    starts_by_company: dict[int, list] = {}
    for company_id, starts_on in (
        Immersion.objects.not_cancelled().filter(job_seeker=kept).values_list("company_id", "starts_on")
    ):
        starts_by_company.setdefault(company_id, []).append(starts_on)
    if any(exceeds_company_limit(starts) for starts in starts_by_company.values()):
        raise DomainError(
            _(
                "Fusion impossible : la personne aurait plus de deux immersions dans la même "
                "entreprise en douze mois. Annulez d'abord l'immersion saisie en double."
            )
        )
    return {Immersion._meta.label_lower: moved}
