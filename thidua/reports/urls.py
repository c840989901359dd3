from django.urls import path

from thidua.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.summary_page, name="summary"),
    path("summary.<str:fmt>", views.summary_download, name="summary_download"),
    path("dashboard/<int:unit_id>/<int:year>/", views.dashboard_page, name="dashboard"),
    path("dashboard/<int:unit_id>/<int:year>.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
