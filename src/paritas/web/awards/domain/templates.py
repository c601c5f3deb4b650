"""Programme templates: the catalogues programmes start from, in their language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from paritas.web.awards.models import (
    Area,
    Criterion,
    Programme,
    Question,
)

# English message ids, translated when a programme is created in its language (de, sv or en); the
# German texts are those of the seeds (TOTAL E-QUALITY's areas, a local alliance's checklist).
N_ = gettext_noop

EQUAL_OPPORTUNITY = {
    "name": N_("Equal Opportunity Award"), "awarding_body": N_("Jury for Equal Opportunities"),
    "description": N_("An award for equal-opportunity work beyond what the law requires, valid three years (modelled "
                      "on TOTAL E-QUALITY)."),
    "areas": [
        (N_("Recruitment"), [N_("Gender-fair job advertisements and selection")],
         [(N_("How do you make sure that selection procedures are fair to all genders?"), "text")]),
        (N_("Career development"), [N_("Career support and future leaders")],
         [(N_("Which measures support women on their way into leadership positions?"), "text")]),
        (N_("Compatibility of work and family"), [N_("Working time, place of work, offers for families")],
         [(N_("Do you offer leadership positions part-time?"), "yes_no"),
          (N_("Describe what you offer to combine work and family."), "text")]),
        (N_("Partnership culture at work"), [N_("Protection against discrimination and harassment")],
         [(N_("How do you protect staff against discrimination and sexual harassment?"), "text")]),
        (N_("Institutionalised equality work"), [N_("Anchored in mission statement, goals and structures")],
         [(N_("Is there an equality officer or a unit responsible for equality?"), "yes_no"),
          (N_("Which equality goals and indicators have you agreed?"), "text")]),
        (N_("Structural data"), [N_("Workforce structure")],
         [(N_("Employees in total"), "number", "employees.total"),
          (N_("Share of women overall (%)"), "number", "women_share"),
          (N_("Share of women in leadership positions (%)"), "number", "leadership.women_share")]),
    ],
}

FAMILY_FRIENDLY = {
    "name": N_("Family-Friendly Employer"), "awarding_body": N_("Local Alliance for Families"),
    "description": N_("A local label for family-friendly employers: a checklist; employers with at least three "
                      "answers “yes” can apply."),
    "threshold": 3,
    "areas": [
        (N_("Checklist of family-friendly measures"), [N_("Family-friendly measures")], [
            (N_("Flexible working hours"), "yes_no"), (N_("Working from elsewhere"), "yes_no"),
            (N_("Part-time also in leadership"), "yes_no"), (N_("Support with childcare"), "yes_no"),
            (N_("Support for staff caring for relatives"), "yes_no"),
            (N_("Keeping in touch during parental leave"), "yes_no"), (N_("Return-to-work programme"), "yes_no"),
            (N_("Family-friendly meeting times"), "yes_no"), (N_("A contact person for family matters"), "yes_no"),
        ]),
    ],
}
TEMPLATES = {"equal_opportunity": EQUAL_OPPORTUNITY, "family_friendly": FAMILY_FRIENDLY}


@transaction.atomic
def install_template(kind: str, slug: str, language: str = "de", **overrides: Any) -> Programme:
    """A ready programme from one of the shipped templates, its texts in ``language`` (editable afterwards)."""
    from django.utils import translation

    spec = TEMPLATES[kind]
    tr = _  # the template's texts are marked with N_ above; here they are only looked up
    holistic = kind == "equal_opportunity" and overrides.get("holistic")
    with translation.override(language):
        programme = Programme.objects.create(
            slug=slug, name=overrides.get("name", tr(spec["name"])), awarding_body=tr(spec["awarding_body"]),
            description=tr(spec["description"]), validity_years=overrides.get("validity_years", 3),
            eligible_types=overrides.get("eligible_types", []), min_size=overrides.get("min_size", 15),
            languages=[language] + [code for code in ("de", "sv", "en") if code != language],
            checklist_threshold=spec.get("threshold"),
            scoring=Programme.Scoring.HOLISTIC if holistic else Programme.Scoring.WEIGHTED)
        for a, (area_title, criteria, questions) in enumerate(spec["areas"]):
            area = Area.objects.create(programme=programme, title=tr(area_title), order=a)
            for c, title in enumerate(criteria):
                criterion = Criterion.objects.create(area=area, title=tr(title), order=c, scale_max=5,
                                                     weight=Decimal(1),
                                                     minimum=2 if kind == "equal_opportunity" else None)
                for q, question in enumerate(questions):
                    text, kind_ = question[0], question[1]
                    field = question[2] if len(question) > 2 else ""
                    Question.objects.create(criterion=criterion, text=tr(text), kind=kind_, order=q,
                                            structural_field=field,
                                            required=kind_ != "yes_no" or kind == "equal_opportunity")
    return programme


