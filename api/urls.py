"""The REST API under /api/. Each app adds its resources in an optional
``api.py`` with ``register(router)``; this module collects them."""

import importlib

from django.conf import settings
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

router = DefaultRouter()
for app in settings.MUTUALITY_APPS:
    try:
        module = importlib.import_module(f"{app}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.api":
            raise
        continue
    module.register(router)

app_name = "api"

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(
            custom_settings={
                "POSTPROCESSING_HOOKS": [
                    "drf_spectacular.hooks.postprocess_schema_enums",
                    "api.schema.document_refusals",
                ]
            }
        ),
        name="schema",
    ),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("", include(router.urls)),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
