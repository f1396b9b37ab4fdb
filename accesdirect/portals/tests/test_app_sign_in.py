"""Signing in to the job seekers' app with the mobile number and a code received by SMS.

Sami, accompanied by Accès Pau, signs in with his number 06 12 34 56 78. A stranger typing a
number learns nothing about whether it is in a file."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.scope import scopes_disabled
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.portals.app_session import SESSION_KEY
from accesdirect.portals.models import LoginCode
from accesdirect.seekers.enums import ExitReason, SeekerStatus
from accesdirect.testing import factories as f
from accesdirect.testing.clock import frozen_now

pytestmark = pytest.mark.django_db

SAMI_PHONE = "+33612345678"
SIGN_IN = "/app/connexion/"
CODE = "/app/connexion/code/"
UNKNOWN_NUMBER_PAGE = "Si ce numéro est connu, un code vient d'être envoyé par SMS"
REFUSED = "Ce code ne marche pas."


@pytest.fixture
def sami(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", phone=SAMI_PHONE)


def login_codes_sent(phone=SAMI_PHONE):
    with scopes_disabled():
        return list(Message.objects.filter(kind=MessageKind.LOGIN_CODE, recipient=phone).order_by("pk"))


def last_code(phone=SAMI_PHONE) -> str:
    return re.search(r"\b(\d{6})\b", login_codes_sent(phone)[-1].body).group(1)


def text(response) -> str:
    return html.unescape(response.content.decode())


def ask_code(client, phone="06 12 34 56 78", **extra):
    return client.post(SIGN_IN, {"phone": phone}, **extra)


def give_code(client, code):
    return client.post(CODE, {"code": code})


def test_a_known_number_gets_a_code_by_sms_and_signs_in_with_it(client, sami):
    assert client.get(SIGN_IN).status_code == 200
    response = ask_code(client)
    assert response.status_code == 302 and response.url == CODE
    [message] = login_codes_sent()
    assert message.structure_id == sami.structure_id and message.urgent
    page = client.get(CODE)
    assert UNKNOWN_NUMBER_PAGE in text(page) and "06 12 34 56 78" in text(page)

    response = give_code(client, last_code())
    assert response.status_code == 302 and response.url == reverse("seeker_app:home")
    assert client.session[SESSION_KEY] == sami.pk
    assert "Bonjour Sami" in text(client.get("/app/"))


def test_the_code_is_stored_hashed_and_expires_in_ten_minutes(client, sami):
    moment = timezone.now()
    ask_code(client)
    login_code = LoginCode.objects.get(phone=SAMI_PHONE)
    assert last_code() not in login_code.code_hash
    assert login_code.expires_at - login_code.created_at == datetime.timedelta(minutes=10)
    assert login_code.created_at >= moment


def test_an_unknown_number_gets_the_same_page_and_no_sms(client, sami):
    response = ask_code(client, "07 98 76 54 32")
    assert response.status_code == 302 and response.url == CODE
    assert UNKNOWN_NUMBER_PAGE in text(client.get(CODE))
    assert login_codes_sent("+33798765432") == []
    assert not LoginCode.objects.exists()
    assert REFUSED in text(give_code(client, "123456"))


def test_a_person_who_left_gets_no_code(client, sami):
    with scopes_disabled():
        sami.status, sami.exit_reason, sami.exited_on = (
            SeekerStatus.LEFT,
            ExitReason.MOVED,
            timezone.localdate(),
        )
        sami.save(update_fields=["status", "exit_reason", "exited_on"])
    ask_code(client)
    assert login_codes_sent() == []


def test_a_referred_person_signs_in_too(client, pau):
    referred = f.JobSeekerFactory(structure=pau, phone=SAMI_PHONE, referred=True)
    ask_code(client)
    give_code(client, last_code())
    assert client.session[SESSION_KEY] == referred.pk


def test_of_several_files_the_most_recent_signs_in_whatever_the_structure(client, pau, basque):
    f.JobSeekerFactory(
        structure=pau, phone=SAMI_PHONE, created_at=timezone.now() - datetime.timedelta(days=30)
    )
    newest = f.JobSeekerFactory(structure=basque, phone=SAMI_PHONE)
    ask_code(client)
    assert login_codes_sent()[0].structure_id == basque.pk
    give_code(client, last_code())
    assert client.session[SESSION_KEY] == newest.pk


def test_signing_in_gives_a_new_session_key(client, sami):
    ask_code(client)
    before = client.session.session_key
    give_code(client, last_code())
    assert client.session.session_key != before


def test_five_wrong_codes_wear_the_code_out(client, sami):
    ask_code(client)
    right = last_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _try in range(5):
        assert REFUSED in text(give_code(client, wrong))
    assert LoginCode.objects.get().attempts == 5
    assert REFUSED in text(give_code(client, right))
    assert SESSION_KEY not in client.session


def test_an_expired_code_is_refused(client, sami, monkeypatch):
    sent_at = timezone.now()
    frozen_now(monkeypatch, sent_at)
    ask_code(client)
    frozen_now(monkeypatch, sent_at + datetime.timedelta(minutes=10, seconds=1))
    assert REFUSED in text(give_code(client, last_code()))
    assert SESSION_KEY not in client.session


def test_a_code_still_works_at_nine_minutes(client, sami, monkeypatch):
    sent_at = timezone.now()
    frozen_now(monkeypatch, sent_at)
    ask_code(client)
    frozen_now(monkeypatch, sent_at + datetime.timedelta(minutes=9, seconds=59))
    assert give_code(client, last_code()).status_code == 302


def test_a_new_code_replaces_the_previous_one(client, sami):
    ask_code(client)
    first = last_code()
    ask_code(client)
    second = last_code()
    assert LoginCode.objects.count() == 1
    if first != second:
        assert REFUSED in text(give_code(client, first))
    assert give_code(client, second).status_code == 302


def test_a_code_serves_once(client, sami):
    ask_code(client)
    code = last_code()
    give_code(client, code)
    client.post("/app/deconnexion/")
    ask_code(client)
    # The new code replaced the used one; the used one does not work a second time.
    if code != last_code():
        assert REFUSED in text(give_code(client, code))


def test_three_codes_an_hour_per_number_then_a_french_refusal(client, sami, monkeypatch):
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    frozen_now(monkeypatch, start)
    for _send in range(3):
        assert ask_code(client).status_code == 302
    response = ask_code(client)
    assert response.status_code == 429
    assert "Trop de codes demandés pour ce numéro" in text(response)
    assert len(login_codes_sent()) == 3
    frozen_now(monkeypatch, start + datetime.timedelta(hours=1))
    assert ask_code(client).status_code == 302
    assert len(login_codes_sent()) == 4


def test_the_number_limit_counts_unknown_numbers_alike(client):
    for _send in range(3):
        ask_code(client, "07 98 76 54 32")
    assert ask_code(client, "07 98 76 54 32").status_code == 429


def test_sends_are_limited_per_network_address(client, pau):
    for index in range(20):
        assert ask_code(client, f"07 98 76 {index:02d} 00", REMOTE_ADDR="10.1.1.1").status_code == 302
    response = ask_code(client, "07 98 76 99 00", REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429 and "Trop de demandes depuis cette connexion" in text(response)
    assert ask_code(client, "07 98 76 99 00", REMOTE_ADDR="10.1.1.2").status_code == 302


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Indiquez votre numéro de téléphone portable."),
        ("abc", "n'est pas un numéro de téléphone"),
        ("05 59 00 00 00", "Ce numéro n'est pas un mobile"),
        ("9" * 25, "n'est pas un numéro de téléphone"),
        ("+" * 500, "Assurez-vous que cette valeur comporte au plus 30 caractères"),
    ],
)
def test_a_number_that_is_no_mobile_gets_a_french_error(client, typed, error):
    response = ask_code(client, typed)
    assert response.status_code == 200
    assert error in text(response)
    assert not LoginCode.objects.exists()


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Tapez le code reçu par SMS."),
        ("12345", "Le code a 6 chiffres"),
        ("abcdef", "Le code a 6 chiffres"),
        ("1" * 20, "Le code a 6 chiffres"),
        ("1" * 5000, "au plus 20 caractères"),
    ],
)
def test_an_absurd_code_gets_a_french_error_and_costs_no_try(client, sami, typed, error):
    ask_code(client)
    response = give_code(client, typed)
    assert response.status_code == 200 and error in text(response)
    assert LoginCode.objects.get().attempts == 0


def test_a_code_typed_with_spaces_works(client, sami):
    ask_code(client)
    code = last_code()
    assert give_code(client, f" {code[:3]} {code[3:]} ").status_code == 302


def test_the_code_page_without_a_number_goes_back_to_the_first_step(client):
    assert client.get(CODE).url == SIGN_IN
    assert client.post(CODE, {"code": "123456"}).url == SIGN_IN


def test_get_never_sends_nor_verifies(client, sami):
    client.get(SIGN_IN, {"phone": "06 12 34 56 78"})
    assert login_codes_sent() == [] and not LoginCode.objects.exists()
    ask_code(client)
    client.get(CODE, {"code": last_code()})
    assert SESSION_KEY not in client.session
    assert LoginCode.objects.get().attempts == 0


def test_signing_in_brings_back_to_the_page_asked_for(client, sami):
    response = client.get("/app/?tab=1")
    assert response.status_code == 302 and response.url == "/app/connexion/?next=%2Fapp%2F%3Ftab%3D1"
    page = text(client.get(response.url))
    assert 'name="next" value="/app/?tab=1"' in page
    client.post(SIGN_IN, {"phone": "06 12 34 56 78", "next": "/app/?tab=1"})
    assert give_code(client, last_code()).url == "/app/?tab=1"


@pytest.mark.parametrize("next_path", ["https://evil.example/app/", "//evil.example/app/", "/chercheurs/"])
def test_signing_in_never_goes_to_another_site_nor_a_staff_page(client, sami, next_path):
    client.post(SIGN_IN, {"phone": "06 12 34 56 78", "next": next_path})
    target = give_code(client, last_code()).url
    assert target == "/app/"


def test_a_signed_in_person_asking_the_sign_in_page_goes_home(client, sami):
    ask_code(client)
    give_code(client, last_code())
    assert client.get(SIGN_IN).url == "/app/"


def test_asking_a_new_code_keeps_the_number_and_the_page_asked_for(client, sami):
    client.post(SIGN_IN, {"phone": "06 12 34 56 78", "next": "/app/?tab=1"})
    page = text(client.get(CODE))
    assert 'name="phone" value="+33612345678"' in page and 'name="next" value="/app/?tab=1"' in page
    client.post(SIGN_IN, {"phone": "+33612345678", "next": "/app/?tab=1"})
    assert len(login_codes_sent()) == 2
    assert give_code(client, last_code()).url == "/app/?tab=1"


@pytest.mark.parametrize(
    "data",
    [
        {"phone": "06 12 34 56 78", "next": "/app/" + "x" * 100_000},
        {"phone": "06 12\x0034 56 78"},
        {"phone": ["06 12 34 56 78", "07 00 00 00 00"]},
        {"phone": "٠٦١٢٣٤٥٦٧٨"},
        {},
    ],
)
def test_absurd_posts_get_a_page_never_a_500(client, sami, data):
    assert client.post(SIGN_IN, data).status_code in (200, 302)
    assert len(str(dict(client.session.items()))) < 1000


def test_an_absurd_code_post_gets_a_page_never_a_500(client, sami):
    ask_code(client)
    for data in ({"code": "12\x003456"}, {"code": ["1", "2"]}, {}, {"code": "١٢٣٤٥٦"}):
        assert client.post(CODE, data).status_code == 200
