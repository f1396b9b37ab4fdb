"""Names sorted as the French sort them: "Émilie" and "emma" with the E's, not after "Zoé".

PostgreSQL compares with ICU's French collation ("fr-x-icu": Debian's and the official
packages' servers are built with ICU); SQLite with a collation of ours, registered on each of
its connections, that compares accent- and case-folded text. The column's own order (C.UTF-8
on a cluster made by initdb's defaults, bytes on SQLite) puts every accented capital last.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

POSTGRESQL_COLLATION = "fr-x-icu"
SQLITE_COLLATION = "fr_folded"


def folded(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _compare(left: str, right: str) -> int:
    # Folded text first; ties broken by the text itself, so that the order is total.
    a, b = (folded(left), left), (folded(right), right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


connection_created.connect(register_sqlite_collation, dispatch_uid="accesdirect.french_collation")


class French(Collate):
    """ORDER BY a text column in French order, on either database."""

    def __init__(self, expression):
        super().__init__(F(expression) if isinstance(expression, str) else expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(SQLITE_COLLATION)
        return super().as_sql(compiler, connection, **extra_context)


def french_order(*fields: str) -> list:
    """order_by() arguments: text fields in French order ("-name" descending), others as is."""
    ordering = []
    for field in fields:
        descending = field.startswith("-")
        name = field.lstrip("-")
        if name in ("pk", "id") or name.endswith("_id"):
            ordering.append(field)
        else:
            ordering.append(French(name).desc() if descending else French(name).asc())
    return ordering
