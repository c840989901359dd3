"""The decisions pages of a commendation round (names in the `awards` namespace).

There is no edit route: an issued decision changes only by its revocation.
"""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from thidua.awards.decisions import views

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/decisions/", views.decisions_page, name="decisions"),
    path("rounds/<int:round_id>/decisions/issue/", views.decision_issue, name="decision_issue"),
    path("rounds/<int:round_id>/proposals/", views.proposals_page, name="proposals"),
    path("rounds/<int:round_id>/proposals/send/", views.proposal_send, name="proposal_send"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    re_path(r"^decisions/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$", views.decision_download, name="decision_file"),
    path("decisions/<int:pk>/certificates/", views.decision_certificates, name="decision_certificates"),
    path("decisions/<int:pk>/revoke/", views.decision_revoke, name="decision_revoke"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    re_path(r"^proposals/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$", views.proposal_download, name="proposal_file"),
    path("proposals/<int:pk>/outcome/", views.proposal_outcome, name="proposal_outcome"),
]
