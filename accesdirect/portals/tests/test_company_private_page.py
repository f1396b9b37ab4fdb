"""A company's private link: its own offers in that structure and where they stand, in plain
words, never the name of a person before the CRE presents them, nothing of other companies;
its say on an interview goes to the person's journal. A tampered, foreign or expired link is
refused with a clear French page, never a 500."""

import datetime
import html
import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.services import positioning_advance, positioning_create
from accesdirect.portals.company_access import LINK_SALT, LINK_VALIDITY, company_token
from accesdirect.seekers.models import JournalEntry
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(pau, camille):
    return f.CompanyFactory(structure=pau, name="Brasserie du Palais", followed_by=camille)


@pytest.fixture
def page_url(pau, company):
    return reverse("company_portal:company_offers", args=[pau.slug, company_token(company)])


def _text(response) -> str:
    """The page as read, character references resolved."""
    return html.unescape(response.content.decode())


def _offer(company, camille, **fields):
    return f.OfferFactory(structure=company.structure, company=company, captured_by=camille, **fields)


def _interview(offer, camille, *, at):
    seeker = f.JobSeekerFactory(structure_id=offer.structure_id, first_name="Zoé", last_name="Secretname")
    with structure_scope(offer.structure_id):
        positioning = positioning_create(offer=offer, job_seeker=seeker, by=camille)
        positioning_advance(positioning=positioning, to_status=PositioningStatus.ACCEPTED, by=camille)
        positioning_advance(
            positioning=positioning,
            to_status=PositioningStatus.INTERVIEW_SCHEDULED,
            by=camille,
            interview_at=at,
        )
    return positioning


def test_the_page_lists_only_this_companys_offers_in_plain_words(
    client, pau, basque, camille, company, page_url
):
    _offer(company, camille, title="Serveur du midi")
    _offer(company, None, title="Plongeur", status=OfferStatus.TO_CONFIRM)
    _offer(f.CompanyFactory(structure=pau), camille, title="Offre d'une autre entreprise")
    f.OfferFactory(structure=basque, company__structure=basque, title="Offre d'une autre structure")

    page = _text(client.get(page_url))

    assert "Les offres de Brasserie du Palais" in page
    assert "Serveur du midi" in page and "Confirmée. Camille cherche la bonne personne." in page
    assert "Plongeur" in page and "Une personne de l'équipe vous appelle" in page
    assert "autre entreprise" not in page and "autre structure" not in page


def test_a_person_is_announced_without_their_name(client, camille, company, page_url):
    offer = _offer(company, camille, title="Serveur du midi")
    seeker = f.JobSeekerFactory(structure=company.structure, first_name="Zoé", last_name="Secretname")
    with structure_scope(company.structure):
        positioning_create(offer=offer, job_seeker=seeker, by=camille)

    page = _text(client.get(page_url))

    assert "Une personne vous sera présentée par Camille." in page
    assert "Secretname" not in page and "Zoé" not in page


def test_after_the_interview_the_company_says_how_it_went(client, pau, camille, company, page_url, unscoped):
    offer = _offer(company, camille, title="Serveur du midi")
    positioning = _interview(offer, camille, at=timezone.now() - datetime.timedelta(hours=2))
    page = _text(client.get(page_url))
    assert "Entretien passé" in page and "Secretname" not in page
    feedback_url = reverse(
        "company_portal:interview_feedback", args=[pau.slug, page_url.split("/")[-2], offer.pk]
    )

    response = client.post(feedback_url, {"text": "Très motivée, on la prend à l'essai."}, follow=True)

    assert "votre retour est transmis" in _text(response)
    entry = JournalEntry.objects.get(event="offers.company_feedback")
    assert entry.job_seeker == positioning.job_seeker
    assert entry.text == "Très motivée, on la prend à l'essai."


