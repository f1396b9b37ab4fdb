from pathlib import Path

from django.conf import settings

from .importers.communes import communes_load
from .importers.naf import naf_load
from .importers.rome import rome_import
from .models import ReferentialLoad


def referentials_load_all(
    *, rome_source: Path | None = None, departements: list[str] | None = None, force: bool = False
) -> list[str]:
    """Load the ROME (the shipped sample by default: fast, for tests; pass
    settings.ROME_EXPORT for the whole referential), the communes (of some départements
    only, if given) and the NAF, each only if not loaded yet; one French line per referential.

    Each load is its own transaction: a failure leaves the referentials already loaded.
    """
    loaded = set(ReferentialLoad.objects.values_list("name", flat=True))
    report = []
    if force or "rome" not in loaded:
        report.append(rome_import(source=Path(rome_source or settings.ROME_SAMPLE_DIR)).summary())
    else:
        report.append("ROME déjà chargé.")
    if force or not _communes_loaded(loaded, departements):
        report.append(f"{communes_load(departements=departements)} communes chargées.")
    else:
        report.append("Communes déjà chargées.")
    if force or "naf" not in loaded:
        report.append(f"{naf_load()} codes NAF chargés.")
    else:
        report.append("NAF déjà chargée.")
    return report


def _communes_loaded(loaded: set[str], departements: list[str] | None) -> bool:
    if "communes" in loaded:
        return True
    if not departements:
        return False
    loaded_departements = {
        code for name in loaded if name.startswith("communes:") for code in name.split(":", 1)[1].split(",")
    }
    return set(departements) <= loaded_departements
