from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from access.shortcuts import signed_in
from mutuality.errors import ServiceError
from privacy import twofactor
from privacy.forms import CodeForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Set up two-factor authentication (QR code), or manage it once it is on."""
    actor, user = request.actor, request.user
    required = twofactor.is_required(actor)
    enabled = twofactor.has_confirmed_device(user)
    context = {"required": required, "next": _next_url(request)}
    action = request.POST.get("action") if request.method == "POST" else None

    if enabled and user.is_verified():
        try:
            if action == "renew":
                codes = twofactor.recovery_codes_renew(user=user, actor=actor)
                return render(request, "privacy/recovery_codes.html", {"codes": codes, "next": "/two-factor/"})
            if action == "turn_off":
                twofactor.two_factor_turn_off(user=user, actor=actor)
                messages.success(request, "Two-factor authentication is off.")
                return redirect("privacy:two_factor")
        except ServiceError as error:
            messages.error(request, str(error))
        context["remaining"] = twofactor.remaining_recovery_codes(user)
        return render(request, "privacy/two_factor_on.html", context)
    if enabled:
        return redirect(f"/two-factor/verify/?next={context['next']}")

    form = CodeForm(request.POST if action == "confirm" else None)
    if form.is_valid():
        try:
            codes = twofactor.two_factor_confirm(request=request, token=form.cleaned_data["otp_token"], actor=actor)
        except ServiceError as error:
            form.add_error("otp_token", str(error))
        else:
            return render(request, "privacy/recovery_codes.html", {"codes": codes, "next": context["next"]})
    device = twofactor.pending_device(user)
    context.update(
        form=form,
        qr_code=twofactor.qr_code_data_uri(device),
        secret=twofactor.secret_for_typing(device),
    )
    return render(request, "privacy/two_factor_setup.html", context)


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Type a code from the authenticator app (or a recovery code) to finish signing in."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not twofactor.has_confirmed_device(user):
        return redirect(f"/two-factor/?next={next_url}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            twofactor.two_factor_verify(request=request, token=form.cleaned_data["otp_token"], actor=request.actor)
        except ServiceError as error:
            form.add_error("otp_token", str(error))
        else:
            return redirect(next_url)
    return render(request, "privacy/two_factor_verify.html", {"form": form, "next": next_url})
