from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "accesdirect.core"
    label = "core"
    verbose_name = _("Socle")

    def ready(self):
        # French order of names on SQLite: a collation registered on each new connection.
        from . import collation  # noqa: F401

        # Each app declares the labels of its audit actions in its own `audit` module: the
        # trail reads every line in the reader's language, core naming no app.
        autodiscover_modules("audit")
        # The exports: core's own labels, then the lists each app exports (its `exports` module).
        from . import export_jobs  # noqa: F401

        autodiscover_modules("exports")
