"""The public consultation pages (names in the ``public`` namespace), open without an account."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards import views_consultation_public as views

urlpatterns: list[URLPattern] = [
    path("rounds/", views.rounds_list, name="consultation_rounds"),
    path("rounds/<int:round_id>/", views.round_detail, name="consultation_round"),
    path("rounds/<int:round_id>/thanks/", views.thanks, name="consultation_thanks"),
]
