"""What the application editor and the jury's score sheet share: reading a submitted field into a value,
saving field by field with the version it was loaded at (autosave or the whole form), and answering
autosave requests as JSON. A conflict never overwrites: the other person's version is shown instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from django.core.exceptions import ValidationError
from django.http import JsonResponse, QueryDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from paritas.web.awards.domain.applications import Conflict
from paritas.web.awards.models import Answer, Application, Area, Question
from paritas.web.ids import parse_id


def percent_label(value: float | None) -> str:
    """A fraction as the reader writes a percentage ("73 %" in German, "73%" in English); "–" for none."""
    from babel.numbers import format_percent

    return "–" if value is None else format_percent(value, locale=(get_language() or "de")[:2])


def parse_answer(question: Question, data: QueryDict, name: str) -> Any:
    """The value of question ``question`` in form field ``name``, as services.save_answer expects it."""
    if question.kind == Question.Kind.MULTIPLE:
        return data.getlist(name)
    raw = (data.get(name) or "").strip()
    if question.kind == Question.Kind.YES_NO:
        return {"yes": True, "no": False}.get(raw)
    if question.kind == Question.Kind.NUMBER and raw:
        # In the reader's convention: "2.984" is 2984 in German, "1,5" one and a half (Babel's CLDR data).
        lang = (get_language() or "de")[:2]
        try:
            return float(parse_decimal(raw.replace("\u202f", "").replace(" ", ""), locale=lang))
        except NumberFormatError:
            return raw  # refused with a message by services.save_answer
    return raw or None


def posted_id(data: QueryDict, name: str) -> int:
    """The id a form names (0, which matches nothing, when it is missing or not a number)."""
    return parse_id(data.get(name)) or 0


def posted_version(data: QueryDict, name: str = "version") -> int:
    """The version the form was loaded at (0: nothing saved yet)."""
    version = parse_id(data.get(name) or "0")
    if version is None:
        raise ValidationError(_("The form is damaged; reload the page."))
    return version


def parse_score(data: QueryDict, name: str) -> int | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    score = parse_id(raw)
    if score is None:
        raise ValidationError(_("Give a whole number."))
    return score


def display(value: Any) -> str:
    """An answer as a person reads it (in conflict messages and read-only views)."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def saved_json(version: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"ok": True, "version": version, **extra,
                         "message": _("Saved at %(time)s") % {"time": timezone.localtime().strftime("%H:%M:%S")}})


def theirs(conflict: Conflict) -> str:
    """The version another person saved, as the reader sees it: an answer, or a score and its comment."""
    current = conflict.current
    if isinstance(current, dict) and "score" in current:
        return f"{current.get('score', '')} – {current.get('comment', '')}"
    return display(current)


def conflict_json(conflict: Conflict) -> JsonResponse:
    return JsonResponse({"conflict": str(conflict), "current": theirs(conflict), "version": conflict.version},
                        status=409)


def error_json(error: ValidationError) -> JsonResponse:
    return JsonResponse({"error": " ".join(error.messages)}, status=400)


def autosave(save: Callable[[], Any], extra: Callable[[], dict[str, Any]] | None = None) -> JsonResponse:
    """Run one field's save and answer the autosave script: the new version (and ``extra()``, such as the
    juror's running total), 409 with the other person's version, or 400 with the reason."""
    try:
        saved = save()
    except Conflict as exc:
        return conflict_json(exc)
    except ValidationError as exc:
        return error_json(exc)
    return saved_json(saved.version, **(extra() if extra else {}))


@dataclass
class Item:
    """One question as the editor shows it."""

    question: Question
    answer: Answer | None
    error: str = ""
    conflict: str = ""
    #: The reviewer's redaction (awards.redaction); None for applicants and administrators.
    redactor: Any = None
    #: Attachments of which an administrator uploaded a redacted copy (anonymised stages).
    redacted_files: frozenset[int] = frozenset()

    @property
    def value(self) -> Any:
        return self.answer.value if self.answer else None

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def redacting(self) -> bool:
        return bool(self.redactor and self.redactor.active)

    @property
    def hidden(self) -> bool:
        return bool(self.redactor and self.redactor.hides(self.question.pk))

    @property
    def shown(self) -> str:
        if self.hidden:
            from paritas.web.awards.redaction import hidden_answer

            return hidden_answer()
        text = display(self.value)
        return self.redactor.text(text) if self.redacting else text

    @property
    def file_name(self) -> str:
        """An attachment's name; in an anonymised stage only that there is one (names carry identities)."""
        if not self.redacting:
            return display(self.value)
        if self.file_available:
            return _("Attachment (redacted copy)")
        return _("Attachment – being redacted by the programme's administrators")

    @property
    def file_available(self) -> bool:
        """Whether the reader may open the attachment: always, except in an anonymised stage before an
        administrator uploaded its redacted copy."""
        if not isinstance(self.value, dict) or self.hidden:
            return False
        return not self.redacting or self.value.get("attachment") in self.redacted_files

    @property
    def number(self) -> str:
        """The number as the reader writes it (parse_answer reads it back in the same convention)."""
        value = self.value
        if self.hidden:
            return self.shown
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.shown
        return format_decimal(value, format="0.######", locale=(get_language() or "de")[:2])


@dataclass
class Section:
    area: Area
    criteria: list[tuple[Any, list[Item]]] = field(default_factory=list)


def sections(application: Application, redactor: Any = None) -> list[Section]:
    """The catalogue with this application's answers, in order: areas → criteria → questions; with a
    ``redactor`` (awards.redaction), as the reviewers of an anonymised stage read it."""
    answers = {a.question_id: a for a in application.answers.all()}
    redacted = frozenset(application.attachments.filter(redacted__isnull=False).values_list("pk", flat=True)) \
        if redactor is not None and redactor.active else frozenset()
    programme = application.round.programme
    questions = Question.objects.filter(criterion__area__programme=programme).select_related("criterion__area")
    out: dict[int, Section] = {}
    for question in questions:
        area = question.criterion.area
        section = out.setdefault(area.pk, Section(area))
        if not section.criteria or section.criteria[-1][0].pk != question.criterion_id:
            section.criteria.append((question.criterion, []))
        section.criteria[-1][1].append(Item(question, answers.get(question.pk), redactor=redactor,
                                            redacted_files=redacted))
    return list(out.values())
