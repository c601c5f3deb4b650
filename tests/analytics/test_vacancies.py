"""Expected retirements against hand-worked cases of each country's statutory age."""

from __future__ import annotations

from datetime import date

import pytest

from paritas.analytics import io as hrio
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.vacancies import retirement_age_months, retirements
from tests.conftest import write_text


@pytest.mark.parametrize(("country", "born", "woman", "months"), [
    ("DE", 1946, False, 780), ("DE", 1950, True, 784), ("DE", 1958, False, 792), ("DE", 1960, False, 796),
    ("DE", 1963, False, 802), ("DE", 1964, True, 804), ("DE", 1990, False, 804),
    ("CH", 1960, True, 768), ("CH", 1962, True, 774), ("CH", 1964, True, 780), ("CH", 1955, False, 780),
    ("SE", 1960, True, 804), (None, 1960, False, 804)])
def test_statutory_retirement_ages(country, born, woman, months):
    assert retirement_age_months(country, born, woman) == months


def test_retirements_by_year_leadership_and_pay_grade(tmp_path):
    # Reference date 31.12.2024, Germany. Born 1958 (66 y 0 m → July 2024 + 0 → mid-2024: already reached),
    # 1959 (66 y 2 m → 1 Sept 2025), 1960 (66 y 4 m → 1 Nov 2026), 1963 (66 y 10 m → 1 May 2030: beyond the
    # five years), 1964 (67 → 1 July 2031).
    people = [("w", 1959, 1, "A 13")] * 6 + [("m", 1959, 0, "A 13")] * 2 + [("w", 1960, 0, "EG 9")] * 5 + \
        [("m", 1958, 0, "EG 9")] * 5 + [("m", 1963, 0, "EG 5")] * 3 + [("w", 1980, 0, "EG 5")] * 10
    text = "Personalnummer;Geschlecht;Geburtsjahr;Führungsebene;Entgeltgruppe\n" + "".join(
        f"{i};{g};{y};{lvl};{grade}\n" for i, (g, y, lvl, grade) in enumerate(people))
    workforce = hrio.read(write_text(tmp_path / "ret.csv", text), reference_date=date(2024, 12, 31))
    result = retirements(workforce, "DE", SuppressionRule(5))
    assert result.by_year[2025].to_dict() == {"total": 8, "women": 6}
    assert result.by_year[2026].to_dict() == {"total": 5, "women": 5}
    assert all(result.by_year[y].total == 0 for y in (2027, 2028, 2029))
    assert result.leadership_by_year[2025].to_dict() == {"total": 6, "women": 6}
    assert result.by_pay_grade == {"A 13": result.by_year[2025], "EG 9": result.by_year[2026]}
    assert result.beyond.to_dict() == {"total": 5, "women": 0}  # born 1958: 66 in July 2024
    assert "1 July" in result.assumptions[0]
    small = retirements(workforce, "DE", SuppressionRule(9))
    assert small.by_year[2025].total is None and small.by_year[2026].total is None  # 8 and 5 < 9


def test_a_hidden_year_takes_another_with_it(tmp_path):
    # 2025: 8, 2026: 5, 2028: 3 (born 1961: 66 y 6 m → 1 January 2028). 3 < 5 is hidden; so is the next
    # smallest, 2026, or 3 could be worked out from the pay grades' sums.
    people = [("w", 1959, "A 13")] * 8 + [("w", 1960, "EG 9")] * 5 + [("m", 1961, "EG 5")] * 3
    text = "Personalnummer;Geschlecht;Geburtsjahr;Entgeltgruppe\n" + "".join(
        f"{i};{g};{y};{grade}\n" for i, (g, y, grade) in enumerate(people))
    workforce = hrio.read(write_text(tmp_path / "ret.csv", text), reference_date=date(2024, 12, 31))
    result = retirements(workforce, "DE", SuppressionRule(5))
    assert [result.by_year[y].total for y in range(2025, 2030)] == [8, None, 0, None, 0]
    assert set(result.by_pay_grade) == {"A 13"}  # EG 5 (3) hidden, and EG 9 (5) with it


def test_employments_that_end_by_their_date_count_as_leavers_unless_they_retire_first(tmp_path):
    people = [("w", "1990-03-01", "2025-06-30")] * 5 + [("m", "1985-01-01", "2026-03-31")] * 6 + \
        [("w", "1958-02-01", "2026-12-31")] * 2 + [("w", "1980-01-01", "")] * 4
    text = "Personalnummer;Geschlecht;Geburtsdatum;Vertragsende\n" + "".join(
        f"{i};{g};{b};{e}\n" for i, (g, b, e) in enumerate(people))
    workforce = hrio.read(write_text(tmp_path / "exit.csv", text), reference_date=date(2024, 12, 31))
    result = retirements(workforce, "DE", SuppressionRule(5))
    # born Feb 1958: 66 y 0 m → Feb 2024, before the end of the contract: retired, not a leaver
    assert [result.leaving_by_year[y].to_dict() for y in (2025, 2026)] == [{"total": 5, "women": 5},
                                                                          {"total": 6, "women": 0}]
    assert result.beyond.total is None  # the two past the age: 2 < 5, hidden
