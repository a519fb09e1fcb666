from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<uuid:job_id>/", views.job_detail, name="detail"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="download"),
]
