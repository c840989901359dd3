"""The nominations pages of a commendation round (names in the `awards` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from thidua.awards.nominations import views

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/nominations/", views.nominations_page, name="nominations"),
    path("rounds/<int:round_id>/nominations/new/", views.nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/report/", views.nomination_report, name="nomination_report"),
    path("nominations/<int:pk>/move/", views.nomination_transition, name="nomination_transition"),
    re_path(
        r"^nominations/(?P<pk>[0-9]+)/report\.(?P<fmt>pdf|docx)$",
        views.nomination_report_download,
        name="nomination_report_file",
    ),
]
