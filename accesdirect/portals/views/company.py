""" "J'ai une offre": the public page where a company tells a structure's CREs about an offer,
its thank-you page, the company's private page (its offers in plain words, its say on an
interview), and the poster with the page's QR code that the staff print.

The public pages run without a structure scope (anonymous requests): each one enters the
scope of the structure named in its address, found by its slug."""

import dataclasses
import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accesdirect.accounts.throttle import client_ip
from accesdirect.core.access import staff_required
from accesdirect.core.errors import DomainError
from accesdirect.core.ranges import is_id
from accesdirect.core.scope import structure_scope
from accesdirect.messaging.formats import sms_date
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, OfferStatus, PositioningStatus
from accesdirect.offers.models import Offer, Positioning
from accesdirect.offers.services import company_interview_feedback, company_offer_submit
from accesdirect.structures.models import Structure

from ..company_access import (
    LinkRefused,
    client_allowed,
    client_refusal,
    company_allowed,
    company_from_token,
    company_refusal,
    company_token,
    feedback_allowed,
    fill_stamp,
    stamp_check,
)
from ..forms_company import HONEYPOT, STAMP, CompanyOfferForm, InterviewFeedbackForm

# The company's page lists its latest offers (a company sends a few a year).
OFFERS_SHOWN = 30


def _structure(slug: str) -> Structure | None:
    return Structure.objects.filter(slug=slug).select_related("commune").first()


def _not_found(request):
    return render(request, "portals/company/not_found.html", status=404)


def _private_url(request, structure: Structure, company, token: str | None = None) -> str:
    token = token or company_token(company)
    path = reverse("company_portal:company_offers", args=[structure.slug, token])
    return request.build_absolute_uri(path)


# --- The public form --------------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def offer_form(request, slug):
    structure = _structure(slug)
    if structure is None:
        return _not_found(request)
    if request.method == "POST":
        return _submit(request, structure)
    return _render_form(request, structure, CompanyOfferForm(initial={STAMP: fill_stamp()}))


def _render_form(request, structure, form, *, refusal: str = "", status: int = 200):
    context = {"structure": structure, "form": form, "refusal": refusal}
    return render(request, "portals/company/offer_form.html", context, status=status)


def _refuse(request, structure, *, refusal: str, status: int, renew_stamp: bool = False):
    """The form again with what was typed, and why it was not taken."""
    data = request.POST.copy()
    if renew_stamp:
        data[STAMP] = fill_stamp()
    return _render_form(request, structure, CompanyOfferForm(data), refusal=refusal, status=status)


def _submit(request, structure: Structure):
    if not client_allowed(client_ip(request)):
        return _refuse(request, structure, refusal=client_refusal(), status=429)
    if request.POST.get(HONEYPOT):
        refusal = _("Envoi refusé : le champ « Ne remplissez pas ce champ » doit rester vide.")
        return _refuse(request, structure, refusal=refusal, status=400)
    stamp = stamp_check(request.POST.get(STAMP, ""))
    if stamp.refusal:
        return _refuse(request, structure, refusal=stamp.refusal, status=400, renew_stamp=stamp.renew)
    form = CompanyOfferForm(request.POST)
    if not form.is_valid():
        return _render_form(request, structure, form)
    data = form.submission()
    if not company_allowed(
        structure=structure, siret=data["siret"], name=data["company_name"], commune_id=data["commune"].pk
    ):
        return _render_form(request, structure, form, refusal=company_refusal(), status=429)
    tokens: dict[int, str] = {}

    def private_link(company) -> str:
        # Signed once: the SMS and the thanks page show the same link (a token signed a second
        # later would differ).
        tokens[company.pk] = company_token(company)
        return _private_url(request, structure, company, tokens[company.pk])

    try:
        with structure_scope(structure):
            offer = company_offer_submit(structure=structure, private_link=private_link, **data)
    except DomainError as error:
        field = getattr(error, "field", None)
        form.add_error(field if field in form.fields else None, error.message)
        return _render_form(request, structure, form)
    token = tokens.get(offer.company_id) or company_token(offer.company)
    return redirect("company_portal:thanks", slug=structure.slug, token=token)


# --- The company's own pages -----------------------------------------------------------------


def _link_refused(request, structure, refused: LinkRefused):
    context = {"structure": structure, "expired": refused.expired}
    return render(
        request, "portals/company/link_refused.html", context, status=403 if refused.expired else 404
    )


def _opened(request, slug: str, token: str):
    """(structure, company, None) for a valid link, else (…, None, the page saying why)."""
    structure = _structure(slug)
    if structure is None:
        return None, None, _not_found(request)
    try:
        return structure, company_from_token(token, structure=structure), None
    except LinkRefused as refused:
        return structure, None, _link_refused(request, structure, refused)


@login_not_required
@require_GET
def thanks(request, slug, token):
    structure, company, refused = _opened(request, slug, token)
    if refused:
        return refused
    context = {
        "structure": structure,
        "company": company,
        "private_url": _private_url(request, structure, company, token),
    }
    return render(request, "portals/company/thanks.html", context)


