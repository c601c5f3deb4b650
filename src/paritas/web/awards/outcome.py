"""The outcome of an award decision: the jury statement drafted from data and notes, its approval by the
chair, and the certificate PDF. The seed-001 statement is the model: the workforce figures in the
sentences of paritas.reports.structure, the measures the organisation reported, the jury's view, the
validity ("2019–2021"), which award this is ("erste Auszeichnung") and the invitation to re-apply."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from paritas.reports.i18n import LANGUAGES, Translator
from paritas.web.awards.models import Award, Decision, Question

ORDINALS = {
    "de": ("erste", "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte", "zehnte"),
    "sv": ("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde"),
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
}


def ordinal(number: int, lang: str) -> str:
    """'erste', 'första', 'first' … for the number of the award (a written-out word up to ten)."""
    words = ORDINALS[lang]
    return words[number - 1] if 1 <= number <= len(words) else f"{number}."


def programme_language(award_or_programme: Any, lang: str | None = None) -> str:
    """``lang`` if Paritas speaks it, else the programme's first language (its statements, certificates,
    templates and exports are written in it), else German."""
    languages = [code for code in (getattr(award_or_programme, "languages", None) or []) if code in LANGUAGES]
    return lang if lang in LANGUAGES else (languages[0] if languages else "de")


def _plan_sentence(version: Any, t: Translator, lang: str) -> str:
    """'Gleichstellungsplan 2022–2026 (2024): 4 measures, 3 of them under way, embedded or completed; 2 of 3
    targets met or on course.' — computed from the plan and its snapshots."""
    from paritas.web.plans import progress
    from paritas.web.plans import services as plans

    points = plans.points(version)
    statuses = [plans.target_progress(t_, points).status for t_ in version.targets.all()]
    good = sum(s in (progress.MET, progress.ON_COURSE) for s in statuses)
    measures = list(version.measures.values_list("status", flat=True))
    active = sum(s in ("in_progress", "embedded", "completed") for s in measures)
    return t("{title} {period} ({year}): {measures} measures, {active} of them under way, embedded or completed; "
             "{good} of {targets} targets met or on course.", title=version.plan.title,
             period=version.plan.period, year=version.year, measures=len(measures), active=active, good=good,
             targets=len(statuses))


def draft_statement(decision: Decision, lang: str | None = None) -> str:
    """A first draft of the jury statement for an awarded application, for the chair to edit."""
    from paritas.reports.structure import jury_sentences_from_dict

    application = decision.application
    programme = application.round.programme
    lang = programme_language(programme, lang)
    t = Translator(lang)
    award = Award.objects.filter(application=application, organisation=application.organisation).first()
    parts = []
    if application.snapshot is not None:
        parts.append(" ".join(jury_sentences_from_dict(application.snapshot.structure, t,
                                                        application.organisation.type)))
    if application.plan_version is not None:
        parts.append(_plan_sentence(application.plan_version, t, lang))
    measures = [a.value for a in application.answers.select_related("question")
                if a.question.kind == Question.Kind.TEXT and isinstance(a.value, str) and a.value.strip()]
    if measures:
        parts.append(t("The organisation reports these measures: {measures}", measures=" ".join(measures[:6])))
    notes = [s.comment.strip() for a in application.assignments.filter(submitted_at__isnull=False)
             for s in a.scores.all() if s.comment.strip()]
    if notes:
        parts.append(t("The jury notes: {notes}", notes=" ".join(dict.fromkeys(notes))))
    if decision.reasons.strip():
        parts.append(decision.reasons.strip())
    if award is not None:
        parts.append(t("The award is valid from {start} to {end}. It is the {ordinal} award of the organisation; "
                       "the jury invites it to apply again in {again}.",
                       start=award.valid_from.year, end=award.valid_until.year,
                       ordinal=ordinal(award.number, lang), again=award.valid_until.year + 1))
    return "\n\n".join(parts)


def approve_statement(decision: Decision, chair: Any, text: str) -> Decision:
    """The chair approves the (edited) statement; only a programme administrator may."""
    programme = decision.application.round.programme
    if not programme.administrators.filter(pk=chair.pk).exists():
        raise PermissionDenied
    from paritas.web.awards.domain.applications import clean_text

    if not clean_text(text).strip():
        raise ValidationError(gettext("The statement is empty."))
    decision.statement = text.strip()
    decision.statement_approved_by = chair
    decision.statement_approved_at = timezone.now()
    decision.save(update_fields=["statement", "statement_approved_by", "statement_approved_at"])
    return decision


def certificate_pdf(award: Award, lang: str | None = None) -> bytes:
    """The certificate as a tagged PDF (PDF/UA) in the programme's language."""
    from paritas.web.pdf import render_pdf

    lang = programme_language(award.programme, lang)
    t = Translator(lang)
    return render_pdf("awards/certificate.html", {
        "award": award, "validity": award.validity,
        "ordinal": ordinal(award.number, lang), "awarded_on": t.date(award.awarded_on)}, lang)


def certificate_filename(award: Award, lang: str | None = None) -> str:
    """'stadt-herne-urkunde-2025-07-15-de.pdf': the holder, the document and the day of the award."""
    from django.utils import translation

    from paritas.web.pdf import filename

    lang = programme_language(award.programme, lang)
    with translation.override(lang):
        return filename(award.organisation.name, gettext("certificate"), award.awarded_on, lang)


def application_pdf(application: Any, lang: str, redactor: Any = None) -> bytes:
    """The application as a tagged PDF (PDF/UA): figures, then every answer in catalogue order, for the
    applicant's records and the jury's binder. ``lang`` is the reader's language; with a ``redactor``
    (awards.redaction), the redacted copy of an anonymised stage."""
    from django.utils import translation

    from paritas.reports.structure import jury_sentences_from_dict
    from paritas.web.awards import editing, services
    from paritas.web.pdf import render_pdf

    lang = lang if lang in LANGUAGES else "de"
    with translation.override(lang):
        structure = (jury_sentences_from_dict(application.snapshot.structure, Translator(lang),
                                              application.organisation.type) if application.snapshot else [])
        submitted = " ".join(services.when(application.submitted_at, application.round.time_zone)
                             ) if application.submitted_at else ""
        sections = editing.sections(application, redactor)
        if redactor is not None and redactor.active:
            structure = [redactor.text(sentence) for sentence in structure]
        name = redactor.name(application) if redactor is not None else " / ".join(
            o.name for o in application.organisations())
    return render_pdf("awards/application_pdf.html", {
        "application": application, "sections": sections, "structure": structure, "submitted": submitted,
        "name": name}, lang)
