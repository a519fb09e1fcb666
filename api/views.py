"""Web pages where staff create and revoke their API tokens."""

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from access import policy
from access.shortcuts import require, signed_in
from api import services
from api.models import ApiToken
from people.models import Organisation, RoleKind


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="What is this token for?")
    role = forms.ChoiceField(label="Acts as")
    expires_in_days = forms.TypedChoiceField(
        label="Expires",
        coerce=int,
        choices=[(30, "in 30 days"), (90, "in 90 days"), (365, "in a year")],
        initial=90,
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(Organisation.objects.filter(pk__in=actor.roles).values_list("pk", "name"))
        self.fields["role"].choices = [
            (f"{org}:{kind}", f"{RoleKind(kind).label} at {names[org]}")
            for org, kinds in sorted(actor.roles.items())
            for kind in sorted(kinds)
            if kind != RoleKind.PEER
        ]


@require_http_methods(["GET", "POST"])
@signed_in
def token_list(request):
    actor = request.actor
    require(policy.can_use_api_tokens(actor))
    form = TokenForm(request.POST or None, actor=actor)
    new_key = None
    if request.method == "POST" and form.is_valid():
        org_id, role = form.cleaned_data["role"].split(":")
        _token, new_key = services.token_create(
            actor=actor,
            name=form.cleaned_data["name"],
            organisation_id=int(org_id),
            role=role,
            expires_at=timezone.now() + timezone.timedelta(days=form.cleaned_data["expires_in_days"]),
        )
        form = TokenForm(actor=actor)
    tokens = ApiToken.objects.filter(user=actor.user).select_related("organisation")
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@require_POST
@signed_in
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.actor.user)
    services.token_revoke(token=token, actor=request.actor)
    messages.success(request, f"The token “{token.name}” has been revoked.")
    return redirect("api:tokens")


@csrf_exempt  # it changes nothing; a cookie-carrying write should still get the JSON 404
def not_found(request, rest=""):
    """Any other address under /api/ answers like the API does: a JSON 404 with a
    plain message, not the HTML page meant for browsers."""
    return JsonResponse({"detail": "Not found."}, status=404)
