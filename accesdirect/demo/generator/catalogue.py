"""The fixed facts of the demo: its two fictional structures in real territories, the sectors
of the local labour market (NAF codes and the ROME fiches they hire for), and the
distributions that make the figures of the feasibility study come out of the data."""

from dataclasses import dataclass
from decimal import Decimal

from accesdirect.companies.enums import ContactKind, ContactOutcome, SizeBand
from accesdirect.offers.enums import Contract
from accesdirect.seekers.enums import (
    Availability,
    EducationLevel,
    ExitReason,
    Programme,
    WorkCondition,
    WorkingTime,
)
from accesdirect.structures.enums import PrescriberKind

# One password for every demo account (shown by `demo_setup`); at least 12 characters.
DEMO_PASSWORD = "demo-acces-direct"  # noqa: S105

# Volume. The study's reference is 1,800 company contacts a month for 20 CREs and about
# 2,500 people leaving the accompaniment a year. Writing three full years of that would
# take minutes on SQLite, so the last three months are generated at the full rate and the
# older history at HISTORY_DENSITY of it: every page and indicator has recent, dense data,
# and the three-year curves keep their shape (only their level is lower).
FULL_RATE_DAYS = 91
HISTORY_DAYS = 3 * 365
HISTORY_DENSITY = 0.3
CONTACTS_PER_CRE_PER_MONTH = 90
# An offer still unfilled this many days after its capture is considered expired.
OFFER_OPEN_DAYS = 45
# People followed in their job for six months after their start.
IN_JOB_FOLLOW_UP_DAYS = 183


@dataclass(frozen=True)
class SitePlan:
    name: str
    insee_code: str
    address: str
    cre_count: int


@dataclass(frozen=True)
class Persona:
    """A demo account whose email is printed by `demo_setup`."""

    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class PrescriberPlan:
    name: str
    kind: str
    programmes: tuple[str, ...]
    adviser_email: str


@dataclass(frozen=True)
class TerritoryPlan:
    name: str
    slug: str
    sms_sender: str
    email_domain: str
    centre_insee: str
    radius_km: float
    sites: tuple[SitePlan, ...]
    direction_count: int
    cre_persona: Persona
    direction_persona: Persona | None
    prescribers: tuple[PrescriberPlan, ...]
    companies: int
    active_seekers: int
    referred_seekers: int
    open_offers: int
    # People leaving the accompaniment each month, at the full rate.
    exits_per_month: int
    # A rough share of Pau's people living in the priority neighbourhoods (Saragosse site).
    neighbourhood_site_share: float = 0.0
    # People placed in a first job four to five years ago, followed since (PLACED_LONG_AGO_MONTHS).
    placed_long_ago: int = 0
    # What the accompaniment costs (the savings page): a yearly convention at full scale, or a
    # cost per person accompanied.
    convention_amount: Decimal | None = None
    cost_per_person: Decimal | None = None

    @property
    def cre_count(self) -> int:
        return sum(site.cre_count for site in self.sites)


BEARN = TerritoryPlan(
    name="Accès Direct Béarn",
    slug="acces-direct-bearn",
    sms_sender="ACCESBEARN",
    email_domain="bearn.example",
    centre_insee="64445",  # Pau
    radius_km=40,
    sites=(
        SitePlan("Antenne Pau centre", "64445", "12 rue Mathieu Lalanne, 64000 Pau", 10),
        SitePlan("Antenne Saragosse – Ousse-des-Bois", "64445", "4 place de la Monnaie, 64000 Pau", 6),
        SitePlan("Permanence d'Oloron-Sainte-Marie", "64422", "9 rue Louis Barthou, 64400 Oloron", 2),
        SitePlan("Permanence d'Orthez", "64430", "3 place d'Armes, 64300 Orthez", 2),
    ),
    direction_count=2,
    cre_persona=Persona("Camille", "Lassalle", "cre@bearn.example"),
    direction_persona=Persona("Dominique", "Lacoste", "direction@bearn.example"),
    prescribers=(
        PrescriberPlan(
            "Département des Pyrénées-Atlantiques – MDS de Pau",
            PrescriberKind.DEPARTEMENT,
            (Programme.RSA, Programme.SENIOR),
            "referente.mds@departement64.example",
        ),
        PrescriberPlan(
            "PLIE Pau Pyrénées", PrescriberKind.PLIE, (Programme.PLIE,), "conseiller@plie-pau.example"
        ),
        PrescriberPlan(
            "CCAS de Pau", PrescriberKind.CITY, (Programme.CITY, Programme.OTHER), "accueil@ccas-pau.example"
        ),
    ),
    companies=3600,
    active_seekers=1300,
    referred_seekers=45,
    open_offers=350,
    exits_per_month=210,
    neighbourhood_site_share=0.4,
    placed_long_ago=150,
    # The study's Pyrénées-Atlantiques year: 475,600 € of accompaniment.
    convention_amount=Decimal("475600"),
)

