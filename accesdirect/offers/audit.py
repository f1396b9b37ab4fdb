"""Labels of the offers' actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

register_actions(
    {
        "offer.created": _("a saisi l'offre"),
        "offer.updated": _("a modifié l'offre"),
        "offer.cancelled": _("a annulé l'offre"),
        "offer.expired": _("a clôturé l'offre, expirée"),
    }
)

register_actions(
    {
        "positioning.created": _("a positionné une personne sur l'offre"),
        "positioning.advanced": _("a fait avancer le positionnement"),
        "positioning.reassigned": _("a confié le positionnement à un·e autre CRE"),
        "employment.recorded": _("a enregistré l'emploi"),
        "employment.ended": _("a enregistré la fin de l'emploi"),
    }
)
