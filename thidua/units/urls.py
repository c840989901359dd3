from django.urls import path

from thidua.units import views
from thidua.units.areas import views as views_areas
from thidua.units.imports import views as views_imports

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("tree/", views.unit_tree_page, name="tree"),
    path("tree/children/", views.unit_tree_children, name="tree_children"),
    path("<int:pk>/areas/new/", views_areas.area_create, name="area_create"),
    path("<int:pk>/areas/merge/", views_areas.areas_merge, name="areas_merge"),
    path("<int:pk>/rename/", views_areas.area_rename, name="area_rename"),
    path("<int:pk>/transfer/", views_areas.area_transfer, name="area_transfer"),
    path("<int:pk>/split/", views_areas.area_split, name="area_split"),
    path("<int:pk>/dissolve/", views_areas.area_dissolve, name="area_dissolve"),
    path("imports/areas/", views_imports.areas_import_page, name="import_areas"),
    path("imports/areas/template.xlsx", views_imports.areas_template_download, name="import_areas_template"),
    path("imports/lineage/", views_imports.lineage_import_page, name="import_lineage"),
    path("imports/lineage/template.xlsx", views_imports.lineage_template_download, name="import_lineage_template"),
    path("imports/<int:pk>/run/", views_imports.import_run, name="import_run"),
]
