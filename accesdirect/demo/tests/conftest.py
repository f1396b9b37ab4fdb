"""A tiny referential set (real coordinates, four ROME fiches, four NAF codes), the demo
generated once per test module at a small scale, rolled back after the module, and the flag
that the demo commands require."""

import pytest
from django.db import transaction

from accesdirect.demo.flag import DEMO_FLAG
from accesdirect.demo.generator import demo_load
from accesdirect.referentials.models import FicheMobility, NafCode
from accesdirect.testing import factories as f

DEMO_SCALE = 0.05

COMMUNES = (
    ("64445", "Pau", "64000", 43.2951, -0.3708, 77000),
    ("64335", "Lescar", "64230", 43.3333, -0.4347, 10000),
    ("64129", "Billère", "64140", 43.3037, -0.3967, 13000),
    ("64422", "Oloron-Sainte-Marie", "64400", 43.1942, -0.6067, 10000),
    ("64430", "Orthez", "64300", 43.4883, -0.7722, 10500),
    ("64102", "Bayonne", "64100", 43.4933, -1.4753, 52000),
    ("64024", "Anglet", "64600", 43.4850, -1.5147, 40000),
    ("64122", "Biarritz", "64200", 43.4832, -1.5586, 25000),
    # 37 km from Pau but in the Hautes-Pyrénées: outside the Béarn territory.
    ("65440", "Tarbes", "65000", 43.2328, 0.0781, 42000),
)
FICHES = {
    "K2204": ("Agent / Agente de propreté", "Agent / Agente de nettoyage industriel"),
    "G1803": ("Serveur / Serveuse en restauration", "Garçon / Serveuse de café"),
    "N1103": ("Préparateur / Préparatrice de commandes", "Magasinier / Magasinière"),
    "D1507": ("Employé / Employée de rayon", "Employé / Employée de libre-service"),
}
MOBILITIES = (("K2204", "D1507"), ("G1803", "K2204"), ("N1103", "D1507"), ("D1507", "N1103"))
NAF_CODES = (
    ("81.21Z", "Nettoyage courant des bâtiments", "N"),
    ("56.10A", "Restauration traditionnelle", "I"),
    ("52.10B", "Entreposage et stockage non frigorifique", "H"),
    ("47.11D", "Supermarchés", "G"),
)


def referentials_create() -> None:
    for insee_code, name, postal_code, latitude, longitude, population in COMMUNES:
        f.CommuneFactory(
            insee_code=insee_code,
            name=name,
            postal_codes=postal_code,
            departement=insee_code[:2],
            latitude=latitude,
            longitude=longitude,
            population=population,
        )
    fiches = {}
    for code, labels in FICHES.items():
        fiches[code] = f.FicheFactory(code=code, label=labels[0])
        for label in labels:
            f.AppellationFactory(fiche=fiches[code], label=label)
    for order, (source, target) in enumerate(MOBILITIES, start=1):
        FicheMobility.objects.create(source=fiches[source], target=fiches[target], order=order)
    for code, label, section in NAF_CODES:
        NafCode.objects.create(code=code, label=label, section=section)


@pytest.fixture
def demo_flag(monkeypatch):
    """The demo asked for explicitly, as `make demo` does (DEMO=1)."""
    monkeypatch.setenv(DEMO_FLAG, "1")


@pytest.fixture
def no_demo_flag(monkeypatch):
    """The environment of a production server: the demo is not asked for."""
    monkeypatch.delenv(DEMO_FLAG, raising=False)


@pytest.fixture
def referentials(db):
    referentials_create()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo territory, generated once for the module's tests (each test still runs in
    its own savepoint) and rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        referentials_create()
        report = demo_load(scale=DEMO_SCALE, seed=42)
        yield report
        transaction.set_rollback(True)
