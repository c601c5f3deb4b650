"""Pay components as the laws split them (allowances are not bonus), UK reg. 6 hourly pay, the EU annual
pay level, art. 10 independent of group size, and suppression that cannot be undone."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paritas.analytics import io
from paritas.analytics.paygap import paygap
from paritas.analytics.paygap.entgtranspg import entgtranspg
from paritas.analytics.paygap.eu import eu
from paritas.analytics.paygap.uk import uk
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.structure import structure


def read(tmp_path: Path, name: str = "w.parquet", **columns: list) -> io.Workforce:
    n = len(columns["gender"])
    frame = pl.DataFrame({"employee_id": [str(i) for i in range(n)], **columns}, strict=False)
    path = tmp_path / name
    frame.write_parquet(path)
    return io.read(path, io.ReadOptions(minimum_hourly_pay=None))


def test_headers_name_allowances_and_bonus_apart(tmp_path):
    text = ("Personalnummer;Geschlecht;Grundentgelt;Zulagen;Leistungsentgelt;Wochenstunden\n"
            "1;w;40000;1200;800;40\n2;m;42000;0;;40\n")
    path = tmp_path / "de.csv"
    path.write_text(text, encoding="utf-8")
    w = io.read(path, io.ReadOptions(minimum_hourly_pay=None))
    assert w.columns["allowances"] == "Zulagen" and w.columns["bonus"] == "Leistungsentgelt"
    f = w.frame.sort("row")
    assert f["variable_pay"].to_list() == [2000.0, 0.0]
    assert f["hourly_pay"].to_list() == pytest.approx([42000 / 2080, 42000 / 2080])
    sv = tmp_path / "sv.csv"
    sv.write_text("Anställningsnummer;Kön;Grundlön;Tillägg;Rörlig lön;Veckoarbetstid\n1;K;400000;1;2;40\n",
                  encoding="utf-8")
    assert set(io.read(sv, io.ReadOptions(minimum_hourly_pay=None)).columns) >= {"allowances", "bonus"}


def test_a_file_with_only_allowances_has_no_uk_bonus_figures(tmp_path):
    # Five women, five men; allowances (shift pay) only. UK: ordinary pay (reg. 3(1)(b)), no bonus figures;
    # EU: complementary components, labelled as allowances.
    w = read(tmp_path, gender=["f"] * 5 + ["m"] * 5, base_pay=[41600.0] * 10, weekly_hours=[40.0] * 10,
             allowances=[0, 0, 0, 2080.0, 2080.0, 0, 4160.0, 4160.0, 4160.0, 4160.0])
    r = paygap(w, ("eu", "uk"))
    assert r.uk.bonus is None and r.uk.bonus_share is None and r.uk.bonus_reason == "allowances_only"
    # Hourly rate with allowances as ordinary pay: women 20 × 3 + 21 × 2 = 102 / 5 = 20.4; men 20 + 4 × 22 = 108 / 5
    assert r.uk.hourly.mean_gap == pytest.approx((21.6 - 20.4) / 21.6)
    assert r.eu.variable_components == "allowances"
    assert r.eu.variable_pay_share.women == pytest.approx(0.4) and r.eu.variable_pay_share.men == pytest.approx(0.8)
    data = r.to_dict()
    assert data["uk"]["bonus_mean_gap"] is None and data["uk"]["bonus_reason"] == "allowances_only"
    assert data["eu"]["variable_components"] == "allowances"


def test_uk_bonus_is_the_bonus_column_only_and_counts_employees_without_hours(tmp_path):
    # Six women, six men; one woman and one man have no hours this period but were paid a bonus.
    w = read(tmp_path, gender=["f"] * 6 + ["m"] * 6,
             base_pay=[41600.0] * 5 + [0.0] + [41600.0] * 5 + [0.0],
             weekly_hours=[40.0] * 5 + [0.0] + [40.0] * 5 + [0.0],
             allowances=[5000.0] * 12,
             bonus=[0, 0, 0, 0, 1000.0, 500.0, 0, 0, 0, 2000.0, 2000.0, 1000.0])
    r = uk(w, SuppressionRule(2))
    # reg. 12 over every relevant employee: women 2 of 6, men 3 of 6.
    assert r.bonus_share.women == pytest.approx(2 / 6) and r.bonus_share.men == pytest.approx(3 / 6)
    # reg. 10: mean bonus women (1000 + 500) / 2 = 750, men 5000 / 3; the allowances play no part.
    assert r.bonus.mean_gap == pytest.approx((5000 / 3 - 750) / (5000 / 3))
    assert r.bonus.median_gap == pytest.approx((2000 - 750) / 2000)


def test_uk_hourly_rate_from_the_relevant_pay_period_as_reg_6(tmp_path):
    # A 30-day pay period. Ordinary pay 3,000; a bonus of 1,200 for a 360-day period is pro-rated to
    # 1,200 / 360 × 30 = 100 (reg. 6(2)); weekly: 3,100 × 7 / 30; hourly ÷ 37.5 = 19.2888…
    women = [3000.0, 2900.0, 2800.0, 2700.0, 2600.0]
    men = [3000.0, 3100.0, 3200.0, 3300.0, 3400.0]
    w = read(tmp_path, gender=["f"] * 5 + ["m"] * 5, base_pay=[36000.0] * 10, weekly_hours=[37.5] * 10,
             period_ordinary_pay=women + men, period_bonus_pay=[1200.0] + [0.0] * 9,
             bonus_period_days=[360.0] + [None] * 9, pay_period_days=[30.0] * 10,
             full_pay=[True] * 9 + [False])
    r = uk(w, SuppressionRule(4))
    assert r.hourly_basis == "pay_period" and "annual_figures" not in r.assumptions
    rate = [(p * 7 / 30) / 37.5 for p in [3100.0, *women[1:]]]
    men_rates = [(p * 7 / 30) / 37.5 for p in men[:4]]  # the fifth man is on reduced pay: not full-pay
    assert r.hourly.women == 5 and r.hourly.men == 4
    assert r.hourly.mean_women == pytest.approx(sum(rate) / 5)
    assert r.hourly.mean_men == pytest.approx(sum(men_rates) / 4)
    assert rate[0] == pytest.approx(19.28888889)
    annual = uk(read(tmp_path, "a.parquet", gender=["f"] * 5 + ["m"] * 5, base_pay=[36000.0] * 10,
                     weekly_hours=[37.5] * 10))
    assert annual.hourly_basis == "annual_figures" and annual.assumptions == ["everyone_full_pay", "annual_figures"]


def test_eu_annual_pay_level_beside_the_hourly_one(tmp_path):
    # Same hourly pay, but women work part-time: the hourly gap is 0, the annual gap is not (art. 3(1)(b)).
    w = read(tmp_path, gender=["f"] * 5 + ["m"] * 5, weekly_hours=[20.0] * 5 + [40.0] * 5,
             base_pay=[20.0 * 20 * 52] * 5 + [20.0 * 40 * 52] * 5)
    r = eu(w)
    assert r.pay.mean_gap == pytest.approx(0.0, abs=1e-12)
    assert r.annual.mean_gap == pytest.approx(0.5) and r.annual.median_gap == pytest.approx(0.5)
    assert r.to_dict()["annual"]["mean_women"] == pytest.approx(20800.0)


def test_art_10_flags_a_small_category_and_withholds_its_figures(tmp_path):
    # Category A: 3 women at 18, 3 men at 20 (gap 10 %) — too small to publish (k = 5), flagged all the same.
    # Category B: 10 and 10 at equal pay.
    w = read(tmp_path, gender=["f"] * 3 + ["m"] * 3 + ["f"] * 10 + ["m"] * 10,
             base_pay=[18 * 2080.0] * 3 + [20 * 2080.0] * 3 + [20 * 2080.0] * 20, weekly_hours=[40.0] * 26,
             category=["A"] * 6 + ["B"] * 20)
    r = eu(w)
    a = next(c for c in r.categories if c.category == "A")
    assert a.flag is True and a.suppressed and a.withheld
    assert r.flagged == ("A",) and r.withheld == ("A",)
    published = r.to_dict()
    cat = next(c for c in published["categories"] if c["category"] == "A")
    assert cat["mean_gap"] is None and cat["pay"]["mean_women"] is None and cat["withheld"] is True
    assert published["flagged_categories"] == ["A"] and published["withheld_categories"] == ["A"]
    assert "0.1" not in json.dumps(cat)
    (assessment,) = r.restricted_dict()["assessment"]
    assert assessment["category"] == "A" and assessment["mean_gap"] == pytest.approx(0.1)


def test_quartiles_do_not_place_one_man_among_a_hundred(tmp_path):
    w = read(tmp_path, gender=["f"] * 99 + ["m"], base_pay=[30000.0 + i for i in range(100)],
             weekly_hours=[40.0] * 100)
    assert all(q.suppressed and q.women is None and q.people is None for q in eu(w).quartiles)


def test_entgtranspg_hides_the_people_of_a_group_hidden_to_protect_another(tmp_path):
    # EG 1 has 2 people (hidden); EG 2 (7 women, 8 men) is hidden with it so that EG 1 cannot be recovered.
    # EG 2's comparison pay is still given (its groups reach six), but not how many people it has.
    genders = ["f", "m"] + ["f"] * 7 + ["m"] * 8 + ["f"] * 20 + ["m"] * 20
    grades = ["EG 1"] * 2 + ["EG 2"] * 15 + ["EG 3"] * 40
    w = read(tmp_path, gender=genders, base_pay=[40000.0] * len(genders), weekly_hours=[40.0] * len(genders),
             pay_grade=grades)
    groups = {g.group: g for g in entgtranspg(w).groups}
    eg2 = groups["EG 2"]
    assert eg2.women is None and eg2.men is None
    assert eg2.for_women.people is None and eg2.for_women.monthly_pay == pytest.approx(40000 / 12)
    assert groups["EG 3"].for_women.people == 20


# ----------------------------------------------------------------------------------------------------
# The suppression property: nothing a result exposes gives back a hidden count


def _hidden_counts_are_unrecoverable(tables: list[tuple[int | None, dict[str, int | None]]], k: int) -> None:
    """Each table: (its published total, {group: published size or None}). A hidden group must not be
    recoverable as total − the shown sizes: either none is hidden, or at least two, with together ≥ k."""
    for total, sizes in tables:
        hidden = [g for g, n in sizes.items() if n is None]
        if not hidden or total is None:
            continue
        assert len(hidden) >= 2, (total, sizes)
        assert total - sum(n for n in sizes.values() if n is not None) >= k, (total, sizes)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_hidden_count_can_be_recovered_from_what_a_result_exposes(tmp_path_factory, data):
    k = data.draw(st.integers(2, 6), label="k")
    groups = data.draw(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=2, max_size=6),
                       label="women and men per grade")
    genders, grades, pay = [], [], []
    for i, (women, men) in enumerate(groups):
        for j in range(women):
            genders.append("f"), grades.append(f"EG {i}"), pay.append(30000.0 + 500 * i + 37 * j)
        for j in range(men):
            genders.append("m"), grades.append(f"EG {i}"), pay.append(31000.0 + 500 * i + 41 * j)
    if sum(w for w, _ in groups) < 1 or sum(m for _, m in groups) < 1:
        return
    tmp = tmp_path_factory.mktemp("prop")
    w = read(tmp, gender=genders, base_pay=pay, weekly_hours=[40.0] * len(genders), pay_grade=grades,
             category=grades)
    rule = SuppressionRule(k)
    result = json.loads(json.dumps(paygap(w, ("eu", "uk", "entgtranspg"), rule=rule).to_dict()))
    s = json.loads(json.dumps(structure(w, rule).to_dict()))
    tables = []
    eu_data = result["eu"]
    population = eu_data["population"]
    total = None if population["women"] is None else population["women"] + population["men"]
    tables.append((total, {c["category"]: None if c["women"] is None else c["women"] + c["men"]
                           for c in eu_data["categories"]}))
    e = result["entgtranspg"]
    tables.append((total, {g["group"]: None if g["women"] is None else g["women"] + g["men"] for g in e["groups"]}))
    breakdown = s["breakdowns"].get("pay_grade")
    if breakdown:
        tables.append((s["employees"]["total"],
                       {r["group"]: None if r.get("suppressed") else r["total"] for r in breakdown["rows"]}))
    _hidden_counts_are_unrecoverable(tables, k)
    # A hidden group shows no count anywhere: not in its pay figures, not in the comparison pay.
    for c in eu_data["categories"]:
        if c["women"] is None:
            assert c["pay"]["women"] is None and c["pay"]["men"] is None
    for g in e["groups"]:
        if g["women"] is None:
            assert g["comparison_pay_for_women"]["people"] is None and g["comparison_pay_for_men"]["people"] is None
    # The same grade is hidden in every table that counts the same people (EU and EntgTranspG).
    hidden_eu = {c["category"] for c in eu_data["categories"] if c["women"] is None}
    hidden_e = {g["group"] for g in e["groups"] if g["women"] is None}
    assert hidden_eu == hidden_e
    # Quartile shares only where k women and k men are ranked.
    women, men = population["women"], population["men"]
    if women is None or women < k or men < k:
        assert all(q["women"] is None for q in eu_data["quartiles"] + result["uk"]["quartiles"])
