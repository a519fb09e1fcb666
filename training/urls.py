from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("training/", views.course_list, name="courses"),
    path("training/mine/", views.my_training, name="mine"),
    path("training/new/", views.course_create, name="course_create"),
    path("training/<int:course_id>/", views.course_detail, name="course"),
    path("training/<int:course_id>/parts/new/", views.part_add, name="part_add"),
    path("training/<int:course_id>/materials/new/", views.material_add, name="material_add"),
    path("training/<int:course_id>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("training/cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort"),
    path("training/cohorts/<int:cohort_id>/apply/", views.apply, name="apply"),
    path("training/cohorts/<int:cohort_id>/network/", views.cohort_network, name="cohort_network"),
    path("training/cohorts/<int:cohort_id>/cascade/", views.cascade, name="cascade"),
    path("training/applications/<int:application_id>/decide/", views.decide, name="decide"),
    path("training/days/<int:day_id>/attendance/", views.day_attendance, name="attendance"),
    path("training/cohorts/<int:cohort_id>/complete/<int:person_id>/", views.complete, name="complete"),
    path("training/certificates/<int:completion_id>.pdf", views.certificate, name="certificate"),
]
