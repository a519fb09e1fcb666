"""One action per form submission, however many times the button is pressed.

Usage in a view, inside the action's transaction::

    with transaction.atomic():
        earlier = submission_claim(form.cleaned_data["submission_token"], scope="referral")
        if earlier is not None:
            return redirect(earlier or fallback_url)
        referral = referral_create(...)
        submission_complete(form.cleaned_data["submission_token"], referral_url)
"""

from __future__ import annotations

import uuid

from django import forms
from django.db import IntegrityError, transaction

from web.models import FormSubmission


class IdempotentFormMixin(forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


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
