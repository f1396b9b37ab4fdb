"""The events that companies write in a person's journal (rendered in the reader's language)."""

from django.utils.translation import gettext_lazy

from accesdirect.seekers.journal import Lower, journal_event

from .enums import ContactKind, ContactOutcome

CONTACTED_FOR = journal_event(
    "companies.contacted_for",
    gettext_lazy("%(kind)s avec %(company)s : %(outcome)s"),
    kind=ContactKind,
    outcome=Lower(ContactOutcome),
)