COTE_BASQUE = TerritoryPlan(
    name="Accès Direct Côte Basque",
    slug="acces-direct-cote-basque",
    sms_sender="ACCESBASQUE",
    email_domain="cotebasque.example",
    centre_insee="64102",  # Bayonne
    radius_km=15,
    sites=(
        SitePlan("Antenne Bayonne", "64102", "5 allées Marines, 64100 Bayonne", 2),
        SitePlan("Permanence d'Anglet", "64024", "2 rue Albert-le-Barillier, 64600 Anglet", 1),
    ),
    direction_count=1,
    cre_persona=Persona("Bixente", "Etcheverry", "cre@cotebasque.example"),
    direction_persona=None,
    prescribers=(
        PrescriberPlan(
            "Département des Pyrénées-Atlantiques – MDS de Bayonne",
            PrescriberKind.DEPARTEMENT,
            (Programme.RSA, Programme.SENIOR),
            "referente.mds@departement64-bayonne.example",
        ),
        PrescriberPlan(
            "CCAS de Biarritz",
            PrescriberKind.CITY,
            (Programme.CITY, Programme.PLIE, Programme.OTHER),
            "accueil@ccas-biarritz.example",
        ),
    ),
    companies=200,
    active_seekers=100,
    referred_seekers=4,
    open_offers=20,
    exits_per_month=5,
    placed_long_ago=5,
    cost_per_person=Decimal("1500"),
)

TERRITORIES = (BEARN, COTE_BASQUE)
SUPERUSER = Persona("Alex", "Admin", "admin@accesdirect.example")
NETWORK_NAME = "Réseau Accès Direct (démo)"


@dataclass(frozen=True)
class Sector:
    """A part of the local market: the NAF codes of its companies and the ROME fiches they
    hire for. Fiches or NAF codes missing from the loaded referentials are skipped."""

    key: str
    weight: int
    naf_codes: tuple[str, ...]
    fiche_codes: tuple[str, ...]
    name_patterns: tuple[str, ...]


