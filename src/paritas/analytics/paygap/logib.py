"""Switzerland: Logib's standard analysis model (Federal Office for Gender Equality, FOGE/EBG; Art. 13c
GlG), as implemented in the Confederation's own R package ``logib``.

ln(standardised full-time wage) = b0 + b1 years of training + b2 years of service + b3 potential
experience + b4 potential experience² + level of requirements (factor, up to 8 levels) + professional
position (factor, 5 levels) + g·woman + e

* the factors' reference categories are, as in logib's ``run_standard_analysis_model``, the highest level
  of requirements and the highest professional position code present (position 5: no management
  function); a factor with a single level present is left out (absorbed by the intercept);
* age is the year difference, reference year − year of birth (logib ``compute_age``); years of service
  from a date of entry are Excel's YEARFRAC (actual/actual) from the entry to the first day of the month
  after the reference month (logib ``compute_years_of_service``), see :func:`yearfrac`;

* years of training: Logib's education categories 1–8 count 17, 15, 14, 15, 13, 12, 11, 7 years;
* potential experience ("years of earning") = max(age − years of training − 6, 0);
* the standardised wage is the year's pay per full-time equivalent; its logarithm differs from the log of
  gross hourly pay by a constant, so the coefficients (all but the intercept) are the same;
* apprentices and trainees are not part of the analysis (Logib excludes them);
* the gender effect is Kennedy's (1981) estimator exp(g) / exp(var(g)/2) − 1;
* the rating, as the federal tool does it since logib 0.2.0 (2024; its second, one-sided test is gone):
  a two-sided t-test of g = 0 at 5 %; if significant, the Kennedy estimate, truncated to 0.1 percentage
  point, is rated against the target value of 2.5 % and the limit value of 5 % (the value the Gender
  Equality Act's review and federal procurement check): ``not_significant``, ``within_target``
  (≤ 2.5 %), ``above_target`` (> 2.5 %, ≤ 5 %), ``above_limit`` (> 5 %). The pre-2024 rating — a
  one-sided test of |g| > 0.05 at 5 %, t = (|g| − 0.05) / se(g) — is kept as ``method="2021"``;
* minimum: 50 valid employees with at least one woman and one man (Logib), and the Paritas rule of at
  least k women and k men for any pay comparison.

Education comes as ISCED 2011 levels (the HR data contract's default) or Logib's own codes; ISCED levels
are mapped to Logib's categories as documented in docs/methodology.md.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.paygap import ols
from paritas.analytics.paygap.model import GENDER_TERM, estimate, no_variation
from paritas.analytics.paygap.oaxaca import Decomposition, decompose
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.problems import HRDataError
from paritas.analytics.schema import MAN, WOMAN

TOLERANCE_THRESHOLD = 0.05  # the pre-2024 method's tolerance threshold (method "2021")
TARGET_VALUE = 0.025
LIMIT_VALUE = 0.05
SIGNIFICANCE_LEVEL = 0.05
#: "2024": the federal method since logib 0.2.0; "2021": the earlier tolerance-threshold test.
METHODS = ("2024", "2021")
MINIMUM_EMPLOYEES = 50

#: Logib education category → years of training (logib R package, transform_data()).
TRAINING_YEARS = {1: 17.0, 2: 15.0, 3: 14.0, 4: 15.0, 5: 13.0, 6: 12.0, 7: 11.0, 8: 7.0}

#: ISCED 2011 level → Logib category. 0–2 below upper secondary → 8 (no completed vocational training);
#: 3 upper secondary → 5 (Matura/Abitur, the general upper-secondary certificate); its two-digit
#: orientation codes tell the two apart: 34 general → 5, 35 vocational (Lehre/EFZ, Berufsausbildung) → 6;
#: 4 post-secondary non-tertiary → 5 (e.g. Berufsmaturität after an apprenticeship); 5 short-cycle tertiary
#: (higher vocational) → 3; 6 bachelor or Fachhochschule → 2; 7 master and 8 doctorate → 1 (university;
#: Logib has no doctorate category).
ISCED_TO_LOGIB = {0: 8, 1: 8, 2: 8, 3: 5, 34: 5, 35: 6, 4: 5, 5: 3, 6: 2, 7: 1, 8: 1}

#: Education written out, in German, Swedish and English exports.
EDUCATION_WORDS = {
    **dict.fromkeys(("universität", "universitaet", "university", "universitet", "master", "diplom", "magister",
                     "staatsexamen", "promotion", "doktor", "doctorate", "phd", "eth"), 1),
    **dict.fromkeys(("fachhochschule", "fh", "bachelor", "högskola", "hogskola", "kandidatexamen",
                     "pädagogische hochschule"), 2),
    **dict.fromkeys(("höhere berufsausbildung", "meister", "meisterin", "techniker", "technikerin", "fachwirt",
                     "fachwirtin", "yrkeshögskola", "yrkeshogskola", "higher vocational"), 3),
    **dict.fromkeys(("lehrerpatent", "teacher's certificate"), 4),
    **dict.fromkeys(("matura", "abitur", "fachabitur", "hochschulreife", "gymnasieexamen", "a-level",
                     "a-levels"), 5),
    **dict.fromkeys(("berufsausbildung", "ausbildung", "lehre", "lehrabschluss", "efz", "gesellenbrief",
                     "yrkesutbildning", "vocational", "vocational training"), 6),
    **dict.fromkeys(("betriebliche ausbildung", "unternehmensinterne ausbildung", "anlernung", "angelernt",
                     "internal training"), 7),
    **dict.fromkeys(("ohne", "ohne abschluss", "keine", "kein abschluss", "ohne berufsausbildung", "hauptschule",
                     "realschule", "grundskola", "none", "no qualification"), 8),
}

#: The model's factors and the columns of the HR data contract each is built from.
FACTORS: dict[str, tuple[str, ...]] = {
    "education": ("education",),
    "age": ("birth_year", "birth_date", "age"),
    "years_of_service": ("hire_date", "years_of_service"),
    "skill_level": ("skill_level",),
    "professional_position": ("leadership_level",),
}
_FACTOR_COLUMN = {"education": "education", "age": "age", "years_of_service": "years_of_service",
                  "skill_level": "skill_level", "professional_position": "leadership_level"}


@dataclass(frozen=True)
class LogibResult:
    available: bool
    missing_factors: tuple[str, ...]
    reason: str | None
    n: int
    women: int
    men: int
    excluded: int
    trainees: int
    unknown_education: tuple[str, ...]
    coefficient: float | None = None
    std_error: float | None = None
    t_value: float | None = None
    p_value: float | None = None
    df: int | None = None
    gender_effect: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    threshold_t: float | None = None
    threshold_p: float | None = None
    rating: str | None = None
    kennedy_estimate: float | None = None
    method: str = "2024"
    r2: float | None = None
    terms: tuple[tuple[str, float, float], ...] = ()
    oaxaca: Decomposition | None = None

    @property
    def significant(self) -> bool | None:
        return None if self.rating is None else self.rating != "not_significant"

    @property
    def above_threshold(self) -> bool | None:
        """The pre-2024 verdict (method "2021" only)."""
        return None if self.rating is None or self.method != "2021" else self.rating == "above_threshold"

    def to_dict(self) -> dict[str, object]:
        return {
            "available": self.available, "missing_factors": list(self.missing_factors), "reason": self.reason,
            "n": self.n, "women": self.women, "men": self.men, "excluded": self.excluded,
            "trainees_excluded": self.trainees, "unknown_education": list(self.unknown_education),
            "gender_coefficient": self.coefficient, "std_error": self.std_error, "t_value": self.t_value,
            "p_value": self.p_value, "df": self.df, "gender_effect": self.gender_effect,
            "ci_low": self.ci_low, "ci_high": self.ci_high, "confidence_level": 0.95,
            "method": self.method, "kennedy_estimate": self.kennedy_estimate, "target_value": TARGET_VALUE,
            "limit_value": LIMIT_VALUE,
            "tolerance_threshold": TOLERANCE_THRESHOLD if self.method == "2021" else None,
            "threshold_t": self.threshold_t, "threshold_p": self.threshold_p, "significant": self.significant,
            "above_threshold": self.above_threshold, "rating": self.rating, "r2": self.r2,
            "terms": [{"term": name, "coefficient": b, "std_error": se} for name, b, se in self.terms],
            "oaxaca": None if self.oaxaca is None else self.oaxaca.to_dict(),
        }


def kennedy(coefficient: float, variance: float) -> float:
    """Kennedy (1981): the almost unbiased relative effect of a dummy in a semi-log regression."""
    return math.exp(coefficient) / math.exp(variance / 2) - 1


def missing_factors(workforce: Workforce) -> tuple[str, ...]:
    return tuple(f for f, column in _FACTOR_COLUMN.items() if not workforce.has(column))


def training_category(values: pl.Series, coding: str) -> pl.Series:
    """Logib's education category (1–8) of each value, or null where the value is not understood.

    Worked out on the distinct values, then looked up: a million rows hold a handful of codes.
    """
    text = values.cast(pl.Utf8)
    distinct = text.unique().drop_nulls()
    clean = distinct.str.strip_chars().str.to_lowercase()
    number = clean.str.replace(",", ".").cast(pl.Float64, strict=False)
    table = ISCED_TO_LOGIB if coding == "isced" else {k: k for k in TRAINING_YEARS}
    by_number = number.replace_strict({float(k): v for k, v in table.items()}, default=None, return_dtype=pl.Int64)
    by_word = clean.replace_strict(EDUCATION_WORDS, default=None, return_dtype=pl.Int64)
    lookup = dict(zip(distinct.to_list(), by_number.fill_null(by_word).to_list(), strict=True))
    return text.replace_strict(lookup, default=None, return_dtype=pl.Int64)


def truncated(value: float) -> float:
    """``value`` cut (towards zero) to a tenth of a percentage point, as Logib reports it: −2.57 % → −2.5 %."""
    return math.trunc(round(value * 1000, 9)) / 1000


def rate(kennedy_estimate: float, p_value: float) -> str:
    """Logib's rating since 2024: significance first (two-sided, 5 %), then the truncated Kennedy estimate
    against the target value (2.5 %) and the limit value (5 %); at the value itself it is still within."""
    if p_value > SIGNIFICANCE_LEVEL:
        return "not_significant"
    size = abs(truncated(kennedy_estimate))
    if size <= TARGET_VALUE:
        return "within_target"
    return "above_target" if size <= LIMIT_VALUE else "above_limit"


def _rating(b: float, se: float, df: int) -> tuple[str, float, float, float, float]:
    """The pre-2024 rating (method "2021"): the two-sided test, then the one-sided tolerance test."""
    from scipy.special import stdtr  # Student's t distribution function; sf(t) = stdtr(df, −t)

    t_value = b / se
    p_value = float(2 * stdtr(df, -abs(t_value)))
    threshold_t = (abs(b) - TOLERANCE_THRESHOLD) / se
    threshold_p = float(stdtr(df, -threshold_t))
    if p_value > SIGNIFICANCE_LEVEL:
        rating = "not_significant"
    elif threshold_p > SIGNIFICANCE_LEVEL:
        rating = "significant"
    else:
        rating = "above_threshold"
    return rating, t_value, p_value, threshold_t, threshold_p


@ols.one_blas_thread
def logib(workforce: Workforce, rule: SuppressionRule | None = None, education_coding: str = "isced",
          method: str = "2024") -> LogibResult:
    """Logib's standard analysis of one workforce (see the module docstring)."""
    if method not in METHODS:
        raise ValueError(f"unknown Logib method {method!r}; choose one of {', '.join(METHODS)}")
    rule = rule or SuppressionRule()
    missing = missing_factors(workforce) + (() if workforce.has("hourly_pay") else ("pay",))
    needed = ["gender", "hourly_pay", *_FACTOR_COLUMN.values(), "birth_year", "hire_date", "trainee",
              "statistical_population"]
    frame = workforce.frame.select([c for c in needed if c in workforce.frame.columns])
    binary = frame.filter(pl.col("gender").is_in([WOMAN, MAN]))
    if missing:
        return LogibResult(False, missing, "missing_factors", 0, 0, 0, binary.height, 0, ())
    trainee = pl.col("trainee").fill_null(False) if "trainee" in frame.columns else pl.lit(False)
    if "statistical_population" in frame.columns:  # Logib analyses population 1 only (apprentices, interns …)
        trainee = trainee | (pl.col("statistical_population").fill_null(1) != 1)
    trainees = int(binary.select(trainee.sum()).item())
    data = binary.filter(~trainee)
    data = data.with_columns(training_category(data["education"], education_coding).alias("__logib_training"))
    unknown = (data.filter(pl.col("__logib_training").is_null() & pl.col("education").is_not_null())
               ["education"].cast(pl.Utf8).unique().sort().head(5).to_list())
    data = data.with_columns(logib_age(data, workforce.reference_date), logib_years_of_service(data,
                             workforce.reference_date))
    data = data.select(
        pl.col("gender"), pl.col("hourly_pay"),
        pl.col("__logib_training").replace_strict(TRAINING_YEARS, default=None, return_dtype=pl.Float64)
        .alias("training_years"),
        pl.col("__logib_age").alias("age"), pl.col("__logib_service").alias("years_of_service"),
        pl.col("skill_level").cast(pl.Int64),
        pl.col("leadership_level").cast(pl.Int64).alias("level"),
    ).filter(pl.col("hourly_pay") > 0).drop_nulls()
    data = data.with_columns(
        (pl.col("age") - pl.col("training_years") - 6).clip(lower_bound=0).alias("experience"),
        pl.when(pl.col("level") == 0).then(5).otherwise(pl.col("level").clip(1, 4)).alias("position"),
    )
    woman = (data["gender"] == WOMAN).to_numpy()
    women, men = int(woman.sum()), int((~woman).sum())
    excluded = binary.height - trainees - data.height
    base = dict(n=data.height, women=women, men=men, excluded=excluded, trainees=trainees,
                unknown_education=tuple(unknown))
    if data.height < MINIMUM_EMPLOYEES or women == 0 or men == 0:
        return LogibResult(False, (), "too_few_employees", **base)  # type: ignore[arg-type]
    if not rule.allows_comparison(women, men):
        return LogibResult(False, (), "suppressed", **base)  # type: ignore[arg-type]
    x, names = design(data)
    y = np.log(data["hourly_pay"].to_numpy())
    total, women_moments = ols.Moments.of(x, y), ols.Moments.of(x[woman], y[woman])
    try:
        est = estimate(x, y, names, woman, True, total, women_moments)
    except (HRDataError, np.linalg.LinAlgError):  # gender is a combination of the factors: no effect to estimate
        return LogibResult(False, (), "collinear", **base)  # type: ignore[arg-type]
    if no_variation(y, est):  # e.g. the same pay for everyone
        return LogibResult(False, (), "no_variation", **base)  # type: ignore[arg-type]
    fit = est.fit
    old_rating, t_value, p_value, threshold_t, threshold_p = _rating(est.coefficient, est.std_error, fit.df_resid)
    effect = kennedy(est.coefficient, est.std_error ** 2)
    rating = old_rating if method == "2021" else rate(effect, p_value)
    if method != "2021":
        threshold_t = threshold_p = None
    crit = fit.t_critical(0.95)
    return LogibResult(
        True, (), None, **base,  # type: ignore[arg-type]
        coefficient=est.coefficient, std_error=est.std_error, t_value=t_value, p_value=p_value, df=fit.df_resid,
        gender_effect=effect, kennedy_estimate=truncated(effect), method=method,
        ci_low=math.exp(est.coefficient - crit * est.std_error) - 1,
        ci_high=math.exp(est.coefficient + crit * est.std_error) - 1,
        threshold_t=threshold_t, threshold_p=threshold_p, rating=rating, r2=fit.r2,
        terms=tuple((n, float(b), float(s)) for n, b, s in zip(fit.names, fit.coef, fit.se, strict=True)
                    if n != GENDER_TERM),
        oaxaca=decompose(x, y, woman, names, total, women_moments),
    )


