"""The demo commands write a superuser whose password is published: without DEMO=1 (set by
`make demo`) they refuse, say what to do, and write nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from accesdirect.demo.generator.catalogue import SUPERUSER
from accesdirect.referentials.models import Appellation, ReferentialLoad
from accesdirect.seekers.models import JobSeeker
from accesdirect.structures.models import Structure, User

pytestmark = pytest.mark.django_db


def assert_nothing_written():
    with scopes_disabled():
        assert not User.objects.exists()
        assert not Structure.objects.exists()
        assert not JobSeeker.objects.exists()


@pytest.mark.parametrize("command", ["load_demo", "demo_setup"])
def test_a_demo_command_without_the_flag_refuses_and_says_what_to_do(command, referentials, no_demo_flag):
    with pytest.raises(CommandError, match=r"make demo.*DEMO=1") as refusal:
        call_command(command, scale=0.02, stdout=StringIO())
    assert f"DEMO=1 python manage.py {command}" in str(refusal.value)
    assert_nothing_written()
    assert not User.objects.filter(email=SUPERUSER.email).exists()


def test_demo_setup_without_the_flag_loads_no_referential_either(no_demo_flag):
    with pytest.raises(CommandError, match="DEMO=1"):
        call_command("demo_setup", scale=0.02, stdout=StringIO())
    assert not Appellation.objects.exists()
    assert not ReferentialLoad.objects.exists()


@pytest.mark.parametrize("value", ["", "0", "false", "no", "demo"])
def test_only_an_explicit_yes_asks_for_the_demo(value, referentials, monkeypatch):
    monkeypatch.setenv("DEMO", value)
    with pytest.raises(CommandError, match="DEMO=1"):
        call_command("load_demo", scale=0.02, stdout=StringIO())
    assert_nothing_written()


def test_with_the_flag_the_demo_loads_with_its_superuser(referentials, demo_flag):
    call_command("load_demo", scale=0.02, stdout=StringIO())
    superuser = User.objects.get(email=SUPERUSER.email)
    assert superuser.is_superuser
    with scopes_disabled():
        assert JobSeeker.objects.exists()


def test_make_demo_asks_for_the_demo():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert "DEMO=1 $(BIN)/python manage.py demo_setup" in makefile
