from django.urls import path

from groups import network_views, views

app_name = "groups"

urlpatterns = [
    path("groups/", views.directory, name="directory"),
    path("groups/near-me/", views.near_me, name="near_me"),
    path("groups/mine/", views.my_groups, name="mine"),
    path("groups/new/", views.group_create, name="create"),
    path("groups/<int:group_id>/", views.group_detail, name="detail"),
    path("groups/<int:group_id>/edit/", views.group_edit, name="edit"),
    path("groups/<int:group_id>/times/", views.schedule_add, name="schedule_add"),
    path("groups/<int:group_id>/join/", views.join, name="join"),
    path("groups/<int:group_id>/leave/", views.leave, name="leave"),
    path("groups/<int:group_id>/members/", views.member_list, name="members"),
    path("groups/<int:group_id>/handover/", views.handover, name="handover"),
    path("groups/<int:group_id>/meetings/", views.meeting_list, name="meetings"),
    path("groups/<int:group_id>/meetings/plan/", views.meetings_plan, name="meetings_plan"),
    path("groups/<int:group_id>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("groups/meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("groups/meetings/<int:meeting_id>/attendance/", views.attendance, name="attendance"),
]

urlpatterns += [
    path("networks/", network_views.network_list, name="networks"),
    path("networks/new/", network_views.network_create, name="network_create"),
    path("networks/<int:network_id>/", network_views.network_detail, name="network"),
    path("networks/<int:network_id>/join/", network_views.network_join, name="network_join"),
    path("networks/<int:network_id>/choices/", network_views.network_choices, name="network_choices"),
    path("networks/<int:network_id>/leave/", network_views.network_leave, name="network_leave"),
    path("networks/<int:network_id>/news/", network_views.network_news, name="network_news"),
]