def yearfrac(start: date, end: date) -> float:
    """Excel's YEARFRAC(start, end, 1), actual/actual, as logib computes years of service (rounded to five
    decimals as logib's ``yearfrac`` does). Excel's rule, which no Python library reproduces: up to a year
    apart, the days divided by 366 when that span holds a 29 February (or lies in a leap year), else 365;
    further apart, the days divided by the average length of the calendar years the span touches."""
    if start > end:
        start, end = end, start
    if start == end:
        return 0.0
    days = (end - start).days
    within_a_year = start.year == end.year or (
        start.year + 1 == end.year and (start.month, start.day) >= (end.month, end.day))
    if within_a_year:
        leap = (start.year == end.year and calendar.isleap(start.year)) or _holds_feb29(start, end) or (
            end.month == 2 and end.day == 29)
        return round(days / (366.0 if leap else 365.0), 5)
    years = end.year - start.year + 1
    average = (date(end.year + 1, 1, 1) - date(start.year, 1, 1)).days / years
    return round(days / average, 5)


def _holds_feb29(start: date, end: date) -> bool:
    """For dates at most a year apart: a 29 February lies in [start, end)."""
    if calendar.isleap(start.year) and start < date(start.year, 3, 1):
        return True
    return calendar.isleap(end.year) and end >= date(end.year, 3, 1)


