"""The consultation pages of a commendation round (names in the `awards` namespace)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
