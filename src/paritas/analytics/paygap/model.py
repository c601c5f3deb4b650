"""The user's own wage model: a Wilkinson formula (formulaic) to which Paritas adds gender itself.

``log(hourly_pay) ~ educ + exper + I(exper**2) + tenure + I(tenure**2)`` becomes that regression plus a
``woman`` indicator (men are the reference group), fitted by OLS on the women and men of the file for
whom every variable is present. Reported: the woman coefficient b, its classical standard error and
confidence interval, the effect exp(b) − 1 (the relative pay difference under otherwise equal
characteristics, for a log left-hand side; Halvorsen & Palmquist 1980), n and R²; and the Oaxaca–Blinder
decomposition of the mean gap of the left-hand side over the same regressors (:mod:`.oaxaca`).

Any column of the file may appear in the formula (canonical names, derived columns such as
``hourly_pay``, ``age``, ``years_of_service``, and the file's extra columns); text columns enter as
categories.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import polars as pl

from paritas.analytics.io import Workforce, as_numbers
from paritas.analytics.paygap import ols
from paritas.analytics.paygap.oaxaca import Decomposition, decompose
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.problems import HRDataError, Problem, ProblemReport
from paritas.analytics.schema import MAN, WOMAN, fold_header

GENDER_TERM = "woman"
_LOG = re.compile(r"^\s*(np\.|numpy\.)?log\s*\(")


def _refuse(code: str, **params: str) -> HRDataError:
    problem = Problem("error", code, params=tuple(params.items()))
    return HRDataError(ProblemReport((problem,), ((("error", code, None), 1),)))


@dataclass(frozen=True)
class ModelResult:
    formula: str
    gender_coefficient: float | None
    gender_effect: float | None
    std_error: float | None
    ci_low: float | None
    ci_high: float | None
    effect_ci_low: float | None
    effect_ci_high: float | None
    p_value: float | None
    n: int
    women: int
    men: int
    r2: float | None
    terms: tuple[tuple[str, float, float], ...]
    dropped_terms: tuple[str, ...]
    rows_left_out: int
    log_outcome: bool
    oaxaca: Decomposition | None
    suppressed: bool = False
    #: why no gender effect is reported: ``suppressed``, ``collinear`` (gender follows from the model's
    #: terms) or ``no_variation`` (the model explains pay exactly; the effect has no standard error)
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "formula": self.formula,
            "gender_coefficient": self.gender_coefficient, "gender_effect": self.gender_effect,
            "std_error": self.std_error, "ci_low": self.ci_low, "ci_high": self.ci_high,
            "effect_ci_low": self.effect_ci_low, "effect_ci_high": self.effect_ci_high,
            "p_value": self.p_value, "confidence_level": 0.95,
            "n": self.n, "women": self.women, "men": self.men, "r2": self.r2,
            "reference_group": "men",
            "terms": [{"term": name, "coefficient": b, "std_error": se} for name, b, se in self.terms],
            "dropped_terms": list(self.dropped_terms), "rows_left_out": self.rows_left_out,
            "log_outcome": self.log_outcome, "suppressed": self.suppressed, "reason": self.reason,
            "oaxaca": None if self.oaxaca is None else self.oaxaca.to_dict(),
        }


@dataclass(frozen=True)
class Estimate:
    """A fitted gender effect; shared by the user's model and Logib."""

    fit: ols.OLSFit
    coefficient: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float


def estimate(x: np.ndarray, y: np.ndarray, names: list[str], woman: np.ndarray, has_intercept: bool = True,
             total: ols.Moments | None = None, women: ols.Moments | None = None) -> Estimate:
    """OLS of y on x plus the woman indicator (last column); the indicator's coefficient and its 95 % CI."""
    from scipy.special import stdtr  # Student's t distribution function, without scipy.stats' imports

    woman = woman.astype(bool)
    total = total or ols.Moments.of(x, y)
    women = women or ols.Moments.of(x[woman], y[woman])
    fit = ols.fit_moments(total.with_indicator(women), [*names, GENDER_TERM], has_intercept)
    if GENDER_TERM not in fit.names:
        raise _refuse("model_gender_collinear")
    i = fit.index(GENDER_TERM)
    b, se = float(fit.coef[i]), float(fit.se[i])
    crit = fit.t_critical(0.95)
    p = float(2 * stdtr(fit.df_resid, -abs(b / se))) if se > 0 else float("nan")
    return Estimate(fit, b, se, b - crit * se, b + crit * se, p)


