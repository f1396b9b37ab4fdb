"""What guards the companies' side of the portal ("J'ai une offre"), shared by its pages and the API.

- The company's private link: a signed token naming one company of one structure, valid for
  LINK_VALIDITY (a new one comes with every offer sent). Signed with the site's secret and
  its own salt: no other signature of the site (sessions, password resets) opens it.
- Limits on submissions, counted in the database (core.throttle) so that they hold across
  processes and servers: per client address, and per company (its SIRET, else its name and
  commune), whichever way the offer comes in.
- The form's minimum fill time: the page carries a signed timestamp; a robot that posts the
  form a moment after reading it is refused (a person takes far longer than MIN_FILL)."""

import dataclasses
import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.companies.models import Company
from accesdirect.core.scope import structure_scope
from accesdirect.core.throttle import throttle_hit
from accesdirect.referentials.text import fold

LINK_SALT = "accesdirect.portals.company-link"
LINK_VALIDITY = datetime.timedelta(days=90)
STAMP_SALT = "accesdirect.portals.company-offer-form"
MIN_FILL = datetime.timedelta(seconds=4)
# A page left open longer is sent again with a fresh timestamp: its limits may have changed.
MAX_FILL = datetime.timedelta(days=1)

# Offers sent from one network address (an office may send several) and for one company: how
# many, settings.COMPANY_OFFERS_PER_ADDRESS_PER_HOUR and COMPANY_OFFERS_PER_DAY.
PER_CLIENT_WINDOW = datetime.timedelta(hours=1)
PER_COMPANY_WINDOW = datetime.timedelta(days=1)
# Feedback on interviews through one private link.
FEEDBACK_PER_COMPANY, FEEDBACK_WINDOW = 20, datetime.timedelta(days=1)


# --- The private link -----------------------------------------------------------------------


def company_token(company: Company) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign(f"{company.structure_id}-{company.pk}")


@dataclasses.dataclass
class LinkRefused(Exception):
    expired: bool


def company_from_token(token: str, *, structure) -> Company:
    """The company a link opens, if it was signed for this structure and is still valid;
    LinkRefused otherwise (expired, or anything else: tampered, another structure's, unknown)."""
    try:
        value = signing.TimestampSigner(salt=LINK_SALT).unsign(token, max_age=LINK_VALIDITY)
    except signing.SignatureExpired:
        raise LinkRefused(expired=True) from None
    except signing.BadSignature:
        raise LinkRefused(expired=False) from None
    structure_id, _sep, company_id = value.partition("-")
    if structure_id != str(structure.pk) or not company_id.isdigit():
        raise LinkRefused(expired=False)
    with structure_scope(structure):
        company = Company.objects.filter(pk=int(company_id)).first()
    if company is None:  # merged into another one, or deleted
        raise LinkRefused(expired=False)
    return company


# --- The minimum fill time --------------------------------------------------------------------


def fill_stamp(now: datetime.datetime | None = None) -> str:
    now = now or timezone.now()
    return signing.Signer(salt=STAMP_SALT).sign(str(int(now.timestamp())))


@dataclasses.dataclass(frozen=True)
class StampCheck:
    refusal: str = ""
    # Whether the page must carry a new timestamp (missing, tampered, too old); a form sent too
    # fast keeps its own, so that sending it again a moment later passes.
    renew: bool = False


def stamp_check(value: str, *, now: datetime.datetime | None = None) -> StampCheck:
    now = now or timezone.now()
    try:
        issued = int(signing.Signer(salt=STAMP_SALT).unsign(value or ""))
    except (signing.BadSignature, ValueError):
        return StampCheck(
            _("Le formulaire n'a pas pu être vérifié : vérifiez vos réponses puis renvoyez-le."), True
        )
    age = now.timestamp() - issued
    if age < MIN_FILL.total_seconds():
        return StampCheck(_("Envoi trop rapide : prenez le temps de relire votre offre, puis renvoyez-la."))
    if age > MAX_FILL.total_seconds():
        return StampCheck(
            _("Ce formulaire était ouvert depuis plus d'un jour : vérifiez-le puis renvoyez-le."), True
        )
    return StampCheck()


# --- Limits ---------------------------------------------------------------------------------


def client_allowed(ip: str) -> bool:
    """Counts one submission from this address; False past the limit."""
    return throttle_hit(
        f"company-offer:ip:{ip}", limit=settings.COMPANY_OFFERS_PER_ADDRESS_PER_HOUR, window=PER_CLIENT_WINDOW
    )


def company_allowed(*, structure, siret: str, name: str, commune_id: int) -> bool:
    """Counts one submission for this company of this structure; False past the limit."""
    who = f"siret:{siret}" if siret else f"name:{commune_id}:{fold(name)[:120]}"
    return throttle_hit(
        f"company-offer:company:{structure.pk}:{who}",
        limit=settings.COMPANY_OFFERS_PER_DAY,
        window=PER_COMPANY_WINDOW,
    )


def feedback_allowed(company: Company) -> bool:
    return throttle_hit(f"company-feedback:{company.pk}", limit=FEEDBACK_PER_COMPANY, window=FEEDBACK_WINDOW)


def client_refusal() -> str:
    return _("Trop d'offres envoyées depuis ce réseau en une heure. Réessayez plus tard, ou appelez-nous.")


def company_refusal() -> str:
    return _(
        "Cette entreprise nous a déjà envoyé plusieurs offres aujourd'hui. Pour une autre, "
        "réessayez demain ou appelez-nous."
    )
