from django.urls import path

from thidua.documents import views

app_name = "documents"
urlpatterns = [
    path("files/<uuid:pk>/", views.generated_file_download, name="download"),
]
