from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from accesdirect.seekers.models import JobSeeker

# The demo commands run only when the demo is asked for (DEMO=1): see test_demo_flag.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_flag")]


def test_load_demo_refuses_clearly_without_the_rome():
    with pytest.raises(CommandError, match="import_rome"):
        call_command("load_demo", scale=0.02, stdout=StringIO())


def test_load_demo_prints_what_it_wrote_then_does_nothing_the_second_time(referentials):
    out = StringIO()
    call_command("load_demo", scale=0.02, stdout=out)
    assert "Accès Direct Béarn :" in out.getvalue()
    assert "chercheurs d'emploi" in out.getvalue()
    assert "Territoire de démonstration chargé en" in out.getvalue()
    with scopes_disabled():
        people = JobSeeker.objects.count()
    again = StringIO()
    call_command("load_demo", scale=0.02, stdout=again)
    assert "déjà chargé : rien à faire" in again.getvalue()
    with scopes_disabled():
        assert JobSeeker.objects.count() == people


def test_load_demo_refuses_a_silly_scale(referentials):
    with pytest.raises(CommandError, match="--scale"):
        call_command("load_demo", scale=0, stdout=StringIO())
