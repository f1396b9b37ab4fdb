"""Factories for the seekers rows not covered by accesdirect.testing.factories."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accesdirect.core.vocabulary import Contract
from accesdirect.offers import models as offers
from accesdirect.seekers import models as seekers
from accesdirect.seekers.enums import JournalKind, Programme
from accesdirect.testing import factories as f


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = seekers.Referral

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    organisation = factory.SubFactory(
        f.PrescriberOrganisationFactory, structure=factory.SelfAttribute("..structure")
    )
    programme = Programme.RSA
    referred_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = seekers.Intake

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    held_on = factory.LazyFunction(timezone.localdate)
    by = factory.SubFactory(f.UserFactory)

    class Params:
        completed = factory.Trait(
            frame_explained=True, agreed_to_engage=True, completed_at=factory.LazyFunction(timezone.now)
        )


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = seekers.Appointment

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    staff = factory.SubFactory(f.UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    purpose = "Préparer l'entretien"


class JournalEntryFactory(DjangoModelFactory):
    class Meta:
        model = seekers.JournalEntry

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    kind = JournalKind.NOTE
    occurred_at = factory.LazyFunction(timezone.now)
    text = "A appelé pour dire qu'elle a son permis."


class PositioningFactory(DjangoModelFactory):
    class Meta:
        model = offers.Positioning

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    offer = factory.SubFactory(
        f.OfferFactory,
        structure=factory.SelfAttribute("..structure"),
        company__structure=factory.SelfAttribute("...structure"),
    )
    presented_by = factory.SelfAttribute("offer.captured_by")


class EmploymentFactory(DjangoModelFactory):
    class Meta:
        model = offers.Employment

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    employer_name = "Nettoyage du Béarn"
    job_title = "Agent d'entretien"
    contract = Contract.CDI
    starts_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(f.UserFactory)
