"""The public honour board (names in the ``public`` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards.honour import views

urlpatterns: list[URLPattern] = [
    path("honour/", views.honour, name="honour"),
    path("honour/<int:round_id>/", views.honour_round, name="honour_round"),
]
