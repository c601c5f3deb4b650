"""Award programmes end to end, as services tested without HTTP: templates, eligibility, applications
with versioned answers, submission deadlines, jury assignment and blind scoring, decisions and awards.

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
from paritas.web.awards.domain.decisions import (  # noqa: F401
    decide,
    expiring,
    valid_until,
    validity,
    validity_label,
)
from paritas.web.awards.domain.jury import (  # noqa: F401
    MeetingRow,
    assign,
    assign_balanced,
    declare_conflict,
    meeting,
    save_score,
    scores_visible_to,
    submit_review,
    unassign,
    visible_applications,
    weighted_total,
)
from paritas.web.awards.domain.templates import (  # noqa: F401
    EQUAL_OPPORTUNITY,
    FAMILY_FRIENDLY,
    N_,
    TEMPLATES,
    install_template,
)
