from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/", views.overview, name="overview"),
    path("outcomes/export.csv", views.export, name="export"),
    path("outcomes/import/", views.import_file, name="import"),
    path("outcomes/costs/", views.costs, name="costs"),
    path("outcomes/people/<int:person_id>/", views.person_outcomes, name="person"),
    path("outcomes/records/<int:use_id>/discharge/", views.discharge, name="discharge"),
    path("outcomes/records/<int:use_id>/remove/", views.remove, name="remove"),
]
