"""/public/: pages anyone may open without an account — the lists under consultation and the honour board."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from thidua.awards.consultation.urls import public_urlpatterns as consultation_public
from thidua.awards.honour.urls import urlpatterns as honour

app_name = "public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include(consultation_public)),
    path("", include(honour)),
]
