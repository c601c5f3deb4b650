"""Workforce structure against hand-worked examples and an independent pandas computation."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paritas.analytics import io as hrio
from paritas.analytics import synthetic
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.structure import structure
from tests.conftest import REFERENCE, write_text

HEADER = ("Personalnummer;Geschlecht;Wochenstunden;Regelarbeitszeit;Führungsebene;Entgeltgruppe;Geburtsjahr;"
          "Grundentgelt\n")


def _rows(spec: list[tuple[str, float, int, str, int]]) -> str:
    return HEADER + "".join(f"{i};{g};{h};39;{lvl};{grade};{year};40000\n"
                            for i, (g, h, lvl, grade, year) in enumerate(spec))


def test_hand_worked_example(tmp_path):
    # 12 people: 7 women, 4 men, 1 divers. Leaders: 2 women (1 part-time), 3 men (0 part-time).
    spec = [("w", 39, 1, "EG 9a", 1980), ("w", 20, 2, "EG 9a", 1985), ("w", 39, 0, "EG 9a", 1990),
            ("w", 30, 0, "EG 9a", 1999), ("w", 19.5, 0, "EG 5", 2001), ("w", 39, 0, "EG 5", 1975),
            ("w", 39, 0, "EG 5", 1962), ("m", 39, 1, "EG 12", 1970), ("m", 39, 2, "EG 12", 1972),
            ("m", 39, 2, "EG 12", 1981), ("m", 39, 0, "EG 5", 1990), ("d", 39, 0, "EG 5", 1995)]
    w = hrio.read(write_text(tmp_path / "hand.csv", _rows(spec)), reference_date=REFERENCE)
    r = structure(w, SuppressionRule(1))  # k = 1: nothing hidden, every figure checkable by hand
    assert (r.employees.total, r.employees.women, r.employees.men, r.employees.other) == (12, 7, 4, 1)
    assert r.women_share == pytest.approx(7 / 12)
    assert (r.leadership.total, r.leadership.women, r.leadership.men) == (5, 2, 3)
    assert r.leadership.women_share == pytest.approx(2 / 5)
    assert r.representation_ratio == pytest.approx((2 / 5) / (7 / 12))
    assert (r.part_time.women, r.part_time.men, r.part_time.total) == (3, 0, 3)
    assert (r.leadership_part_time.women, r.leadership_part_time.men) == (1, 0)
    assert r.part_time_rate == {"women": pytest.approx(3 / 7), "men": 0.0}
    grades = {row.group: (row.counts.total, row.counts.women) for row in r.breakdown("pay_grade").rows}
    assert grades == {"EG 5": (5, 3), "EG 9a": (4, 4), "EG 12": (3, 0)}
    assert [row.group for row in r.breakdown("pay_grade").rows] == ["EG 5", "EG 9a", "EG 12"]  # natural order
    ages = {row.group: row.counts.total for row in r.breakdown("age_band").rows}
    # ages on 31.12.2024: 44, 39, 34, 25, 23, 49, 62, 54, 52, 43, 34, 29
    assert ages == {"<25": 1, "25-34": 4, "35-44": 3, "45-54": 3, "55-64": 1}
    levels = {row.group: row.counts.total for row in r.breakdown("leadership_level").rows}
    assert levels == {"0": 7, "1": 2, "2": 3}
    assert [s.statistic for s in r.skipped] == ["trainees", "hired", "promoted", "left", "by_career_group",
                                                "by_department", "by_category", "by_contract"]


def test_full_time_equivalents_by_hand(tmp_path):
    """The same 12 people: full time 39 h. Women's FTE: 1 + 20/39 + 1 + 30/39 + 19.5/39 + 1 + 1."""
    spec = [("w", 39, 1, "EG 9a", 1980), ("w", 20, 2, "EG 9a", 1985), ("w", 39, 0, "EG 9a", 1990),
            ("w", 30, 0, "EG 9a", 1999), ("w", 19.5, 0, "EG 5", 2001), ("w", 39, 0, "EG 5", 1975),
            ("w", 39, 0, "EG 5", 1962), ("m", 39, 1, "EG 12", 1970), ("m", 39, 2, "EG 12", 1972),
            ("m", 39, 2, "EG 12", 1981), ("m", 39, 0, "EG 5", 1990), ("d", 45, 0, "EG 5", 1995)]
    w = hrio.read(write_text(tmp_path / "fte.csv", _rows(spec)), reference_date=REFERENCE)
    r = structure(w, SuppressionRule(1))
    women = 4 + (20 + 30 + 19.5) / 39
    everyone = women + 4 + 1  # the 45-hour contract counts as one full-time post
    assert r.employees.fte == pytest.approx(everyone, abs=1e-4)
    assert r.employees.women_fte == pytest.approx(women, abs=1e-4)
    assert r.employees.women_fte_share == pytest.approx(women / everyone)
    assert r.leadership.women_fte_share == pytest.approx((1 + 20 / 39) / (1 + 20 / 39 + 3))
    grades = {row.group: (row.counts.fte, row.counts.women_fte) for row in r.breakdown("pay_grade").rows}
    assert grades["EG 9a"] == (pytest.approx(2 + 50 / 39, abs=1e-4), pytest.approx(2 + 50 / 39, abs=1e-4))
    assert grades["EG 5"] == (pytest.approx(4 + 19.5 / 39, abs=1e-4), pytest.approx(2 + 19.5 / 39, abs=1e-4))
    hidden = structure(w, SuppressionRule(5)).breakdown("pay_grade")
    assert all(row.counts.fte is None for row in hidden.rows if row.counts.suppressed)


