from django.urls import path, re_path

from thidua.evaluations import views
from thidua.evaluations.imports import views as import_views
from thidua.evaluations.kdc import views as kdc_views

app_name = "evaluations"
urlpatterns = [
    path("households/import/", import_views.households_import_page, name="households_import"),
    path("households/import/template.xlsx", import_views.households_template_download, name="households_template"),
    path("households/import/<int:pk>/run/", import_views.households_import_run, name="households_import_run"),
    path("areas/<int:area_id>/households/", views.area_households, name="area_households"),
    path("areas/<int:area_id>/<int:year>/", views.area_year, name="area_year"),
    path("areas/<int:area_id>/<int:year>/register/", views.area_register, name="area_register"),
    path("areas/<int:area_id>/<int:year>/meeting/", views.area_meeting, name="area_meeting"),
    path("areas/<int:area_id>/<int:year>/evaluate/", views.area_evaluate, name="area_evaluate"),
    path("areas/<int:area_id>/<int:year>/objections/", views.objection_add, name="objection_add"),
    path("objections/<int:pk>/resolve/", views.objection_resolve, name="objection_resolve"),
    path("communes/<int:commune_id>/<int:year>/", views.commune_year, name="commune_year"),
    path("communes/<int:commune_id>/<int:year>/areas/", kdc_views.kdc_year, name="kdc_year"),
    path("communes/<int:commune_id>/<int:year>/areas/register/", kdc_views.kdc_register, name="kdc_register"),
    path("communes/<int:commune_id>/<int:year>/areas/meeting/", kdc_views.kdc_meeting, name="kdc_meeting"),
    path("communes/<int:commune_id>/<int:year>/areas/evaluate/", kdc_views.kdc_evaluate, name="kdc_evaluate"),
    path(
        "communes/<int:commune_id>/<int:year>/areas/self-assessment/",
        kdc_views.kdc_self_assessment,
        name="kdc_self_assessment",
    ),
    path(
        "communes/<int:commune_id>/<int:year>/areas/front-evaluation/",
        kdc_views.kdc_front_evaluation,
        name="kdc_front_evaluation",
    ),
    path("districts/<int:unit_id>/<int:year>/", kdc_views.district_year, name="district_year"),
    path("dossiers/<int:pk>/transition/", views.dossier_transition, name="dossier_transition"),
    path("dossiers/<int:pk>/decision/", views.dossier_decide, name="dossier_decide"),
    path("lines/<int:pk>/revoke/", views.title_revoke, name="title_revoke"),
    path("units/<int:unit_id>/<int:year>/streaks/", views.streaks_recount, name="streaks_recount"),
    re_path(r"^decisions/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$", views.decision_download, name="decision_file"),
    path("decisions/<int:pk>/certificates/", views.decision_certificates, name="decision_certificates"),
    re_path(r"^meetings/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$", views.minutes_download, name="minutes_file"),
]
