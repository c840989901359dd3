"""The award history pages (names in the `awards` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from thidua.awards.history import views

urlpatterns: list[URLPattern] = [
    path("history/", views.history_search_page, name="history_search"),
    path("history/areas/<int:unit_id>/", views.history_area, name="history_area"),
    path("history/households/<int:household_id>/", views.history_household, name="history_household"),
    path("history/people/<int:person_id>/", views.history_person, name="history_person"),
]
