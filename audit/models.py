"""The append-only audit log.

Rows are only ever inserted. On PostgreSQL a trigger rejects UPDATE and DELETE
(migration 0002); on SQLite a trigger rejects UPDATE, and the model refuses
both. Rows name what was touched (type and id), never its content, so the log
itself holds nothing an erasure request would need to remove.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit row."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "created"
        UPDATE = "update", "changed"
        DELETE = "delete", "deleted"
        READ = "read", "read"
        EXPORT = "export", "exported"
        SHARE = "share", "shared"
        LOGIN = "login", "signed in"
        LOGIN_FAILED = "login_failed", "failed to sign in"
        LOGOUT = "logout", "signed out"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # No database-level foreign keys: deleting an account must not need to touch the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organisation_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=36, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("The audit log is append-only.")
