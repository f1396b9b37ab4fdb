from django.db import transaction

from .forms import PasswordResetForm


def invitation_send(*, request, user, structure) -> None:
    """E-mails a new account the link to choose its first password (the reset link, worded as a
    welcome), once the account is committed. Sent directly, like every reset link (views.py)."""

    def send():
        form = PasswordResetForm({"email": user.email})
        if form.is_valid():
            form.save(
                request=request,
                use_https=request.is_secure(),
                subject_template_name="accounts/emails/invitation_subject.txt",
                email_template_name="accounts/emails/invitation.txt",
                extra_email_context={"structure": str(structure), "inviter": str(request.user)},
            )

    transaction.on_commit(send)
