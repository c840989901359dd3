"""/awards/: commendation rounds. Each part of a round has its own url module; all names are ``awards:…``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

app_name = "awards"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("thidua.awards.urls_rounds")),
    path("", include("thidua.awards.urls_nominations")),
    path("", include("thidua.awards.urls_consultation")),
    path("", include("thidua.awards.urls_council")),
    path("", include("thidua.awards.urls_decisions")),
    path("", include("thidua.awards.urls_history")),
]
