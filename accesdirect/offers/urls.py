from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="list"),
    path("nouvelle/", views.offer_create, name="create"),
    path("<int:pk>/", views.offer_detail, name="detail"),
    path("<int:pk>/modifier/", views.offer_edit, name="edit"),
    path("<int:pk>/annuler/", views.offer_cancel, name="cancel"),
    # Offers sent by companies ("J'ai une offre"): confirmed after a call, or discarded.
    path("<int:pk>/confirmer/", views.offer_confirm, name="confirm"),
    path("<int:pk>/ecarter/", views.offer_reject, name="reject"),
    path("<int:pk>/positionner/", views.offer_position, name="position"),
    path("positionnements/<int:pk>/etape/", views.positioning_advance, name="advance"),
    path("positionnements/<int:pk>/entretien/", views.interview_reschedule, name="interview_reschedule"),
    path("positionnements/<int:pk>/cre/", views.positioning_reassign, name="reassign"),
    path("positionnements/<int:pk>/embauche/", views.employment_record, name="employment_record"),
    path("emplois/declarer/<int:job_seeker_pk>/", views.employment_declare, name="employment_declare"),
    path("emplois/<int:pk>/", views.employment_detail, name="employment_detail"),
    path("emplois/<int:pk>/fin/", views.employment_end, name="employment_end"),
    path("suivis/<int:pk>/", views.follow_up_record, name="follow_up_record"),
]
