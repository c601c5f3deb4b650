"""Job evaluation arithmetic on a hand-worked job set, the bands, the weight check against numpy's
correlation, and pay by job against a hand computation."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from paritas.analytics import io as hrio
from paritas.analytics import jobs

#: Two sub-factors per factor, four levels each, a 1,000-point total.
PLAN = jobs.FactorPlan(
    {"skills": 0.4, "effort": 0.2, "responsibility": 0.3, "working_conditions": 0.1},
    (jobs.SubFactor("knowledge", "skills", 0.5, 4), jobs.SubFactor("communication", "skills", 0.5, 4),
     jobs.SubFactor("physical", "effort", 0.5, 4), jobs.SubFactor("emotional", "effort", 0.5, 4),
     jobs.SubFactor("people", "responsibility", 0.6, 4), jobs.SubFactor("money", "responsibility", 0.4, 4),
     jobs.SubFactor("environment", "working_conditions", 1.0, 4)))

SCORES = {
    # knowledge, communication, physical, emotional, people, money, environment
    "nurse": dict(zip([s.key for s in PLAN.subfactors], (3, 4, 3, 4, 4, 1, 3), strict=True)),
    "engineer": dict(zip([s.key for s in PLAN.subfactors], (4, 2, 1, 1, 1, 4, 4), strict=True)),
    "caretaker": dict(zip([s.key for s in PLAN.subfactors], (1, 2, 4, 1, 1, 1, 4), strict=True)),
}


def test_points_by_hand():
    PLAN.check()
    # nurse: skills 1000·0.4·0.5·(3/4 + 4/4) = 350; effort 1000·0.2·0.5·(3/4 + 4/4) = 175;
    # responsibility 1000·0.3·(0.6·4/4 + 0.4·1/4) = 210; conditions 1000·0.1·3/4 = 75: 810.
    assert jobs.factor_points(PLAN, SCORES["nurse"]) == pytest.approx(
        {"skills": 350, "effort": 175, "responsibility": 210, "working_conditions": 75})
    assert jobs.points(PLAN, SCORES["nurse"]) == pytest.approx(810)
    # engineer: 200·(4+2)/4 = 300; 100·(1+1)/4 = 50; 300·(0.6/4 + 0.4) = 165; 100 (site work): 615.
    assert jobs.points(PLAN, SCORES["engineer"]) == pytest.approx(615)
    # caretaker: 200·3/4 = 150; 100·5/4 = 125; 300·(0.15 + 0.1) = 75; 100: 450.
    assert jobs.points(PLAN, SCORES["caretaker"]) == pytest.approx(450)
    top = {s.key: s.levels for s in PLAN.subfactors}
    assert jobs.points(PLAN, top) == pytest.approx(1000)


def test_bands_are_the_categories_of_equal_value():
    scores = {job: jobs.points(PLAN, levels) for job, levels in SCORES.items()}
    fixed = jobs.bands(scores, width=100)
    assert (fixed["nurse"].index, fixed["engineer"].index, fixed["caretaker"].index) == (8, 6, 4)
    assert fixed["nurse"].label == "800–900"
    chosen = jobs.bands(scores, boundaries=[500, 800])
    assert chosen["engineer"] == jobs.Band(1, 500, 800) and chosen["nurse"].label == "≥ 800"
    assert chosen["caretaker"].index == 0
    assert jobs.bands({"edge": 500.0}, boundaries=[500]).get("edge").index == 1  # a boundary opens its band
    with pytest.raises(jobs.PlanError):
        jobs.bands(scores)
    with pytest.raises(jobs.PlanError):
        jobs.bands(scores, boundaries=[500, 500])


def test_plans_and_scores_that_cannot_be_used_are_refused():
    broken = jobs.FactorPlan({"skills": 0.5, "effort": 0.5}, PLAN.subfactors)
    with pytest.raises(jobs.PlanError, match="four factors"):
        broken.check()
    heavy = jobs.FactorPlan({**PLAN.factor_weights, "skills": 0.5}, PLAN.subfactors)
    with pytest.raises(jobs.PlanError, match="100 %"):
        heavy.check()
    with pytest.raises(jobs.PlanError, match="1 to 4"):
        jobs.points(PLAN, {**SCORES["nurse"], "knowledge": 5})
    with pytest.raises(jobs.PlanError, match="no level"):
        jobs.points(PLAN, {"knowledge": 1})
    jobs.default_plan().check()
    assert jobs.points(jobs.default_plan(), {k: 5 for k, _f in jobs.DEFAULT_SUBFACTORS}) == pytest.approx(1000)


def test_the_weight_check_against_numpys_weighted_correlation():
    people = {"nurse": (18, 2), "engineer": (3, 12), "caretaker": (1, 9)}
    checks = {c.factor: c for c in jobs.weight_check(PLAN, SCORES, people)}
    share = np.array([2 / 20, 12 / 15, 9 / 10])
    w = np.array([20.0, 15.0, 10.0])
    for factor in jobs.FACTORS:
        x = np.array([jobs.factor_points(PLAN, SCORES[j])[factor] for j in ("nurse", "engineer", "caretaker")])
        expected = np.cov(x, share, aweights=w)[0, 1] / np.sqrt(np.cov(x, aweights=w) * np.cov(share, aweights=w))
        assert checks[factor].correlation == pytest.approx(expected)
    # Working conditions give the engineer and the caretaker (mostly men) 100 points, the nurse 75: flagged;
    # effort (emotional) and responsibility (for people) reward the nurse: not.
    assert checks["working_conditions"].flagged and not checks["effort"].flagged
    assert not checks["responsibility"].flagged
    assert jobs.weight_check(PLAN, {"nurse": SCORES["nurse"]}, people)[0].correlation is None


def test_pay_by_job_against_a_hand_computation(tmp_path):
    csv = tmp_path / "pay.csv"
    pl.DataFrame({
        "employee_id": ["1", "2", "3", "4", "5", "6"],
        "gender": ["f", "f", "m", "m", "f", "m"],
        "job_title": ["Nurse", "Nurse", "Nurse", "Engineer", "Engineer", "Engineer"],
        "base_pay": [36000.0, 40000.0, 44000.0, 60000.0, 54000.0, 66000.0],
        "bonus": [0.0, 2000.0, 0.0, 6000.0, 0.0, 0.0],
        "weekly_hours": [40.0] * 6, "full_time_weekly_hours": [40.0] * 6,
    }).write_csv(csv)
    workforce = hrio.read(csv, hrio.ReadOptions(reference_date=date(2025, 12, 31)))
    found = jobs.job_pay(workforce)
    hours = workforce.frame["paid_hours"][0]
    nurse = found["Nurse"]
    assert (nurse.women, nurse.men) == (2, 1)
    assert nurse.basic[0] == pytest.approx((36000 + 40000) / 2 / hours)
    assert nurse.variable[0] == pytest.approx(1000 / hours) and nurse.variable[1] == pytest.approx(0)
    assert nurse.total[1] == pytest.approx(44000 / hours)
    both = jobs.pooled([found["Nurse"], found["Engineer"]])
    assert (both.women, both.men) == (3, 3)
    assert both.total[0] == pytest.approx((36000 + 42000 + 54000) / 3 / hours)
    assert both.total[1] == pytest.approx((44000 + 66000 + 66000) / 3 / hours)


def test_the_answer_to_a_request_for_information_by_hand():
    from paritas.analytics.privacy import SuppressionRule

    nurse = jobs.JobPay("Nurse", 6, 5, (20.0, 22.0), (1.0, 2.0), (21.0, 24.0))
    midwife = jobs.JobPay("Midwife", 4, 1, (25.0, 26.0), (0.5, 0.0), (25.5, 26.0))
    found = jobs.answer([nurse], [nurse, midwife], SuppressionRule(5))
    assert not found.same_work.withheld and found.same_work.total == (21.0, 24.0)
    # Equal value: women (6·21 + 4·25.5) / 10 = 22.8, men (5·24 + 1·26) / 6 = 24.333…
    assert found.equal_value.women == 10 and found.equal_value.men == 6
    assert found.equal_value.total[0] == pytest.approx(22.8) and found.equal_value.total[1] == pytest.approx(146 / 6)
    assert found.equal_value.basic[0] == pytest.approx((6 * 20 + 4 * 25) / 10)
    # The midwives alone: one man. Withheld from the worker, figures and all.
    alone = jobs.answer([midwife], None, SuppressionRule(5))
    assert alone.same_work.withheld and alone.same_work.total == (None, None) and alone.equal_value is None
    assert (alone.same_work.women, alone.same_work.men) == (4, 1)
