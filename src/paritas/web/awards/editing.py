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


def saved_json(version: int) -> JsonResponse:
    return JsonResponse({"ok": True, "version": version,
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


def autosave(save: Callable[[], Any]) -> JsonResponse:
    """Run one field's save and answer the autosave script: the new version, 409 with the other person's
    version, or 400 with the reason."""
    try:
        saved = save()
    except Conflict as exc:
        return conflict_json(exc)
    except ValidationError as exc:
        return error_json(exc)
    return saved_json(saved.version)


@dataclass
class Item:
    """One question as the editor shows it."""

    question: Question
    answer: Answer | None
    error: str = ""
    conflict: str = ""

    @property
    def value(self) -> Any:
        return self.answer.value if self.answer else None

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def shown(self) -> str:
        return display(self.value)

    @property
    def number(self) -> str:
        """The number as the reader writes it (parse_answer reads it back in the same convention)."""
        value = self.value
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return display(value)
        return format_decimal(value, format="0.######", locale=(get_language() or "de")[:2])


@dataclass
class Section:
    area: Area
    criteria: list[tuple[Any, list[Item]]] = field(default_factory=list)


def sections(application: Application) -> list[Section]:
    """The catalogue with this application's answers, in order: areas → criteria → questions."""
    answers = {a.question_id: a for a in application.answers.all()}
    programme = application.round.programme
    questions = Question.objects.filter(criterion__area__programme=programme).select_related("criterion__area")
    out: dict[int, Section] = {}
    for question in questions:
        area = question.criterion.area
        section = out.setdefault(area.pk, Section(area))
        if not section.criteria or section.criteria[-1][0].pk != question.criterion_id:
            section.criteria.append((question.criterion, []))
        section.criteria[-1][1].append(Item(question, answers.get(question.pk)))
    return list(out.values())