@dataclasses.dataclass(frozen=True)
class OfferRow:
    offer: Offer
    status: str  # in plain words, never a person's name
    asks_feedback: bool


def _first_name(user) -> str:
    return (user.first_name or "").strip() if user is not None else ""


def _status_words(offer: Offer, positionings: list[Positioning], now: datetime.datetime) -> str:
    cre = _first_name(offer.captured_by)
    if offer.status == OfferStatus.TO_CONFIRM:
        if cre:
            return _("Bien reçue. %(cre)s vous appelle pour en parler.") % {"cre": cre}
        return _("Bien reçue. Une personne de l'équipe vous appelle pour en parler.")
    if offer.status == OfferStatus.OPEN:
        return _("Confirmée. %(cre)s cherche la bonne personne.") % {"cre": cre}
    if offer.status == OfferStatus.FILLED:
        return _("Pourvue. Merci de votre confiance !")
    if offer.status == OfferStatus.CANCELLED:
        return _("Retirée.")
    if offer.status == OfferStatus.EXPIRED:
        return _("Close sans embauche.")
    current = next((p for p in positionings if p.status in ACTIVE_POSITIONING_STATUSES), None)
    presenter = _first_name(current.presented_by) if current else cre
    if current and current.status == PositioningStatus.INTERVIEW_SCHEDULED and current.interview_at > now:
        return _("Entretien prévu le %(day)s avec la personne présentée par %(cre)s.") % {
            "day": sms_date(current.interview_at),
            "cre": presenter,
        }
    if current and current.status in (
        PositioningStatus.INTERVIEW_SCHEDULED,
        PositioningStatus.INTERVIEW_HELD,
    ):
        return _("Entretien passé. Dites-nous comment il s'est passé.")
    return _("Une personne vous sera présentée par %(cre)s.") % {"cre": presenter}


def _offer_rows(company, now: datetime.datetime) -> list[OfferRow]:
    positionings = Positioning.objects.select_related("presented_by").order_by("-created_at", "-pk")
    offers = (
        Offer.objects.filter(company=company)
        .select_related("captured_by", "commune")
        .prefetch_related(Prefetch("positionings", queryset=positionings))
        .order_by("-captured_on", "-pk")[:OFFERS_SHOWN]
    )
    rows = []
    for offer in offers:
        people = list(offer.positionings.all())
        interviewed = any(p.interview_at is not None and p.interview_at <= now for p in people)
        rows.append(
            OfferRow(offer=offer, status=_status_words(offer, people, now), asks_feedback=interviewed)
        )
    return rows


def _render_company_page(
    request, structure, company, token: str, *, feedback_form=None, feedback_offer_id=None, status=200
):
    with structure_scope(structure):
        rows = _offer_rows(company, timezone.now())
    context = {
        "structure": structure,
        "company": company,
        "token": token,
        "rows": rows,
        "feedback_form": feedback_form,
        "feedback_offer_id": feedback_offer_id,
    }
    return render(request, "portals/company/company_offers.html", context, status=status)


@login_not_required
@require_GET
def company_offers(request, slug, token):
    structure, company, refused = _opened(request, slug, token)
    if refused:
        return refused
    return _render_company_page(request, structure, company, token)


@login_not_required
@require_POST
def interview_feedback(request, slug, token, offer_id):
    structure, company, refused = _opened(request, slug, token)
    if refused:
        return refused
    with structure_scope(structure):
        offer = Offer.objects.filter(company=company, pk=offer_id).first() if is_id(offer_id) else None
    if offer is None:
        return _not_found(request)
    form = InterviewFeedbackForm(request.POST)
    if not form.is_valid():
        return _render_company_page(
            request, structure, company, token, feedback_form=form, feedback_offer_id=offer.pk, status=400
        )
    if not feedback_allowed(company):
        form.add_error(
            None, _("Beaucoup de retours envoyés aujourd'hui : réessayez demain, ou appelez-nous.")
        )
        return _render_company_page(
            request, structure, company, token, feedback_form=form, feedback_offer_id=offer.pk, status=429
        )
    try:
        with structure_scope(structure):
            company_interview_feedback(offer=offer, text=form.cleaned_data["text"])
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_company_page(
            request, structure, company, token, feedback_form=form, feedback_offer_id=offer.pk, status=400
        )
    messages.success(request, _("Merci : votre retour est transmis à l'équipe."))
    return redirect("company_portal:company_offers", slug=structure.slug, token=token)


# --- The poster (staff) ---------------------------------------------------------------------


@require_GET
@staff_required
def poster(request):
    """A page to print: the structure's "J'ai une offre" address and its QR code."""
    structure = request.structure
    url = request.build_absolute_uri(reverse("company_portal:offer_form", args=[structure.slug]))
    svg = segno.make(url, error="m").svg_inline(scale=6, dark="#1d2330", light="#ffffff")
    qr_code = mark_safe(svg)  # noqa: S308 - segno's own markup, built from our own address
    return render(
        request, "portals/company/poster.html", {"structure": structure, "url": url, "qr_code": qr_code}
    )
