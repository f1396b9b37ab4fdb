from django.utils.translation import gettext_lazy as _

from accesdirect.core.autocomplete import AutocompleteSelect


class CompanyAutocomplete(AutocompleteSelect):
    url_name = "companies:autocomplete"
    search_label = _("Rechercher une entreprise par nom ou SIRET")
    placeholder = _("Nom ou SIRET")
    hint = _("Tapez le nom ou le SIRET, puis choisissez l'entreprise dans la liste.")
