"""What the demo takes from the referentials: communes around each structure, ROME
appellations grouped by fiche with their close fiches, and the NAF codes of each sector."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from accesdirect.core.errors import DomainError
from accesdirect.referentials.models import Appellation, Commune, FicheMobility, NafCode

from .catalogue import SECTORS
from .timeline import Weighted

MIN_APPELLATIONS = 4


@dataclass(frozen=True)
class CommuneInfo:
    id: int
    insee_code: str
    name: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class AppellationInfo:
    id: int
    label: str
    fiche_id: int


@dataclass
class SectorInfo:
    key: str
    weight: int
    naf_ids: list[int]
    fiche_ids: list[int]
    name_patterns: tuple[str, ...]


@dataclass
class ReferenceData:
    appellations_by_fiche: dict[int, list[AppellationInfo]]
    close_fiches: dict[int, list[int]]
    sectors: list[SectorInfo]
    sectors_by_fiche: dict[int, list[SectorInfo]] = field(default_factory=dict)
    past_fiches: Weighted = field(init=False)
    sector_picker: Weighted = field(init=False)
    # Computed once: every person's target jobs read them.
    fiche_ids: list[int] = field(init=False)
    appellation_count: int = field(init=False)

    def __post_init__(self):
        self.fiche_ids = list(self.appellations_by_fiche)
        self.appellation_count = sum(len(group) for group in self.appellations_by_fiche.values())
        pairs = []
        for sector in self.sectors:
            for fiche_id in sector.fiche_ids:
                self.sectors_by_fiche.setdefault(fiche_id, []).append(sector)
                pairs.append((fiche_id, sector.weight))
        self.past_fiches = Weighted(pairs)
        self.sector_picker = Weighted([(sector, sector.weight) for sector in self.sectors])


def reference_load() -> ReferenceData:
    """Read the referentials once. Refuses clearly when they are not loaded yet."""
    appellations_by_fiche: dict[int, list[AppellationInfo]] = defaultdict(list)
    fiche_codes: dict[str, int] = {}
    for pk, label, fiche_id, fiche_code in Appellation.objects.values_list(
        "pk", "label", "fiche_id", "fiche__code"
    ).order_by("pk"):
        appellations_by_fiche[fiche_id].append(AppellationInfo(pk, label, fiche_id))
        fiche_codes[fiche_code] = fiche_id
    if sum(len(group) for group in appellations_by_fiche.values()) < MIN_APPELLATIONS:
        raise DomainError("Le ROME n'est pas chargé : lancez d'abord « manage.py import_rome ».")
    close_fiches: dict[int, list[int]] = defaultdict(list)
    for source_id, target_id in FicheMobility.objects.order_by("source_id", "order").values_list(
        "source_id", "target_id"
    ):
        if target_id in appellations_by_fiche:
            close_fiches[source_id].append(target_id)
    naf_ids = dict(NafCode.objects.values_list("code", "pk"))
    known_fiches = {code for sector in SECTORS for code in sector.fiche_codes} & set(fiche_codes)
    sectors = []
    for sector in SECTORS:
        sector_naf_ids = [naf_ids[code] for code in sector.naf_codes if code in naf_ids]
        fiche_ids = [fiche_codes[code] for code in sector.fiche_codes if code in fiche_codes]
        if not known_fiches:
            # A ROME without any of the catalogue's fiches: every sector hires for every fiche.
            fiche_ids = sorted(appellations_by_fiche)
        if fiche_ids and (sector_naf_ids or not naf_ids):
            sectors.append(
                SectorInfo(sector.key, sector.weight, sector_naf_ids, fiche_ids, sector.name_patterns)
            )
    if not sectors:
        raise DomainError("Aucun secteur de la démo ne trouve ses codes NAF : lancez « manage.py load_naf ».")
    return ReferenceData(dict(appellations_by_fiche), dict(close_fiches), sectors)


def communes_around(*, insee_code: str, radius_km: float) -> tuple[CommuneInfo, list[CommuneInfo]]:
    """The centre commune and the communes of its département within radius_km of it."""
    fields = ("pk", "insee_code", "name", "latitude", "longitude", "population")
    centre_row = Commune.objects.filter(insee_code=insee_code).values_list(*fields).first()
    if centre_row is None or centre_row[3] is None:
        raise DomainError(
            f"La commune {insee_code} manque ou n'a pas de coordonnées : "
            "lancez d'abord « manage.py load_communes »."
        )
    centre = CommuneInfo(*centre_row)
    departement = Commune.objects.get(pk=centre.id).departement
    around = [
        CommuneInfo(*row)
        for row in Commune.objects.filter(departement=departement, latitude__isnull=False)
        .order_by("insee_code")
        .values_list(*fields)
    ]
    return centre, [commune for commune in around if distance_km(centre, commune) <= radius_km]


def distance_km(first, second) -> float:
    """Great-circle distance between two objects with latitude and longitude."""
    lat1, lat2 = math.radians(first.latitude), math.radians(second.latitude)
    half_dlat = (lat2 - lat1) / 2
    half_dlon = math.radians(second.longitude - first.longitude) / 2
    a = math.sin(half_dlat) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(half_dlon) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))
