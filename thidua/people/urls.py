from django.urls import path

from thidua.people import views

app_name = "people"
urlpatterns = [
    path("import/", views.households_import_page, name="import"),
    path("import/template.xlsx", views.households_template_download, name="import_template"),
    path("import/<int:pk>/run/", views.households_import_run, name="import_run"),
    path("areas/<int:area_id>/households/", views.area_households, name="area_households"),
]
