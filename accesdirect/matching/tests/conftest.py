"""Scenarios of the matching tests: a small ROME around cleaning jobs, communes around Pau at
known distances, and helpers to create people and offers of Accès Pau.

Distances from Pau (straight line × 1.3, the default detour): Billère 3 km, Lescar 9 km,
Morlaas 13 km, Nay 20 km, Oloron 29 km, Orthez 51 km, Bayonne 119 km.
"""

import html
import re
import types

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.referentials.models import FicheMobility
from accesdirect.seekers.models import add_months
from accesdirect.testing import factories as f

COMMUNES = {
    "pau": {},
    "billere": {"insee_code": "64129", "name": "Billère", "latitude": 43.3031, "longitude": -0.3975},
    "lescar": {"lescar": True},
    "morlaas": {"insee_code": "64405", "name": "Morlaas", "latitude": 43.35, "longitude": -0.2667},
    "nay": {"insee_code": "64417", "name": "Nay", "latitude": 43.1803, "longitude": -0.2636},
    "oloron": {
        "insee_code": "64422",
        "name": "Oloron-Sainte-Marie",
        "latitude": 43.1942,
        "longitude": -0.6067,
    },
    "orthez": {"insee_code": "64430", "name": "Orthez", "latitude": 43.4883, "longitude": -0.7722},
    "bayonne": {"bayonne": True},
}


@pytest.fixture
def communes(db):
    return types.SimpleNamespace(**{name: f.CommuneFactory(**fields) for name, fields in COMMUNES.items()})


@pytest.fixture
def rome(db):
    """Fiches and appellations:
    - K2204 cleaning (domaine K22): "Agent / Agente de nettoyage de locaux", "Laveur / Laveuse de vitres";
    - K2299, split from K2204 in ROME 4.0 (same historical fiche): "Agent / Agente de propreté urbaine";
    - K2203 laundry, same domaine K22 only: "Blanchisseur / Blanchisseuse";
    - K1304 home help (domaine K13), close to K2204 by a mobility link: "Aide ménager / ménagère";
    - G1602 kitchen (domaine G16), unrelated: "Commis / Commise de cuisine".
    """
    cleaning_domaine = f.DomaineFactory(code="K22", label="Nettoyage et propreté industriels")
    home_domaine = f.DomaineFactory(code="K13", label="Aide à la vie quotidienne")
    kitchen_domaine = f.DomaineFactory(
        code="G16",
        label="Production culinaire",
        grand_domaine=f.GrandDomaineFactory(code="G", label="Hôtellerie-Restauration"),
    )
    cleaning = f.FicheFactory(
        code="K2204", label="Nettoyage de locaux", domaine=cleaning_domaine, parent_code="K2204"
    )
    split = f.FicheFactory(
        code="K2299", label="Propreté urbaine", domaine=cleaning_domaine, parent_code="K2204"
    )
    laundry = f.FicheFactory(
        code="K2203", label="Blanchisserie", domaine=cleaning_domaine, parent_code="K2203"
    )
    home = f.FicheFactory(
        code="K1304", label="Services domestiques", domaine=home_domaine, parent_code="K1304"
    )
    kitchen = f.FicheFactory(code="G1602", label="Cuisine", domaine=kitchen_domaine, parent_code="G1602")
    FicheMobility.objects.create(source=home, target=cleaning, order=2)
    return types.SimpleNamespace(
        cleaner=f.AppellationFactory(label="Agent / Agente de nettoyage de locaux", fiche=cleaning),
        window_cleaner=f.AppellationFactory(label="Laveur / Laveuse de vitres", fiche=cleaning),
        street_cleaner=f.AppellationFactory(label="Agent / Agente de propreté urbaine", fiche=split),
        laundry_worker=f.AppellationFactory(label="Blanchisseur / Blanchisseuse", fiche=laundry),
        home_help=f.AppellationFactory(label="Aide ménager / ménagère", fiche=home),
        kitchen_hand=f.AppellationFactory(label="Commis / Commise de cuisine", fiche=kitchen),
    )


@pytest.fixture
def make_person(pau, communes, rome):
    """make_person(*targets, structure=pau, months_without_work=26, **fields): an active person of
    Pau; targets are appellations, or (appellation, has_experience) pairs."""

    def _make(*targets, structure=None, months_without_work=26, **fields):
        fields.setdefault("commune", communes.pau)
        if months_without_work is not None:
            fields.setdefault("unemployed_since", add_months(timezone.localdate(), -months_without_work))
        person = f.JobSeekerFactory(structure=structure or pau, **fields)
        for target in targets:
            appellation, has_experience = target if isinstance(target, tuple) else (target, False)
            f.TargetJobFactory(
                job_seeker=person,
                appellation=appellation,
                commune=fields["commune"],
                has_experience=has_experience,
            )
        return person

    return _make


@pytest.fixture
def make_offer(pau, camille, communes, rome):
    """make_offer(appellation=cleaner, structure=pau, **fields): an open offer in Pau."""

    def _make(appellation=None, *, structure=None, **fields):
        structure = structure or pau
        fields.setdefault("commune", communes.pau)
        fields.setdefault("captured_by", camille if structure == pau else f.UserFactory())
        return f.OfferFactory(
            structure=structure,
            company__structure=structure,
            appellation=appellation or rome.cleaner,
            **fields,
        )

    return _make


@pytest.fixture
def in_pau(pau):
    with structure_scope(pau):
        yield


# The parts of the Monday board fetched when they scroll into view.
LAZY_PART = re.compile(r'hx-get="([^"]+)" hx-trigger="revealed"')


def read_board(client, url: str = "/reunion/", **params) -> str:
    """The Monday board as a browser shows it once scrolled to the bottom: the page, then every
    part it fetches on demand."""
    page = client.get(url, params)
    assert page.status_code == 200
    parts = [
        client.get(html.unescape(part), headers={"HX-Request": "true"})
        for part in LAZY_PART.findall(page.text)
    ]
    assert all(part.status_code == 200 for part in parts)
    return "".join([page.text, *(part.text for part in parts)])
