from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy and people's rights"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from privacy.signals import expect_second_factor

        user_logged_in.connect(expect_second_factor, dispatch_uid="privacy.expect_second_factor")
