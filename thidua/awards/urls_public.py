"""/public/: pages anyone may open without an account — the lists under consultation and the honour board."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

app_name = "public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("thidua.awards.urls_consultation_public")),
    path("", include("thidua.awards.urls_honour")),
]
