"""The one scoping mechanism: django-scopes on the `structure` dimension.

Requests are scoped by StructureScopeMiddleware. Code running outside a request (commands,
the worker, threads, tests) enters a scope explicitly with `structure_scope(structure)`.
"""

from contextlib import contextmanager

from django_scopes import scope, scopes_disabled

__all__ = ["structure_scope", "scopes_disabled", "no_structure_scope"]


@contextmanager
def structure_scope(structure):
    structure_id = structure if isinstance(structure, int) else structure.pk
    with scope(structure=structure_id):
        yield


@contextmanager
def no_structure_scope():
    """A scope that matches nothing: for signed-in users without any membership."""
    with scope(structure=[]):
        yield
