from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("refer/", views.refer, name="refer"),
    path("refer/thanks/", views.refer_thanks, name="refer_thanks"),
    path("referrals/", views.queue, name="queue"),
    path("referrals/new/", views.create, name="create"),
    path("referrals/<int:referral_id>/", views.detail, name="detail"),
    path("referrals/<int:referral_id>/state/", views.transition, name="transition"),
    path("referrals/<int:referral_id>/preferences/", views.preferences, name="preferences"),
    path("referrals/<int:referral_id>/offer/", views.offer, name="offer"),
    path("offers/", views.offers_waiting, name="offers_waiting"),
    path("offers/<int:offer_id>/choose/", views.choose, name="choose"),
    path("offers/<int:offer_id>/answer/", views.answer, name="answer"),
    path("referrals/workers/<int:person_id>/", views.worker_profile, name="worker_profile"),
]
