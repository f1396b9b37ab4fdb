"""The state shared while one structure's territory is generated."""

import datetime
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field

import phonenumbers
from faker import Faker

from accesdirect.offers.models import Employment
from accesdirect.seekers.models import JobSeeker
from accesdirect.structures.models import PrescriberOrganisation, Site, Structure, User

from .catalogue import TerritoryPlan
from .reference import AppellationInfo, CommuneInfo, ReferenceData
from .timeline import Timeline, Weighted
from .writer import Rows


class PhoneBook:
    """Mobile numbers of the demo people, shared by every structure so that none repeats.

    Random numbers that libphonenumber accepts as French mobiles, so that the demo's SMS
    go through the outbox like real ones. The demo sends them with the console provider: they
    are printed, never delivered. (ARCEP's block for fiction, 06 39 98, is not a valid mobile
    for libphonenumber: every SMS to it would fail.)"""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def mobile(self) -> str:
        while True:
            number = f"+33{self.rng.choice('67')}{self.rng.randint(0, 99_999_999):08d}"
            if number not in self.used and _is_mobile(number):
                self.used.add(number)
                return number


# libphonenumber's own patterns for France, read directly: a number they match is exactly one
# that phonenumbers parses as a valid French mobile (tested against it), forty times faster
# than parsing each of the demo's ten thousand numbers.
_FRANCE = phonenumbers.PhoneMetadata.metadata_for_region("FR")
_FRENCH_NUMBER = re.compile(_FRANCE.general_desc.national_number_pattern)
_FRENCH_MOBILE = re.compile(_FRANCE.mobile.national_number_pattern)


def _is_mobile(number: str) -> bool:
    national = number.removeprefix("+33")
    return bool(_FRENCH_NUMBER.fullmatch(national) and _FRENCH_MOBILE.fullmatch(national))


@dataclass
class SiteInfo:
    site: Site
    commune: CommuneInfo
    cres: list[User]


@dataclass
class PrescriberInfo:
    organisation: PrescriberOrganisation
    adviser: User


@dataclass
class Person:
    """A job seeker being generated, with what their path needs to know."""

    seeker: JobSeeker
    commune: CommuneInfo
    site: SiteInfo
    cre: User
    prescriber: PrescriberInfo
    targets: list[AppellationInfo] = field(default_factory=list)
    intake_on: datetime.date | None = None
    # The job that ended their search, for the people placed.
    employment: Employment | None = None
    # A first short contract during the accompaniment (the person stays in the active file).
    short_job: Employment | None = None


@dataclass
class Build:
    plan: TerritoryPlan
    scale: float
    rng: random.Random
    fake: Faker
    timeline: Timeline
    reference: ReferenceData
    centre: CommuneInfo
    communes: list[CommuneInfo]
    rows: Rows = field(default_factory=Rows)
    structure: Structure | None = None
    sites: list[SiteInfo] = field(default_factory=list)
    cres: list[User] = field(default_factory=list)
    direction: list[User] = field(default_factory=list)
    prescribers: dict[str, PrescriberInfo] = field(default_factory=dict)
    companies: list = field(default_factory=list)
    companies_by_sector: dict = field(default_factory=lambda: defaultdict(list))
    companies_by_sector_commune: dict = field(default_factory=lambda: defaultdict(list))
    offers_by_appellation: dict = field(default_factory=lambda: defaultdict(list))
    offers: list = field(default_factory=list)
    people: list = field(default_factory=list)
    active_by_sector: dict = field(default_factory=lambda: defaultdict(list))
    phones: PhoneBook | None = None

    def __post_init__(self):
        self.commune_picker = Weighted([(commune, max(commune.population, 50)) for commune in self.communes])

    @property
    def today(self):
        return self.timeline.today

    @property
    def structure_id(self) -> int:
        # Rows take the structure (and staff) by id: Django's instance assignment checks each
        # relation, a cost paid for every one of the ~250,000 rows of the demo.
        return self.structure.pk

    def count(self, full: int) -> int:
        """A volume of the plan at the requested scale (never zero)."""
        return max(1, round(full * self.scale))

    def pick_commune(self) -> CommuneInfo:
        return self.commune_picker.pick(self.rng)