SECTORS = (
    Sector(
        "cleaning",
        9,
        ("81.21Z", "81.22Z"),
        ("K2204", "K2202", "K2203"),
        ("{last} Nettoyage", "Propreté {place}", "{last} Services Propreté", "Net'{place}"),
    ),
    Sector(
        "restaurant",
        13,
        ("56.10A", "56.10C", "56.21Z", "56.29A", "56.30Z"),
        ("G1602", "G1603", "G1803", "G1605", "G1601", "G1801"),
        ("Restaurant {word}", "Brasserie {word}", "Chez {first}", "Café {word}", "Auberge {word}"),
    ),
    Sector(
        "hotel",
        3,
        ("55.10Z", "55.20Z", "55.30Z"),
        ("G1501", "G1703", "G1502", "G1503"),
        ("Hôtel {word}", "Camping {word}", "Hôtel {last}"),
    ),
    Sector(
        "food_retail",
        9,
        ("47.11B", "47.11C", "47.11D", "47.11F", "47.22Z", "47.29Z"),
        ("D1507", "D1505", "D1106", "D1101"),
        ("Épicerie {word}", "Supérette {place}", "Primeur {last}", "Boucherie {last}", "Marché {place}"),
    ),
    Sector(
        "bakery",
        4,
        ("10.71C", "10.71D", "47.24Z"),
        ("D1102", "D1106", "D1104"),
        ("Boulangerie {last}", "Au Fournil {word}", "Pâtisserie {last}"),
    ),
    Sector(
        "logistics",
        6,
        ("52.10B", "52.29A", "46.39B", "46.90Z"),
        ("N1103", "N1105", "N1101"),
        ("{last} Logistique", "Entrepôts {place}", "{last} Distribution"),
    ),
    Sector(
        "transport",
        5,
        ("49.41A", "49.41B", "53.20Z", "49.39A"),
        ("N4105", "N4101", "N4102", "N4103"),
        ("Transports {last}", "{last} Express", "Livraisons {place}"),
    ),
    Sector(
        "building",
        13,
        ("43.99C", "41.20A", "43.34Z", "43.32A", "43.21A", "43.22A", "43.31Z"),
        ("F1703", "F1704", "F1606", "F1603", "F1602", "F1604", "F1701", "F1702"),
        ("{last} Bâtiment", "{last} et Fils", "Maçonnerie {last}", "Peintures {last}", "{last} Rénovation"),
    ),
    Sector(
        "green_spaces",
        4,
        ("81.30Z", "01.30Z"),
        ("A1203", "A1202"),
        ("{last} Paysages", "Jardins {word}", "Paysages {place}"),
    ),
    Sector(
        "agriculture",
        5,
        ("01.13Z", "01.21Z", "01.24Z", "01.41Z", "01.50Z"),
        ("A1414", "A1405", "A1401", "A1416"),
        ("GAEC {last}", "EARL {last}", "Domaine {last}", "Ferme {word}"),
    ),
    Sector(
        "home_care",
        8,
        ("88.10A", "88.10B", "81.10Z"),
        ("K1302", "K1304", "K1303", "K1311"),
        ("Services à domicile {word}", "Aide à domicile {place}", "Présence {place}"),
    ),
    Sector(
        "care_homes",
        4,
        ("87.10A", "87.30A", "87.10B"),
        ("J1301", "K1302", "J1501"),
        ("EHPAD {word}", "Résidence {word}", "Maison de retraite {word}"),
    ),
    Sector(
        "food_industry",
        4,
        ("10.13A", "10.51A", "10.89Z", "10.39A"),
        ("H3302", "H2102", "H2101", "H3301"),
        ("Conserverie {last}", "Salaisons {place}", "Laiterie {word}"),
    ),
    Sector(
        "garages",
        4,
        ("45.20A", "45.20B", "45.32Z"),
        ("I1604", "I1606", "D1404"),
        ("Garage {last}", "Auto {place}", "Carrosserie {last}"),
    ),
    Sector("security", 2, ("80.10Z",), ("K2503",), ("{last} Sécurité", "Sécurité {place}")),
    Sector(
        "waste",
        2,
        ("38.11Z", "38.32Z"),
        ("K2304", "K2303"),
        ("Recyclage {word}", "Tri {place}"),
    ),
    Sector(
        "personal_services",
        3,
        ("96.02A", "96.02B", "96.01B"),
        ("D1202", "D1208", "K2201"),
        ("Salon {first}", "L'Atelier de {first}", "Pressing {place}"),
    ),
    Sector(
        "retail",
        6,
        ("47.52A", "47.71Z", "47.59B", "47.19B", "47.64Z"),
        ("D1214", "D1507", "D1211", "D1505", "D1506"),
        ("Bricolage {place}", "Boutique {word}", "Bazar {word}", "{last} Équipement"),
    ),
    Sector(
        "leisure",
        2,
        ("93.29Z", "93.11Z", "88.91A"),
        ("G1203", "G1204", "K1303"),
        ("Centre de loisirs {word}", "Association {word}", "Crèche {word}"),
    ),
)

NAME_WORDS = (
    "des Pyrénées",
    "du Gave",
    "Béarnais",
    "de l'Ossau",
    "du Parc",
    "les Tilleuls",
    "du Château",
    "Henri IV",
    "la Fontaine",
    "du Marché",
    "les Acacias",
    "Beaumont",
    "du Pic",
    "l'Ourson",
    "les Platanes",
    "Bellevue",
    "du Soleil",
    "des Halles",
)
LEGAL_FORMS = (("", 40), (" SARL", 30), (" SAS", 18), (" EURL", 12))

SIZE_BANDS = ((SizeBand.NONE, 10), (SizeBand.MICRO, 55), (SizeBand.SMALL, 28), (SizeBand.MEDIUM, 7))

