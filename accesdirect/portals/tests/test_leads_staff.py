"""The staff's side of the sign-ups: the list "à contacter" of their structure, the count on
"Ma journée", and "Marquer comme contacté·e".

Camille (CRE at Pau) calls back Pau's sign-ups; Bixente (Bayonne) must never see them."""

import datetime
import html

import pytest
from django.utils import timezone

from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import scopes_disabled
from accesdirect.portals.models import Lead, LeadOutcome
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

LEADS = "/app/equipe/inscriptions/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def make_lead(structure, *, first_name="Inès", phone="+33611111111", jobs=1):
    lead = Lead.objects.create(
        structure=structure,
        first_name=first_name,
        last_name="Arrieta",
        phone=phone,
        commune=f.CommuneFactory(lescar=True),
        consent_text="J'accepte.",
        consented_at=timezone.now(),
    )
    lead.appellations.set(f.AppellationFactory.create_batch(jobs))
    return lead


def contacted(client, lead):
    return client.post(f"{LEADS}{lead.pk}/contactee/")


def test_staff_see_their_structure_s_leads_only(camille_client, pau, basque):
    make_lead(pau, first_name="Inès", phone="+33611111111")
    make_lead(basque, first_name="Peio", phone="+33622222222")
    page = text(camille_client.get(LEADS))
    assert "Inès Arrieta" in page and "Peio" not in page
    assert 'href="tel:+33611111111">06 11 11 11 11<' in page and "Lescar (64230)" in page
    assert "Donné le" in page and "« J'accepte. »" in page


