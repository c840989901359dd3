from django.urls import path

from thidua.tokens import views

app_name = "tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:pk>/revoke/", views.token_revoke_view, name="revoke"),
    path("service-accounts/", views.service_account_list, name="service_accounts"),
    path("service-accounts/<int:pk>/token/", views.service_account_token, name="service_account_token"),
]
