"""Labels of the offers' actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

register_actions(
    {
        "offer.created": _("a saisi l'offre"),
        "offer.updated": _("a modifié l'offre"),
        "offer.cancelled": _("a annulé l'offre"),
        "offer.expired": _("a clôturé l'offre, expirée"),
        # Offers sent by companies ("J'ai une offre"): received without anybody, then handled.
        "offer.submitted": _("a reçu l'offre envoyée par l'entreprise"),
        "offer.confirmed": _("a confirmé l'offre envoyée par l'entreprise"),
        "offer.rejected": _("a écarté l'offre envoyée par l'entreprise"),
        "positioning.company_feedback": _("a reçu le retour de l'entreprise sur un entretien"),
    },
    {"offer.rejected": lambda params: _("Motif : %(reason)s") % {"reason": params["reason"]}},
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
