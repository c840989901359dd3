"""The consultation pages of a commendation round (names in the ``awards`` namespace) and its public pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards.consultation import views

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/consultation/", views.consultation_page, name="consultation"),
    path("rounds/<int:round_id>/consultation/publish/", views.consultation_publish, name="consultation_publish"),
    path(
        "rounds/<int:round_id>/consultation/objections/<int:objection_id>/answer/",
        views.objection_answer,
        name="consultation_answer",
    ),
]

# The public pages (names in the ``public`` namespace), open without an account.
public_urlpatterns: list[URLPattern] = [
    path("rounds/", views.public_rounds, name="consultation_rounds"),
    path("rounds/<int:round_id>/", views.public_round, name="consultation_round"),
    path("rounds/<int:round_id>/thanks/", views.public_thanks, name="consultation_thanks"),
]
