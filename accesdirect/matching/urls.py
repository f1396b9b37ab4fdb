from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("", views.board, name="board"),
    # One URL per part of the board (no free slug: each is a plain page of the structure).
    *(
        path(f"sections/{slug}/", views.board_section, {"slug": slug}, name="board_section")
        for slug in views.SECTION_SLUGS.values()
    ),
    path("proposition/", views.draft_create, name="draft_create"),
    path("lignes/<int:pk>/accepter/", views.line_accept, name="line_accept"),
    path("lignes/<int:pk>/changer/", views.line_change, name="line_change"),
    path("lignes/<int:pk>/ecarter/", views.line_reject, name="line_reject"),
    path("offres/<int:pk>/candidats/", views.offer_candidates, name="offer_candidates"),
    path("personnes/<int:pk>/offres/", views.seeker_offers, name="seeker_offers"),
    path("reglages/", views.settings_edit, name="settings"),
    path("reglages/defaut/", views.settings_reset, name="settings_reset"),
]
