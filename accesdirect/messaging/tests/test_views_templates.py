"""The wording of the messages (direction only): checked with sample values before it is saved,
with a live preview in GSM-7 and its number of SMS; and the structure's SMS sender name."""

import pytest
from django.urls import reverse

from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import MessageTemplate
from accesdirect.messaging.services import message_queue
from accesdirect.messaging.templates import DEFAULTS, EMAIL_ONLY_KINDS, MAX_SEGMENTS
from accesdirect.messaging.wording import preview

from .conftest import TUESDAY_10H

pytestmark = pytest.mark.django_db
EDIT = reverse("outbox:template_edit")
ALERT = MessageKind.POSITIONING_PROPOSAL  # an alert: one SMS at most


@pytest.fixture
def dominique_client(client, dominique):
    client.force_login(dominique)
    return client


def save(client, kind, body):
    return client.post(f"{EDIT}?type={kind}", {"kind": kind, "body": body}, follow=True)


def queue_proposal(structure, key="positioning-proposal:1"):
    return message_queue(
        structure_id=structure.pk,
        kind=ALERT,
        recipient="+33612345678",
        context={"structure": structure.name, "staff": "Camille M.", "title": "Vendeuse", "commune": "Pau"},
        idempotency_key=key,
        now=TUESDAY_10H,
    )


@pytest.mark.parametrize("kind", sorted(MAX_SEGMENTS))
def test_every_default_sms_wording_fits_its_limit_with_long_sample_values(kind):
    checked = preview(kind=kind, body=DEFAULTS[kind], structure_name="Accès Direct Côte Basque")
    assert checked.problem == ""
    assert 1 <= checked.segments <= MAX_SEGMENTS[kind]


@pytest.mark.parametrize("kind", sorted(EMAIL_ONLY_KINDS))
def test_an_email_wording_is_previewed_as_written_without_sms_limit(kind):
    checked = preview(kind=kind, body=DEFAULTS[kind] + " Ça reste « tel quel » ! " * 20, structure_name="X")
    assert checked.problem == ""
    assert checked.email_only
    assert "« tel quel »" in checked.text
    assert "Ça" in checked.text
    assert (checked.sms, checked.segments, checked.replaced) == ("", 0, ())


def test_only_the_direction_edits_the_wording(camille_client):
    for url in (reverse("outbox:templates"), f"{EDIT}?type={ALERT}"):
        assert camille_client.get(url).status_code == 403
    assert save(camille_client, ALERT, "Bonjour").status_code == 403


def test_the_list_shows_every_kind_with_its_current_wording(dominique_client, pau):
    MessageTemplate.objects.create(structure=pau, kind=MessageKind.JOB_CHECK_IN, body="Tout va bien ?")

    text = dominique_client.get(reverse("outbox:templates")).text

    assert "Tout va bien ?" in text
    assert "texte de la structure" in text
    assert "Proposition de poste" in text and "Rappelez-nous" in text  # a default wording
    assert text.count(f"{EDIT}?type=") == len(MessageKind)


def test_a_two_sms_alert_is_refused(dominique_client, pau, unscoped):
    body = (
        "{{ structure }} : {{ staff }} a une offre pour vous : {{ title }} a {{ commune }}. "
        + "Bla bla. " * 12
    )

    response = save(dominique_client, ALERT, body)

    assert "Ce texte fait 2 SMS" in response.text
    assert "doit tenir en 1 SMS au plus" in response.text
    assert "Bla bla." in response.text  # what was typed is kept
    assert not MessageTemplate.objects.exists()


def test_a_syntax_error_is_refused(dominique_client, pau, unscoped):
    response = save(dominique_client, ALERT, "{% if title %}Offre : {{ title }}")

    assert "erreur de syntaxe" in response.text
    assert not MessageTemplate.objects.exists()


def test_an_unknown_variable_is_refused_with_the_known_ones(dominique_client, pau, unscoped):
    response = save(dominique_client, ALERT, "Offre : {{ salaire }}")

    assert "Variable inconnue : {{ salaire }}" in response.text
    assert "{{ title }}" in response.text
    assert not MessageTemplate.objects.exists()


def test_a_wording_cannot_read_files_nor_print_its_context(dominique_client, pau, unscoped):
    for body in ('{% include "/etc/passwd" %}', "{% debug %}", "{% load static %}"):
        response = save(dominique_client, ALERT, body)
        assert "Balise non autorisée" in response.text
    assert not MessageTemplate.objects.exists()


