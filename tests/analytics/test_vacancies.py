"""Expected retirements against hand-worked cases of each country's statutory age."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from paritas.analytics import io as hrio
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.vacancies import (
    SOURCES,
    Count,
    Retirements,
    _count,
    _table,
    retirement_age_months,
    retirement_age_months_expr,
    retirements,
)
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


@pytest.mark.parametrize("country", ["DE", "CH", "SE", None])
def test_the_vectorised_age_is_the_statutory_one_for_every_year_of_birth(country):
    years = list(range(1930, 2011))
    frame = pl.DataFrame({"year": years * 2, "woman": [False] * len(years) + [True] * len(years)})
    got = frame.with_columns(m=retirement_age_months_expr(country, pl.col("year"), pl.col("woman")))["m"].to_list()
    assert got == [retirement_age_months(country, y, w) for y, w in frame.iter_rows()]


# The person-by-person loop the counts were computed with before they were vectorised: the independent
# computation the vectorised one is held to, row for row, on a workforce with every kind of person.
WOMAN = "f"
YEARS_AHEAD = 5


def _person_by_person(workforce: hrio.Workforce, country: str | None, rule: SuppressionRule | None = None,
                years: int = YEARS_AHEAD) -> Retirements | None:
    """Expected retirements in the ``years`` calendar years after the reference date; None without a
    date or year of birth."""
    rule = rule or SuppressionRule()
    frame = workforce.frame
    assumed: tuple[str, ...] = ()
    if "birth_date" in frame.columns:
        birthday = pl.col("birth_date")
    elif "birth_year" in frame.columns:
        birthday = pl.date(pl.col("birth_year").cast(pl.Int32, strict=False), 7, 1)
        assumed = ("birthday 1 July (only the year of birth is known)",)
    elif "exit_date" in frame.columns:
        birthday = pl.lit(None, pl.Date)
    else:
        return None
    born = frame.select(birthday.alias("born"), "gender", *(["is_leader"] if "is_leader" in frame.columns else []),
                        *(["pay_grade"] if "pay_grade" in frame.columns else []))
    if country not in SOURCES:
        assumed = (*assumed, "retirement age 67 (no statutory age known for the country)")
    reference = workforce.reference_date
    first, last = reference.year + 1, reference.year + years
    rows = []
    for born_on, gender, *rest in born.iter_rows():
        if born_on is None:
            continue
        months = retirement_age_months(country, born_on.year, gender == WOMAN)
        total_months = born_on.month - 1 + months
        retire = date(born_on.year + total_months // 12, total_months % 12 + 1, 1)
        leader = bool(rest[0]) if "is_leader" in born.columns else False
        grade = rest[-1] if "pay_grade" in born.columns else None
        rows.append((retire, gender == WOMAN, leader, grade))
    years_ahead = list(range(first, last + 1))
    per_year = [[r for r in rows if r[0].year == year] for year in years_ahead]
    by_year = dict(zip(years_ahead, _table(rule, [(len(p), sum(r[1] for r in p)) for p in per_year]), strict=True))
    leaders = [[r for r in p if r[2]] for p in per_year]
    lead_by_year = dict(zip(years_ahead, _table(rule, [(len(p), sum(r[1] for r in p)) for p in leaders]),
                            strict=True))
    within = [r for r in rows if first <= r[0].year <= last]
    grades = sorted({str(r[3]) for r in within if r[3] is not None})
    per_grade = [[r for r in within if str(r[3]) == grade] for grade in grades]
    by_grade = {g: c for g, c in zip(grades, _table(rule, [(len(p), sum(r[1] for r in p)) for p in per_grade]),
                                     strict=True) if c.total is not None}
    past = [r for r in rows if r[0] <= reference]
    leaving: dict[int, Count] = {}
    if "exit_date" in frame.columns:
        exits = []
        for end, person in zip(frame.get_column("exit_date").to_list(), born.iter_rows(), strict=True):
            gender = person[1]
            if end is None or not first <= end.year <= last:
                continue
            born_on = person[0]
            if born_on is not None:
                months = born_on.month - 1 + retirement_age_months(country, born_on.year, gender == WOMAN)
                if date(born_on.year + months // 12, months % 12 + 1, 1) <= end:
                    continue  # retires first: a retirement, not a leaver
            exits.append((end.year, gender == WOMAN))
        per = [[e for e in exits if e[0] == year] for year in years_ahead]
        leaving = dict(zip(years_ahead, _table(rule, [(len(p), sum(e[1] for e in p)) for p in per]), strict=True))
    return Retirements(country, SOURCES.get(country or "", "assumed"), by_year, lead_by_year, by_grade,
                       _count(rule, len(past), sum(r[1] for r in past)), assumed, leaving)


@pytest.mark.parametrize("country", ["DE", "CH", "SE", "FR"])
@pytest.mark.parametrize("birth", ["birth_year", "birth_date"])
def test_the_counts_equal_the_person_by_person_loop(country, birth):
    from paritas.analytics import synthetic

    frame = synthetic.generate(6000, seed=23, reference_date=date(2024, 12, 31))
    if birth == "birth_date":
        row = pl.int_range(pl.len())
        frame = frame.with_columns(birth_date=pl.date(pl.col("birth_year").cast(pl.Int32), row % 12 + 1,
                                                      1 + row % 28)).drop("birth_year")
    # some people leave on a date in the next years (before or after they would retire), some have no birthday
    frame = frame.with_columns(
        exit_date=pl.when(pl.int_range(pl.len()) % 7 == 0)
        .then(pl.lit(date(2025, 3, 1)) + pl.duration(days=pl.int_range(pl.len()) % 2000)).otherwise(None),
        gender=pl.when(pl.int_range(pl.len()) % 97 == 0).then(None).otherwise(pl.col("gender")))
    workforce = _workforce(frame)
    for rule in (SuppressionRule(), SuppressionRule(min_group_size=40)):
        assert retirements(workforce, country, rule) == _person_by_person(workforce, country, rule)


def _workforce(frame: pl.DataFrame) -> hrio.Workforce:
    source = hrio.SourceInfo("synthetic.parquet", "parquet", rows=frame.height)
    return hrio.Workforce(frame.with_columns(is_leader=pl.col("leadership_level") >= 1), source, {}, (), (),
                          date(2024, 12, 31))
