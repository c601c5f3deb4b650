"""All reviews of a round as one workbook for the programme's administrators, in the programme's language:
every score and comment per criterion, per juror and stage; each review's weighted total; the
recommendations of recommendation stages. Text is written as text (no live formulas, reports/xlsx.py)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _

from paritas.web.awards.domain.jury import weighted_total
from paritas.web.awards.models import Assignment, Round, Score, Stage


def _juror(assignment: Assignment) -> str:
    return assignment.juror.get_full_name() or assignment.juror.email


def _state(assignment: Assignment) -> str:
    if assignment.conflict_declared:
        return _("conflict declared")
    return _("submitted") if assignment.submitted_at else _("not yet submitted")


def reviews_workbook(round_: Round, lang: str) -> bytes:
    """The workbook: "Scores" (a row per juror × application × criterion), "Reviews" (a row per review
    with its weighted total or recommendation)."""
    from paritas.reports.xlsx import Sheet, write_workbook

    with translation.override(lang):
        assignments = list(Assignment.objects.filter(round=round_)
                           .select_related("stage", "juror", "application__organisation")
                           .order_by("stage__order", "application__organisation__name", "juror__email"))
        scores = (Score.objects.filter(assignment__round=round_)
                  .select_related("assignment__stage", "assignment__juror", "assignment__application__organisation",
                                  "criterion__area")
                  .order_by("assignment__stage__order", "assignment__application__organisation__name",
                            "assignment__juror__email", "criterion__area__order", "criterion__order", "criterion__pk"))
        score_rows = [[s.assignment.stage.name, s.assignment.application.organisation.name, _juror(s.assignment),
                       s.criterion.area.title, s.criterion.title, float(s.criterion.weight), s.criterion.scale_max,
                       s.score, s.comment, _state(s.assignment)] for s in scores if not s.assignment.conflict_declared]
        review_rows = []
        for a in assignments:
            total = weighted_total(a) if a.stage.sheet == Stage.Sheet.SCORES and not a.conflict_declared else None
            review_rows.append([a.stage.name, a.application.organisation.name, _juror(a), _state(a),
                                a.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M") if a.submitted_at else "",
                                total, a.get_recommendation_display() if a.recommendation else "", a.note])
        title = f"{round_.programme.name} – {round_.title}"
        sheets = [
            Sheet(_("Scores"), [_("Stage"), _("Organisation"), _("Juror"), _("Area"), _("Criterion"), _("Weight"),
                                _("Highest score"), _("Score"), _("Comment"), _("State of the review")], score_rows,
                  title=title),
            Sheet(_("Reviews"), [_("Stage"), _("Organisation"), _("Juror"), _("State of the review"), _("Submitted on"),
                                 _("Weighted total"), _("Recommendation"), _("Note")], review_rows, title=title,
                  percent_columns=frozenset({5})),
        ]
    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()
