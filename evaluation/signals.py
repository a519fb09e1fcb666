"""Withdrawal of evaluation consent takes the person's answers out at once."""

from __future__ import annotations

from people.models import ConsentScope


def on_consent_changed(sender, consent, actor, **kwargs) -> None:
    if consent.scope != ConsentScope.EVALUATION or consent.given:
        return
    from .services import participants_withdraw

    participants_withdraw(person_id=consent.person_id, actor=actor)
