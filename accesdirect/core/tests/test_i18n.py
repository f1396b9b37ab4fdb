"""The interface is written in French and translated into English with gettext.

When you add or change interface text, run `make messages`, translate every new entry of
accesdirect/locale/en/LC_MESSAGES/django.po (no empty msgstr, no "fuzzy" flag left) and
commit the .po with its compiled .mo: the last test below fails until you do.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accesdirect.offers.enums import OfferStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def choose_language(client, language):
    return client.post("/i18n/setlang/", {"language": language, "next": "/connexion/"})


def test_pages_are_in_french_by_default(client):
    response = client.get("/connexion/")
    assert '<html lang="fr' in response.content.decode()
    assert "Se connecter" in response.content.decode()


def test_a_visitor_switches_the_login_page_to_english(client):
    response = choose_language(client, "en")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/"

    page = client.get("/connexion/").content.decode()
    assert '<html lang="en"' in page
    assert "Sign in" in page
    assert "Se connecter" not in page


def test_a_signed_in_cre_sees_their_day_in_english(camille_client):
    choose_language(camille_client, "en")

    page = camille_client.get("/").content.decode()
    assert "My day" in page
    assert "Job seekers" in page
    assert "Ma journée" not in page


def test_switching_back_to_french_restores_french(camille_client):
    choose_language(camille_client, "en")
    choose_language(camille_client, "fr")

    assert "Ma journée" in camille_client.get("/").content.decode()


def test_status_labels_of_job_seekers_are_in_english(camille_client, pau):
    f.JobSeekerFactory(structure=pau)
    f.JobSeekerFactory(structure=pau, referred=True)
    choose_language(camille_client, "en")

    page = camille_client.get(reverse("seekers:list")).content.decode()
    assert ">Supported</span>" in page
    assert ">Referred, intake due</span>" in page
    assert "Accompagné·e" not in page


def test_contract_and_status_labels_of_offers_are_in_english(camille_client, pau):
    f.OfferFactory(company__structure=pau, cdd=True)
    f.OfferFactory(company__structure=pau, status=OfferStatus.FILLED)
    choose_language(camille_client, "en")

    page = camille_client.get(reverse("offers:list")).content.decode()
    assert "CDD (fixed-term) · 3 months" in page
    assert ">Open</span>" in page
    assert ">Filled</span>" in page
    assert "Pourvue" not in page


def test_form_labels_taken_from_the_models_are_in_english(camille_client):
    choose_language(camille_client, "en")

    page = camille_client.get(reverse("companies:create")).content.decode()
    assert "Company name" in page
    assert "Raison sociale" not in page


def parse_po_entries(text):
    """Yield (flags, msgid, msgstrs) for each entry of a .po file; enough for a check."""
    for block in text.split("\n\n"):
        flags, msgid, msgstrs, current = [], None, [], None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith("msgid "):
                msgid, current = line[6:].strip('"'), "msgid"
            elif line.startswith("msgstr"):
                msgstrs.append(line.split(" ", 1)[1].strip('"'))
                current = "msgstr"
            elif line.startswith('"') and current == "msgid":
                msgid += line.strip('"')
            elif line.startswith('"') and current == "msgstr":
                msgstrs[-1] += line.strip('"')
        if msgid is not None:
            yield flags, msgid, msgstrs


def test_the_english_catalogue_is_complete():
    entries = list(parse_po_entries(PO_FILE.read_text(encoding="utf-8")))
    assert len(entries) > 100

    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    untranslated = [msgid for _, msgid, msgstrs in entries[1:] if not all(msgstrs)]
    assert fuzzy == [], "fuzzy entries left in django.po"
    assert untranslated == [], "untranslated entries in django.po"
    assert PO_FILE.with_suffix(".mo").exists()


def test_the_interface_stays_french_whatever_the_browser_language(client):
    response = client.get("/connexion/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Se connecter" in response.content.decode()
