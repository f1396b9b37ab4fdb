"""The events immersions write in a person's journal (rendered in the reader's language;
discovered by SeekersConfig.ready())."""

from django.utils.translation import gettext_lazy

from accesdirect.seekers.journal import Date, journal_event

from .enums import ImmersionOutcome


def _field_labels(names: list[str]) -> str:
    from .models import Immersion

    fields = {field.name: field for field in Immersion._meta.get_fields()}
    return ", ".join(str(fields[name].verbose_name) if name in fields else name for name in names)


PLANNED = journal_event(
    "immersions.planned",
    gettext_lazy("Immersion prévue chez %(company)s du %(start)s au %(end)s : %(job)s."),
    start=Date,
    end=Date,
)
CHANGED = journal_event(
    "immersions.changed",
    gettext_lazy("Immersion chez %(company)s modifiée : %(fields)s."),
    fields=_field_labels,
)
# The reason, typed by the CRE, is the entry's text.
CANCELLED = journal_event("immersions.cancelled", gettext_lazy("Immersion chez %(company)s annulée."))
# The tutor's assessment, as typed, is the entry's text.
REVIEWED = journal_event(
    "immersions.reviewed", gettext_lazy("Bilan de l'immersion chez %(company)s (%(day)s) :"), day=Date
)
OUTCOME = journal_event(
    "immersions.outcome",
    gettext_lazy("Suite de l'immersion chez %(company)s (%(day)s) : %(outcome)s."),
    day=Date,
    outcome=ImmersionOutcome,
)
