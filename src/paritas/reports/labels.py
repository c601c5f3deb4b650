"""What the interface calls each column and statistic: no internal id (``base_pay``, ``by_category``)
reaches a reader. English source texts; the catalogues translate them."""

from __future__ import annotations

from paritas.reports.i18n import Translator


def _(message: str) -> str:
    """Marks a message for extraction; it is translated where it is used."""
    return message


#: Every canonical column of the HR data contract (docs/hr-data.md) and the ones the reader derives.
COLUMN_LABELS: dict[str, str] = {
    "employee_id": _("personnel number"),
    "gender": _("gender"),
    "birth_year": _("year of birth"),
    "birth_date": _("date of birth"),
    "age": _("age"),
    "hire_date": _("date of entry"),
    "exit_date": _("end of employment"),
    "years_of_service": _("years of service"),
    "weekly_hours": _("weekly hours"),
    "full_time_weekly_hours": _("full-time weekly hours"),
    "employment_rate": _("employment rate"),
    "annual_hours": _("annual hours"),
    "pay_grade": _("pay grade"),
    "job_title": _("job title"),
    "category": _("category of workers"),
    "career_group": _("career group"),
    "department": _("department"),
    "leadership_level": _("leadership level"),
    "base_pay": _("basic pay"),
    "allowances": _("allowances"),
    "bonus": _("bonus"),
    "variable_pay": _("complementary or variable components"),
    "annual_pay": _("gross annual pay"),
    "education": _("education"),
    "skill_level": _("level of requirements"),
    "contract": _("contract type"),
    "trainee": _("trainee or apprentice"),
    "hired": _("new hire"),
    "promoted": _("promotion"),
    "left": _("leaver"),
    "reference_date": _("reference date"),
    "hourly_pay": _("gross hourly pay"),
    "paid_hours": _("paid hours"),
    "is_leader": _("leadership role"),
    "is_part_time": _("part-time"),
    "period_ordinary_pay": _("ordinary pay in the pay period"),
    "period_bonus_pay": _("bonus pay in the pay period"),
    "pay_period_days": _("days in the pay period"),
    "bonus_period_days": _("days of the bonus period"),
    "full_pay": _("full pay in the pay period"),
    "statistical_population": _("statistical population (Logib)"),
}

#: Statistics the structure can skip for want of a column.
STATISTIC_LABELS: dict[str, str] = {
    "leadership": _("leadership positions"),
    "part_time": _("part-time"),
    "leadership_part_time": _("leading part-time"),
    "trainees": _("trainees"),
    "hired": _("hires in the year"),
    "promoted": _("promotions in the year"),
    "left": _("leavers in the year"),
    "by_pay_grade": _("breakdown by pay grade"),
    "by_leadership_level": _("breakdown by leadership level"),
    "by_department": _("breakdown by department"),
    "by_category": _("breakdown by category of workers"),
    "by_career_group": _("breakdown by career group"),
    "by_contract": _("breakdown by contract type"),
    "by_age_band": _("breakdown by age band"),
    "by_working_time": _("breakdown by working time"),
}


def column_label(name: str, t: Translator) -> str:
    """The column's name in the reader's language; an unknown id is shown as it is (a file's own header)."""
    return t(COLUMN_LABELS[name]) if name in COLUMN_LABELS else name


def column_list(names: str | list[str] | tuple[str, ...], t: Translator) -> str:
    """'basic pay, weekly hours' from 'base_pay, weekly_hours' (a list or a comma-separated text)."""
    items = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
    return ", ".join(column_label(n, t) for n in items if n)


def statistic_label(name: str, t: Translator) -> str:
    return t(STATISTIC_LABELS[name]) if name in STATISTIC_LABELS else column_label(name, t)
