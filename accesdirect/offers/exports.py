"""The offers list as CSV or XLSX (accesdirect.core.export_jobs), with the page's filters."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.export_jobs import ExportKind, register_export_kind
from accesdirect.core.exports import Column

from . import queries
from .forms import OfferFilterForm


def _columns() -> list[Column]:
    return [
        Column(_("Intitulé"), lambda offer: offer.title, width=30),
        Column(_("Entreprise"), lambda offer: offer.company.name, width=26),
        Column(_("Commune"), lambda offer: str(offer.commune), width=22),
        Column(_("Contrat"), lambda offer: offer.get_contract_display(), width=14),
        Column(_("Durée (mois)"), lambda offer: offer.duration_months),
        Column(_("Heures par semaine"), lambda offer: offer.hours_per_week),
        Column(_("Début"), lambda offer: offer.starts_on, width=12),
        Column(_("État"), lambda offer: offer.get_status_display(), width=14),
        Column(_("Origine"), lambda offer: offer.get_source_display(), width=16),
        Column(_("Recueillie le"), lambda offer: offer.captured_on, width=13),
        Column(_("Recueillie par"), lambda offer: str(offer.captured_by or ""), width=20),
    ]


def _rows(query, user):
    return queries.offer_list(**OfferFilterForm(query).filters(user=user))


register_export_kind(
    ExportKind(code="offres", label=_("Offres"), filename="offres", columns=_columns, rows=_rows)
)
