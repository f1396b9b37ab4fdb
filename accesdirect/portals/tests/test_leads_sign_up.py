"""Signing up in the job seekers' app: a person not yet accompanied leaves their name, mobile,
commune and wished jobs; the structure of their territory calls them back.

Accès Pau and Accès Basque both have their head office in the Pyrénées-Atlantiques (64): a
person in Lescar goes to Pau, one in Anglet to Bayonne. Nobody serves the Gers (32) yet."""

import datetime
import html

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accesdirect.core.scope import scopes_disabled
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.portals.forms_app import CONSENT_TEXT
from accesdirect.portals.models import Lead
from accesdirect.portals.services.leads import lead_create
from accesdirect.seekers.enums import ExitReason, SeekerStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

SIGN_UP = "/app/inscription/"
DONE = "/app/inscription/merci/"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def lescar():
    return f.CommuneFactory(lescar=True)


@pytest.fixture
def anglet():
    return f.CommuneFactory(
        insee_code="64024", name="Anglet", postal_codes="64600", latitude=43.4787, longitude=-1.5146
    )


@pytest.fixture
def auch():
    return f.CommuneFactory(
        insee_code="32013",
        name="Auch",
        postal_codes="32000",
        departement="32",
        latitude=43.6465,
        longitude=0.5855,
    )


@pytest.fixture
def jobs():
    return [
        f.AppellationFactory(label="Aide à domicile"),
        f.AppellationFactory(label="Agent / Agente de propreté"),
        f.AppellationFactory(label="Cuisinier / Cuisinière"),
    ]


