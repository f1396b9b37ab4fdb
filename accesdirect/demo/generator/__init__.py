"""The demo territory: two fictional structures in real places (Pau and the Béarn, the Basque
coast), three years of history, and today's work, deterministic for a given seed and day.

Rows are written with bulk_create for speed; the data still respects every invariant of
the method (the database constraints would refuse it otherwise), and the latest
positionings are made through the real service."""

import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from faker import Faker

from accesdirect.structures.models import Network, Structure, User

from .catalogue import BEARN, COTE_BASQUE, DEMO_PASSWORD, NETWORK_NAME, SUPERUSER, TERRITORIES
from .context import PhoneBook
from .reference import reference_load
from .territory import territory_generate
from .timeline import Timeline

__all__ = ["DEMO_PASSWORD", "DemoReport", "demo_exists", "demo_load", "demo_logins"]


@dataclass
class DemoReport:
    seconds: float = 0.0
    rows: dict[str, dict[str, int]] = field(default_factory=dict)


def demo_exists() -> bool:
    return Structure.objects.filter(slug=BEARN.slug).exists()


def demo_logins() -> list[tuple[str, str]]:
    """(who, email) of the demo accounts; every one uses DEMO_PASSWORD."""
    return [
        (f"CRE d'{BEARN.name} (Pau)", BEARN.cre_persona.email),
        (f"Direction d'{BEARN.name}", BEARN.direction_persona.email),
        (f"CRE d'{COTE_BASQUE.name} (Bayonne)", COTE_BASQUE.cre_persona.email),
        ("Administration Django (/admin/)", SUPERUSER.email),
        # The job seekers' app signs in by SMS code, no password: the code is in « Messages ».
        ("Application des chercheurs d'emploi (/app/, code SMS dans « Messages »)", "06 00 00 00 01"),
    ]


def demo_sign_in_hints() -> tuple[str, list[tuple[str, str]]] | None:
    """The demo password and accounts, once the demo territory is loaded (for the login page)."""
    if not demo_exists():
        return None
    return DEMO_PASSWORD, demo_logins()


def demo_load(*, scale: float = 1.0, seed: int = 42) -> DemoReport | None:
    """Generate the demo territory, or do nothing (None) when it is already there."""
    if demo_exists():
        return None
    started = time.monotonic()
    report = DemoReport()
    reference = reference_load()
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    timeline = Timeline(timezone.localdate())
    # Hashing is slow by design: hash the shared demo password once for every account.
    password_hash = make_password(DEMO_PASSWORD)
    phones = PhoneBook(random.Random(seed))
    with transaction.atomic(), scopes_disabled():
        network = Network.objects.create(name=NETWORK_NAME)
        if not User.objects.filter(email=SUPERUSER.email).exists():
            User.objects.create(
                email=SUPERUSER.email,
                first_name=SUPERUSER.first_name,
                last_name=SUPERUSER.last_name,
                password=password_hash,
                is_staff=True,
                is_superuser=True,
            )
        for plan in TERRITORIES:
            build = territory_generate(
                plan=plan,
                reference=reference,
                scale=scale,
                seed=seed,
                fake=fake,
                timeline=timeline,
                network=network,
                password_hash=password_hash,
                phones=phones,
            )
            report.rows[plan.name] = dict(build.rows.written)
            if network.head_structure_id is None:
                network.head_structure = build.structure
                network.save(update_fields=["head_structure"])
    report.seconds = time.monotonic() - started
    return report
