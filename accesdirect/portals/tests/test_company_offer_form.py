""" "J'ai une offre", the public page: a company sends an offer in a few fields; it arrives "à
confirmer" for the CRE who follows the company (or the pool), nothing is lost when the form is
refused, and robots, hurried scripts and floods are turned away with a French message."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accesdirect.companies.models import Company
from accesdirect.core.models import RateCounter
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.offers.enums import OfferSource, OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.portals.company_access import fill_stamp
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_url(pau):
    return reverse("company_portal:offer_form", args=[pau.slug])


@pytest.fixture
def job(db):
    return f.AppellationFactory(label="Serveur / Serveuse en restauration")


@pytest.fixture
def commune(db):
    return f.CommuneFactory()


@pytest.fixture
def answers(job, commune):
    """What a person types, on a page shown a minute ago."""

    def _answers(**changes):
        values = {
            "company_name": "Brasserie du Palais",
            "siret": "",
            "contact_name": "Mme Lacoste",
            "contact_phone": "06 12 34 56 78",
            "appellation": job.pk,
            "title": "",
            "commune": commune.pk,
            "contract": "cdi",
            "duration_months": "",
            "starts_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "hours_per_week": "35",
            "description": "Service du midi.",
            "website": "",
            "stamp": fill_stamp(timezone.now() - datetime.timedelta(minutes=1)),
        }
        return values | changes

    return _answers


def test_the_page_asks_for_the_offer_in_french(client, pau, form_url):
    response = client.get(form_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "J'ai une offre" in page and "Accès Pau" in page
    for name in (
        "company_name",
        "siret",
        "contact_name",
        "contact_phone",
        "appellation",
        "commune",
        "contract",
    ):
        assert f'name="{name}"' in page
    assert 'class="trap"' in page and 'name="stamp"' in page
    # The searches of the form are public, on the portal's own addresses.
    assert reverse("company_portal:appellations") in page


def test_public_pages_load_nothing_from_another_site(client, pau, form_url, answers):
    pages = [client.get(form_url)]
    response = client.post(form_url, answers())
    pages += [client.get(response.url), client.get(reverse("company_portal:offer_form", args=["inconnue"]))]
    for page in pages:
        html = page.content.decode()
        for address in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert address.startswith(("/", "#", "http://testserver/")), address
        assert "<script>" not in html  # no inline script (Content-Security-Policy)


def test_the_searches_of_the_form_answer_anonymous_visitors(client, job):
    response = client.get(
        reverse("company_portal:appellations"), {"q": "serveur"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Serveur / Serveuse en restauration" in response.content.decode()


def test_an_unknown_structure_is_a_french_404(client):
    response = client.get(reverse("company_portal:offer_form", args=["nulle-part"]))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert client.post(reverse("company_portal:offer_form", args=["nulle-part"]), {}).status_code == 404


def test_a_good_offer_arrives_to_confirm_and_thanks_with_the_private_link(
    client, pau, dominique, form_url, answers, unscoped
):
    response = client.post(form_url, answers())

    offer = Offer.objects.get()
    assert (offer.status, offer.source, offer.captured_by, offer.structure) == (
        OfferStatus.TO_CONFIRM,
        OfferSource.COMPANY_FORM,
        None,
        pau,
    )
    assert response.status_code == 302
    thanks = client.get(response.url)
    page = thanks.content.decode()
    assert "Merci, votre offre est bien reçue" in page
    private_url = re.search(r'class="private-link"><a href="([^"]+)"', page).group(1)
    sms = Message.objects.get(kind=MessageKind.COMPANY_OFFER_RECEIVED)
    assert sms.recipient == "+33612345678"
    assert private_url.replace("http://testserver", "") in sms.body
    assert Message.objects.filter(kind=MessageKind.COMPANY_OFFER_TO_CONFIRM).count() == 1


def test_a_company_followed_by_a_cre_sends_its_offer_to_them(
    client, pau, camille, form_url, answers, unscoped
):
    known = f.CompanyFactory(structure=pau, followed_by=camille)
    client.post(form_url, answers(siret=known.siret))
    assert Offer.objects.get().captured_by == camille


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"siret": "123 456 789 00012"}, "siret", "Ce SIRET n'est pas valide"),
        ({"contact_phone": "0612"}, "contact_phone", "n'est pas un numéro de téléphone valide"),
        ({"starts_on": "9999-12-31"}, "starts_on", "Choisissez une date entre le"),
        ({"starts_on": "2025-02-31"}, "starts_on", "Saisissez une date valide"),
        ({"hours_per_week": "99999999"}, "hours_per_week", ""),
        ({"contract": "cdd"}, "duration_months", "Un CDD a une durée"),
        ({"duration_months": "4000", "contract": "cdd"}, "duration_months", ""),
        ({"appellation": "99999999999999999999999"}, "appellation", ""),
        ({"company_name": ""}, "company_name", "Ce champ est obligatoire"),
    ],
)
def test_bad_answers_are_explained_on_their_field_and_kept(
    client, pau, dominique, form_url, answers, unscoped, changes, field, message
):
    response = client.post(form_url, answers(contact_name="Mme Étchévérry", **changes))

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert "Mme Étchévérry" in response.content.decode()  # what was typed is still there
    assert not Offer.objects.exists() and not Company.objects.exists() and not Message.objects.exists()


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client, pau, form_url, answers, unscoped):
    response = client.post(form_url, answers(website="http://spam.example"))

    assert response.status_code == 400
    assert "doit rester vide" in response.content.decode()
    assert not Offer.objects.exists() and not Message.objects.exists()


def test_a_form_sent_too_fast_is_refused_with_the_answers_kept(
    client, pau, dominique, form_url, answers, unscoped
):
    stamp = fill_stamp(timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(form_url, answers(stamp=stamp))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Envoi trop rapide" in page
    assert "Brasserie du Palais" in page and stamp in page  # kept: sent again later, it passes
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    "stamp",
    ["", "1700000000:forged", fill_stamp(timezone.now() - datetime.timedelta(days=2))],
    # Fixed ids: the stale stamp is signed at collection, a second apart on each xdist worker.
    ids=["missing", "forged", "stale"],
)
def test_a_missing_forged_or_stale_timestamp_is_refused_and_renewed(
    client, pau, form_url, answers, unscoped, stamp
):
    response = client.post(form_url, answers(stamp=stamp))

    assert response.status_code == 400
    assert response.context["refusal"]
    renewed = response.context["form"]["stamp"].value()
    assert renewed and renewed != stamp
    assert not Offer.objects.exists()


def test_one_network_address_is_limited_and_told_so(client, pau, dominique, form_url, answers, unscoped):
    for _ in range(settings.COMPANY_OFFERS_PER_ADDRESS_PER_HOUR):
        client.post(form_url, answers(company_name=""))  # refused on a field, but counted
    response = client.post(form_url, answers())

    assert response.status_code == 429
    assert "Trop d'offres envoyées depuis ce réseau" in response.context["refusal"]
    assert response.context["refusal"] in response.content.decode().replace("&#x27;", "'")
    assert "Brasserie du Palais" in response.content.decode()
    assert not Offer.objects.exists()
    # Counted in the database, shared by every process of every server.
    assert (
        RateCounter.objects.filter(key__startswith="company-offer:ip:").get().count
        == settings.COMPANY_OFFERS_PER_ADDRESS_PER_HOUR + 1
    )


def test_one_company_is_limited_whatever_the_address(client, pau, dominique, form_url, answers, unscoped):
    siret = f.valid_siret()
    for index in range(settings.COMPANY_OFFERS_PER_DAY + 1):
        response = client.post(form_url, answers(siret=siret), REMOTE_ADDR=f"192.0.2.{index}")

    assert response.status_code == 429
    assert "déjà envoyé plusieurs offres aujourd'hui" in response.context["refusal"]
    assert Offer.objects.count() == settings.COMPANY_OFFERS_PER_DAY


@pytest.mark.parametrize("per_day", [2, 8])
def test_the_structures_server_sets_how_many_offers_a_company_sends_a_day(
    client, pau, dominique, form_url, answers, unscoped, settings, per_day
):
    """A temp agency or a hospital sends more than five offers a day: COMPANY_OFFERS_PER_DAY."""
    settings.COMPANY_OFFERS_PER_DAY = per_day
    siret = f.valid_siret()
    codes = [
        client.post(form_url, answers(siret=siret), REMOTE_ADDR=f"192.0.2.{index}").status_code
        for index in range(per_day + 1)
    ]
    assert codes[-1] == 429 and 429 not in codes[:-1]
    assert Offer.objects.count() == per_day


def test_reading_the_pages_changes_nothing(client, pau, dominique, form_url, answers, unscoped):
    thanks_url = client.post(form_url, answers()).url
    counts = (Offer.objects.count(), Message.objects.count(), list(RateCounter.objects.values_list("count")))
    for url in (form_url, thanks_url, thanks_url.replace("/offre/merci/", "/entreprise/")):
        assert client.get(url).status_code == 200
    assert (
        Offer.objects.count(),
        Message.objects.count(),
        list(RateCounter.objects.values_list("count")),
    ) == counts


def test_the_thanks_page_shows_the_very_link_of_the_sms_even_a_second_later(
    client, pau, dominique, form_url, answers, unscoped, monkeypatch
):
    import time as time_module

    response = client.post(form_url, answers())
    # The link is signed with a timestamp: read a second later, a link signed anew would differ.
    later = time_module.time() + 2
    monkeypatch.setattr(time_module, "time", lambda: later)
    page = client.get(response.url).content.decode()
    private_url = re.search(r'class="private-link"><a href="([^"]+)"', page).group(1)
    sms = Message.objects.get(kind=MessageKind.COMPANY_OFFER_RECEIVED)
    assert private_url.replace("http://testserver", "") in sms.body
