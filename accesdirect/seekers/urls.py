from django.urls import path

from .views import appointments, autocomplete, intake, merge, messages, people, periods

app_name = "seekers"
urlpatterns = [
    path("", people.seeker_list, name="list"),
    path("recherche/", autocomplete.active_seekers, name="autocomplete"),
    path("prescription/", people.referral_create, name="referral_create"),
    path("<int:pk>/", people.seeker_detail, name="detail"),
    path("<int:pk>/modifier/", people.seeker_edit, name="edit"),
    path("<int:pk>/imprimer/", people.seeker_print, name="print"),
    path("<int:pk>/suivi.pdf", people.seeker_pdf, name="pdf"),
    path("<int:pk>/journal/", people.journal_note, name="journal_note"),
    path("<int:pk>/fusionner/", merge.merge_choose, name="merge_choose"),
    path("<int:pk>/fusionner/<int:other_pk>/", merge.merge_confirm, name="merge_confirm"),
    path("<int:pk>/accueil/", intake.intake, name="intake"),
    path("<int:pk>/accueil/terminer/", intake.intake_complete, name="intake_complete"),
    path("<int:pk>/postes/", intake.target_job_add, name="target_job_add"),
    path("<int:pk>/postes/<int:target_pk>/retirer/", intake.target_job_remove, name="target_job_remove"),
    path("<int:pk>/per/", periods.period_create, name="period_create"),
    path("<int:pk>/per/<int:period_pk>/signer/", periods.period_sign, name="period_sign"),
    path(
        "<int:pk>/per/<int:period_pk>/premiere-action/",
        periods.period_first_action,
        name="period_first_action",
    ),
    path("<int:pk>/per/<int:period_pk>/terminer/", periods.period_end, name="period_end"),
    path("<int:pk>/per/<int:period_pk>/renouveler/", periods.period_renew, name="period_renew"),
    path("<int:pk>/bilan-tripartite/", periods.review_create, name="review_create"),
    path("<int:pk>/bilan-tripartite/demander/", periods.review_request, name="review_request"),
    path("<int:pk>/sortie/", periods.seeker_exit, name="exit"),
    path("<int:pk>/messages/", messages.seeker_messages, name="messages"),
    path("<int:pk>/sms/", messages.sms_consent, name="sms_consent"),
    path("<int:pk>/rendez-vous/", appointments.appointment_create, name="appointment_create"),
    path(
        "<int:pk>/rendez-vous/<int:appointment_pk>/etat/",
        appointments.appointment_set_status,
        name="appointment_set_status",
    ),
]