def test_a_valid_wording_is_saved_and_the_next_message_uses_it(dominique_client, pau, basque, unscoped):
    body = "{{ structure }} : nouvelle offre, {{ title }} à {{ commune }}. Appelez {{ staff }} !"

    response = save(dominique_client, ALERT, body)

    assert "est enregistré pour les prochains messages" in response.text
    assert MessageTemplate.objects.get(structure=pau, kind=ALERT).body == body
    message = queue_proposal(pau)
    assert message.body == "Accès Pau : nouvelle offre, Vendeuse à Pau. Appelez Camille M. !"
    other = queue_proposal(basque, key="positioning-proposal:2")
    assert "Rappelez-nous" in other.body  # another structure keeps its own wording


def test_back_to_the_default_wording(dominique_client, pau, unscoped):
    MessageTemplate.objects.create(structure=pau, kind=ALERT, body="{{ title }}")

    response = dominique_client.post(reverse("outbox:template_reset"), {"kind": ALERT}, follow=True)

    assert "revient au texte par défaut" in response.text
    assert not MessageTemplate.objects.exists()
    assert "Rappelez-nous" in queue_proposal(pau).body


def test_saving_the_default_wording_keeps_no_custom_copy(dominique_client, pau, unscoped):
    MessageTemplate.objects.create(structure=pau, kind=ALERT, body="{{ title }}")
    save(dominique_client, ALERT, DEFAULTS[ALERT])
    assert not MessageTemplate.objects.exists()


def test_the_editor_shows_the_current_wording_and_its_preview(dominique_client, pau):
    text = dominique_client.get(f"{EDIT}?type={ALERT}").text

    assert "Rappelez-nous" in text
    assert "Accès Pau : Camille M. a une offre pour vous" in text  # rendered with sample values
    assert "Tel que le SMS le transporte (GSM-7)" in text
    assert "1 SMS" in text


def test_the_live_preview_counts_the_sms_as_one_types(dominique_client, pau):
    url = reverse("outbox:template_preview")

    short = dominique_client.get(
        url, {"kind": ALERT, "body": "Offre « {{ title }} » !"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in short.text
    assert "Offre « Agent / Agente d&#x27;entretien de locaux » !" in short.text
    assert "Offre &quot; Agent" in short.text  # « » are not GSM-7: replaced in the SMS
    assert "1 SMS" in short.text

    long = dominique_client.get(url, {"kind": ALERT, "body": "{{ title }} " * 6})
    assert "2 SMS" in long.text
    assert "Raccourcissez-le" in long.text


def test_the_preview_keeps_the_accents_gsm7_carries_and_lists_only_the_others(dominique_client, pau):
    url = reverse("outbox:template_preview")

    text = dominique_client.get(url, {"kind": ALERT, "body": "Prévenez-nous à Pau, ça presse"}).text

    assert "<samp>Prévenez-nous à Pau, ca presse</samp>" in text
    assert "Caractères remplacés dans le SMS : <code>ç</code></p>" in text


def test_the_preview_of_an_email_kind_shows_no_sms(dominique_client, pau):
    url = reverse("outbox:template_preview")

    text = dominique_client.get(
        url, {"kind": MessageKind.PER_ENDING, "body": "À prévoir : {{ person }}"}
    ).text

    assert "À prévoir : Sami Durand" in text
    assert "Envoyé par e-mail, tel qu'écrit." in text
    assert "GSM-7" not in text
    assert "SMS" not in text


def test_the_list_shows_the_sms_limit_or_email(dominique_client, pau):
    text = dominique_client.get(reverse("outbox:templates")).text

    assert "E-mail, sans limite" in text
    assert "2 SMS" in text


def test_an_unknown_kind_is_not_found(dominique_client):
    assert dominique_client.get(f"{EDIT}?type=nimporte").status_code == 404


def test_the_sender_name_is_saved(dominique_client, pau):
    response = dominique_client.post(reverse("outbox:sender"), {"sms_sender": "ACCESPAU"}, follow=True)

    assert (
        "L&#x27;émetteur des SMS est enregistré" in response.text
        or "émetteur des SMS est enregistré" in response.text
    )
    pau.refresh_from_db()
    assert pau.sms_sender == "ACCESPAU"


@pytest.mark.parametrize("sender", ["AB", "ACCES-PAU", "ACCÈSPAU", "ACCESDIRECTPAU", "0612345678"])
def test_an_invalid_sender_name_is_refused(dominique_client, pau, sender):
    response = dominique_client.post(reverse("outbox:sender"), {"sms_sender": sender})

    assert response.status_code == 200
    assert "lettres ou chiffres" in response.text or "au plus 11 caractères" in response.text
    pau.refresh_from_db()
    assert pau.sms_sender == "ACCES"  # unchanged (the factory's)


def test_an_empty_sender_name_means_the_platforms_default(dominique_client, pau):
    dominique_client.post(reverse("outbox:sender"), {"sms_sender": ""})
    pau.refresh_from_db()
    assert pau.sms_sender == ""
