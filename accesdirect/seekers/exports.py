"""The people list as CSV or XLSX (accesdirect.core.export_jobs): the rows the list page shows,
with its filters."""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accesdirect.core.export_jobs import ExportKind, register_export_kind
from accesdirect.core.exports import Column
from accesdirect.core.templatetags.formats import phone

# Views are edges, and so is an export: the situation is read from the offers app's rows.
from accesdirect.offers.models import Employment

from .forms import SeekerFilterForm
from .queries import job_seekers_for_list


def _columns() -> list[Column]:
    return [
        Column(_("Nom"), lambda seeker: seeker.last_name, width=20),
        Column(_("Prénom"), lambda seeker: seeker.first_name, width=16),
        Column(_("Accompagnement"), lambda seeker: seeker.get_status_display(), width=16),
        Column(_("Dispositif"), lambda seeker: seeker.get_programme_display(), width=14),
        Column(_("Commune"), lambda seeker: str(seeker.commune), width=22),
        Column(_("Antenne"), lambda seeker: seeker.site.name if seeker.site else "", width=16),
        Column(_("Téléphone mobile"), lambda seeker: phone(seeker.phone) if seeker.phone else "", width=16),
        Column(_("E-mail"), lambda seeker: seeker.email, width=26),
        Column(_("PER en cours"), lambda seeker: seeker.current_period_number),
        Column(_("Fin du PER"), lambda seeker: seeker.current_period_ends_on, width=12),
        Column(_("En emploi aujourd'hui"), lambda seeker: seeker.in_job),
        Column(_("Dernière action"), lambda seeker: seeker.last_journal_at, width=17),
    ]


def _rows(query, user):
    form = SeekerFilterForm(query or None)
    filters = form.filters() if query else {}
    in_job = Employment.objects.filter(job_seeker=OuterRef("pk")).current(timezone.localdate())
    return job_seekers_for_list(**filters).annotate(in_job=Exists(in_job))


register_export_kind(
    ExportKind(code="personnes", label=_("Personnes"), filename="personnes", columns=_columns, rows=_rows)
)
