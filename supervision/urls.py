from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.home, name="home"),
    path("supervision/sessions/new/", views.session_new, name="session_new"),
    path("supervision/sessions/<int:session_id>/", views.session_detail, name="session"),
    path("supervision/actions/<int:action_id>/done/", views.action_done, name="action_done"),
    path("supervision/reflections/", views.reflections, name="reflections"),
    path("supervision/reflections/<int:entry_id>/share/", views.reflection_share, name="reflection_share"),
    path("supervision/wellbeing/", views.wellbeing, name="wellbeing"),
    path("supervision/wellbeing/<int:checkin_id>/share/", views.checkin_share, name="checkin_share"),
    path("supervision/workload/", views.workload, name="workload"),
    path("supervision/workers/<int:person_id>/shared/", views.shared, name="shared"),
    path("supervision/workers/<int:person_id>/plan/", views.plan, name="plan"),
    path("supervision/team-meetings/new/", views.team_meeting_new, name="team_meeting_new"),
    path("supervision/team-meetings/<int:meeting_id>/", views.team_meeting_detail, name="team_meeting"),
]
