"""The public API (/api/v1/public/…): what anyone may do without an account, over the same
services as the pages. Today: a company submits an offer to a structure ("J'ai une offre").

No session and no CSRF token: a company's tool posts JSON. The body is validated by the public
page's own form, so that the rules and their French messages are the same (422, per field);
the same limits per client address and per company hold (429), counted in the database."""

import json

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from accesdirect.accounts.throttle import client_ip
from accesdirect.core import ranges
from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract, OfferStatus
from accesdirect.offers.services import company_offer_submit
from accesdirect.offers.services.company_offers import MAX_DESCRIPTION, MAX_NAME
from accesdirect.portals.company_access import (
    client_allowed,
    client_refusal,
    company_allowed,
    company_refusal,
    company_token,
)
from accesdirect.portals.forms_company import CompanyOfferForm
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.structures.models import Structure

from .schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["public"], auth=None)


class CompanyOfferIn(Schema):
    """The body, documented here; read and checked by the public page's form (French messages)."""

    company_name: str = Field(..., max_length=MAX_NAME, description="Nom de l'entreprise")
    siret: str = Field("", description="SIRET (14 chiffres), facultatif : il aide à retrouver l'entreprise")
    contact_name: str = Field(..., max_length=MAX_NAME, description="Nom de la personne à rappeler")
    contact_phone: str = Field(
        ..., description="Son téléphone ; un mobile reçoit le SMS de confirmation avec le lien de suivi"
    )
    appellation_code: str = Field(..., description="Le métier : code OGR d'une appellation du ROME")
    title: str = Field(
        "", max_length=MAX_NAME, description="Intitulé du poste, si l'entreprise l'appelle autrement"
    )
    commune_insee_code: str = Field(..., description="Code INSEE de la commune du poste")
    contract: str = Field(..., description="Type de contrat", json_schema_extra={"enum": Contract.values})
    duration_months: int | None = Field(
        None, ge=1, le=ranges.MAX_CONTRACT_MONTHS, description="Durée en mois, obligatoire pour un CDD"
    )
    starts_on: str | None = Field(
        None,
        description="Début souhaité (AAAA-MM-JJ), dans les deux ans",
        json_schema_extra={"format": "date"},
    )
    hours_per_week: float | None = Field(
        None,
        ge=float(ranges.MIN_HOURS_PER_WEEK),
        le=float(ranges.MAX_HOURS_PER_WEEK),
        description="Heures par semaine",
    )
    description: str = Field("", max_length=MAX_DESCRIPTION, description="Quelques mots sur le poste")


class CompanyOfferOut(Schema):
    id: int
    status: OfferStatus = Field(
        ..., description="`to_confirm` : une personne de l'équipe rappelle l'entreprise"
    )
    title: str
    company_link: str = Field(
        ..., description="Le lien privé de l'entreprise pour suivre ses offres (valable 90 jours)"
    )


# The API's names of the fields the form names after the objects they pick.
API_FIELDS = {"appellation": "appellation_code", "commune": "commune_insee_code"}
FORM_FIELDS = [
    "company_name",
    "siret",
    "contact_name",
    "contact_phone",
    "title",
    "contract",
    "duration_months",
    "starts_on",
    "hours_per_week",
    "description",
]


def _unprocessable(errors: list[tuple[str, str]]) -> Status:
    items = [{"type": "invalid", "loc": ["body", field], "msg": message} for field, message in errors]
    return Status(422, {"detail": items})


# The types of the body's values, as documented: text, or a number or a date that may be null.
TEXT_FIELDS = [
    "company_name",
    "siret",
    "contact_name",
    "contact_phone",
    "appellation_code",
    "title",
    "commune_insee_code",
    "contract",
    "description",
]
NULLABLE_FIELDS = {"duration_months": int, "starts_on": str, "hours_per_week": int | float}


def _type_errors(body: dict) -> list[tuple[str, str]]:
    errors = [
        (name, _("Texte attendu."))
        for name in TEXT_FIELDS
        if name in body and not isinstance(body[name], str)
    ]
    for name, kind in NULLABLE_FIELDS.items():
        value = body.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            errors.append(
                (name, _("Nombre attendu.") if kind is not str else _("Date attendue (AAAA-MM-JJ)."))
            )
    return errors


def _as_text(value) -> str:
    return "" if value is None else str(value)


def _form_data(body: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The form's data from the JSON body; the codes turned into the referentials' rows."""
    data = {name: _as_text(body.get(name)) for name in FORM_FIELDS}
    errors = []
    code = _as_text(body.get("appellation_code")).strip()
    appellation = Appellation.objects.filter(code=code).values_list("pk", flat=True).first() if code else None
    if appellation is None:
        errors.append(
            ("appellation_code", _("Métier inconnu : donnez le code OGR d'une appellation du ROME."))
        )
    code = _as_text(body.get("commune_insee_code")).strip()
    commune = Commune.objects.filter(insee_code=code).values_list("pk", flat=True).first() if code else None
    if commune is None:
        errors.append(("commune_insee_code", _("Commune inconnue : donnez son code INSEE (5 caractères).")))
    data.update(appellation=appellation or "", commune=commune or "")
    return data, errors


@router.post(
    "/structures/{slug}/offers",
    response={201: CompanyOfferOut, 404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    summary="Submit a company offer to a structure (no account): it arrives to confirm",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CompanyOfferIn.model_json_schema()}},
        }
    },
)
def submit_company_offer(request: HttpRequest, slug: str = Path(..., max_length=50)):
    structure = Structure.objects.filter(slug=slug).first()
    if structure is None:
        return Status(404, {"detail": _("Aucune structure à cette adresse.")})
    if not client_allowed(client_ip(request)):
        return Status(429, {"detail": client_refusal()})
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return _unprocessable([("body", _("Le corps de la requête doit être un objet JSON."))])
    if type_errors := _type_errors(body):
        return _unprocessable(type_errors)
    data, errors = _form_data(body)
    form = CompanyOfferForm(data)
    if not form.is_valid() or errors:
        errors += [
            (API_FIELDS.get(field, field), message)
            for field, messages in form.errors.items()
            if field not in API_FIELDS  # already said, with the code's own message
            for message in messages
        ]
        return _unprocessable(errors)
    submission = form.submission()
    if not company_allowed(
        structure=structure,
        siret=submission["siret"],
        name=submission["company_name"],
        commune_id=submission["commune"].pk,
    ):
        return Status(429, {"detail": company_refusal()})

    links = {}  # one link per answer: the same in the SMS and in the body

    def private_link(company) -> str:
        if company.pk not in links:
            path = reverse("company_portal:company_offers", args=[structure.slug, company_token(company)])
            links[company.pk] = request.build_absolute_uri(path)
        return links[company.pk]

    try:
        with structure_scope(structure):
            offer = company_offer_submit(structure=structure, private_link=private_link, **submission)
    except DomainError as error:
        field = getattr(error, "field", None) or "body"
        return _unprocessable([(API_FIELDS.get(field, field), error.message)])
    return Status(
        201,
        {
            "id": offer.pk,
            "status": offer.status,
            "title": offer.title,
            "company_link": private_link(offer.company),
        },
    )
