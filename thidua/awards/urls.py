"""/awards/: commendation rounds. Each part of a round has its own url module; all names are ``awards:…``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

app_name = "awards"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("thidua.awards.rounds.urls")),
    path("", include("thidua.awards.nominations.urls")),
    path("", include("thidua.awards.consultation.urls")),
    path("", include("thidua.awards.council.urls")),
    path("", include("thidua.awards.decisions.urls")),
    path("", include("thidua.awards.history.urls")),
]
