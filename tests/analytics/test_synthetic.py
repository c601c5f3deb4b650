from __future__ import annotations

import polars as pl
import pytest

from paritas.analytics import synthetic


def test_same_seed_same_people_other_seed_other_people():
    a = synthetic.generate(300, seed=5)
    assert a.equals(synthetic.generate(300, seed=5))
    assert not a.equals(synthetic.generate(300, seed=6))


@pytest.mark.parametrize("n", [50, 2984, 11_000])
def test_seed_001_proportions_hold_at_any_size(n):
    f = synthetic.generate(n, seed=2)
    women = (f["gender"] == "f").sum()
    leaders = f.filter(pl.col("leadership_level") >= 1)
    assert women == round(n * 0.58)
    assert leaders.height == round(n * 197 / 2984)
    assert (f["gender"] == "d").sum() == round(n * 0.001)


def test_shape_of_a_municipal_workforce():
    f = synthetic.generate(5000, seed=3)
    assert f["employee_id"].is_unique().all()
    assert (f["weekly_hours"] <= f["full_time_weekly_hours"]).all()
    assert set(f["full_time_weekly_hours"].unique()) == {39.0, 41.0}  # TVöD employees and civil servants
    assert f.filter(pl.col("pay_grade").str.starts_with("A "))["full_time_weekly_hours"].eq(41.0).all()
    assert (f["base_pay"] > 0).all() and (f["allowances"] >= 0).all() and (f["bonus"] >= 0).all()
    fire = f.filter(pl.col("department") == "Feuerwehr")
    assert (fire["gender"] == "f").mean() < 0.25
    women_pt = f.filter((pl.col("gender") == "f") & (pl.col("leadership_level") == 0))
    men_pt = f.filter((pl.col("gender") == "m") & (pl.col("leadership_level") == 0))
    assert (women_pt["weekly_hours"] < women_pt["full_time_weekly_hours"]).mean() > 3 * (
        men_pt["weekly_hours"] < men_pt["full_time_weekly_hours"]).mean()


def test_swedish_profile():
    f = synthetic.generate(2000, seed=4, style="sv")
    assert (f["gender"] == "f").mean() == pytest.approx(0.78, abs=0.001)
    assert f["pay_grade"].str.starts_with("LG").sum() > 1900