PROGRAMMES = ((Programme.RSA, 60), (Programme.PLIE, 20), (Programme.CITY, 11), (Programme.SENIOR, 7))
EDUCATION_LEVELS = (
    (EducationLevel.NONE, 40),
    (EducationLevel.LEVEL_3, 35),
    (EducationLevel.LEVEL_4, 17),
    (EducationLevel.LEVEL_5, 6),
    (EducationLevel.LEVEL_6, 2),
)
AVAILABILITIES = ((Availability.IMMEDIATE, 75), (Availability.WITHIN_MONTH, 20), (Availability.LATER, 5))

# The wishes read by matching, so that the demo's rankings show every filter at work. Most
# people take any contract ("un emploi, vite"); some want a CDI, or no intérim.
WANTED_CONTRACTS = (
    ((), 55),
    ((Contract.CDI,), 15),
    ((Contract.CDI, Contract.CDD), 17),
    ((Contract.CDD, Contract.INTERIM), 8),
    ((Contract.CDI, Contract.CDD, Contract.SUBSIDISED), 5),
)
WORKING_TIMES = ((WorkingTime.ANY, 65), (WorkingTime.FULL_TIME, 20), (WorkingTime.PART_TIME, 15))
# A condition the person cannot meet (never its cause): about one person in four has one or two.
UNAVAILABLE_SHARE = 0.25
UNAVAILABLE_CONDITIONS = (
    (WorkCondition.WEEKEND, 25),
    (WorkCondition.NIGHT, 25),
    (WorkCondition.EARLY_MORNING, 15),
    (WorkCondition.HEAVY_LOADS, 15),
    (WorkCondition.SPLIT_SHIFTS, 8),
    (WorkCondition.HEIGHTS, 6),
    (WorkCondition.COLD, 6),
)
# Conditions an offer demands: about two offers in five demand one or two.
WORK_CONDITIONS_SHARE = 0.4
OFFER_WORK_CONDITIONS = (
    (WorkCondition.WEEKEND, 22),
    (WorkCondition.EARLY_MORNING, 18),
    (WorkCondition.STANDING, 16),
    (WorkCondition.HEAVY_LOADS, 14),
    (WorkCondition.SPLIT_SHIFTS, 12),
    (WorkCondition.OUTDOOR, 8),
    (WorkCondition.NIGHT, 6),
    (WorkCondition.HEIGHTS, 2),
    (WorkCondition.COLD, 2),
)

# Employment contracts of the people placed when they leave. "cdd_long" is a CDD of more than
# six months: with the CDI they make the durable jobs. With the short first contracts of the
# people still accompanied, ~38% of the people back in a job are in a durable one (39% in the
# study over 2001-2017, 35% in 2016-2017).
EMPLOYMENT_CONTRACTS = (
    ("cdi", 30),
    ("cdd_long", 24),
    ("cdd_short", 22),
    ("interim", 16),
    ("subsidised", 7),
    ("work_study", 3),
)
# Offers as captured: mostly CDD at first, some CDI, intérim (immersions are not offers).
OFFER_CONTRACTS = (
    ("cdd_short", 48),
    ("cdd_long", 10),
    ("cdi", 17),
    ("interim", 18),
    ("subsidised", 5),
    ("work_study", 2),
)
CONTRACT_KINDS = {
    "cdi": Contract.CDI,
    "cdd_long": Contract.CDD,
    "cdd_short": Contract.CDD,
    "interim": Contract.INTERIM,
    "subsidised": Contract.SUBSIDISED,
    "work_study": Contract.WORK_STUDY,
}
HOURS_PER_WEEK = ((35, 50), (24, 15), (28, 10), (30, 12), (20, 8), (39, 5))

# Path of the people who left: most with a job. With the people still accompanied (some already
# in a short contract), ~70% of the people of three years are back in a job, as in the study.
EMPLOYED_SHARE = 0.83
# Of those, the share who found the job themselves (declared), not through a positioning.
DECLARED_EMPLOYMENT_SHARE = 0.25
# Of those who left without a job, the share who stopped before the third PER.
EARLY_DROP_OUT_SHARE = 0.3
HIRED_IN_PERIOD = ((1, 45), (2, 35), (3, 20))
# People who left after three PERs without a job: the review decided the exit, for this reason.
EXIT_AFTER_REVIEW_REASONS = (
    (ExitReason.PERIODS_ENDED, 50),
    (ExitReason.REORIENTED, 40),
    (ExitReason.OTHER, 10),
)
# Active people: the number of their current PER.
CURRENT_PERIOD = ((1, 45), (2, 30), (3, 25))
ACTIVE_WITH_DRAFT_PERIOD_SHARE = 0.08
ACTIVE_WAITING_FOR_REVIEW_SHARE = 0.04
ACTIVE_WITH_POSITIONING_SHARE = 0.25
# Active people already back in a short job (intérim, short CDD) while still accompanied, as
# the method places people quickly in a first contract: with the paths that ended, the territory
# shows about the study's results over three years (~70% back in a job, ~39% of them durable).
ACTIVE_WITH_SHORT_JOB_SHARE = 0.6

