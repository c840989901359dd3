from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from thidua import views
from thidua.api_v1 import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("i18n/catalog.js", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("accounts/", include("thidua.accounts.urls")),
    path("users/", include("thidua.useradmin.urls")),
    path("units/", include("thidua.units.urls")),
    path("campaigns/", include("thidua.campaigns.urls")),
    path("jobs/", include("thidua.jobs.urls")),
    path("documents/", include("thidua.documents.urls")),
    path("evaluations/", include("thidua.evaluations.urls")),
    path("awards/", include("thidua.awards.urls")),
    path("public/", include("thidua.awards.urls_public")),
    path("events/", include("thidua.events.urls")),
    path("reports/", include("thidua.reports.urls")),
    path("tokens/", include("thidua.tokens.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# The error pages in the reader's language, with the way back (home, the user's unit, the login).
handler400 = "thidua.error_pages.bad_request"
handler403 = "thidua.error_pages.permission_denied"
handler404 = "thidua.error_pages.page_not_found"
handler500 = "thidua.error_pages.server_error"
