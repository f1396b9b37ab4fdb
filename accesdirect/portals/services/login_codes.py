"""Signing in to the job seekers' app with a one-time code sent by SMS to the file's number.

Nothing here tells whether a number is in a file: an unknown number gets no SMS but the same
answers (the pages say "si ce numéro est connu…"), a wrong, expired, used or worn-out code the
same refusal, and the send limit counts every number alike."""

import datetime
import hmac
import random
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import scopes_disabled
from accesdirect.core.throttle import throttle_hit
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.services import message_queue
from accesdirect.seekers.models import JobSeeker

from ..models import LOGIN_CODE_LIFETIME, LOGIN_CODE_MAX_ATTEMPTS, SIGNED_IN_STATUSES, LoginCode

CODE_DIGITS = 6
# Sends per number: 3 an hour lets a person ask again twice (a slow SMS, a typo) and keeps a
# stranger from flooding a phone; the window is counted in the database (core.throttle).
SENDS_PER_PHONE = 3
SEND_WINDOW = datetime.timedelta(hours=1)
# Codes long expired are deleted now and then by the sends themselves.
KEEP_EXPIRED = datetime.timedelta(days=1)


class CodeRefused(DomainError):
    def __init__(self):
        super().__init__(
            _(
                "Ce code ne marche pas. Vérifiez le SMS : le code a 6 chiffres et sert 10 minutes. "
                "Vous pouvez aussi demander un nouveau code."
            )
        )


class TooManyCodes(DomainError):
    status_code = 429

    def __init__(self):
        super().__init__(
            _("Trop de codes demandés pour ce numéro. Attendez une heure avant d'en demander un autre.")
        )


def job_seeker_for_phone(phone: str) -> JobSeeker | None:
    """The file a number signs in to: among every structure's people in the accompaniment, the
    most recently created file with that number (a person referred again elsewhere)."""
    # The number comes before any structure is known: the one read across structures.
    with scopes_disabled():
        return (
            JobSeeker.objects.filter(phone=phone, status__in=SIGNED_IN_STATUSES)
            .order_by("-created_at", "-pk")
            .first()
        )


def code_hash(*, phone: str, code: str) -> str:
    """Keyed with SECRET_KEY and the number: a stolen table gives no code, and a hash of one
    number's code says nothing of another's."""
    return salted_hmac("accesdirect.portals.login_code", f"{phone}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def login_code_send(*, phone: str, now: datetime.datetime | None = None) -> str | None:
    """Send a new code by SMS to `phone` (E.164) if it is the number of a file in the
    accompaniment, replacing the number's previous code. Returns the code (for the tests; the
    pages never show it), None for an unknown number. TooManyCodes past the hourly limit."""
    now = now or timezone.now()
    # Counted before the look-up, for every number: the limit tells nothing about the file.
    if not throttle_hit(f"login_code:phone:{phone}", limit=SENDS_PER_PHONE, window=SEND_WINDOW, now=now):
        raise TooManyCodes
    job_seeker = job_seeker_for_phone(phone)
    if job_seeker is None:
        return None
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    LoginCode.objects.filter(phone=phone).delete()
    try:
        with transaction.atomic():
            LoginCode.objects.create(
                phone=phone,
                job_seeker=job_seeker,
                code_hash=code_hash(phone=phone, code=code),
                created_at=now,
                expires_at=now + LOGIN_CODE_LIFETIME,
            )
    except IntegrityError:
        # A send for the same number at the same moment won (one code per number): its SMS is
        # the one the person reads, a second one would only confuse.
        return None
    message_queue(
        structure_id=job_seeker.structure_id,
        kind=MessageKind.LOGIN_CODE,
        recipient=phone,
        context={"code": code},
        subject=Subject.JOB_SEEKER,
        subject_id=job_seeker.pk,
        idempotency_key=f"login_code:{phone}:{secrets.token_hex(8)}",
        now=now,
    )
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        LoginCode.objects.filter(expires_at__lt=now - KEEP_EXPIRED).delete()
    return code


def login_code_verify(*, phone: str, code: str, now: datetime.datetime | None = None) -> JobSeeker:
    """The person whose file `phone` signs in to, if `code` is that number's current code:
    not used, not expired, tried fewer than 5 times. Else CodeRefused, always the same.

    Not one transaction: a wrong try must stay counted when the refusal is raised."""
    now = now or timezone.now()
    login_code = LoginCode.objects.filter(phone=phone).first()
    if login_code is None:
        raise CodeRefused
    # The try is counted before the comparison, in one conditional statement: two tries at once
    # (two tabs, a script) cannot both read "4 tries so far" and both compare.
    counted = LoginCode.objects.filter(
        pk=login_code.pk, used_at__isnull=True, expires_at__gt=now, attempts__lt=LOGIN_CODE_MAX_ATTEMPTS
    ).update(attempts=F("attempts") + 1)
    if not counted:
        raise CodeRefused
    if not hmac.compare_digest(login_code.code_hash, code_hash(phone=phone, code=code)):
        raise CodeRefused
    # Used once: of two right tries at once, one signs in.
    if not LoginCode.objects.filter(pk=login_code.pk, used_at__isnull=True).update(used_at=now):
        raise CodeRefused
    with scopes_disabled():
        job_seeker = JobSeeker.objects.filter(
            pk=login_code.job_seeker_id, phone=phone, status__in=SIGNED_IN_STATUSES
        ).first()
    if job_seeker is None:  # the file left the accompaniment or changed its number since
        raise CodeRefused
    return job_seeker