def test_no_feedback_before_the_interview(client, pau, camille, company, page_url, unscoped):
    offer = _offer(company, camille)
    _interview(offer, camille, at=timezone.now() + datetime.timedelta(days=2))
    page = _text(client.get(page_url))
    assert "Entretien prévu le" in page and "Envoyer mon retour" not in page
    token = page_url.split("/")[-2]

    response = client.post(
        reverse("company_portal:interview_feedback", args=[pau.slug, token, offer.pk]), {"text": "Bien"}
    )

    assert response.status_code == 400
    assert "Aucun entretien n'a encore eu lieu" in _text(response)
    assert not JournalEntry.objects.filter(event="offers.company_feedback").exists()


def test_feedback_on_another_companys_offer_is_not_found(client, pau, camille, company, page_url, unscoped):
    theirs = _offer(f.CompanyFactory(structure=pau), camille)
    _interview(theirs, camille, at=timezone.now() - datetime.timedelta(hours=2))
    token = page_url.split("/")[-2]
    for offer_id in (theirs.pk, "99999999999999999999999", "x"):
        response = client.post(
            reverse("company_portal:interview_feedback", args=[pau.slug, token, offer_id]), {"text": "Bien"}
        )
        assert response.status_code == 404
    assert not JournalEntry.objects.filter(event="offers.company_feedback").exists()


def test_an_empty_feedback_is_explained_on_the_page(client, pau, camille, company, page_url, unscoped):
    offer = _offer(company, camille)
    _interview(offer, camille, at=timezone.now() - datetime.timedelta(hours=2))
    token = page_url.split("/")[-2]
    response = client.post(
        reverse("company_portal:interview_feedback", args=[pau.slug, token, offer.pk]), {"text": ""}
    )
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in _text(response)


@pytest.mark.parametrize(
    "token",
    ["abc", "1-1:1tXyZa:forged", "", "%00", "x" * 2000],
)
def test_a_tampered_link_is_refused_in_french(client, pau, company, token):
    response = client.get(f"/s/{pau.slug}/entreprise/{token}/")
    assert response.status_code == 404
    if token:  # an empty token is no page at all
        assert "Ce lien n'est pas valable" in _text(response)


def test_a_link_for_another_structure_or_company_is_refused(client, pau, basque, company):
    ours = company_token(company)
    assert client.get(reverse("company_portal:company_offers", args=[basque.slug, ours])).status_code == 404
    # A signature of the site for another purpose opens nothing either.
    other_purpose = signing.TimestampSigner(salt="another.salt").sign(f"{pau.pk}-{company.pk}")
    assert (
        client.get(reverse("company_portal:company_offers", args=[pau.slug, other_purpose])).status_code
        == 404
    )


def test_an_expired_link_says_so(client, pau, company):
    signed_long_ago = int(time.time() - LINK_VALIDITY.total_seconds() - 60)
    token = signing.Signer(salt=LINK_SALT).sign(
        f"{pau.pk}-{company.pk}:{signing.b62_encode(signed_long_ago)}"
    )

    response = client.get(reverse("company_portal:company_offers", args=[pau.slug, token]))

    assert response.status_code == 403
    assert "Ce lien a expiré" in _text(response)


def test_the_page_reads_a_fixed_number_of_queries(
    client, camille, company, page_url, django_assert_max_num_queries
):
    for index in range(12):
        offer = _offer(company, camille, title=f"Poste {index}")
        if index % 3 == 0:
            _interview(offer, camille, at=timezone.now() - datetime.timedelta(hours=1))
    with django_assert_max_num_queries(6):
        assert client.get(page_url).status_code == 200


def test_staff_print_the_poster_with_its_qr_code(camille_client, client, pau, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = camille_client.get(reverse("company_portal:poster"))
    page = _text(response)
    assert "<svg" in page
    assert f"http://testserver/s/{pau.slug}/offre/" in page
    client.logout()
    assert client.get(reverse("company_portal:poster")).status_code == 302  # to the login page
