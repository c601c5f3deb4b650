"""The library's rules, tested without HTTP: who writes and who reviews, the review before publication,
and finding entries (search in the reader's language, filters by theme, form, audience and duration)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.library import search
from paritas.web.library.models import Entry, EntryText
from paritas.web.network.models import Campaign


def is_editor(user: Any) -> bool:
    """Editors review entries before the public sees them (the permission library.review_entry)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_perm("library.review_entry"))


def publishers(user: Any) -> Any:
    """The campaigns a user may publish entries for: those they coordinate."""
    if not getattr(user, "is_authenticated", False):
        return Campaign.objects.none()
    return Campaign.objects.filter(coordinators=user)


def may_edit(user: Any, entry: Entry) -> bool:
    """The author, a coordinator of the publishing campaign, or an editor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (entry.author_id == user.pk or is_editor(user)
            or (entry.campaign_id is not None and entry.campaign.coordinators.filter(pk=user.pk).exists()))


def changed(entry: Entry) -> None:
    """An edit by its author sends a published or returned entry back to review: the public sees only what
    an editor has read."""
    if entry.status in (Entry.Status.PUBLISHED, Entry.Status.RETURNED):
        Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.SUBMITTED)
        entry.status = Entry.Status.SUBMITTED


def submit(entry: Entry, user: Any) -> None:
    if not may_edit(user, entry):
        raise PermissionDenied
    if entry.status not in (Entry.Status.DRAFT, Entry.Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned entry can be sent for review."))
    if not entry.texts.exists():
        raise ValidationError(_("Write the entry's text in at least one language first."))
    entry.status = Entry.Status.SUBMITTED
    entry.save(update_fields=["status", "updated_at"])


@transaction.atomic
def review(entry: Entry, user: Any, publish: bool, note: str = "") -> None:
    """An editor publishes the entry or returns it with a note; nobody reviews their own entry."""
    if not is_editor(user):
        raise PermissionDenied
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.status != Entry.Status.SUBMITTED:
        raise ValidationError(_("This entry is not waiting for review."))
    if locked.author_id == user.pk:
        raise ValidationError(_("An entry is reviewed by another editor than its author."))
    if not publish and not note.strip():
        raise ValidationError(_("Say what should change."))
    locked.status = Entry.Status.PUBLISHED if publish else Entry.Status.RETURNED
    locked.review_note, locked.reviewed_by, locked.reviewed_at = note.strip()[:4000], user, timezone.now()
    locked.save()
    entry.status = locked.status


@dataclass(frozen=True, slots=True)
class Found:
    """An entry as a list shows it: in the reader's language where it has that text, else in another."""

    entry: Entry
    text: EntryText


def _text_for(entry: Entry, language: str) -> EntryText:
    texts = list(entry.texts.all())
    for wanted in (language, "de", "sv", "en"):
        for text in texts:
            if text.language == wanted:
                return text
    return texts[0]


def find(language: str, query: str = "", theme: str = "", form: str = "", audience: str = "",
         max_minutes: int | None = None, published_only: bool = True) -> list[Found]:
    """Published entries matching the filters; with a query, those whose text in ``language`` holds its
    words (best first), else all in alphabetical order of their titles."""
    entries = Entry.objects.all()
    if published_only:
        entries = entries.filter(status=Entry.Status.PUBLISHED)
    if theme:
        entries = entries.filter(themes__code=theme)
    if form:
        entries = entries.filter(form=form)
    if audience:
        entries = entries.filter(audience=audience)
    if max_minutes:
        entries = entries.filter(duration_minutes__lte=max_minutes)
    if query.strip():
        order = search.matching(query, language)
        texts = {t.pk: t for t in EntryText.objects.filter(pk__in=order, entry__in=entries)
                 .select_related("entry").prefetch_related("entry__themes")}
        return [Found(texts[pk].entry, texts[pk]) for pk in order if pk in texts]
    found = [Found(e, _text_for(e, language)) for e in entries.distinct().prefetch_related("texts", "themes")]
    return sorted(found, key=lambda f: f.text.title.lower())
