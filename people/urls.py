from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("me/", views.me, name="me"),
    path("people/", views.person_list, name="list"),
    path("people/new/", views.person_create, name="create"),
    path("people/<int:person_id>/", views.person_detail, name="detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="edit"),
    path("people/<int:person_id>/consent/", views.person_consents, name="consents"),
    path("people/<int:person_id>/roles/", views.person_roles, name="roles"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/audit/", views.organisation_audit, name="audit"),
    path("organisations/<slug:slug>/sharing/new/", views.sharing_create, name="sharing_create"),
    path("organisations/<slug:slug>/sharing/<int:agreement_id>/end/", views.sharing_end, name="sharing_end"),
]
