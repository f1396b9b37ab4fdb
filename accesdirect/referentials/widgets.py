"""Autocomplete widgets for the referentials (see core.autocomplete)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.autocomplete import AutocompleteSelect


class CommuneAutocomplete(AutocompleteSelect):
    url_name = "referentials:communes"
    search_label = _("Rechercher une commune par nom ou code postal")
    placeholder = _("Nom ou code postal")
    hint = _("Tapez le début du nom ou le code postal, puis choisissez la commune dans la liste.")


class AppellationAutocomplete(AutocompleteSelect):
    url_name = "referentials:appellations"
    search_label = _("Rechercher un métier par intitulé ou code ROME")
    placeholder = _("Intitulé ou code ROME")
    hint = _("Tapez quelques mots du métier (ex. « agent nettoyage »), puis choisissez dans la liste.")
