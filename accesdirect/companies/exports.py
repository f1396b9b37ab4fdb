"""The companies list as CSV or XLSX (accesdirect.core.export_jobs), with the page's filters."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accesdirect.core.export_jobs import ExportKind, register_export_kind
from accesdirect.core.exports import Column

from . import queries
from .forms import CompanyFilterForm


def _columns() -> list[Column]:
    return [
        Column(_("Raison sociale"), lambda company: company.name, width=30),
        Column(_("SIRET"), lambda company: company.siret, width=16),
        Column(_("Commune"), lambda company: str(company.commune), width=22),
        Column(_("Relation"), lambda company: company.get_relationship_display(), width=16),
        Column(_("Suivie par"), lambda company: str(company.followed_by or ""), width=20),
        Column(_("Téléphone"), lambda company: company.phone, width=16),
        Column(_("E-mail"), lambda company: company.email, width=26),
        Column(_("Dernier contact"), lambda company: company.last_contact_at, width=17),
        Column(_("Prochaine relance"), lambda company: company.next_follow_up_on, width=17),
    ]


def _rows(query, user):
    form = CompanyFilterForm(query)
    return queries.company_list(**form.filters(user=user, today=timezone.localdate()))


register_export_kind(
    ExportKind(
        code="entreprises", label=_("Entreprises"), filename="entreprises", columns=_columns, rows=_rows
    )
)