def test_fte_from_an_employment_rate(tmp_path):
    text = "Personalnummer;Geschlecht;Beschäftigungsgrad\n" + "".join(
        f"{i};{'w' if i % 2 else 'm'};{rate}\n" for i, rate in enumerate([100, 50, 80, 100, 60, 100, 100, 40]))
    r = structure(hrio.read(write_text(tmp_path / "rate.csv", text), reference_date=REFERENCE), SuppressionRule(1))
    # women are the odd rows: 50, 100, 100, 40 % → 2.9 FTE; all: 1 + .5 + .8 + 1 + .6 + 1 + 1 + .4 = 6.3
    assert r.employees.women_fte == pytest.approx(2.9) and r.employees.fte == pytest.approx(6.3)


def test_default_rule_hides_small_groups_and_rare_gender_counts(tmp_path):
    spec = [("w", 39, 0, "EG 5", 1980)] * 20 + [("m", 39, 0, "EG 5", 1980)] * 10 + \
           [("w", 39, 1, "EG 15", 1970)] * 2 + [("m", 39, 1, "EG 14", 1970)] * 3 + [("d", 39, 0, "EG 5", 1990)] * 2
    w = hrio.read(write_text(tmp_path / "small.csv", _rows(spec)), reference_date=REFERENCE)
    r = structure(w)
    assert r.employees.total == 37 and r.employees.other is None and r.employees.not_stated is None
    assert not r.leadership.suppressed and r.leadership.total == 5
    assert r.leadership_part_time.total == 0  # an empty group identifies nobody
    grades = {row.group: row.counts for row in r.breakdown("pay_grade").rows}
    assert grades["EG 14"].suppressed and grades["EG 15"].suppressed  # 3 and 2 people
    assert grades["EG 5"].total == 32
    out = r.to_dict()
    assert out["employees"]["other"] is None
    assert "fewer than 5" in out["suppression"]["rule"]


def test_secondary_suppression_keeps_a_single_hidden_group_from_being_recovered():
    rule = SuppressionRule(5)
    assert rule.hidden_groups([100, 50, 3]) == {1, 2}  # hiding only the 3 would let total − others reveal it
    assert rule.hidden_groups([100, 50, 3, 4]) == {2, 3}  # two hidden, 7 together: enough
    assert rule.hidden_groups([100, 50, 1, 2]) == {1, 2, 3}  # 3 together is still < 5: add the next smallest
    assert rule.hidden_groups([100, 50, 0]) == set()
    assert rule.hidden_groups([5, 6]) == set()


def test_matches_an_independent_pandas_computation(herne_frame):
    path_frame = herne_frame
    w = hrio.Workforce  # noqa: F841 (type reference)
    workforce = hrio.read(synthetic.write(path_frame, _tmp() / "h.parquet", "parquet", "en"), reference_date=REFERENCE)
    r = structure(workforce)
    df = path_frame.to_pandas()
    assert r.employees.total == len(df)
    assert r.employees.women == (df.gender == "f").sum()
    assert r.women_share == pytest.approx((df.gender == "f").mean())
    leaders = df[df.leadership_level >= 1]
    assert r.leadership.women == (leaders.gender == "f").sum()
    assert r.leadership.women_share == pytest.approx((leaders.gender == "f").mean())
    pt = df.weekly_hours < df.full_time_weekly_hours
    assert r.part_time.men == ((df.gender == "m") & pt).sum()
    by_dept = df.groupby("department").agg(total=("gender", "size"), women=("gender", lambda s: (s == "f").sum()))
    got = {row.group: (row.counts.total, row.counts.women) for row in r.breakdown("department").rows}
    assert got == {k: (int(v.total), int(v.women)) for k, v in by_dept.iterrows()}
    ages = REFERENCE.year - df.birth_year
    bands = pd.cut(ages, [0, 24, 34, 44, 54, 64, 200], labels=["<25", "25-34", "35-44", "45-54", "55-64", "65+"])
    expected = bands.value_counts()
    got_ages = {row.group: row.counts.total for row in r.breakdown("age_band").rows if not row.counts.suppressed}
    assert got_ages == {k: int(v) for k, v in expected.items() if v >= 5}


