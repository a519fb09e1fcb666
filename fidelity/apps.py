from django.apps import AppConfig


class FidelityConfig(AppConfig):
    name = "fidelity"
    verbose_name = "Fidelity and reflective learning"
