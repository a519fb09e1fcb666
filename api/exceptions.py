from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from mutuality.concurrency import EditConflict
from mutuality.errors import ServiceError


def exception_handler(exc, context):
    """Plain-English errors: a refusal the service layer explains becomes a 400
    with its message; an edit conflict a 409."""
    if isinstance(exc, ServiceError):
        exc = exceptions.ValidationError({"detail": str(exc)})
    elif isinstance(exc, EditConflict):
        exc = exceptions.APIException(str(exc))
        exc.status_code = 409
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("You do not have permission to do this.")
    return drf_exception_handler(exc, context)
