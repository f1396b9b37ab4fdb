import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accesdirect.immersions.enums import ImmersionPurpose
from accesdirect.immersions.models import Immersion
from accesdirect.testing import factories as f


class ImmersionFactory(DjangoModelFactory):
    """A two-week discovery immersion starting today (written directly, not through the services)."""

    class Meta:
        model = Immersion

    job_seeker = factory.SubFactory(f.JobSeekerFactory)
    structure = factory.SelfAttribute("job_seeker.structure")
    company = factory.SubFactory(f.CompanyFactory, structure=factory.SelfAttribute("..structure"))
    tutor_name = "Mme Lacoste"
    tutor_role = "Gérante"
    tutor_phone = "+33698765432"
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=11))
    hours_per_week = 35
    commune = factory.SelfAttribute("company.commune")
    purpose = ImmersionPurpose.DISCOVER
    appellation = factory.SubFactory(f.AppellationFactory)
    objectives = "Découvrir le métier de boulanger"
    tasks = "Pétrissage, façonnage, cuisson"
    assessment = "Grille d'évaluation remplie avec la tutrice le dernier jour"
    created_by = factory.SubFactory(f.UserFactory)
