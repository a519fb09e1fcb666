from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        from people.signals import consent_changed

        from .signals import on_consent_changed

        consent_changed.connect(on_consent_changed, dispatch_uid="evaluation.withdrawal")
