from django.urls import path

from . import views

app_name = "evaluation"

Q = "<int:participant_id>/<int:wave_id>/<int:version_id>"

urlpatterns = [
    path("evaluation/", views.home, name="home"),
    path("evaluation/mine/", views.mine, name="mine"),
    path("evaluation/instruments/new/", views.instrument_create, name="instrument_create"),
    path("evaluation/instruments/import/", views.instrument_import, name="instrument_import"),
    path("evaluation/instruments/<int:version_id>/", views.instrument_detail, name="instrument"),
    path("evaluation/instruments/<int:version_id>/items/", views.item_add, name="item_add"),
    path("evaluation/instruments/<int:version_id>/publish/", views.version_publish, name="version_publish"),
    path("evaluation/instruments/<int:version_id>/new-version/", views.version_new, name="version_new"),
    path("evaluation/new/", views.evaluation_create, name="create"),
    path("evaluation/<int:evaluation_id>/", views.evaluation_detail, name="detail"),
    path("evaluation/<int:evaluation_id>/enrol/", views.enrol, name="enrol"),
    path("evaluation/<int:evaluation_id>/chart/<slug:variable>/", views.chart, name="chart"),
    path("evaluation/<int:evaluation_id>/chart/<slug:variable>/image.svg", views.chart_image, name="chart_image"),
    path("evaluation/<int:evaluation_id>/export/", views.export, name="export"),
    path(f"evaluation/answer/{Q}/", views.complete, name="complete"),
    path(f"evaluation/enter/{Q}/", views.enter, name="enter"),
    path(f"evaluation/paper/{Q}/", views.paper_form, name="paper"),
]
