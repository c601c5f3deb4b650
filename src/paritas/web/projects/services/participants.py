"""Participants' personal data: only the facts of the project's indicator set are kept; a personal identity
number is stored as a keyed hash (to find the same person twice) and encrypted (for the funder's report),
never in clear text; a list of participants comes in as CSV all at once or not at all; a person can see
their data and have it erased; after the retention period everything that names a person goes
(docs/projects.md, "Personal data")."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from paritas.web import crypto
from paritas.web.projects import indicators
from paritas.web.projects.models import MonthlyReport, Participant, Partner, Project, TargetGroup


def required(project: Project) -> tuple[str, ...]:
    """The facts beyond name, organisation, target group and gender that the project's set needs."""
    return indicators.SETS[project.indicator_set].fields


def pin_hash(number: str) -> str:
    key = hashlib.sha256(("paritas-personal-number:" + settings.ENCRYPTION_KEY).encode()).digest()
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()


def set_personal_number(participant: Participant, text: str) -> None:
    """Check ``text`` and keep it as hash and cipher text only (raises InvalidPersonalNumber)."""
    number = indicators.personal_number(text)
    participant.personal_number_hash = pin_hash(number)
    participant.personal_number_encrypted = crypto.encrypt(number.encode())


def personal_number(participant: Participant) -> str:
    """The number in clear text, for the funder's report only (the caller logs the access)."""
    if not participant.personal_number_encrypted:
        return ""
    return crypto.decrypt(participant.personal_number_encrypted).decode()


def masked(participant: Participant) -> str:
    """How pages show a stored number: that there is one, never its digits."""
    return "••••••••-••••" if participant.personal_number_hash else ""


def minimise(participant: Participant, project: Project) -> None:
    """Drop every fact the project's indicator set does not need (after a change of the set, too)."""
    fields = required(project)
    if indicators.BIRTH_YEAR not in fields:
        participant.birth_year = None
    if indicators.EMPLOYMENT not in fields:
        participant.employment_status = ""
    if indicators.EDUCATION not in fields:
        participant.education = ""
    if indicators.PERSONAL_NUMBER not in fields:
        participant.personal_number_hash = ""
        participant.personal_number_encrypted = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    column: str
    message: str


#: The CSV columns of a participant list, in the order of the template.
COLUMNS = ("name", "organisation", "target_group", "gender", "birth_year", "employment_status", "education",
           "personal_number", "joined_on")
GENDERS = {"f": "f", "w": "f", "k": "f", "woman": "f", "female": "f", "frau": "f", "kvinna": "f",
           "m": "m", "man": "m", "male": "m", "mann": "m", "d": "d", "x": "d", "other": "d", "divers": "d",
           "annat": "d"}
MAX_ROWS = 20000


