from __future__ import annotations

from django.urls import path

from thidua.events import views

app_name = "events"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("<int:pk>/", views.conference_detail, name="conference"),
    path("<int:pk>/attendance/", views.attendance_fragment, name="attendance"),
    path("<int:pk>/invite-awarded/", views.invite_awarded, name="invite_awarded"),
    path("<int:pk>/invite-guest/", views.invite_guest, name="invite_guest"),
    path("<int:pk>/checkin/", views.checkin_desk, name="checkin"),
    path("<int:pk>/attendance.xlsx", views.attendance_download, name="attendance_xlsx"),
    path("<int:pk>/letters.pdf", views.personal_letters_download, name="letters"),
    # The letter with its list, the order of the presentation, the report: PDF or DOCX.
    path("<int:pk>/<str:name>.<str:fmt>", views.document_download, name="document"),
]
