"""The library's rules, tested without HTTP: who writes and who reviews, the review before publication,
and finding entries (search in the reader's language, filters by theme, form, audience and duration)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
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


def project_publishers(user: Any) -> Any:
    """The projects a user may publish entries for: those on whose staff they are (seed 004's project
    published its methods and exercises)."""
    from paritas.web.projects.models import Project

    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    return Project.objects.filter(staff=user)


def may_publish(user: Any) -> bool:
    return publishers(user).exists() or project_publishers(user).exists()


def may_edit(user: Any, entry: Entry) -> bool:
    """The author, a coordinator of the publishing campaign, the staff of the publishing project, or an
    editor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (entry.author_id == user.pk or is_editor(user)
            or (entry.campaign_id is not None and entry.campaign.coordinators.filter(pk=user.pk).exists())
            or (entry.project_id is not None and entry.project.staff.filter(pk=user.pk).exists()))


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
         max_minutes: int | None = None, published_only: bool = True) -> list[int]:
    """Ids of the entries matching the filters, in order: with a query, those whose text in ``language``
    holds its words (best first, at most search.LIMIT), else all by their title in ``language`` (or in
    another where they lack it). Ids only, so that a page of thousands builds just what it shows
    (:func:`shown`)."""
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
        # Two lookups by primary key (at most search.LIMIT each) rather than one join of the ranked texts with
        # the filtered entries, whose plan depends on the planner's statistics.
        entry_of = dict(EntryText.objects.filter(pk__in=order).values_list("pk", "entry_id"))
        kept = set(entries.filter(pk__in=set(entry_of.values())).values_list("pk", flat=True))
        return [entry_of[pk] for pk in order if entry_of.get(pk) in kept]
    texts = EntryText.objects.filter(entry__in=entries)
    ordered = list(texts.filter(language=language).order_by(Lower("title"), "entry_id")
                   .values_list("entry_id", flat=True))
    seen = set(ordered)
    if len(seen) == entries.count():
        return ordered  # every entry has a text in the reader's language
    others = sorted({(title.lower(), pk) for pk, title in texts.exclude(
        entry__in=EntryText.objects.filter(language=language).values("entry_id")).order_by("language")
                     .values_list("entry_id", "title")})  # entries without a text in the reader's language
    for _title, pk in others:
        if pk not in seen:
            seen.add(pk)
            ordered.append(pk)
    return ordered


def shown(ids: list[int], language: str) -> list[Found]:
    """The entries of ``ids`` (one page) with their text in ``language`` where they have it, in order."""
    by_id = {e.pk: e for e in Entry.objects.filter(pk__in=ids).prefetch_related("texts", "themes")}
    return [Found(by_id[pk], _text_for(by_id[pk], language)) for pk in ids if pk in by_id and by_id[pk].texts.all()]


def rows(ids: list[int], language: str) -> list[dict[str, str | int | None]]:
    """One page of the list as plain values: each entry in ``language`` where it has a text in it (else in
    another), its labels translated once per page. Three queries of values and no model instances, so that
    a page costs the same in a library of thousands."""
    from collections import defaultdict

    from django.urls import reverse
    from django.utils.text import Truncator

    from paritas.web.library.models import Theme

    forms_, audiences = {k: str(v) for k, v in Entry.Form.choices}, {k: str(v) for k, v in Entry.Audience.choices}
    theme_names = {k: str(v) for k, v in Theme.Code.choices}
    entries = {e["pk"]: e for e in Entry.objects.filter(pk__in=ids).values("pk", "slug", "form", "audience",
                                                                          "duration_minutes")}
    texts: dict[int, dict[str, dict[str, str]]] = defaultdict(dict)
    for t in EntryText.objects.filter(entry_id__in=ids).values("entry_id", "language", "title", "summary"):
        texts[t["entry_id"]][t["language"]] = t
    themes: dict[int, list[str]] = defaultdict(list)
    for entry_id, code in Entry.themes.through.objects.filter(entry_id__in=ids).order_by("theme__code") \
            .values_list("entry_id", "theme__code"):
        themes[entry_id].append(theme_names.get(code, code))
    out = []
    for pk in ids:
        if pk not in entries or not texts[pk]:
            continue
        entry, own = entries[pk], texts[pk]
        text = next((own[lang] for lang in (language, "de", "sv", "en") if lang in own), next(iter(own.values())))
        other = text["language"] if text["language"] != language else None
        out.append({"url": reverse("library:entry", args=[entry["slug"]]) + (f"?lang={other}" if other else ""),
                    "lang": other, "title": text["title"], "summary": Truncator(text["summary"]).words(24),
                    "form": forms_.get(entry["form"], entry["form"]), "audience": audiences.get(entry["audience"], ""),
                    "minutes": entry["duration_minutes"], "themes": ", ".join(themes[pk])})
    return out
