"""Sign in, sign out and password reset, under /accounts/ (Django's own views).

Password reset always shows the same "check your email" page, so it reveals
nothing about which addresses have accounts.
"""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

urlpatterns = [
    path("login/", auth.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("password-reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(
        "password-change/",
        auth.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path("password-change/done/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
