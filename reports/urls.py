from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/new/", views.report_create, name="create"),
    path("reports/<int:report_id>/", views.report_detail, name="detail"),
    path("reports/<int:report_id>/report.pdf", views.report_pdf, name="pdf"),
    path("reports/<int:report_id>/share/", views.report_publish, name="publish"),
]
