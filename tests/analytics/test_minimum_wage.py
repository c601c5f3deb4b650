"""The minimum wage in force on the reference date (MiLoG and its ordinances; Sweden has none)."""

from __future__ import annotations

from datetime import date

import pytest

from paritas.analytics.minimum_wage import statutory_minimum


@pytest.mark.parametrize(("on", "hourly"), [
    (date(2015, 1, 1), 8.50), (date(2016, 12, 31), 8.50), (date(2017, 1, 1), 8.84), (date(2018, 12, 31), 8.84),
    (date(2019, 12, 31), 9.19), (date(2020, 12, 31), 9.35), (date(2021, 6, 30), 9.50), (date(2021, 12, 31), 9.60),
    (date(2022, 6, 30), 9.82), (date(2022, 9, 30), 10.45), (date(2022, 10, 1), 12.00), (date(2023, 12, 31), 12.00),
    (date(2024, 12, 31), 12.41), (date(2025, 12, 31), 12.82), (date(2026, 12, 31), 13.90),
    (date(2027, 1, 1), 14.60),
])
def test_germany_every_step_from_8_50_in_2015(on, hourly):
    wage = statutory_minimum("DE", on)
    assert wage.hourly == hourly
    assert wage.currency == "EUR"
    assert wage.in_force_since <= on


def test_germany_before_2015_had_no_statutory_minimum():
    wage = statutory_minimum("de", date(2014, 12, 31))
    assert wage.hourly is None and wage.reason == "before_introduction"


def test_sweden_has_no_statutory_minimum_wage():
    wage = statutory_minimum("SE", date(2024, 12, 31))
    assert wage.hourly is None and wage.reason == "no_statutory_minimum"


def test_an_unknown_country_is_not_checked():
    assert statutory_minimum(None, date(2024, 12, 31)).reason == "unknown_country"
