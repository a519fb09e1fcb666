"""One action per form submission, however many times the button is pressed.

Most create views need only :func:`create_once`::

    def make():
        referral = referral_create(...)
        return reverse("referrals:detail", args=[referral.pk])

    response = create_once(request, form, scope="referral", make=make, fallback=queue_url, success="Added.")
    if response:
        return response
    # otherwise the form now carries the reason, and is shown again

Views that need more control use :func:`submission_claim` and :func:`submission_complete`
inside the action's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect

from mutuality.errors import ServiceError
from web.models import FormSubmission


class IdempotentFormMixin(forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    @property
    def action_data(self) -> dict:
        """The cleaned data the action uses: everything but the submission token."""
        return {k: v for k, v in self.cleaned_data.items() if k != "submission_token"}


def submission_claim(token: uuid.UUID | None, *, scope: str, user=None) -> str | None:
    """Claim ``token``. Returns None for a first submission; for a repeat, the
    address of the earlier result ("" if it recorded none)."""
    if token is None:
        return None
    try:
        with transaction.atomic():
            FormSubmission.objects.create(
                token=token, scope=scope, user=user if getattr(user, "is_authenticated", False) else None
            )
    except IntegrityError:
        earlier = FormSubmission.objects.filter(token=token).values_list("result_url", flat=True).first()
        return earlier or ""
    return None


def submission_complete(token: uuid.UUID | None, result_url: str) -> None:
    if token is not None:
        FormSubmission.objects.filter(token=token).update(result_url=result_url[:300])


def create_once(
    request,
    form: forms.Form,
    *,
    scope: str,
    make: Callable[[], str],
    fallback: str,
    success: str | Callable[[], str],
    then: str | Callable[[], str] | None = None,
) -> HttpResponse | None:
    """Run ``make`` once per form submission, in one transaction with the claim.

    ``make`` creates the thing and returns its address. A repeat of the same submission
    goes to that address (or ``fallback`` if the first one recorded none) and creates
    nothing. After a first submission the person sees ``success`` and goes to ``then``
    or the new address (either may be a function, called once the thing exists).
    If ``make`` refuses with a ServiceError nothing is kept, the reason is added to the
    form, and None is returned so that the view shows the form again.
    """
    token = form.cleaned_data["submission_token"]
    try:
        with transaction.atomic():
            earlier = submission_claim(token, scope=scope, user=request.user)
            if earlier is not None:
                return redirect(earlier or fallback)
            url = make()
            submission_complete(token, url)
    except ServiceError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, success() if callable(success) else success)
    return redirect((then() if callable(then) else then) or url)
