"""The rounds and their candidates (names in the ``awards`` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards.rounds import views

urlpatterns: list[URLPattern] = [
    path("", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/forms/add/", views.form_add, name="form_add"),
    path("rounds/<int:round_id>/status/", views.round_status, name="round_status"),
    path("rounds/<int:round_id>/candidates/", views.candidates, name="candidates"),
    path("forms/<int:form_id>/edit/", views.form_edit, name="form_edit"),
    path("areas/<int:area_id>/movements/", views.area_movements, name="area_movements"),
]
