"""The public honour board (names in the ``public`` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards.honour import views as views_honour

urlpatterns: list[URLPattern] = [
    path("honour/", views_honour.honour, name="honour"),
    path("honour/<int:round_id>/", views_honour.honour_round, name="honour_round"),
]