def import_csv(project: Project, content: bytes) -> tuple[int, list[RowProblem]]:
    """Add the participants of a CSV file (UTF-8, comma or semicolon): all of them, or none and the
    problems by row and column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, [RowProblem(0, "", _("The file is not UTF-8 text. Save it as CSV UTF-8."))]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    needed = ["name", "organisation", "gender"] + [c for c in required(project) if c != "personal_number"]
    if indicators.PERSONAL_NUMBER in required(project):
        needed.append("personal_number")
    missing = [c for c in needed if c not in header]
    if missing:
        return 0, [RowProblem(1, c, _("This column is missing.")) for c in missing]
    reader.fieldnames = header
    partners = {p.organisation.name.casefold(): p for p in project.partners.select_related("organisation")}
    groups = {g.name.casefold(): g for g in project.target_groups.all()}
    seen: dict[str, int] = {}
    existing = set(project.participants.exclude(personal_number_hash="").values_list("personal_number_hash",
                                                                                       flat=True))
    problems: list[RowProblem] = []
    built: list[Participant] = []
    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            problems.append(RowProblem(line, "", _("A list can have at most %(n)d rows.") % {"n": MAX_ROWS}))
            break
        found = _participant(project, {k: (v or "").strip() for k, v in row.items() if k}, partners, groups, line,
                             problems)
        if found is None:
            continue
        if found.personal_number_hash:
            if found.personal_number_hash in existing:
                problems.append(RowProblem(line, "personal_number", _("This person is already a participant.")))
                continue
            if found.personal_number_hash in seen:
                problems.append(RowProblem(line, "personal_number", _("The same person is in row %(row)d.")
                                           % {"row": seen[found.personal_number_hash]}))
                continue
            seen[found.personal_number_hash] = line
        built.append(found)
    if problems:
        return 0, problems[:200]
    with transaction.atomic():
        Participant.objects.bulk_create(built)
    return len(built), []


def _participant(project: Project, row: dict[str, str], partners: dict[str, Partner],
                 groups: dict[str, TargetGroup], line: int, problems: list[RowProblem]) -> Participant | None:
    before = len(problems)
    fields = required(project)

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(line, column, message))

    name = " ".join(row.get("name", "").split())[:200]
    if not name:
        problem("name", _("A name is needed."))
    partner = partners.get(row.get("organisation", "").casefold())
    if partner is None:
        problem("organisation", _("“%(value)s” is not an organisation of this project.")
                % {"value": row.get("organisation", "")[:80]})
    group = None
    if row.get("target_group"):
        group = groups.get(row["target_group"].casefold())
        if group is None:
            problem("target_group", _("“%(value)s” is not a target group of this project.")
                    % {"value": row["target_group"][:80]})
    gender = GENDERS.get(row.get("gender", "").casefold())
    if gender is None:
        problem("gender", _("Write f, m or d."))
    participant = Participant(project=project, partner=partner, target_group=group, name=name, gender=gender or "",
                              joined_on=project.starts_on)
    if row.get("joined_on"):
        try:
            participant.joined_on = date.fromisoformat(row["joined_on"])
        except ValueError:
            problem("joined_on", _("Write the date as YYYY-MM-DD."))
    if indicators.BIRTH_YEAR in fields:
        value = row.get("birth_year", "")
        if not (value.isdigit() and 1900 <= int(value) <= project.ends_on.year - 14):
            problem("birth_year", _("Write a year of birth such as 1975."))
        else:
            participant.birth_year = int(value)
    for column, choices in ((indicators.EMPLOYMENT, indicators.EMPLOYMENT_CHOICES),
                            (indicators.EDUCATION, indicators.EDUCATION_CHOICES)):
        if column in fields:
            value = row.get(column, "")
            if value not in {key for key, _label in choices}:
                problem(column, _("Use one of: %(values)s.") % {"values": ", ".join(k for k, _l in choices)})
            else:
                setattr(participant, column, value)
    if indicators.PERSONAL_NUMBER in fields:
        try:
            set_personal_number(participant, row.get("personal_number", ""))
        except indicators.InvalidPersonalNumber as exc:
            problem("personal_number", str(exc))
    return participant if len(problems) == before else None


def person_data(participant: Participant) -> dict[str, Any]:
    """What the project holds about a person (GDPR art. 15), the number masked."""
    return {"project": participant.project.name, "name": participant.name,
            "organisation": participant.partner.organisation.name,
            "target_group": participant.target_group.name if participant.target_group else "",
            "gender": participant.get_gender_display(), "birth_year": participant.birth_year,
            "employment_status": participant.get_employment_status_display(),
            "education": participant.get_education_display(),
            "personal_number": "stored (not shown)" if participant.personal_number_hash else "",
            "joined_on": participant.joined_on.isoformat(),
            "attendance": [{"activity": a.activity.title, "day": a.on.isoformat(), "hours": str(a.hours)}
                           for a in participant.attendances.select_related("activity")]}


def anonymise(participant: Participant) -> None:
    """Erase what names the person; gender, organisation, target group and hours stay for the figures the
    funder has already received (GDPR art. 17(3)(b): a legal obligation to keep the project's records)."""
    participant.name = _("anonymised participant")
    participant.birth_year = None
    participant.employment_status = participant.education = ""
    participant.personal_number_hash = ""
    participant.personal_number_encrypted = None
    participant.anonymised = True
    participant.save()


def erase(participant: Participant) -> str:
    """A person's request to be erased: removed entirely where no monthly report stated them yet (so no
    record must be kept), else anonymised. Returns 'deleted' or 'anonymised'."""
    reported = any(str(participant.pk) in (hours or {}) for hours in
                   MonthlyReport.objects.filter(project=participant.project_id).values_list("hours", flat=True))
    if reported:
        anonymise(participant)
        return "anonymised"
    participant.delete()
    return "deleted"


def due_for_anonymisation(today: date | None = None) -> list[Project]:
    """Projects whose retention period has run out: five years (PARITAS_PROJECT_RETENTION_YEARS) after the
    31 December of their last year."""
    today = today or date.today()
    last_year = today.year - settings.PROJECT_RETENTION_YEARS - 1
    return list(Project.objects.filter(ends_on__year__lte=last_year, anonymised_on__isnull=True))


@transaction.atomic
def anonymise_project(project: Project, today: date | None = None) -> int:
    """Anonymise every participant and drop the workbooks of the monthly reports (they name people); the
    stated hours stay, keyed by the anonymised rows. Returns the number of participants."""
    count = 0
    for participant in project.participants.filter(anonymised=False):
        anonymise(participant)
        count += 1
    MonthlyReport.objects.filter(project=project).update(workbook=b"")
    project.anonymised_on = today or date.today()
    project.save(update_fields=["anonymised_on"])
    return count
