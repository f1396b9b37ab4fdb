"""Test factories. Structure-owned rows are created outside any scope (creation is allowed by
django-scopes); reading them back in a test needs `scopes_disabled()` or `structure_scope()`."""

import datetime
import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accesdirect.companies import models as companies
from accesdirect.companies.enums import ContactKind, ContactOutcome
from accesdirect.offers import models as offers
from accesdirect.offers.enums import Contract, OfferStatus
from accesdirect.referentials import models as referentials
from accesdirect.referentials.text import fold
from accesdirect.seekers import models as seekers
from accesdirect.seekers.enums import PeriodStatus, Programme, SeekerStatus
from accesdirect.structures import models as structures
from accesdirect.structures.enums import PrescriberKind, Role

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # noqa: S105
_siret_sequence = itertools.count(1)


def valid_siret() -> str:
    """A SIRET passing the Luhn check: SIREN 9 digits + NIC 5 digits."""
    from stdnum import luhn

    base = f"{next(_siret_sequence):013d}"
    return base + luhn.calc_check_digit(base)


class RomeVersionFactory(DjangoModelFactory):
    class Meta:
        model = referentials.RomeVersion
        django_get_or_create = ("version",)

    version = "460"


class GrandDomaineFactory(DjangoModelFactory):
    class Meta:
        model = referentials.GrandDomaine
        django_get_or_create = ("code",)

    code = "K"
    label = "Services à la personne et à la collectivité"


class DomaineFactory(DjangoModelFactory):
    class Meta:
        model = referentials.DomaineProfessionnel
        django_get_or_create = ("code",)

    code = "K22"
    label = "Nettoyage et propreté industriels"
    grand_domaine = factory.SubFactory(GrandDomaineFactory)


class FicheFactory(DjangoModelFactory):
    class Meta:
        model = referentials.Fiche
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"K{2200 + n % 800:04d}")
    label = factory.Sequence(lambda n: f"Métier {n}")
    domaine = factory.SubFactory(DomaineFactory)
    rome_version = factory.SubFactory(RomeVersionFactory)


class AppellationFactory(DjangoModelFactory):
    class Meta:
        model = referentials.Appellation

    code = factory.Sequence(lambda n: f"{90000 + n}")
    label = factory.Sequence(lambda n: f"Agent / Agente de propreté {n}")
    short_label = factory.SelfAttribute("label")
    fiche = factory.SubFactory(FicheFactory)
    rome_version = factory.SelfAttribute("fiche.rome_version")
    search_text = factory.LazyAttribute(lambda o: f"{fold(o.label)} {o.fiche.code.lower()}")


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = referentials.Commune
        django_get_or_create = ("insee_code",)

    insee_code = "64445"
    name = "Pau"
    postal_codes = "64000"
    departement = "64"
    latitude = 43.2951
    longitude = -0.3708
    population = 75000
    search_text = factory.LazyAttribute(lambda o: fold(o.name))

    class Params:
        bayonne = factory.Trait(
            insee_code="64102", name="Bayonne", postal_codes="64100", latitude=43.4933, longitude=-1.4753
        )
        lescar = factory.Trait(
            insee_code="64335", name="Lescar", postal_codes="64230", latitude=43.3333, longitude=-0.4347
        )


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = structures.Network

    name = "Réseau Opportunités emploi"


class StructureFactory(DjangoModelFactory):
    class Meta:
        model = structures.Structure

    name = factory.Sequence(lambda n: f"Structure {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    commune = factory.SubFactory(CommuneFactory)
    sms_sender = "ACCES"


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = structures.Site

    structure = factory.SubFactory(StructureFactory)
    name = "Antenne centre"
    commune = factory.SubFactory(CommuneFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = structures.User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = structures.Membership

    structure = factory.SubFactory(StructureFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.CRE


def staff_user(structure, role: str = Role.CRE, **user_fields):
    """A user working in `structure` with `role`."""
    return MembershipFactory(structure=structure, role=role, user=UserFactory(**user_fields)).user


def network_of(head, *members):
    """A network headed by the structure `head`, with `head` and `members` in it."""
    network = NetworkFactory(head_structure=head)
    for structure in (head, *members):
        structure.network = network
        structure.save(update_fields=["network"])
    return network


class PrescriberOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = structures.PrescriberOrganisation

    structure = factory.SubFactory(StructureFactory)
    name = "Conseil départemental des Pyrénées-Atlantiques"
    kind = PrescriberKind.DEPARTEMENT


class JobSeekerFactory(DjangoModelFactory):
    class Meta:
        model = seekers.JobSeeker

    structure = factory.SubFactory(StructureFactory)
    first_name = "Sami"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    phone = factory.Sequence(lambda n: f"+3361234{n % 10000:04d}")
    commune = factory.SubFactory(CommuneFactory)
    programme = Programme.RSA
    status = SeekerStatus.ACTIVE
    unemployed_since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=800))

    class Params:
        referred = factory.Trait(status=SeekerStatus.REFERRED)


class TargetJobFactory(DjangoModelFactory):
    class Meta:
        model = seekers.TargetJob

    job_seeker = factory.SubFactory(JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    appellation = factory.SubFactory(AppellationFactory)
    commune = factory.SubFactory(CommuneFactory)


class EngagementPeriodFactory(DjangoModelFactory):
    class Meta:
        model = seekers.EngagementPeriod

    job_seeker = factory.SubFactory(JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    number = 1
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: seekers.period_latest_end(o.starts_on))
    status = PeriodStatus.DRAFT
    seeker_objectives = "Trouver un emploi d'agent d'entretien à Pau"
    structure_objectives = "Contacter cinq entreprises de propreté"


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = companies.Company

    structure = factory.SubFactory(StructureFactory)
    siret = factory.LazyFunction(valid_siret)
    name = factory.Sequence(lambda n: f"Entreprise {n}")
    commune = factory.SubFactory(CommuneFactory)


class CompanyContactFactory(DjangoModelFactory):
    class Meta:
        model = companies.CompanyContact

    company = factory.SubFactory(CompanyFactory)
    structure = factory.SelfAttribute("company.structure")
    by = factory.SubFactory(UserFactory)
    kind = ContactKind.VISIT
    occurred_at = factory.LazyFunction(timezone.now)
    outcome = ContactOutcome.INTERESTED


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = offers.Offer

    company = factory.SubFactory(CompanyFactory)
    structure = factory.SelfAttribute("company.structure")
    captured_by = factory.SubFactory(UserFactory)
    appellation = factory.SubFactory(AppellationFactory)
    title = "Agent d'entretien"
    contract = Contract.CDI
    hours_per_week = 24
    commune = factory.SubFactory(CommuneFactory)
    status = OfferStatus.OPEN

    class Params:
        cdd = factory.Trait(contract=Contract.CDD, duration_months=3)
