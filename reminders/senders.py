"""How a reminder reaches a person. One sender per channel, behind one interface.

Email is sent through the configured mail server. Text messages and letters go
to the outbox: an SMS gateway integration collects text messages from it (set
``SMS_GATEWAY`` to a class with the same ``send`` signature to send directly),
and staff print letters from it.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from people.models import Person
from reminders.models import Channel, OutboxMessage


class Sender(Protocol):
    channel: str

    def can_reach(self, person: Person) -> bool: ...

    def send(self, *, person: Person, subject: str, body: str, off_url: str) -> None: ...


class EmailSender:
    channel = Channel.EMAIL

    def can_reach(self, person: Person) -> bool:
        return bool(person.email)

    def send(self, *, person: Person, subject: str, body: str, off_url: str) -> None:
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[person.email],
            headers={"List-Unsubscribe": f"<{off_url}>", "Auto-Submitted": "auto-generated"},
        )
        message.send(fail_silently=False)


class OutboxSmsGateway:
    """The default SMS "gateway": messages wait in the outbox for collection."""

    def send(self, *, person: Person, number: str, body: str) -> None:
        OutboxMessage.objects.create(
            channel=Channel.SMS, person=person, organisation_id=person.organisation_id, address=number, body=body
        )


class SmsSender:
    channel = Channel.SMS

    def __init__(self, gateway=None):
        self.gateway = (
            gateway or import_string(getattr(settings, "SMS_GATEWAY", "reminders.senders.OutboxSmsGateway"))()
        )

    def can_reach(self, person: Person) -> bool:
        return bool(person.phone)

    def send(self, *, person: Person, subject: str, body: str, off_url: str) -> None:
        self.gateway.send(person=person, number=person.phone, body=f"{body}\nStop reminders: {off_url}")


class LetterSender:
    channel = Channel.LETTER

    def can_reach(self, person: Person) -> bool:
        return bool(person.postal_address)

    def send(self, *, person: Person, subject: str, body: str, off_url: str) -> None:
        OutboxMessage.objects.create(
            channel=Channel.LETTER,
            person=person,
            organisation_id=person.organisation_id,
            address=person.postal_address,
            subject=subject,
            body=f"{body}\n\nTo stop these letters, tell us or visit {off_url}",
        )


def sender_for(channel: str) -> Sender:
    return {Channel.EMAIL: EmailSender, Channel.SMS: SmsSender, Channel.LETTER: LetterSender}[channel]()
