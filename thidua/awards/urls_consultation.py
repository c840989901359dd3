"""The consultation pages of a commendation round (names in the `awards` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards import views_consultation as views

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/consultation/", views.consultation_page, name="consultation"),
    path("rounds/<int:round_id>/consultation/publish/", views.consultation_publish, name="consultation_publish"),
    path(
        "rounds/<int:round_id>/consultation/objections/<int:objection_id>/answer/",
        views.objection_answer,
        name="consultation_answer",
    ),
]