def no_variation(y: np.ndarray, est: Estimate) -> bool:
    """The model leaves nothing to test: pay is the same for everyone, or the terms explain it exactly (R² = 1
    up to rounding), so the gender coefficient's standard error is 0 or rounding noise."""
    scale = float(np.abs(y).max()) if y.size else 0.0
    constant = y.size == 0 or float(np.ptp(y)) <= 1e-12 * max(scale, 1.0)
    exact = not (est.fit.r2 < 1.0 - 1e-10)  # also NaN
    return constant or exact or not (est.std_error > 0 and math.isfinite(est.std_error))


def _binary(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(pl.col("gender").is_in([WOMAN, MAN]))


@ols.one_blas_thread
def model(workforce: Workforce, formula: str, rule: SuppressionRule | None = None) -> ModelResult:
    """Fit the user's ``formula`` with gender added; see the module docstring."""
    from formulaic import Formula
    from formulaic.errors import FormulaicError

    rule = rule or SuppressionRule()
    if "~" not in formula:
        raise _refuse("model_no_outcome", formula=formula)
    try:
        parsed = Formula(formula)
        variables = set(parsed.required_variables)
    except (FormulaicError, SyntaxError, ValueError) as exc:
        raise _refuse("model_syntax", formula=formula, detail=str(exc).splitlines()[0]) from None
    frame = workforce.frame
    if "gender" in variables:
        raise _refuse("model_has_gender", formula=formula)
    # A variable may also be named by the file's own header ("tenure", "Dienstjahre") of a canonical column.
    headers = {fold_header(header): canonical for canonical, header in workforce.columns.items()}
    aliases = {v: headers[fold_header(v)] for v in variables if v not in frame.columns and fold_header(v) in headers}
    frame = frame.with_columns(pl.col(canonical).alias(v) for v, canonical in aliases.items()) if aliases else frame
    unknown = sorted(v for v in variables if v not in frame.columns)
    if unknown:
        known = ", ".join(c for c in frame.columns if not c.startswith("__") and c not in ("row", "gender"))
        raise _refuse("model_unknown_column", columns=", ".join(unknown), known=known)
    data = _binary(frame).select(sorted(variables | {"gender"}))
    # Extra columns arrive as text; one whose every value is a number enters the model as a number
    # (write C(column) to use it as categories).
    data = data.with_columns([numbers for name in variables if name in workforce.extra_columns
                              and (numbers := as_numbers(data[name])) is not None])
    complete = data.drop_nulls()
    left_out = data.height - complete.height
    try:
        matrices = parsed.get_model_matrix(complete.drop("gender"), na_action="drop")
    except Exception as exc:  # formulaic raises many types for a bad term; the user gets one message
        raise _refuse("model_syntax", formula=formula, detail=str(exc).splitlines()[0]) from None
    lhs, rhs = matrices.lhs, matrices.rhs
    y = np.asarray(lhs, dtype=float).ravel()
    x = np.asarray(rhs, dtype=float)
    names = [str(c) for c in rhs.columns]
    finite = np.isfinite(y) & np.all(np.isfinite(x), axis=1)
    woman = (complete["gender"] == WOMAN).to_numpy()[finite]
    left_out += int((~finite).sum())
    y, x = y[finite], x[finite]
    women, men = int(woman.sum()), int((~woman).sum())
    log_outcome = bool(_LOG.match(formula.split("~")[0]))
    def without_effect(reason: str) -> ModelResult:
        return ModelResult(formula, None, None, None, None, None, None, None, None, y.size, women, men, None, (),
                           (), left_out, log_outcome, None, suppressed=reason == "suppressed", reason=reason)

    if not rule.allows_comparison(women, men) or y.size <= x.shape[1] + 1:
        return without_effect("suppressed")
    has_intercept = "Intercept" in names
    total, women_moments = ols.Moments.of(x, y), ols.Moments.of(x[woman], y[woman])
    try:
        est = estimate(x, y, names, woman, has_intercept, total, women_moments)
    except (HRDataError, np.linalg.LinAlgError):  # gender is a combination of the model's terms
        return without_effect("collinear")
    if no_variation(y, est):
        return without_effect("no_variation")
    effect = (lambda v: math.exp(v) - 1) if log_outcome else (lambda _v: None)
    decomposition = decompose(x, y, woman, names, total, women_moments) if has_intercept else None
    fit = est.fit
    return ModelResult(
        formula=formula, gender_coefficient=est.coefficient, gender_effect=effect(est.coefficient),
        std_error=est.std_error, ci_low=est.ci_low, ci_high=est.ci_high,
        effect_ci_low=effect(est.ci_low), effect_ci_high=effect(est.ci_high), p_value=est.p_value,
        n=fit.n, women=women, men=men, r2=fit.r2,
        terms=tuple((name, float(b), float(se)) for name, b, se in zip(fit.names, fit.coef, fit.se, strict=True)),
        dropped_terms=fit.dropped, rows_left_out=left_out, log_outcome=log_outcome, oaxaca=decomposition,
    )
