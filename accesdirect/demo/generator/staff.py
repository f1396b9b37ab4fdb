"""The structure itself: its sites, its CREs and direction, its prescribers and their advisers."""

from decimal import Decimal

from django.utils.text import slugify

from accesdirect.referentials.models import Commune
from accesdirect.reporting.enums import CostBasis
from accesdirect.reporting.models import ReportingSettings
from accesdirect.structures.enums import Role
from accesdirect.structures.models import (
    Membership,
    Network,
    PrescriberMembership,
    PrescriberOrganisation,
    Site,
    Structure,
    User,
)

from .catalogue import Persona
from .context import Build, PrescriberInfo, SiteInfo
from .reference import CommuneInfo


def structure_create(build: Build, *, network: Network, password_hash: str) -> None:
    plan = build.plan
    build.structure = Structure.objects.create(
        network=network,
        name=plan.name,
        slug=plan.slug,
        commune_id=build.centre.id,
        sms_sender=plan.sms_sender,
    )
    _sites_create(build)
    _staff_create(build, password_hash=password_hash)
    _prescribers_create(build, password_hash=password_hash)
    _costs_set(build)


def _costs_set(build: Build) -> None:
    """What the accompaniment costs, for the savings page: a convention shrinks with the demo's
    scale (a territory at a twentieth of its size is not paid the whole convention)."""
    plan = build.plan
    if plan.convention_amount is not None:
        amount = (plan.convention_amount * Decimal(str(build.scale))).quantize(Decimal(100))
        ReportingSettings.objects.create(
            structure=build.structure, cost_basis=CostBasis.PER_CONVENTION, convention_amount=amount
        )
    elif plan.cost_per_person is not None:
        ReportingSettings.objects.create(
            structure=build.structure, cost_basis=CostBasis.PER_PERSON, cost_per_person=plan.cost_per_person
        )


def _sites_create(build: Build) -> None:
    communes = {commune.insee_code: commune for commune in build.communes}
    missing = {plan.insee_code for plan in build.plan.sites} - set(communes)
    if missing:
        # A site outside the radius (or a commune set without it): read it directly.
        fields = ("pk", "insee_code", "name", "latitude", "longitude", "population")
        for row in Commune.objects.filter(insee_code__in=missing).values_list(*fields):
            communes[row[1]] = CommuneInfo(*row)
    for plan in build.plan.sites:
        commune = communes.get(plan.insee_code, build.centre)
        site = Site.objects.create(
            structure=build.structure, name=plan.name, address=plan.address, commune_id=commune.id
        )
        build.sites.append(SiteInfo(site=site, commune=commune, cres=[]))


def _staff_create(build: Build, *, password_hash: str) -> None:
    plan, fake = build.plan, build.fake
    emails: set[str] = set()
    users, memberships = [], []

    def add(persona_or_none: Persona | None, role: str, site_info: SiteInfo | None) -> User:
        if persona_or_none is None:
            first_name, last_name = fake.first_name(), fake.last_name()
            email = _unique_email(first_name, last_name, plan.email_domain, emails)
        else:
            first_name, last_name, email = (
                persona_or_none.first_name,
                persona_or_none.last_name,
                persona_or_none.email,
            )
            emails.add(email)
        user = User(
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=password_hash,
            phone=build.phones.mobile(),
        )
        users.append(user)
        memberships.append(
            Membership(
                structure=build.structure, user=user, role=role, site=site_info.site if site_info else None
            )
        )
        return user

    for index, site_info in enumerate(build.sites):
        for rank in range(plan.sites[index].cre_count):
            persona = plan.cre_persona if index == 0 and rank == 0 else None
            site_info.cres.append(add(persona, Role.CRE, site_info))
    build.cres = [cre for site_info in build.sites for cre in site_info.cres]
    for rank in range(plan.direction_count):
        persona = plan.direction_persona if rank == 0 else None
        build.direction.append(add(persona, Role.DIRECTION, build.sites[0]))
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(memberships)


def _prescribers_create(build: Build, *, password_hash: str) -> None:
    fake = build.fake
    for plan in build.plan.prescribers:
        organisation = PrescriberOrganisation.objects.create(
            structure=build.structure, name=plan.name, kind=plan.kind
        )
        adviser = User.objects.create(
            email=plan.adviser_email,
            first_name=fake.first_name_female(),
            last_name=fake.last_name(),
            password=password_hash,
        )
        PrescriberMembership.objects.create(
            structure=build.structure, user=adviser, organisation=organisation
        )
        for programme in plan.programmes:
            build.prescribers[programme] = PrescriberInfo(organisation=organisation, adviser=adviser)


def _unique_email(first_name: str, last_name: str, domain: str, taken: set[str]) -> str:
    base = f"{slugify(first_name)}.{slugify(last_name)}"
    email, suffix = f"{base}@{domain}", 1
    while email in taken:
        suffix += 1
        email = f"{base}{suffix}@{domain}"
    taken.add(email)
    return email
