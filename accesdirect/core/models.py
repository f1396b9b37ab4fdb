"""Base models. Every domain row belongs to one structure (the tenant) and is read
through the structure scope (django-scopes): a query made without an active scope raises
ScopeError instead of silently returning another structure's data."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def scoped_manager(queryset_class: type[models.QuerySet] = models.QuerySet):
    """The default manager of structure-owned models, with the model's queryset methods."""
    return ScopedManager(structure="structure", _manager_class=models.Manager.from_queryset(queryset_class))


class StructureOwned(models.Model):
    structure = models.ForeignKey(
        "structures.Structure", on_delete=models.PROTECT, related_name="+", verbose_name=_("structure")
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)

    objects = scoped_manager()

    class Meta:
        abstract = True
