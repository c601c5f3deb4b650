"""The pay survey's comparisons on hand-made jobs (paritas.analytics.paysurvey), the suggested pay range
against numpy's percentiles, and the directive's calendar (paritas.analytics.directive)."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from paritas.analytics import jobs, paysurvey
from paritas.analytics.directive import months_after, reporting_duty


def job(title: str, women: int, men: int, pay_w: float | None, pay_m: float | None) -> jobs.JobPay:
    return jobs.JobPay(title, women, men, (pay_w, pay_m), (0.0, 0.0), (pay_w, pay_m))


BANDS = {"A": jobs.Band(2, 400, 500), "B": jobs.Band(2, 400, 500), "C": jobs.Band(1, 300, 400),
         "D": jobs.Band(3, 500, 600)}


def test_equal_work_compares_women_and_men_in_each_job_with_both():
    found = paysurvey.equal_work({"A": job("A", 3, 2, 20.0, 25.0), "B": job("B", 4, 0, 18.0, None)})
    (a,) = found  # B has no men: nothing to compare
    assert (a.key, a.lower_pay, a.higher_pay) == ("A", 20.0, 25.0)
    assert a.gap == pytest.approx((25 - 20) / 25)


def test_equal_value_pools_the_jobs_of_a_category_by_headcount():
    (c,) = paysurvey.equal_value({"400–500": [job("A", 3, 1, 20.0, 30.0), job("B", 1, 3, 24.0, 28.0)]})
    women = (3 * 20 + 1 * 24) / 4  # 21
    men = (1 * 30 + 3 * 28) / 4    # 28.5
    assert (c.lower_pay, c.higher_pay) == pytest.approx((women, men))
    assert c.gap == pytest.approx((men - women) / men) and c.lower_people == (4, 0) and c.higher_people == (0, 4)


def test_women_dominated_work_against_work_valued_equal_or_lower_and_paid_more():
    by_job = {
        "A": job("A", 8, 2, 20.0, 20.0),   # 80 % women, 450 points, 20.00
        "B": job("B", 1, 9, 22.0, 22.0),   # same band (400–500), 480 points, paid more: found
        "C": job("C", 2, 8, 21.0, 21.0),   # lower (350 points), paid more: found
        "D": job("D", 0, 10, 30.0, 30.0),  # valued higher (550): not compared
        "E": job("E", 6, 4, 25.0, 25.0),   # 60 % women: women-dominated itself, not a comparator
    }
    points = {"A": 450.0, "B": 480.0, "C": 350.0, "D": 550.0, "E": 300.0}
    bands = {**BANDS, "E": jobs.Band(1, 300, 400)}
    found = {d.key: d for d in paysurvey.women_dominated(by_job, points, bands)}
    assert set(found) == {"A ↔ B", "A ↔ C"}
    assert found["A ↔ C"].gap == pytest.approx((21 - 20) / 21)
    assert (found["A ↔ B"].lower_points, found["A ↔ B"].higher_points) == (450.0, 480.0)
    # E (women-dominated, 300 points, 25.00) is paid more than everything valued lower: nothing to find.
    assert not any(d.lower == "E" for d in found.values())


def test_women_dominated_finds_nothing_where_the_job_is_paid_at_least_as_much():
    by_job = {"A": job("A", 9, 1, 23.0, 23.0), "B": job("B", 1, 9, 22.0, 22.0), "C": job("C", 2, 8, 23.0, 23.0)}
    assert paysurvey.women_dominated(by_job, {"A": 450.0, "B": 480.0, "C": 350.0}, BANDS) == ()
    # A job just below 60 % women is not women-dominated.
    assert paysurvey.women_dominated({"A": job("A", 59, 41, 20.0, 20.0), "C": job("C", 2, 8, 23.0, 23.0)},
                                     {"A": 450.0, "C": 350.0}, BANDS) == ()


def test_the_suggested_range_is_the_10th_to_90th_percentile_of_basic_pay(tmp_path):
    from paritas.analytics import io as hrio
    from paritas.analytics import synthetic
    from paritas.analytics.paygap.common import binary_pay_frame
    from paritas.analytics.privacy import SuppressionRule

    frame = synthetic.generate(300, seed=11, style="en", reference_date=date(2024, 12, 31))
    path = synthetic.write(frame, tmp_path / "staff.csv", "csv", "en")
    workforce = hrio.read(path, hrio.ReadOptions(reference_date=date(2024, 12, 31)))
    by_job = jobs.job_pay(workforce)
    pay_frame, _population = binary_pay_frame(workforce, SuppressionRule(1))
    checked = 0
    for title, figures in by_job.items():
        values = pay_frame.filter(pl.col("job_title").cast(pl.String) == title)["basic_hourly"].to_numpy()
        if len(values) >= jobs.RANGE_MIN_PEOPLE:
            assert figures.basic_range == pytest.approx((np.percentile(values, 10), np.percentile(values, 90)))
            checked += 1
        else:
            assert figures.basic_range == (None, None)
    assert checked >= 3


def test_six_months_and_two_months_count_to_the_months_last_day():
    assert months_after(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert months_after(date(2026, 6, 7), 6) == date(2026, 12, 7)
    assert months_after(date(2026, 7, 15), 6) == date(2027, 1, 15)


@pytest.mark.parametrize(("workers", "on", "every", "due"), [
    (250, date(2026, 12, 1), 1, date(2027, 6, 7)),
    (250, date(2027, 6, 8), 1, date(2028, 6, 7)),
    (150, date(2026, 12, 1), 3, date(2027, 6, 7)),
    (249, date(2027, 6, 8), 3, date(2030, 6, 7)),
    (100, date(2026, 12, 1), 3, date(2031, 6, 7)),
    (149, date(2031, 6, 8), 3, date(2034, 6, 7)),
    (99, date(2026, 12, 1), None, None),
])
def test_the_reporting_duty_by_size(workers, on, every, due):
    duty = reporting_duty(workers, on)
    assert (duty.every, duty.next_due) == (every, due)
