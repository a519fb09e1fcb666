from django.urls import path

from fidelity import views

app_name = "fidelity"

urlpatterns = [
    path("fidelity/", views.home, name="home"),
    path("fidelity/frameworks/<int:pk>/", views.framework_detail, name="framework"),
    path("fidelity/values/", views.values, name="values"),
    path("fidelity/teams/new/", views.team_create, name="team_create"),
    path("fidelity/rounds/new/", views.round_create, name="round_create"),
    path("fidelity/rounds/<int:pk>/", views.round_detail, name="round"),
    path("fidelity/rounds/<int:pk>/respondents/", views.round_respondent, name="round_respondent"),
    path("fidelity/rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("fidelity/rounds/<int:pk>/profile.png", views.round_chart, name="round_chart"),
    path("fidelity/rounds/<int:pk>/report/", views.round_report, name="round_report"),
    path("fidelity/rounds/<int:pk>/reflections/", views.reflection_add, name="reflection_add"),
    path("fidelity/rounds/<int:pk>/actions/", views.action_add, name="action_add"),
    path("fidelity/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("fidelity/answer/<int:pk>/", views.respond, name="respond"),
    path("fidelity/profiles/<str:subject>/<int:pk>/", views.profile, name="profile"),
    path("fidelity/profiles/<str:subject>/<int:pk>/chart.png", views.profile_chart, name="profile_chart"),
    path("fidelity/instruments/<int:pk>/links/", views.instrument_links, name="instrument_links"),
    path("fidelity/self-assessments/new/", views.assessment_create, name="assessment_create"),
    path("fidelity/self-assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("fidelity/self-assessments/<int:pk>/reflections/", views.assessment_reflection, name="assessment_reflection"),
    path("fidelity/self-assessments/<int:pk>/actions/", views.assessment_action, name="assessment_action"),
]