# Survival in employment (the study: 80% of the people placed still in a job four years later,
# 40% of them with another employer). Of the people in a job at a check-in (or at the start), the
# chance of still being in one at the next, by months after the start: about 87% at six months,
# 81% at two years, 79% at four (reached only by the people placed long ago, PLACED_LONG_AGO_MONTHS).
SURVIVAL_STAY = {6: 0.87, 12: 0.965, 24: 0.965, 48: 0.975}
# Of those still with their first employer at the check-in before, the chance of being with
# another one now: while their contract runs, and once its planned end has passed (many short
# contracts are renewed, or turned into a CDI, by the same employer). ~40% at two years.
EMPLOYER_CHANGE = {6: 0.05, 12: 0.08, 24: 0.1, 48: 0.06}
EMPLOYER_CHANGE_AFTER_THE_CONTRACT = 0.25
# The chance that a check-in goes unanswered (no answer to the SMS, number changed): the person is
# followed no further (censored).
SURVIVAL_UNREACHED = 0.08
# The share of the answers given by SMS (OUI, AUTRE or NON); the others after a CRE's call.
SURVIVAL_BY_SMS = 0.6

# The people placed four to five years ago, before the demo's three years: their follow-ups reach
# the four-year check-in, whose answers make the study's two figures. Their job started between
# these many months ago: the four-year check-in is due and answered (48 months and the days to
# answer), and the start stays within the five years a job's start may be typed
# (core.ranges.EMPLOYMENT_START), so that their file can still be corrected. Their accompaniment
# ended six months after the start (IN_JOB_FOLLOW_UP_DAYS), long before the three years of the
# other figures: they are not among the people accompanied then.
PLACED_LONG_AGO_MONTHS = (50, 59)
# Mostly durable jobs (a CDI, a CDD of more than six months), as most of the people the
# département followed for four years. With the changes of employer above (a CDI holder rarely
# leaves, a CDD over is often followed by another employer), ~40% of those in a job four years
# later are with another one.
PLACED_LONG_AGO_CONTRACTS = (
    ("cdi", 62),
    ("cdd_long", 20),
    ("cdd_short", 6),
    ("interim", 4),
    ("subsidised", 8),
)
# At least this many (or the plan's number) at a small scale: a share of a handful of answers
# would jump from one extreme to the other.
PLACED_LONG_AGO_AT_LEAST = 100

CONTACT_KINDS = (
    (ContactKind.VISIT, 40),
    (ContactKind.CALL, 45),
    (ContactKind.EMAIL, 10),
    (ContactKind.EVENT, 5),
)
PROSPECTION_OUTCOMES = (
    (ContactOutcome.INTERESTED, 38),
    (ContactOutcome.NO_NEED, 32),
    (ContactOutcome.UNREACHABLE, 30),
)
# Share of prospection contacts of the last three months made for one person.
CONTACTS_FOR_A_PERSON_SHARE = 0.2
# Share of the companies of the file that were ever contacted (the others are prospects).
CONTACTED_COMPANY_SHARE = 0.65

PERSON_ROLES = (
    "Gérant",
    "Gérante",
    "Responsable RH",
    "Chef d'équipe",
    "Directrice",
    "Responsable d'exploitation",
)
WISH_PATTERNS = (
    "Travailler comme {job}, plutôt en journée.",
    "Retrouver un emploi stable, {job} me plairait.",
    "Un poste de {job} près de chez moi, à temps plein si possible.",
    "Reprendre une activité, pourquoi pas {job}.",
)
KNOW_HOW_PATTERNS = (
    "A déjà travaillé comme {job}. Ponctuel·le, aime le travail en équipe.",
    "Expérience de {job} en saisonnier. Sait s'organiser seul·e.",
    "Quelques missions d'intérim en {job}. Bon contact.",
    "Bénévolat et petits travaux, expérience de {job}.",
)
