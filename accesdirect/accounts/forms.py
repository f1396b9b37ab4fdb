from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

User = get_user_model()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, which also reaches an account that has no password yet: the direction
    creates a member's account without one, and the member chooses it through this link. The
    page that follows is the same whether the address is known or not."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
