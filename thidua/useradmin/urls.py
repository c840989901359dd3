from django.urls import path

from thidua.useradmin import views

app_name = "useradmin"
urlpatterns = [
    path("", views.account_list, name="list"),
    path("new/", views.account_create, name="create"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/roles/", views.account_role_grant, name="role_grant"),
    path("<int:pk>/roles/<int:assignment_pk>/end/", views.account_role_end, name="role_end"),
    path("<int:pk>/deactivate/", views.account_deactivate, name="deactivate"),
    path("<int:pk>/code/", views.account_code, name="code"),
    path("<int:pk>/link/", views.account_link, name="link"),
]
