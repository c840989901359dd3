from django.urls import path, re_path

from thidua.documents import views

app_name = "documents"
urlpatterns = [
    path("files/<uuid:pk>/", views.generated_file_download, name="download"),
    re_path(r"^decisions/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$", views.decision_download, name="decision"),
    path("decisions/<int:pk>/certificates/", views.decision_certificates, name="decision_certificates"),
    re_path(r"^meetings/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx)$", views.minutes_download, name="minutes"),
]
