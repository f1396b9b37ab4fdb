from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

User = get_user_model()


def structure_people(structure):
    """The accounts a structure's direction may see and pick: its staff members and the members
    of its prescriber organisations, active or not. Every other account of the platform stays
    invisible to it, name included."""
    return (
        User.objects.filter(
            Q(memberships__structure=structure) | Q(prescriber_memberships__structure=structure)
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class MemberOrNewAccountForm(forms.ModelForm):
    """The direction's form to add a member: either one of the structure's own people, or a new
    account created from an e-mail address (the person then chooses a password through the
    reset link they receive). Never an account of the platform known only by its number."""

    new_email = forms.EmailField(label=_("ou adresse e-mail d'un nouveau compte"), required=False)
    new_first_name = forms.CharField(label=_("prénom"), max_length=150, required=False)
    new_last_name = forms.CharField(label=_("nom"), max_length=150, required=False)

    # Set by the admin from the request (the form class is built per request).
    structure = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        user_field.queryset = self.people()
        user_field.required = False
        user_field.label = _("une personne de la structure")

    def people(self):
        return structure_people(self.structure)

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Un compte existe déjà avec cette adresse. S'il s'agit d'une personne de votre "
                    "structure, choisissez-la dans la liste ; sinon, l'équipe de la plateforme peut "
                    "la rattacher à votre structure."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        has_user = cleaned.get("user") is not None
        has_email = bool(cleaned.get("new_email")) or bool(self.errors.get("new_email"))
        if has_user == has_email:
            raise forms.ValidationError(
                _("Choisissez une personne de la structure, ou donnez l'adresse e-mail d'un nouveau compte.")
            )
        return cleaned

    def new_account(self):
        """The account to create for this membership, or None when an existing person was chosen."""
        email = self.cleaned_data.get("new_email")
        if not email:
            return None
        return User(
            email=email,
            first_name=self.cleaned_data.get("new_first_name", ""),
            last_name=self.cleaned_data.get("new_last_name", ""),
        )


class NewStaffMemberForm(MemberOrNewAccountForm):
    def people(self):
        # One staff membership per person and structure: its current members are not offered.
        return super().people().exclude(memberships__structure=self.structure)
