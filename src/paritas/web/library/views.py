"""The library's pages: the public list with search and filters and each published entry (in the reader's
language, with its other languages) and its printable card; the authors' pages (a new entry, its facts and
its texts, sending it for review) and the editors' review. Rules in services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from paritas.web import pdf
from paritas.web.downloads import download
from paritas.web.i18n import report_language
from paritas.web.ids import unique_slug
from paritas.web.library import services
from paritas.web.library.forms import EntryForm, ReviewForm, SearchForm, TextForm
from paritas.web.library.models import Entry, EntryText
from paritas.web.network.models import Campaign
from paritas.web.plans import library as measure_library
from paritas.web.projects.models import Project

PAGE_SIZE = 50


def entries(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    language = translation.get_language() or "de"
    found = services.find(language, data.get("q", ""), data.get("theme", ""), data.get("form", ""),
                          data.get("audience", ""), data.get("max_minutes"))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = services.rows(list(page.object_list), language)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "library/entries.html", {"form": form, "page": page, "total": len(found),
                                                    "query": query.urlencode(), "editor": services.is_editor(
                                                        request.user),
                                                    "author": services.may_publish(request.user)})


def _visible(request: HttpRequest, slug: str) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("campaign", "project").prefetch_related("texts", "themes"),
                              slug=slug)
    if entry.status != Entry.Status.PUBLISHED and not services.may_edit(request.user, entry):
        raise Http404
    return entry


def _text(entry: Entry, request: HttpRequest) -> EntryText:
    wanted = request.GET.get("lang") or translation.get_language() or "de"
    return services._text_for(entry, wanted) if entry.texts.exists() else None  # type: ignore[return-value]


def entry(request: HttpRequest, slug: str) -> HttpResponse:
    item = _visible(request, slug)
    text = _text(item, request)
    if text is None:
        raise Http404
    measures = [m for m in measure_library.MEASURES if m.key in item.measure_keys]
    return render(request, "library/entry.html", {
        "entry": item, "text": text, "others": [t for t in item.texts.all() if t.pk != text.pk],
        "measures": measures, "criteria": item.criteria.select_related("area__programme"),
        "may_edit": services.may_edit(request.user, item)})


def card(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable exercise card: the entry in one language (``?lang=``, else the reader's)."""
    item = _visible(request, slug)
    text = _text(item, request)
    if text is None:
        raise Http404
    lang = text.language if text.language in ("de", "sv", "en") else report_language(request)
    with translation.override(lang):
        context = {"entry": item, "text": text, **pdf.page_css(_, f"Paritas · {text.title}")}
    document = pdf.render_pdf("library/card_pdf.html", context, lang)
    return download(document, "application/pdf", f"{item.slug}-{lang}.pdf")


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """A new entry, by a coordinator for one of their campaigns (or an editor)."""
    campaigns = services.publishers(request.user)
    editor = services.is_editor(request.user)
    if not services.may_publish(request.user) and not editor:
        raise Http404
    form = EntryForm(request.POST or None, campaigns=None if editor else campaigns,
                     projects=None if editor else services.project_publishers(request.user))
    text_form = TextForm(request.POST or None, prefix="text", initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid() and text_form.is_valid():
        item = form.save(commit=False)
        item.slug, item.author = unique_slug(Entry, text_form.cleaned_data["title"], "entry", 60), request.user
        item.save()
        form.save_m2m()
        text = text_form.save(commit=False)
        text.entry = item
        text.save()
        messages.success(request, _("The entry was saved as a draft."))
        return redirect("library:edit", slug=item.slug)
    return render(request, "library/edit.html", {"form": form, "text_form": text_form, "entry": None},
                  status=422 if request.method == "POST" else 200)


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """An entry's facts, its text in one language (``?lang=``), and sending it for review."""
    item = get_object_or_404(Entry.objects.select_related("campaign", "project"), slug=slug)
    if not services.may_edit(request.user, item):
        raise Http404
    editor = services.is_editor(request.user)
    campaigns = None if editor else Campaign.objects.filter(
        Q(coordinators=request.user) | Q(pk=item.campaign_id)).distinct()
    projects = None if editor else Project.objects.filter(Q(staff=request.user) | Q(pk=item.project_id)).distinct()
    language = request.POST.get("text-language") or request.GET.get("lang") or translation.get_language() or "de"
    existing = item.texts.filter(language=language).first()
    form = EntryForm(request.POST if request.POST.get("action") == "facts" else None, instance=item,
                     campaigns=campaigns, projects=projects)
    text_form = TextForm(request.POST if request.POST.get("action") == "text" else None, instance=existing,
                         prefix="text", initial={"language": language})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "facts" and form.is_valid():
                form.save()
                services.changed(item)
                messages.success(request, _("The entry was saved."))
                return redirect("library:edit", slug=item.slug)
            if action == "text" and text_form.is_valid():
                text = text_form.save(commit=False)
                text.entry = item
                text.save()
                services.changed(item)
                messages.success(request, _("The text was saved."))
                return redirect(f"{request.path}?lang={text.language}")
            if action == "submit":
                services.submit(item, request.user)
                messages.success(request, _("The entry was sent for review."))
                return redirect("library:edit", slug=item.slug)
            if action not in ("facts", "text", "submit"):
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("library:edit", slug=item.slug)
        except PermissionDenied:
            raise Http404 from None
        status = 422
    return render(request, "library/edit.html", {"form": form, "text_form": text_form, "entry": item,
                                                 "texts": item.texts.all()}, status=status)


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    if not services.is_editor(request.user):
        raise Http404
    waiting = services.shown(list(Entry.objects.filter(status=Entry.Status.SUBMITTED).values_list("pk", flat=True)),
                             translation.get_language() or "de")
    return render(request, "library/reviews.html", {"waiting": waiting})


@login_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    if not services.is_editor(request.user) or request.method != "POST":
        raise Http404
    item = get_object_or_404(Entry, slug=slug)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.review(item, request.user, request.POST.get("decision") == "publish",
                        form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("library:entry", slug=item.slug)
    messages.success(request, _("The entry is published.") if item.status == Entry.Status.PUBLISHED
                     else _("The entry was returned to its author."))
    return redirect("library:reviews")