def test_the_list_reads_a_bounded_number_of_queries(camille_client, pau, django_assert_max_num_queries):
    for index in range(3):
        make_lead(pau, phone=f"+3361111110{index}", jobs=3)
    with django_assert_max_num_queries(30) as few:
        camille_client.get(LEADS)
    for index in range(3, 12):
        make_lead(pau, phone=f"+3361111110{index}" if index < 10 else f"+336111111{index}", jobs=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        camille_client.get(LEADS)


def test_the_list_links_to_the_referral_form(camille_client, pau):
    make_lead(pau)
    assert 'href="/chercheurs/prescription/"' in text(camille_client.get(LEADS))


def test_marking_contacted_takes_the_lead_off_the_list_and_is_audited(camille_client, camille, pau):
    lead = make_lead(pau)
    response = contacted(camille_client, lead)
    assert response.status_code == 302 and response.url == LEADS
    assert "Inès Arrieta est marqué·e comme contacté·e." in text(camille_client.get(LEADS))
    with scopes_disabled():
        lead.refresh_from_db()
        assert (lead.outcome, lead.handled_by) == (LeadOutcome.CONTACTED, camille)
        assert lead.handled_at is not None
        assert (
            AuditEvent.objects.filter(action="lead.contacted", target_id=lead.pk, actor=camille).count() == 1
        )
    assert f'id="lead-{lead.pk}"' not in text(camille_client.get(LEADS))


def test_marking_twice_says_so_and_changes_nothing(camille_client, camille, dominique, pau, client):
    lead = make_lead(pau)
    contacted(camille_client, lead)
    client.force_login(dominique)
    contacted(client, lead)
    assert "déjà marquée comme contactée" in text(client.get(LEADS))
    with scopes_disabled():
        lead.refresh_from_db()
        assert lead.handled_by == camille


def test_marking_is_a_post(camille_client, pau):
    lead = make_lead(pau)
    assert camille_client.get(f"{LEADS}{lead.pk}/contactee/").status_code == 405
    with scopes_disabled():
        assert Lead.objects.get().handled_at is None


def test_another_structure_s_lead_is_not_found(client, bixente, pau):
    lead = make_lead(pau)
    client.force_login(bixente)
    assert contacted(client, lead).status_code == 404
    assert client.post(f"{LEADS}{10**30}/contactee/").status_code == 404
    with scopes_disabled():
        assert Lead.objects.get().handled_at is None


def test_anonymous_people_and_job_seekers_cannot_see_the_list(client, pau):
    make_lead(pau)
    response = client.get(LEADS)
    assert response.status_code == 302 and response.url.startswith("/connexion/")
    assert client.post(f"{LEADS}1/contactee/").status_code == 302


def test_my_day_counts_the_leads_to_call_back(camille_client, pau, basque, camille):
    make_lead(pau, phone="+33611111111")
    make_lead(pau, phone="+33611111112")
    make_lead(basque, phone="+33611111113")
    handled = make_lead(pau, phone="+33611111114")
    contacted(camille_client, handled)
    page = text(camille_client.get("/"))
    assert "2 inscriptions à contacter (application)" in page
    assert f'href="{LEADS}"' in page


def test_my_day_stays_within_fifteen_queries_with_leads(camille_client, pau, django_assert_max_num_queries):
    make_lead(pau)
    with django_assert_max_num_queries(15):
        camille_client.get("/")


def erase(client, lead, **data):
    return client.post(f"{LEADS}{lead.pk}/effacer/", data)


def test_a_sign_up_is_erased_at_the_persons_request_and_the_trail_keeps_no_name(camille_client, camille, pau):
    lead = make_lead(pau)

    assert erase(camille_client, lead).status_code == 302  # Without the box ticked: nothing.
    with scopes_disabled():
        assert Lead.objects.filter(pk=lead.pk).exists()
    response = erase(camille_client, lead, confirm="yes")

    assert response.status_code == 302
    with scopes_disabled():
        assert not Lead.objects.filter(pk=lead.pk).exists()
        event = AuditEvent.objects.get(action="lead.erased")
    assert (event.actor, event.structure_id, event.params) == (camille, pau.pk, {"lead": lead.pk})
    assert "Inès" not in event.target_label and "611111111" not in str(event.params)
    assert "L'inscription de Inès Arrieta est effacée." in text(camille_client.get(LEADS))
    # Twice (a colleague at the same time): the second is told, nothing breaks.
    assert erase(camille_client, lead, confirm="yes").status_code == 404


def test_another_structure_cannot_erase_a_sign_up(client, bixente, pau):
    lead = make_lead(pau)
    client.force_login(bixente)
    assert erase(client, lead, confirm="yes").status_code == 404
    with scopes_disabled():
        assert Lead.objects.filter(pk=lead.pk).exists()


def test_sign_ups_are_kept_only_while_they_serve(pau, camille):
    """The scheduler deletes a sign-up 90 days after its call, or a year after it if nobody
    called; the others stay."""
    from accesdirect.portals.services.leads import erase_old_leads

    now = timezone.now()
    day = datetime.timedelta(days=1)
    called_long_ago = make_lead(pau, phone="+33611111101")
    called_recently = make_lead(pau, phone="+33611111102")
    never_called = make_lead(pau, phone="+33611111103")
    waiting = make_lead(pau, phone="+33611111104")
    with scopes_disabled():
        Lead.objects.filter(pk=called_long_ago.pk).update(
            handled_at=now - 91 * day, handled_by=camille, outcome=LeadOutcome.CONTACTED
        )
        Lead.objects.filter(pk=called_recently.pk).update(
            handled_at=now - 89 * day, handled_by=camille, outcome=LeadOutcome.CONTACTED
        )
        Lead.objects.filter(pk=never_called.pk).update(created_at=now - 366 * day)
        Lead.objects.filter(pk=waiting.pk).update(created_at=now - 300 * day)

    assert erase_old_leads(now=now) == 2
    assert erase_old_leads(now=now) == 0
    with scopes_disabled():
        assert set(Lead.objects.values_list("pk", flat=True)) == {called_recently.pk, waiting.pk}


def test_the_retention_runs_with_the_other_schedulers():
    from accesdirect.messaging.schedule import registered_schedulers
    from accesdirect.portals.services.leads import erase_old_leads

    assert erase_old_leads in registered_schedulers()
