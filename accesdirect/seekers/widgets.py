from django.utils.translation import gettext_lazy as _

from accesdirect.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple


class ActiveSeekerAutocomplete(AutocompleteSelect):
    url_name = "seekers:autocomplete"
    search_label = _("Rechercher une personne accompagnée par nom ou téléphone")
    placeholder = _("Nom ou téléphone")
    hint = _("Tapez le nom ou le numéro, puis choisissez la personne dans la liste.")


class ActiveSeekersAutocomplete(AutocompleteSelectMultiple):
    url_name = "seekers:autocomplete"
    search_label = ActiveSeekerAutocomplete.search_label
    placeholder = ActiveSeekerAutocomplete.placeholder
