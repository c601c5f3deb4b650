"""Pay-gap figures as the laws define them, one module per standard, from one validated HR export.

* :mod:`.eu` — EU Pay Transparency Directive (EU) 2023/970, art. 9(1)(a)–(g), art. 10 flag
* :mod:`.uk` — Equality Act 2010 (Gender Pay Gap Information) Regulations 2017, the six figures
* :mod:`.entgtranspg` — Entgelttransparenzgesetz § 11, § 12(3): comparison pay per pay grade
* :mod:`.logib` — Logib's standard analysis model (Switzerland, FOGE)
* :mod:`.model` and :mod:`.oaxaca` — the user's own model and the explained/unexplained split

:func:`paygap` runs the chosen standards and returns one :class:`PayGapReport`; every figure in it has
passed the suppression rule (:mod:`paritas.analytics.privacy`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from paritas.analytics.io import SourceInfo, Workforce
from paritas.analytics.paygap.common import Gap, Population, Quartile, Shares, binary_pay_frame, require
from paritas.analytics.paygap.eu import EUResult, eu
from paritas.analytics.privacy import SuppressionRule

# The other standards load when they are asked for: the EU figures alone need no regression (and so
# neither Logib's model nor scipy), which keeps ``paritas paygap --standard eu`` quick to start.
if TYPE_CHECKING:
    from paritas.analytics.paygap.entgtranspg import EntgTranspGResult
    from paritas.analytics.paygap.logib import LogibResult
    from paritas.analytics.paygap.model import ModelResult
    from paritas.analytics.paygap.uk import UKResult

STANDARDS = ("eu", "uk", "entgtranspg", "logib")

__all__ = ["STANDARDS", "EUResult", "Gap", "PayGapReport", "Population", "Quartile", "Shares", "eu", "paygap"]


@dataclass(frozen=True)
class PayGapReport:
    """Everything ``paritas paygap`` reports. Every figure is a fraction (0.052 = 5.2 %)."""

    reference_date: date
    source: SourceInfo
    rule: SuppressionRule
    population: Population
    eu: EUResult | None = None
    uk: UKResult | None = None
    entgtranspg: EntgTranspGResult | None = None
    logib: LogibResult | None = None
    model: ModelResult | None = None
    assumptions: tuple[tuple[str, str], ...] = ()
    warnings: int = 0
    definitions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """The stable JSON form documented in docs/json-schema.md (schema ``paritas.paygap/1``)."""
        out: dict[str, object] = {
            "schema": "paritas.paygap/1",
            "reference_date": self.reference_date.isoformat(),
            "source": self.source.to_dict(),
            "suppression": self.rule.to_dict(),
            "population": self.population.to_dict(),
            "assumptions": dict(self.assumptions),
            "warnings_accepted": self.warnings,
        }
        for name in (*STANDARDS, "model"):
            result = getattr(self, name)
            if result is not None:
                out[name] = result.to_dict()
        return out


def paygap(workforce: Workforce, standards: Iterable[str] = STANDARDS, formula: str | None = None,
           rule: SuppressionRule | None = None, *, category: str | None = None,
           comparison_grouping: str | None = None, education_coding: str | None = None,
           logib_method: str = "2024") -> PayGapReport:
    """Run ``standards`` (any of eu, uk, entgtranspg, logib) and, given a formula, the user's model."""
    rule = rule or SuppressionRule()
    # Logib's codes where the file says so (the official data sheet), else ISCED 2011 (docs/hr-data.md)
    education_coding = education_coding or dict(workforce.assumptions).get("education_coding", "isced")
    chosen = set(standards)
    unknown = chosen - set(STANDARDS)
    if unknown:
        raise ValueError(f"unknown standard(s): {', '.join(sorted(unknown))}")
    require(workforce, "hourly_pay", code="paygap_needs_pay")
    prepared = binary_pay_frame(workforce, rule)
    has_grouping = workforce.has("pay_grade") or workforce.has("category")
    eu_result = eu(workforce, rule, category, prepared) if "eu" in chosen else None
    if "uk" in chosen:
        from paritas.analytics.paygap.uk import uk
    if "entgtranspg" in chosen:
        from paritas.analytics.paygap.entgtranspg import entgtranspg
    if "logib" in chosen:
        from paritas.analytics.paygap.logib import logib
    if formula:
        from paritas.analytics.paygap.model import model
    return PayGapReport(
        reference_date=workforce.reference_date, source=workforce.source, rule=rule, population=prepared[1],
        eu=eu_result,
        uk=uk(workforce, rule, prepared, eu_result.quartiles if eu_result else None) if "uk" in chosen else None,
        entgtranspg=(entgtranspg(workforce, rule, comparison_grouping, prepared)
                     if "entgtranspg" in chosen and (has_grouping or comparison_grouping) else None),
        logib=logib(workforce, rule, education_coding, logib_method) if "logib" in chosen else None,
        model=model(workforce, formula, rule) if formula else None,
        assumptions=tuple(workforce.assumptions),
        warnings=len(workforce.warnings),
    )
