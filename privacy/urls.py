from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download.<str:fmt>", views.my_data_download, name="my_data_download"),
    path("people/<int:person_id>/rights/", views.person_rights, name="person_rights"),
    path("people/<int:person_id>/rights/records.<str:fmt>", views.subject_access, name="subject_access"),
    path("rights-requests/", views.request_list, name="requests"),
    path("rights-requests/<int:request_id>/", views.request_detail, name="request"),
    path("organisations/<slug:slug>/retention/", views.retention, name="retention"),
]
