from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in: throttled password sign-in, password reset and change, one-time codes."""

    name = "accesdirect.accounts"
    verbose_name = _("Comptes")
