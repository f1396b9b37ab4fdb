"""Forms of the outbox pages. They validate input; the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Channel, MessageKind, MessageStatus


class MessageFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels sit beside checkboxes in a filter bar
        super().__init__(*args, **kwargs)

    status = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous"))] + MessageStatus.choices
    )
    channel = forms.ChoiceField(label=_("Canal"), required=False, choices=[("", _("Tous"))] + Channel.choices)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Tous"))] + MessageKind.choices)
    to_check = forms.BooleanField(
        label=_("À vérifier"),
        required=False,
        help_text=_("Échecs, envois incertains et SMS sans accusé de réception après 24 h"),
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "status": data.get("status", ""),
            "channel": data.get("channel", ""),
            "kind": data.get("kind", ""),
            "to_check": data.get("to_check", False),
        }


class ResendForm(forms.Form):
    recipient = forms.CharField(
        label=_("Destinataire"),
        max_length=254,
        help_text=_("Corrigez le numéro ou l'adresse s'il était faux."),
    )
    confirm = forms.BooleanField(
        label=_("Je confirme le renvoi de ce message"),
        error_messages={"required": _("Cochez la case pour confirmer le renvoi.")},
    )

    def __init__(self, *args, uncertain: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if uncertain:
            self.fields["confirm"].label = _(
                "J'ai vérifié que la personne n'a pas reçu ce message : je le renvoie"
            )


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(choices=MessageKind.choices, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Texte du message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=1000,
        strip=True,
    )


class SenderForm(forms.Form):
    sms_sender = forms.CharField(
        label=_("Émetteur des SMS"),
        max_length=11,
        required=False,
        help_text=_(
            "Le nom qui s'affiche sur le téléphone : 3 à 11 lettres ou chiffres, sans espace ni accent "
            "(par exemple ACCESPAU). Vide : l'émetteur par défaut de la plateforme."
        ),
    )
