from django.urls import include, path

urlpatterns = [
    path("", include("web.urls")),
    path("accounts/", include("people.account_urls")),
    path("", include("people.urls")),
    path("", include("jobs.urls")),
    path("", include("reminders.urls")),
    path("", include("referrals.urls")),
    path("", include("support.urls")),
    path("", include("groups.urls")),
    path("", include("training.urls")),
    path("", include("supervision.urls")),
    path("", include("evaluation.urls")),
    path("", include("qualitative.urls")),
    path("", include("fidelity.urls")),
    path("", include("outcomes.urls")),
    path("", include("reports.urls")),
    path("", include("privacy.urls")),
    path("api/", include("api.urls")),
]

# Errors: a database that cannot be reached gives a plain "try again" page (503).
handler500 = "web.views.server_error"