def form_data(where, jobs, **changes):
    data = {
        "first_name": "Inès",
        "last_name": "Arrieta",
        "phone": "06 11 11 11 11",
        "commune": where.pk,
        "appellation_1": jobs[0].pk,
        "appellation_2": jobs[1].pk,
        "appellation_3": "",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def leads():
    with scopes_disabled():
        return list(Lead.objects.order_by("pk"))


def test_a_sign_up_creates_one_lead_for_the_structure_of_the_territory(client, pau, basque, lescar, jobs):
    assert client.get(SIGN_UP).status_code == 200
    response = client.post(SIGN_UP, form_data(lescar, jobs))
    assert response.status_code == 302 and response.url == DONE
    [lead] = leads()
    assert (lead.structure, lead.first_name, lead.last_name) == (pau, "Inès", "Arrieta")
    assert (lead.phone, lead.commune) == ("+33611111111", lescar)
    assert set(lead.appellations.all()) == set(jobs[:2])
    assert lead.consent_text == str(CONSENT_TEXT) and "Je peux demander" in lead.consent_text
    assert abs(lead.consented_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert lead.handled_at is None and lead.outcome == ""
    assert "Une personne de l'équipe de Accès Pau va vous appeler." in text(client.get(DONE))


def test_the_consent_text_is_the_one_shown(client, pau, lescar, jobs):
    page = text(client.get(SIGN_UP))
    client.post(SIGN_UP, form_data(lescar, jobs))
    assert leads()[0].consent_text in page


def test_of_two_structures_in_the_departement_the_nearest_head_office_takes_it(
    client, pau, basque, anglet, jobs
):
    client.post(SIGN_UP, form_data(anglet, jobs))
    assert leads()[0].structure == basque


def test_nobody_serving_the_area_says_so_and_stores_nothing(client, pau, auch, jobs):
    response = client.post(SIGN_UP, form_data(auch, jobs))
    assert response.status_code == 200
    assert "Aucune structure Accès Direct n'accompagne encore les personnes de votre département" in text(
        response
    )
    assert leads() == []


def test_a_number_with_a_file_is_told_by_sms_never_on_the_page(client, pau, basque, lescar, jobs):
    """Whoever types a number learns nothing of it: the page thanks as for a new sign-up. The
    owner of the number, accompanied by Accès Basque, gets an SMS telling them to sign in."""
    f.JobSeekerFactory(structure=basque, phone="+33611111111")
    new = client.post(SIGN_UP, form_data(lescar, jobs, phone="06 22 22 22 22"))
    known = client.post(SIGN_UP, form_data(lescar, jobs))

    assert new.url == known.url == DONE
    assert text(client.get(DONE)).count("Accès Pau") == 1  # the commune's structure, both times
    assert [lead.phone for lead in leads()] == ["+33622222222"]
    with scopes_disabled():
        sms = Message.all_objects.get(kind=MessageKind.SIGN_IN_REMINDER)
    assert (sms.recipient, sms.structure_id) == ("+33611111111", basque.pk)
    assert "http://testserver/app/connexion/" in sms.body and "Accès Basque" in sms.body


def test_the_sign_in_reminder_goes_once_a_day_at_most(client, pau, lescar, jobs):
    """Typing an accompanied person's number again and again sends them no flood of SMS."""
    f.JobSeekerFactory(structure=pau, phone="+33611111111")
    for _ in range(3):
        assert client.post(SIGN_UP, form_data(lescar, jobs)).url == DONE
    with scopes_disabled():
        assert Message.all_objects.filter(kind=MessageKind.SIGN_IN_REMINDER).count() == 1


def test_a_person_who_left_may_sign_up_again(client, pau, lescar, jobs):
    f.JobSeekerFactory(
        structure=pau,
        phone="+33611111111",
        status=SeekerStatus.LEFT,
        exit_reason=ExitReason.MOVED,
        exited_on=timezone.localdate(),
    )
    assert client.post(SIGN_UP, form_data(lescar, jobs)).url == DONE
    assert len(leads()) == 1


def test_signing_up_twice_is_not_duplicated_until_the_first_is_handled(
    client, pau, camille, lescar, anglet, jobs
):
    client.post(SIGN_UP, form_data(lescar, jobs))
    # Thanked the same way (the page tells nothing of a number), nothing recorded twice.
    assert client.post(SIGN_UP, form_data(anglet, jobs, first_name="Ines")).url == DONE
    assert len(leads()) == 1
    with scopes_disabled():
        Lead.objects.update(handled_at=timezone.now(), handled_by=camille, outcome="contacted")
    assert client.post(SIGN_UP, form_data(lescar, jobs)).url == DONE
    assert len(leads()) == 2


def test_the_database_refuses_a_second_open_lead_for_a_number(pau, lescar, jobs):
    arguments = {
        "first_name": "Inès",
        "last_name": "Arrieta",
        "phone": "+33611111111",
        "commune": lescar,
        "appellations": jobs[:1],
        "consent_text": "J'accepte.",
    }
    lead_create(**arguments)
    # As if a concurrent sign-up had passed the check at the same moment: the constraint holds.
    with scopes_disabled():
        lead = Lead.objects.get()
    lead.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        lead.save()
    assert lead_create(**arguments) is None


def test_the_same_job_twice_counts_once(client, pau, lescar, jobs):
    client.post(SIGN_UP, form_data(lescar, jobs, appellation_2=jobs[0].pk, appellation_3=jobs[0].pk))
    assert list(leads()[0].appellations.all()) == [jobs[0]]


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"first_name": ""}, "Indiquez votre prénom."),
        ({"last_name": "   "}, "Indiquez votre nom."),
        ({"phone": "05 59 00 00 00"}, "Ce numéro n'est pas un mobile"),
        ({"phone": ""}, "Indiquez votre numéro de téléphone portable."),
        ({"commune": ""}, "Choisissez votre commune dans la liste."),
        ({"commune": "99999999999999999999999999"}, "Choisissez votre commune dans la liste."),
        ({"commune": "-1"}, "Choisissez votre commune dans la liste."),
        ({"commune": "abc"}, "Choisissez votre commune dans la liste."),
        ({"appellation_1": "", "appellation_2": ""}, "Choisissez au moins un métier dans la liste."),
        ({"appellation_2": "²"}, "Choisissez un métier dans la liste."),
        ({"consent": None}, "Cochez la case pour que nous puissions vous appeler."),
        ({"first_name": "x" * 10_000}, "au plus 100 caractères"),
    ],
)
def test_a_wrong_field_gets_a_french_error_and_nothing_is_stored(
    client, pau, lescar, jobs, changes, field_error
):
    response = client.post(SIGN_UP, form_data(lescar, jobs, **changes))
    assert response.status_code == 200
    assert field_error in text(response)
    assert leads() == []