def service_reference(reference: date) -> date:
    """The day logib counts service to: the first day of the month after the reference month."""
    return date(reference.year + 1, 1, 1) if reference.month == 12 else date(reference.year, reference.month + 1, 1)


def logib_age(data: pl.DataFrame, reference: date) -> pl.Expr:
    """Age as logib computes it: reference year − year of birth (not the exact age on the day)."""
    if "birth_year" in data.columns:
        return (pl.lit(reference.year) - pl.col("birth_year")).cast(pl.Float64).alias("__logib_age")
    return pl.col("age").cast(pl.Float64).alias("__logib_age")


def logib_years_of_service(data: pl.DataFrame, reference: date) -> pl.Expr:
    """Years of service as logib computes them: YEARFRAC from the date of entry where the file has one
    (worked out once per distinct date), else the file's years of service."""
    if "hire_date" in data.columns:
        end = service_reference(reference)
        distinct = data["hire_date"].drop_nulls().unique().to_list()
        lookup = {d: yearfrac(d, end) for d in distinct}
        from_dates = pl.col("hire_date").replace_strict(lookup, default=None, return_dtype=pl.Float64)
        if "years_of_service" in data.columns:
            from_dates = from_dates.fill_null(pl.col("years_of_service").cast(pl.Float64))
        return from_dates.alias("__logib_service")
    return pl.col("years_of_service").cast(pl.Float64).alias("__logib_service")


def design(data: pl.DataFrame) -> tuple[np.ndarray, list[str]]:
    """The regressors of the standard analysis model (without gender): the factors' levels present, each
    against its highest code as the reference category (logib's ``relevel(…, max(levels))``)."""
    skill = data["skill_level"].to_numpy()
    position = data["position"].to_numpy()
    skill_levels = sorted(set(skill.tolist()))[:-1]  # all but the highest: the reference
    position_levels = sorted(set(position.tolist()))[:-1]
    names = ["Intercept", "years_of_training", "years_of_service", "potential_experience",
             "potential_experience^2", *(f"level_of_requirements[{level}]" for level in skill_levels),
             *(f"professional_position[{level}]" for level in position_levels)]
    x = np.empty((data.height, len(names)), order="F")
    experience = data["experience"].to_numpy()
    x[:, 0] = 1.0
    x[:, 1] = data["training_years"].to_numpy()
    x[:, 2] = data["years_of_service"].to_numpy()
    x[:, 3] = experience
    x[:, 4] = experience ** 2
    j = 5
    for values, levels in ((skill, skill_levels), (position, position_levels)):
        for level in levels:
            x[:, j] = values == level
            j += 1
    return x, names
