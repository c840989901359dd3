from django.urls import path

from thidua.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_overview, name="overview"),
    path("parameters/", views.parameter_index, name="parameters"),
    path("parameters/<int:province_id>/", views.parameter_list, name="parameter_list"),
    path("parameters/<int:province_id>/<slug:name>/", views.parameter_edit, name="parameter_edit"),
]
