"""Sign-ups of people not yet accompanied ("leads"), and their handling by the structure."""

import datetime
import math
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.core.audit import audit_record
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.scope import scopes_disabled
from accesdirect.core.throttle import throttle_hit
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.services import message_queue
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.structures.models import Structure

from ..models import Lead, LeadOutcome
from .login_codes import job_seeker_for_phone

MAX_WISHED_JOBS = 3


class NoStructureHere(DomainError):
    def __init__(self):
        super().__init__(
            _(
                "Aucune structure Accès Direct n'accompagne encore les personnes de votre département. "
                "Nous n'avons rien enregistré. Vous pouvez vous adresser à France Travail ou à votre mairie."
            )
        )


# How long a sign-up is kept: its purpose (a call, an offer of accompaniment) is over some
# weeks after the call (a file opened keeps what it needs), or when nobody called for a year.
KEEP_AFTER_CALL = datetime.timedelta(days=90)
KEEP_UNCALLED = datetime.timedelta(days=365)

# A number with a file that signs up again is told by SMS to sign in: once a day at most, so
# that the form cannot be used to send SMS to accompanied people over and over.
SIGN_IN_REMINDERS_PER_PHONE = 1
SIGN_IN_REMINDER_WINDOW = datetime.timedelta(days=1)


def _km(first: Commune, second: Commune) -> float:
    """As the crow flies; infinite when a commune has no coordinates."""
    if None in (first.latitude, first.longitude, second.latitude, second.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(
        math.radians, (first.latitude, first.longitude, second.latitude, second.longitude)
    )
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def structure_for_commune(commune: Commune) -> Structure | None:
    """The structure serving a person's commune: the one whose head office is in the same
    département; of several, the nearest head office (then the oldest structure)."""
    structures = list(
        Structure.objects.filter(commune__departement=commune.departement)
        .select_related("commune")
        .order_by("pk")
    )
    if not structures:
        return None
    return min(structures, key=lambda structure: _km(commune, structure.commune))


@transaction.atomic
def lead_create(
    *,
    first_name: str,
    last_name: str,
    phone: str,
    commune: Commune,
    appellations: Iterable[Appellation],
    consent_text: str,
    sign_in_link: str = "",
    now: datetime.datetime | None = None,
) -> Lead | None:
    """Record a sign-up for the structure of the person's territory, with the consent as shown.

    Refused (DomainError) when no structure serves the commune. Whoever types a number must not
    learn from the answer whether it belongs to someone accompanied (an RSA beneficiary, most
    often) or already waiting for a call: for such a number nothing is recorded and None is
    returned, and the page thanks as for a new sign-up. The owner of a number with a file gets
    an SMS telling them to sign in with it (`sign_in_link`), the form's user learns nothing."""
    now = now or timezone.now()
    appellations = list(dict.fromkeys(appellations))
    if not 1 <= len(appellations) <= MAX_WISHED_JOBS:
        raise DomainError(_("Choisissez entre un et trois métiers."))
    if not consent_text.strip():
        raise DomainError(_("Le consentement est nécessaire pour enregistrer l'inscription."))
    structure = structure_for_commune(commune)
    if structure is None:
        raise NoStructureHere
    job_seeker = job_seeker_for_phone(phone)
    if job_seeker is not None:
        _sign_in_reminder(job_seeker, phone=phone, link=sign_in_link, now=now)
        return None
    with scopes_disabled():
        # Across structures: a person waits for one call, wherever they signed up first.
        if Lead.objects.to_contact().filter(phone=phone).exists():
            return None
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                structure=structure,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                phone=phone,
                commune=commune,
                consent_text=consent_text,
                consented_at=now,
                created_at=now,
            )
    except IntegrityError:
        return None  # The same sign-up sent twice at once: the first is the one recorded.
    lead.appellations.set(appellations)
    return lead


def _sign_in_reminder(job_seeker, *, phone: str, link: str, now: datetime.datetime) -> None:
    if not throttle_hit(
        f"sign_up_known:phone:{phone}",
        limit=SIGN_IN_REMINDERS_PER_PHONE,
        window=SIGN_IN_REMINDER_WINDOW,
        now=now,
    ):
        return
    message_queue(
        structure_id=job_seeker.structure_id,
        kind=MessageKind.SIGN_IN_REMINDER,
        recipient=phone,
        context={"structure": job_seeker.structure.name, "link": link},
        subject=Subject.JOB_SEEKER,
        subject_id=job_seeker.pk,
        idempotency_key=f"sign_in_reminder:{phone}:{now:%Y%m%d%H%M%S%f}",
        now=now,
    )


@transaction.atomic
def lead_mark_contacted(*, lead: Lead, by, now: datetime.datetime | None = None) -> Lead:
    """The team called the person back. Once: a second click (or a colleague's) is refused."""
    now = now or timezone.now()
    updated = Lead.objects.filter(pk=lead.pk, handled_at__isnull=True).update(
        handled_at=now, handled_by=by, outcome=LeadOutcome.CONTACTED
    )
    if not updated:
        raise ConflictError(_("Cette personne est déjà marquée comme contactée."))
    lead.handled_at, lead.handled_by, lead.outcome = now, by, LeadOutcome.CONTACTED
    audit_record(by=by, action="lead.contacted", target=lead)
    return lead


@transaction.atomic
def lead_erase(*, lead: Lead, by) -> None:
    """Erase a sign-up at the person's request (the consent promises it at any time): the row
    and its wished jobs are deleted. The audit trail keeps that it was erased, by whom, and
    never who the person was (no name, no number)."""
    structure_id, pk = lead.structure_id, lead.pk
    deleted, _rows = Lead.objects.filter(pk=pk).delete()
    if not deleted:
        raise ConflictError(_("Cette inscription est déjà effacée."))
    audit_record(by=by, action="lead.erased", structure_id=structure_id, params={"lead": pk})


def erase_old_leads(*, now: datetime.datetime) -> int:
    """The scheduler's retention rule (registered in PortalsConfig.ready()): sign-ups called
    back KEEP_AFTER_CALL ago, or left uncalled for KEEP_UNCALLED, are deleted. Returns how many."""
    with scopes_disabled():
        old = Lead.objects.filter(handled_at__lt=now - KEEP_AFTER_CALL) | Lead.objects.filter(
            handled_at__isnull=True, created_at__lt=now - KEEP_UNCALLED
        )
        return old.delete()[1].get(Lead._meta.label, 0)
