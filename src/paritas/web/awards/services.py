"""Award programmes end to end, as services tested without HTTP: templates, eligibility, applications
with versioned answers and co-applicants, submission deadlines, review stages, jury assignment and blind
scoring, decisions and awards, exports and next year's round.

The rules live in ``awards/domain/`` by part; this module gathers them, so that views and tests have one
place to import from. Defaults follow docs/awards.md (TOTAL E-QUALITY: valid three years; family-friendly
labels: a yes/no checklist with a threshold).
"""

from __future__ import annotations

from paritas.web.awards.domain.applications import (  # noqa: F401
    ATTACHMENT_LIMIT,
    ATTACHMENT_TYPES,
    Conflict,
    attach_plan,
    attach_snapshot,
    checklist_yes,
    clean_text,
    day,
    eligibility_problems,
    missing,
    moment_label,
    round_state,
    save_answer,
    save_file,
    save_redacted_copy,
    start_application,
    submit,
    when,
    when_in,
    withdraw,
)
from paritas.web.awards.domain.catalogue import (  # noqa: F401
    catalogue_in_use,
    move_in_catalogue,
    remove_from_catalogue,
)
from paritas.web.awards.domain.copying import duplicate_programme, next_round  # noqa: F401
from paritas.web.awards.domain.decisions import (  # noqa: F401
    decide,
    expiring,
    reached_final_stage,
    valid_until,
    validity,
    validity_label,
)
from paritas.web.awards.domain.exports import reviews_workbook  # noqa: F401
from paritas.web.awards.domain.jury import (  # noqa: F401
    MeetingRow,
    applicant_organisations,
    assign,
    assign_balanced,
    declare_conflict,
    meeting,
    meeting_stage,
    recommendations_visible_to,
    save_recommendation,
    save_score,
    scores_visible_to,
    stage_means,
    submit_review,
    unassign,
    visible_applications,
    weighted_total,
)
from paritas.web.awards.domain.partners import accept, applications_of, end, invite, pending_for  # noqa: F401
from paritas.web.awards.domain.stages import (  # noqa: F401
    Workflow,
    add_stage,
    apply_selection,
    candidates,
    current_entry,
    days_left,
    enter,
    move,
    open_for_review,
    remove_stage,
    reopen_stage,
    reviewers,
    save_stage,
)
from paritas.web.awards.domain.templates import (  # noqa: F401
    EQUAL_OPPORTUNITY,
    FAMILY_FRIENDLY,
    N_,
    TEMPLATES,
    install_template,
)
