"""Passwords: Camille forgot hers and chooses a new one through the link sent by e-mail; an
unknown address gets the same answer and no e-mail; she changes it from her account page."""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "une-phrase-de-passe-neuve"


@pytest.fixture(autouse=True)
def mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _reset_link(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_the_login_page_offers_the_reset(client):
    assert reverse("accounts:password_reset") in client.get(reverse("login")).content.decode()


def test_a_forgotten_password_is_replaced_through_the_link_sent_by_e_mail(client, camille):
    response = client.post(reverse("accounts:password_reset"), {"email": "Camille@acces-pau.fr"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@acces-pau.fr"]
    assert message.subject == "Accès Direct : choisir un nouveau mot de passe"
    assert "Bonjour" in message.body and "ne sert qu'une fois" in message.body

    # Django moves the token from the URL into the session before showing the form.
    form_page = client.get(_reset_link(message), follow=True)
    assert form_page.status_code == 200
    assert "Nouveau mot de passe" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    camille.refresh_from_db()
    assert camille.check_password(NEW_PASSWORD)
    signed_in = client.post(reverse("login"), {"username": camille.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_the_link_works_once(client, camille):
    client.post(reverse("accounts:password_reset"), {"email": camille.email})
    link = _reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(link, follow=True)
    assert "n'est plus valable" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, camille):
    known = client.post(reverse("accounts:password_reset"), {"email": camille.email}, follow=True)
    mail.outbox.clear()
    unknown = client.post(reverse("accounts:password_reset"), {"email": "personne@exemple.fr"}, follow=True)
    assert mail.outbox == []
    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain
    # The same page, but for its CSRF tokens (64 characters, new on each answer).
    assert _without_tokens(unknown) == _without_tokens(known)


def _without_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def test_a_new_account_without_password_chooses_its_first_one_by_the_same_link(client, pau):
    account = f.UserFactory(email="lea@acces-pau.fr")
    account.set_unusable_password()
    account.save(update_fields=["password"])
    client.post(reverse("accounts:password_reset"), {"email": "lea@acces-pau.fr"})
    assert len(mail.outbox) == 1


def test_a_deactivated_account_gets_no_link(client, camille):
    camille.is_active = False
    camille.save(update_fields=["is_active"])
    client.post(reverse("accounts:password_reset"), {"email": camille.email})
    assert mail.outbox == []


def test_a_new_password_lifts_the_lockout_of_failed_sign_ins(client, camille):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": camille.email, "password": "wrong-password-again"})
    assert AccessAttempt.objects.filter(username=camille.email).exists()
    client.post(reverse("accounts:password_reset"), {"email": camille.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert not AccessAttempt.objects.filter(username=camille.email).exists()
    assert (
        client.post(reverse("login"), {"username": camille.email, "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_reset_tokens_are_masked_in_the_request_logs():
    from accesdirect.core.redaction import redact_secrets

    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "cz2a1k-0f3e4d5c6b7a"})
    assert "cz2a1k" not in redact_secrets(f'"GET {path} HTTP/1.1" 302 0')


def test_a_signed_in_person_changes_their_password_from_the_user_menu(camille_client, camille):
    home = camille_client.get(reverse("dashboard:home")).content.decode()
    assert reverse("accounts:security") in home
    assert (
        reverse("accounts:password_change")
        in camille_client.get(reverse("accounts:security")).content.decode()
    )
    response = camille_client.post(
        reverse("accounts:password_change"),
        {"old_password": f.DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    camille.refresh_from_db()
    assert camille.check_password(NEW_PASSWORD)
    # Still signed in on this computer.
    assert camille_client.get(reverse("dashboard:home")).status_code == 200


def test_a_wrong_current_password_changes_nothing(camille_client, camille):
    response = camille_client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-my-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    camille.refresh_from_db()
    assert camille.check_password(f.DEFAULT_PASSWORD)
