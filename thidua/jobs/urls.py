from django.urls import path

from thidua.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("start/import-official/", views.job_start_import, name="start_import"),
    path("<uuid:pk>/", views.job_detail, name="detail"),
    path("<uuid:pk>/cancel/", views.job_cancel_view, name="cancel"),
    path("<uuid:pk>/retry/", views.job_retry_view, name="retry"),
]
