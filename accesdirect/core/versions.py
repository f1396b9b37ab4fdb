"""A version of each structure's data, for readers that keep results between requests.

Services that change what such a reader depends on (people and their target jobs, offers,
positionings, employments, refused pairs, the ranking settings) call `data_version_bump` in
their transaction; a reader calls `data_version_of` (one indexed read) and keeps its result
under that token, so that the next read after a change sees a new token and reloads.

Why a token bumped by the services rather than computed from the rows (max(updated_at)):
the rows have no modification date, queryset updates and deletions would not show in one,
and a cheap aggregate over five tables would cost more than the one-row read. The bump is an
upsert of one row per structure, so it is written in the same transaction as the change: a
reader sees the new token only with the new rows. It locks that row until the commit, so
call it last in the service, after the service's own locks (a transaction holding it never
waits for another row, hence no deadlock between two services)."""

import uuid

from .models import DataVersion


def data_version_bump(*, structure_id: int) -> None:
    DataVersion.objects.bulk_create(
        [DataVersion(structure_id=structure_id, token=uuid.uuid4())],
        update_conflicts=True,
        unique_fields=["structure"],
        update_fields=["token"],
    )


def data_version_of(structure_id: int) -> uuid.UUID | None:
    """The structure's current token, None while its data never changed through a service."""
    return DataVersion.objects.filter(structure_id=structure_id).values_list("token", flat=True).first()
