"""People: users who sign in with their e-mail address, their optional TOTP second factor, API tokens,
and the audit log of who looked at or exported which snapshot."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, *, password_hash: str | None = None,
                    **extra: object) -> User:
        """A user signing in with ``email`` and ``password``; or with the password whose hash
        (``make_password``'s) is ``password_hash``, taken as it is: the demo's accounts share one password,
        hashed once (PBKDF2 with Django's million iterations takes half a second on a small machine)."""
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password_hash is not None:
            user.password = password_hash
        else:
            user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Signs in with the e-mail address; ``is_staff`` marks platform staff."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    totp_secret = models.CharField(max_length=200, blank=True, default="")
    language = models.CharField(_("language"), max_length=5, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()  # type: ignore[misc]

    @property
    def has_totp(self) -> bool:
        return bool(self.totp_secret)

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class ApiToken(models.Model):
    """A token for the REST API. Only its SHA-256 is stored; the token is shown once when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        key = "pt_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=cls.digest(key)), key


class AppendOnly(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    """The audit log only grows: a query cannot update or delete events (docs/security.md)."""

    def update(self, **kwargs: object) -> int:
        raise AppendOnly("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit events cannot be deleted")

    _raw_delete = delete  # type: ignore[assignment]


class AuditEvent(models.Model):
    """Who viewed, exported, uploaded or deleted which snapshot of which organisation, and when.

    The snapshot is kept as a number, not a foreign key: the record of access outlives a deleted snapshot.
    Append-only: an event, once written, is neither changed nor deleted (by a view, the admin or a query),
    and an organisation with audit events cannot be deleted.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", _("viewed")
        EXPORTED = "exported", _("exported")
        UPLOADED = "uploaded", _("uploaded")
        DELETED = "deleted", _("deleted")
        RAW_ACCESSED = "raw_accessed", _("accessed raw rows")
        MEMBERSHIP = "membership", _("changed a membership")
        PLAN = "plan", _("submitted, approved or returned a plan")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="audit_events")
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    snapshot_id = models.BigIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True, default="")
    via = models.CharField(max_length=10, default="web")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit events cannot be deleted")


class ThrottleEvent(models.Model):
    """One counted attempt (a failed sign-in, a password-reset request) for a scope and key, kept in the
    database so that no other traffic can evict it (see accounts/throttle.py). Keys are hashes."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]
