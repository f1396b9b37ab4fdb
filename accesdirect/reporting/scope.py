"""Whose results a person reads, and with which filters: shared by the pages, the funder report
and the JSON API, so that each output asks for the same figures the same way.

Staff read their structure's results. A network head may read the same over the structures of
their structure's network, aggregates only: no filter (site, prescriber, CRE) and no breakdown
(per CRE) that names one structure's sites, prescribers, people or staff."""

import datetime

from accesdirect.core.calendar import paris_today
from accesdirect.structures.enums import Role
from accesdirect.structures.models import PrescriberOrganisation, Site, Structure

from .definitions import BREAKDOWNS, Breakdown, Filters, staff_names

# Breakdowns that name a structure's CREs: never shown over a network.
PER_CRE = {"contacts_per_cre", "objectives"}
# The form's filters that name one structure's sites, prescribers and CREs.
PERSON_FILTERS = ("antenne", "prescripteur", "cre")


def network_ids(membership, structure) -> list[int] | None:
    """The structures of the network, when `membership` is a network head's and its structure
    belongs to a network; None otherwise (the caller reads its own structure, or refuses)."""
    if membership is None or membership.role != Role.NETWORK_HEAD or structure.network_id is None:
        return None
    return list(Structure.objects.filter(network_id=structure.network_id).values_list("id", flat=True))


def filter_form(form_class, data, *, structure, network: bool):
    """The filter form bound to `data` (every filter optional), and the structure's CRE names
    by user id (empty over a network). The form's choices are the structure's own sites,
    prescriber organisations and CREs: any other id is refused on its field."""
    if network:
        return form_class(data, network=True), {}
    cres = staff_names([structure.pk])
    form = form_class(
        data,
        sites=list(Site.objects.values_list("id", "name")),
        organisations=list(PrescriberOrganisation.objects.values_list("id", "name")),
        cres=list(cres.items()),
    )
    return form, cres


def filters_from(
    form, *, structure, network_ids: list[int] | None, today: datetime.date | None = None
) -> Filters:
    """The Filters of a valid form: its period (the current calendar year by default), over the
    network's structures or the person's own."""
    start, end = form.period(today or paris_today())
    data = form.cleaned_data
    return Filters(
        structure_ids=tuple(network_ids or [structure.pk]),
        start=start,
        end=end,
        site_id=data.get("antenne"),
        programme=data.get("dispositif") or "",
        organisation_id=data.get("prescripteur"),
        cre_id=data.get("cre"),
        grace_days=data.get("delai"),
        six_months_or_more=bool(data.get("six_mois")),
    )


def shown_breakdowns(*, network: bool) -> list[Breakdown]:
    """The breakdowns in page order; over a network, those that name no CRE."""
    return [item for item in BREAKDOWNS if not network or item.code not in PER_CRE]
