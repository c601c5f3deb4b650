"""A library of ready measures to pick from, in the interface's language: the six action fields of
TOTAL E-QUALITY's questionnaire, the family-friendly employer's checklist, and the measures equality
plans of German cities and Swedish municipalities name most (seed 002: lateral entrants, inclusive
apprenticeships). Picking one copies it into a plan, where it is edited like any other."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Template:
    key: str
    field: object  # a lazy translated string: the action field
    title: object
    description: object
    target_group: object = ""
    indicator: object = ""


RECRUITMENT = _("Recruitment and staff selection")
DEVELOPMENT = _("Personnel development and careers")
COMPATIBILITY = _("Work and family or care")
CULTURE = _("Organisational culture and leadership")
PAY = _("Pay and pay transparency")
ANCHORING = _("Anchoring equal opportunity in the organisation")

MEASURES: tuple[Template, ...] = (
    Template("gender_neutral_ads", RECRUITMENT, _("Gender-neutral job advertisements"),
             _("Every advertisement is written and checked for gender-neutral wording; part-time and job sharing "
               "are offered in every advertisement, leadership posts included."),
             _("HR, hiring managers"), _("share of advertisements checked")),
    Template("mixed_panels", RECRUITMENT, _("Selection panels with women and men"),
             _("Every selection panel has at least one woman and one man; the equality officer takes part."),
             _("hiring managers"), _("share of panels with women and men")),
    Template("lateral_entrants", RECRUITMENT, _("Qualification places for lateral entrants"),
             _("A number of places a year for lateral entrants with a qualification towards a recognised "
               "occupation, open to women returners in particular."),
             _("lateral entrants, returners"), _("places filled a year")),
    Template("inclusive_apprenticeships", RECRUITMENT, _("Inclusive apprenticeships"),
             _("Apprenticeships for young people with disabilities in named departments, with coaching."),
             _("young people with disabilities"), _("apprentices a year")),
    Template("mentoring", DEVELOPMENT, _("Mentoring programme for women"),
             _("A yearly mentoring programme pairing women with experienced leaders, with training sessions."),
             _("women before a first leadership post"), _("participants a year; of them promoted within two years")),
    Template("leadership_coaching", DEVELOPMENT, _("Coaching for women leaders"),
             _("Individual coaching for women in or entering leadership posts."),
             _("women leaders"), _("coachings a year")),
    Template("part_time_leadership", DEVELOPMENT, _("Leadership in part-time and job sharing"),
             _("Leadership posts are open to part-time and tandem leadership; a guide for managers and a pilot."),
             _("leaders, applicants for leadership posts"), _("leaders working part-time")),
    Template("flexible_working", COMPATIBILITY, _("Flexible working time and mobile work"),
             _("Flexitime without core hours where the service allows, mobile work by agreement, a right to "
               "return to full time."),
             _("all staff"), _("staff using flexible arrangements")),
    Template("care_support", COMPATIBILITY, _("Support for staff caring for relatives"),
             _("Advice, care leave without disadvantage, a contact person and an emergency childcare offer."),
             _("staff with care duties"), _("consultations a year")),
    Template("parental_leave_contact", COMPATIBILITY, _("Keeping in touch during parental leave"),
             _("Information, training offers and a return talk for everyone on parental leave, fathers included."),
             _("staff on parental leave"), _("return talks held")),
    Template("leadership_training", CULTURE, _("Training for leaders on equal opportunity"),
             _("A compulsory module on unconscious bias, equal treatment law and family-friendly leadership."),
             _("all leaders"), _("share of leaders trained")),
    Template("harassment_protection", CULTURE, _("Protection against sexual harassment"),
             _("A service agreement, a complaints office, training and a yearly report."),
             _("all staff"), _("complaints handled")),
    Template("pay_review", PAY, _("Yearly review of pay and allowances by gender"),
             _("Basic pay, allowances and bonuses compared by gender every year; unexplained gaps are analysed and "
               "remedied."),
             _("HR, works council"), _("mean gap of allowances")),
    Template("job_evaluation", PAY, _("Gender-neutral job evaluation"),
             _("Jobs are evaluated by skills, effort, responsibility and working conditions (EU 2023/970 art. 4)."),
             _("HR, works council"), _("jobs evaluated")),
    Template("equality_officer_resources", ANCHORING, _("Time and resources for the equality officer"),
             _("The equality officer's release from other duties and budget are set and reported yearly."),
             _("equality officer"), _("hours released a week")),
    Template("yearly_report", ANCHORING, _("Yearly report to the board"),
             _("The structure analysis, targets and progress of measures are reported to the board every year."),
             _("board, management"), _("report presented")),
)

BY_KEY = {m.key: m for m in MEASURES}
