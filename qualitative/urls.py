from django.urls import path

from . import views

app_name = "qualitative"

P = "qualitative/projects/<int:project_id>/"

urlpatterns = [
    path("qualitative/projects/", views.project_list, name="projects"),
    path(P, views.project_detail, name="project"),
    path(P + "refresh/", views.project_refresh, name="refresh"),
    path(P + "import/", views.text_import, name="text_import"),
    path(P + "codebook/", views.codebook, name="codebook"),
    path(P + "codebook/import/", views.codebook_import, name="codebook_import"),
    path(P + "codes/<int:code_id>/", views.code_detail, name="code"),
    path(P + "codes/<int:code_id>/merge/", views.code_merge, name="code_merge"),
    path(P + "codes/<int:code_id>/split/", views.code_split, name="code_split"),
    path(P + "codes/<int:code_id>/delete/", views.code_delete, name="code_delete"),
    path(P + "texts/<int:document_id>/", views.document_detail, name="document"),
    path(P + "segments/<int:segment_id>/remove/", views.segment_remove, name="segment_remove"),
    path(P + "segments/<int:segment_id>/quote/", views.quotation_pick, name="quotation_pick"),
    path(P + "quotations/<int:quotation_id>/remove/", views.quotation_remove, name="quotation_remove"),
    path(P + "memos/", views.memo_add, name="memo_add"),
    path(P + "sample/", views.sample, name="sample"),
    path(P + "finish/", views.finish, name="finish"),
    path(P + "agreement/", views.agreement_view, name="agreement"),
    path(P + "disagreements/", views.disagreements, name="disagreements"),
    path(P + "analysis/", views.analysis, name="analysis"),
    path(P + "export/<str:kind>", views.export, name="export"),
]
