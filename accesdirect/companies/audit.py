"""Labels of the companies' actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

from .enums import ContactKind, ContactOutcome


def _contact(params: dict) -> str:
    return _("%(kind)s : %(outcome)s") % {
        "kind": ContactKind(params["kind"]).label,
        "outcome": ContactOutcome(params["outcome"]).label.lower(),
    }


register_actions(
    {
        "company.created": _("a créé l'entreprise"),
        "company.updated": _("a modifié l'entreprise"),
        "company_person.added": _("a ajouté un interlocuteur"),
        "company_contact.logged": _("a noté un contact avec l'entreprise"),
    },
    details={"company_contact.logged": _contact},
)
