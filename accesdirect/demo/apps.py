from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "accesdirect.demo"
    label = "demo"
    verbose_name = _("Démo")

    def ready(self):
        from accesdirect.core.sign_in_hints import register_sign_in_hints

        register_sign_in_hints(_sign_in_hints)


def _sign_in_hints():
    # Imported on first use: the generator (Faker, the catalogue) stays out of every start-up.
    from .generator import demo_sign_in_hints

    return demo_sign_in_hints()
