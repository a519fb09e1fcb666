import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from privacy.middleware import PERMISSIONS_POLICY
from web.navigation import items_for

logger = logging.getLogger(__name__)


@require_GET
def home(request):
    """The public front door for visitors; a dashboard of the person's pages once signed in."""
    actor = request.actor
    if not actor.is_authenticated:
        return render(request, "web/landing.html")
    roles = sorted(
        {(org_id, kind) for org_id, kinds in actor.roles.items() for kind in kinds},
        key=lambda pair: pair[1],
    )
    return render(request, "web/home.html", {"cards": items_for(actor), "role_count": len(roles)})


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not. For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """Django's 500 handler, called while the exception is being handled.

    When the cause is that the database cannot be reached, the person gets a
    plain "try again" page (503): their transaction was rolled back, so nothing
    was half-saved, and Django reconnects by itself on a later request. Both
    pages are rendered without touching the database.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponseServerError(render_to_string("500.html"))
    # The failure may have happened outside the middleware that adds these (saving
    # the session, for example), so error pages carry them themselves.
    response["X-Frame-Options"] = "DENY"
    response["Cache-Control"] = "no-store"
    response["Permissions-Policy"] = PERMISSIONS_POLICY
    return response
