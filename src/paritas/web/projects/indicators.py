"""Indicator sets: which facts about a participant a funder's common indicators need, so that a project
stores those and nothing else (GDPR art. 5(1)(c), data minimisation; docs/projects.md).

* ESF 2014–2020: the common output indicators on participants of Regulation (EU) No 1304/2013, Annex I
  (gender, employment status, age below 25 / above 54, educational attainment by ISCED level).
* ESF+ 2021–2027: the common output indicators of Regulation (EU) 2021/1057, Annex I (gender, employment
  status, age below 30 / 55 and above, ISCED 0–2, 3–4, 5–8).
* In Sweden the ESF Council also collects the personal identity number (personnummer) of each participant,
  to follow participants up in Statistics Sweden's registers; the "(Sweden)" sets add it.
* The minimal set (national or own funding): gender only.

Special categories of personal data (disability, ethnic origin) are not collected: the platform has no
basis to hold them, and the funder's surveys ask participants directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

#: The fields a participant can have beyond name, organisation, target group and gender.
BIRTH_YEAR, EMPLOYMENT, EDUCATION, PERSONAL_NUMBER = "birth_year", "employment_status", "education", "personal_number"

EMPLOYMENT_CHOICES = [("employed", _("employed, including self-employed")), ("unemployed", _("unemployed")),
                      ("long_term_unemployed", _("long-term unemployed")), ("inactive", _("inactive"))]
EDUCATION_CHOICES = [("isced_0_2", _("primary or lower secondary (ISCED 0–2)")),
                     ("isced_3_4", _("upper secondary or post-secondary (ISCED 3–4)")),
                     ("isced_5_8", _("tertiary (ISCED 5–8)"))]


@dataclass(frozen=True, slots=True)
class IndicatorSet:
    key: str
    label: object
    fields: tuple[str, ...]
    #: the age bands the common indicators count: (younger than, at least)
    age_bands: tuple[int, int] | None


SETS = {
    "minimal": IndicatorSet("minimal", _("gender only (national or own funding)"), (), None),
    "esf_2014_2020": IndicatorSet("esf_2014_2020", _("ESF 2014–2020 common indicators"),
                                  (BIRTH_YEAR, EMPLOYMENT, EDUCATION), (25, 55)),
    "esf_2014_2020_se": IndicatorSet("esf_2014_2020_se", _("ESF 2014–2020 common indicators (Sweden)"),
                                     (BIRTH_YEAR, EMPLOYMENT, EDUCATION, PERSONAL_NUMBER), (25, 55)),
    "esf_plus": IndicatorSet("esf_plus", _("ESF+ 2021–2027 common indicators"),
                             (BIRTH_YEAR, EMPLOYMENT, EDUCATION), (30, 55)),
    "esf_plus_se": IndicatorSet("esf_plus_se", _("ESF+ 2021–2027 common indicators (Sweden)"),
                                (BIRTH_YEAR, EMPLOYMENT, EDUCATION, PERSONAL_NUMBER), (30, 55)),
}
CHOICES = [(s.key, s.label) for s in SETS.values()]


def age_band(birth_year: int | None, on: date, bands: tuple[int, int] | None) -> str:
    """'young', 'middle' or 'older' by age at the end of ``on``'s year (the indicators' "below 25 / above
    54" for ESF, "below 30 / 55 and above" for ESF+); '' where the birth year is not kept."""
    if birth_year is None or bands is None:
        return ""
    age = on.year - birth_year
    return "young" if age < bands[0] else "older" if age >= bands[1] else "middle"


_PERSONAL_NUMBER = re.compile(r"^(\d{2})?(\d{6})[-+]?(\d{4})$")


class InvalidPersonalNumber(ValueError):
    pass


def personal_number(text: str, today: date | None = None) -> str:
    """A Swedish personal identity number in its 12-digit form YYYYMMDDNNNN, checked: a real date of
    birth (or a coordination number, day + 60) and the Luhn check digit over the 10-digit form (Skatteverket,
    SKV 704). Ten digits get their century as Skatteverket does: '+' means 100 years or older."""
    raw = "".join(text.split())
    found = _PERSONAL_NUMBER.match(raw)
    if not found:
        raise InvalidPersonalNumber(_("Write the personal identity number as YYYYMMDD-NNNN."))
    century, body, tail = found.groups()
    ten = body + tail
    digits = [int(c) for c in ten]
    total = 0
    for i, d in enumerate(digits[:9]):
        product = d * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    if (10 - total % 10) % 10 != digits[9]:
        raise InvalidPersonalNumber(_("The check digit of the personal identity number is wrong."))
    today = today or date.today()
    if century is None:
        year = int(body[:2])
        full = 2000 + year if 2000 + year <= today.year else 1900 + year
        if "+" in raw:
            full -= 100
        century = str(full)[:2]
    year, month, day = int(century + body[:2]), int(body[2:4]), int(body[4:6])
    try:
        date(year, month, day - 60 if day > 60 else day)
    except ValueError:
        raise InvalidPersonalNumber(_("The personal identity number does not contain a date of birth.")) from None
    return century + ten
