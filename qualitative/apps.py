from django.apps import AppConfig


class QualitativeConfig(AppConfig):
    name = "qualitative"
    verbose_name = "Qualitative analysis"
