"""Shared fixtures and the personas of the test suite.

- Camille, CRE at "Accès Pau": works with Pau's people and companies; must never see
  anything of "Accès Basque".
- Dominique, direction at "Accès Pau": same scope, plus the structure's settings.
- Bixente, CRE at "Accès Basque" (Bayonne): the outsider of the isolation tests.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_scopes import scopes_disabled

from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production hashing is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in, one-time code included, so that
    tests of the direction's pages need no authenticator (the code's own tests sign in through
    the pages, or call accesdirect.accounts.testing.sign_in_without_code)."""
    from accesdirect.accounts.testing import mark_second_factor_verified

    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        mark_second_factor_verified(self)

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture(autouse=True)
def french_after_each_test():
    """A request leaves its language active in the thread: every test starts in French."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def pau():
    return f.StructureFactory(name="Accès Pau", slug="acces-pau")


@pytest.fixture
def basque():
    return f.StructureFactory(
        name="Accès Basque", slug="acces-basque", commune=f.CommuneFactory(bayonne=True)
    )


@pytest.fixture
def camille(pau):
    return f.staff_user(pau, Role.CRE, first_name="Camille", email="camille@acces-pau.fr")


@pytest.fixture
def dominique(pau):
    return f.staff_user(pau, Role.DIRECTION, first_name="Dominique", email="dominique@acces-pau.fr")


@pytest.fixture
def bixente(basque):
    return f.staff_user(basque, Role.CRE, first_name="Bixente", email="bixente@acces-basque.fr")


@pytest.fixture
def camille_client(client, camille):
    client.force_login(camille)
    return client


@pytest.fixture
def unscoped():
    """Read structure-owned rows directly in a test body (setup checks, assertions)."""
    with scopes_disabled():
        yield
