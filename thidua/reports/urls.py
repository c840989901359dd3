from django.urls import path

from thidua.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.summary_page, name="summary"),
    path("summary.<str:fmt>", views.summary_download, name="summary_download"),
]
