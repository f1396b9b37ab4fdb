"""Scenarios of the immersion tests: Sami, accompanied in Pau, and the Lacoste bakery where he
may discover the trade; `plan` plans an immersion through the service as Camille would."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.immersions import services
from accesdirect.immersions.enums import ImmersionPurpose
from accesdirect.testing import factories as f


@pytest.fixture
def seeker(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Durand")


@pytest.fixture
def bakery(pau):
    return f.CompanyFactory(structure=pau, name="Boulangerie Lacoste", address="3 rue des Cordeliers")


@pytest.fixture
def appellation():
    return f.AppellationFactory(label="Boulanger / Boulangère")


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def terms(bakery, appellation, today):
    """terms(**changes): the convention of a two-week immersion at the bakery from today."""

    def _terms(**changes) -> services.ImmersionTerms:
        base = services.ImmersionTerms(
            company=bakery,
            tutor_name="Mme Lacoste",
            tutor_role="Gérante",
            tutor_phone="06 98 76 54 32",
            starts_on=today,
            ends_on=today + datetime.timedelta(days=11),
            hours_per_week=35,
            purpose=ImmersionPurpose.DISCOVER,
            appellation=appellation,
            objectives="Découvrir le métier",
            tasks="Pétrissage, façonnage",
            assessment="Grille remplie avec la tutrice",
        )
        return dataclasses.replace(base, **changes)

    return _terms


@pytest.fixture
def plan(pau, camille, seeker, terms):
    """plan(seeker=Sami, **changes): an immersion planned by Camille through the service."""

    def _plan(job_seeker=None, **changes):
        with structure_scope(pau):
            return services.immersion_create(
                job_seeker=job_seeker or seeker, by=camille, terms=terms(**changes)
            )

    return _plan


@pytest.fixture
def in_pau(pau):
    with structure_scope(pau):
        yield
