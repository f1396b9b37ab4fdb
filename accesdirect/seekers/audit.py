"""Labels of the seekers' actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

register_actions(
    {
        "seeker.referred": _("a enregistré la prescription de"),
        "seeker.reentered": _("a repris le dossier de"),
        "seeker.updated": _("a modifié la fiche de"),
        "seeker.intake_completed": _("a terminé l'accueil de"),
        "seeker.exited": _("a enregistré la sortie de"),
        "target_job.added": _("a ajouté un poste visé à"),
        "target_job.removed": _("a retiré un poste visé à"),
        "period.created": _("a établi un PER de"),
        "period.signed": _("a enregistré la signature d'un PER de"),
        "period.ended": _("a terminé un PER de"),
        "review.requested": _("a demandé un bilan tripartite pour"),
        "review.recorded": _("a enregistré le bilan tripartite de"),
        "appointment.created": _("a fixé un rendez-vous avec"),
        "sms.consent_changed": _("a changé l'envoi des SMS à"),
        "seeker.record_downloaded": _("a téléchargé le suivi en PDF de"),
    }
)
