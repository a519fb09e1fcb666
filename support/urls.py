from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("support/", views.caseload, name="caseload"),
    path("my-support/", views.mine, name="mine"),
    path("support/people/<int:person_id>/agreement/", views.agreement_new, name="agreement_new"),
    path("support/agreements/<int:agreement_id>/", views.agreement, name="agreement"),
    path("support/agreements/<int:agreement_id>/edit/", views.agreement_edit, name="agreement_edit"),
    path("support/agreements/<int:agreement_id>/plan/", views.plan, name="plan"),
    path("support/agreements/<int:agreement_id>/end/", views.ending, name="ending"),
    path("support/agreements/<int:agreement_id>/sessions/new/", views.session_new, name="session_new"),
    path("support/agreements/<int:agreement_id>/notes/", views.notes, name="notes"),
    path("support/sessions/<int:session_id>/", views.session_record, name="session_record"),
    path("support/notes/<int:note_id>/comment/", views.note_comment, name="note_comment"),
    path("support/notes/<int:note_id>/amend/", views.note_amend, name="note_amend"),
    path("support/notes/<int:note_id>/share/", views.note_share, name="note_share"),
    path("support/diary/", views.diary, name="diary"),
    path("support/diary/calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.ical, name="ical"),
    path("support/settings/", views.organisation_settings, name="settings"),
]