def test_what_was_typed_is_kept_when_a_field_is_wrong(client, pau, lescar, jobs):
    page = text(client.post(SIGN_UP, form_data(lescar, jobs, consent=None)))
    assert 'value="Inès"' in page and 'value="06 11 11 11 11"' in page
    assert f'<option value="{lescar.pk}" selected>Lescar (64230)</option>' in page
    assert "Aide à domicile" in page


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_stored(client, pau, lescar, jobs):
    response = client.post(SIGN_UP, form_data(lescar, jobs, website="http://spam.example"))
    assert response.url == DONE
    assert leads() == []


def test_sign_ups_are_limited_per_network_address(client, pau, lescar, jobs):
    for index in range(10):
        data = form_data(lescar, jobs, phone=f"06 11 11 11 {index:02d}")
        assert client.post(SIGN_UP, data, REMOTE_ADDR="10.2.2.2").url == DONE
    response = client.post(SIGN_UP, form_data(lescar, jobs, phone="06 11 11 11 99"), REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 429 and "Trop d'inscriptions depuis cette connexion" in text(response)
    assert len(leads()) == 10


def test_get_stores_nothing(client, pau, lescar, jobs):
    client.get(SIGN_UP, form_data(lescar, jobs))
    client.get(DONE)
    assert leads() == []


def test_without_scripts_a_single_match_of_the_typed_words_is_taken(client, pau, lescar, jobs):
    data = form_data(lescar, jobs, commune="", commune_search="lescar", appellation_1="")
    data["appellation_1_search"] = "aide domicile"
    assert client.post(SIGN_UP, data).url == DONE
    lead = leads()[0]
    assert lead.commune == lescar and jobs[0] in lead.appellations.all()


def test_without_scripts_several_matches_are_offered_to_pick(client, pau, lescar, jobs):
    f.CommuneFactory(insee_code="64999", name="Lescurry", postal_codes="64230")
    page = text(client.post(SIGN_UP, form_data(lescar, jobs, commune="", commune_search="Lesc")))
    assert "Choisissez votre commune dans la liste." in page
    assert f'<option value="{lescar.pk}">Lescar (64230)</option>' in page and "Lescurry" in page
    assert leads() == []


def test_the_public_search_answers_communes_and_jobs(client, lescar, jobs):
    response = client.get("/app/recherche/communes/", {"q": "lesc"})
    assert response.json() == [{"id": lescar.pk, "label": "Lescar (64230)"}]
    assert "public" in response.headers["Cache-Control"]
    options = text(client.get("/app/recherche/metiers/", {"q": "aide dom"}, headers={"HX-Request": "true"}))
    assert f'<option value="{jobs[0].pk}">Aide à domicile' in options


def test_the_public_search_needs_two_letters_and_bounds_what_it_reads(client, lescar):
    assert client.get("/app/recherche/communes/", {"q": "l"}).json() == []
    assert client.get("/app/recherche/communes/", {"q": "x" * 10_000}).json() == []
    assert client.get("/app/recherche/communes/", {"commune_search": "lescar"}).json()[0]["id"] == lescar.pk


def test_the_public_search_is_limited_per_network_address(client, lescar):
    for _search in range(300):
        client.get("/app/recherche/communes/", {"q": "le"}, REMOTE_ADDR="10.3.3.3")
    response = client.get("/app/recherche/communes/", {"q": "le"}, REMOTE_ADDR="10.3.3.3")
    assert response.status_code == 429
    assert client.get("/app/recherche/communes/", {"q": "le"}, REMOTE_ADDR="10.3.3.4").status_code == 200


def test_the_public_search_is_a_get(client):
    assert client.post("/app/recherche/communes/", {"q": "le"}).status_code == 405
