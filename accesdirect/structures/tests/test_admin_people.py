"""The direction manages its own structure's people in the admin, never the platform's other
accounts: Dominique (direction at Pau) cannot attach Bixente (CRE at Bayonne) to Pau by typing
his number, nor read his name; platform operators still pick any account."""

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.structures.enums import Role
from accesdirect.structures.models import Membership, PrescriberMembership, User
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _membership_form(**fields):
    return {"role": Role.CRE, "site": "", "is_active": "on", "user": "", "new_email": "", **fields}


def test_the_direction_cannot_attach_another_structures_account_by_its_number(
    client, dominique, bixente, pau
):
    client.force_login(dominique)
    response = client.post(reverse("admin:structures_membership_add"), _membership_form(user=bixente.pk))
    assert response.status_code == 200  # the form again, with an error
    assert "Bixente" not in response.content.decode()
    with scopes_disabled():
        assert not Membership.objects.filter(user=bixente, structure=pau).exists()


def test_the_add_form_offers_the_structures_people_only(client, dominique, bixente, pau):
    organisation = f.PrescriberOrganisationFactory(structure=pau)
    prescriber = f.UserFactory(first_name="Maïté")
    with scopes_disabled():
        PrescriberMembership.objects.create(structure=pau, organisation=organisation, user=prescriber)
    client.force_login(dominique)
    page = client.get(reverse("admin:structures_membership_add")).content.decode()
    assert "Maïté" in page  # a prescriber of Pau may become one of its staff
    assert "Bixente" not in page
    assert 'name="user"' in page and "vForeignKeyRawIdAdminField" not in page
    prescriber_page = client.get(reverse("admin:structures_prescribermembership_add")).content.decode()
    assert "Dominique" in prescriber_page and "Bixente" not in prescriber_page


def test_the_direction_creates_a_new_account_for_a_new_member(
    client, dominique, pau, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(dominique)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:structures_membership_add"),
            _membership_form(
                new_email="Lea.Etchart@acces-pau.fr", new_first_name="Léa", new_last_name="Etchart"
            ),
        )
    assert response.status_code == 302
    # The new member receives the link to choose her password.
    (invitation,) = mail.outbox
    assert invitation.to == ["lea.etchart@acces-pau.fr"]
    assert invitation.subject == "Votre compte Accès Direct pour Accès Pau"
    assert "/mot-de-passe/reinitialiser/" in invitation.body
    account = User.objects.get(email="lea.etchart@acces-pau.fr")
    assert account.first_name == "Léa" and not account.has_usable_password()
    with scopes_disabled():
        assert Membership.objects.get(user=account).structure == pau


def test_a_new_account_cannot_take_the_address_of_an_existing_one(client, dominique, bixente, pau):
    client.force_login(dominique)
    url = reverse("admin:structures_membership_add")
    response = client.post(url, _membership_form(new_email=bixente.email))
    assert response.status_code == 200
    assert "Un compte existe déjà" in response.content.decode()
    assert "Bixente" not in response.content.decode()
    with scopes_disabled():
        assert not Membership.objects.filter(user=bixente, structure=pau).exists()


def test_the_direction_cannot_move_a_membership_to_another_account(client, dominique, camille, bixente, pau):
    with scopes_disabled():
        membership = Membership.objects.get(user=camille, structure=pau)
    client.force_login(dominique)
    url = reverse("admin:structures_membership_change", args=[membership.pk])
    page = client.get(url).content.decode()
    assert "Camille" in page and 'name="user"' not in page
    response = client.post(url, _membership_form(user=bixente.pk, role=Role.CRE))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.user == camille


def test_platform_operators_still_pick_any_account_by_its_number(client, bixente, pau):
    operator = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)
    response = client.post(
        reverse("admin:structures_membership_add"),
        {"structure": pau.pk, "user": bixente.pk, "role": Role.CRE, "site": "", "is_active": "on"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Membership.objects.filter(user=bixente, structure=pau).exists()
