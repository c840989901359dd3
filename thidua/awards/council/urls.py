"""The council pages of a commendation round (names in the `awards` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from thidua.awards.council import views

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/council/", views.council_page, name="council"),
    path("rounds/<int:round_id>/council/create/", views.council_create, name="council_create"),
    path("rounds/<int:round_id>/council/members/", views.member_add, name="council_member_add"),
    path("rounds/<int:round_id>/council/sessions/", views.session_open, name="council_session_open"),
    path("council/sessions/<int:session_id>/", views.session_page, name="council_session"),
    path(
        "council/sessions/<int:session_id>/ballots/<int:nomination_id>/",
        views.ballot_open,
        name="council_ballot_open",
    ),
    path("council/sessions/<int:session_id>/close/", views.session_close, name="council_session_close"),
    path("council/sessions/<int:session_id>/vote/", views.vote_page, name="council_vote"),
    re_path(
        r"^council/sessions/(?P<session_id>[0-9]+)/minutes\.(?P<fmt>pdf|docx)$",
        views.minutes_download,
        name="council_minutes",
    ),
    path("council/ballots/<int:box_id>/vote/", views.vote_cast, name="council_vote_cast"),
    path("council/ballots/<int:box_id>/tally/", views.ballot_tally, name="council_ballot_tally"),
    path("council/ballots/<int:box_id>/close/", views.ballot_close, name="council_ballot_close"),
]