def _tmp():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp())


def test_seed_001_figures_are_reproduced_from_a_generated_german_export(herne_csv):
    """Seed 001: 2,984 staff, 58 % women; 130 men and 67 women lead (34 %); 4 men and 15 women part-time."""
    r = structure(hrio.read(herne_csv, reference_date=REFERENCE))
    assert r.employees.total == 2984
    assert round(r.women_share * 100) == 58
    assert (r.leadership.men, r.leadership.women) == (130, 67)
    assert round(r.leadership.women_share * 100) == 34
    assert (r.leadership_part_time.men, r.leadership_part_time.women) == (4, 15)


# --- properties ----------------------------------------------------------------------------------------

people = st.lists(st.tuples(st.sampled_from(["w", "m", "d", ""]), st.sampled_from([39.0, 19.5, 30.0]),
                            st.integers(0, 3), st.sampled_from(["EG 5", "EG 9a", "A 13"]),
                            st.integers(1960, 2005)), min_size=1, max_size=60)


def _frame(spec) -> pl.DataFrame:
    return pl.DataFrame({"Personalnummer": [str(i) for i in range(len(spec))],
                         "Geschlecht": [s[0] for s in spec], "Wochenstunden": [s[1] for s in spec],
                         "Regelarbeitszeit": [39.0] * len(spec), "Führungsebene": [s[2] for s in spec],
                         "Entgeltgruppe": [s[3] for s in spec], "Geburtsjahr": [s[4] for s in spec],
                         "Grundentgelt": [40000.0] * len(spec)})


def _structure_of(frame: pl.DataFrame, tmp, name: str, encoding: str = "utf-8", sep: str = ";", k: int = 1):
    path = tmp / name
    text = frame.write_csv(separator=sep)
    path.write_bytes(text.encode(encoding))
    d = structure(hrio.read(path, reference_date=REFERENCE), SuppressionRule(k)).to_dict()
    d.pop("source")
    return d


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=people, seed=st.integers(0, 10_000))
def test_counts_partition_the_workforce_and_ignore_row_order_encoding_and_delimiter(tmp_path, spec, seed):
    frame = _frame(spec)
    base = _structure_of(frame, tmp_path, "a.csv")
    e = base["employees"]
    assert e["women"] + e["men"] + e["other"] + e["not_stated"] == e["total"] == len(spec)
    shares = sum(x / e["total"] for x in (e["women"], e["men"], e["other"], e["not_stated"]))
    assert shares == pytest.approx(1.0)
    for breakdown in base["breakdowns"].values():
        assert sum(row["total"] for row in breakdown["rows"]) == len(spec)
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=seed)
    assert _structure_of(shuffled, tmp_path, "b.csv") == base
    assert _structure_of(frame, tmp_path, "c.csv", encoding="cp1252", sep="\t") == base
    assert _structure_of(frame, tmp_path, "d.csv", encoding="utf-8-sig", sep=",") == base


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=people, k=st.integers(2, 8))
def test_no_shown_group_is_smaller_than_k_and_hidden_groups_cannot_be_recovered(tmp_path, spec, k):
    d = _structure_of(_frame(spec), tmp_path, "k.csv", k=k)
    for breakdown in d["breakdowns"].values():
        shown = [r for r in breakdown["rows"] if not r["suppressed"]]
        hidden = [r for r in breakdown["rows"] if r["suppressed"]]
        assert all(r["total"] >= k or r["total"] == 0 for r in shown)
        # a lone hidden group could be recovered from the total, unless the total is hidden too
        assert len(hidden) != 1 or d["employees"]["suppressed"]
        for r in shown:
            for rare in (r["other"], r["not_stated"]):
                assert rare is None or rare == 0 or rare >= k


def test_career_groups_sort_by_rank_and_pay_grades_by_number():
    from paritas.analytics.structure import natural_key

    careers = ["Höherer Dienst", "Einfacher Dienst", "Mittlerer Dienst", "Gehobener Dienst"]
    assert sorted(careers, key=natural_key) == ["Einfacher Dienst", "Mittlerer Dienst", "Gehobener Dienst",
                                                "Höherer Dienst"]
    grades = ["EG 10", "A 16", "EG 2", "A 7", "EG 9b", "EG 9a", "A 13", "EG 15"]
    assert sorted(grades, key=natural_key) == ["A 7", "A 13", "A 16", "EG 2", "EG 9a", "EG 9b", "EG 10", "EG 15"]
