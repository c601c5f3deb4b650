"""Oaxaca–Blinder decomposition of the mean gap in log pay into an explained and an unexplained part.

Oaxaca (1973), Blinder (1973); the two-fold form with a pooled reference as Jann (2008) and Fortin (2008)
recommend; the same definitions as statsmodels' ``OaxacaBlinder`` (which the tests use to check these
figures). Men are group A, women group B; X̄ are the mean regressors, β the coefficients.

* gap = mean ln pay of men − mean ln pay of women = X̄_A'β_A − X̄_B'β_B (positive when women earn less)
* two-fold, pooled reference β* (a regression on everyone with a gender indicator, whose coefficient is
  left out of β*): explained = (X̄_A − X̄_B)'β*;
  unexplained = X̄_A'(β_A − β*) + X̄_B'(β* − β_B)
* three-fold, from the women's point of view: endowments = (X̄_A − X̄_B)'β_B;
  coefficients = X̄_B'(β_A − β_B); interaction = (X̄_A − X̄_B)'(β_A − β_B)

Each part sums to the gap exactly (OLS with an intercept passes through the means).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from paritas.analytics.paygap import ols


@dataclass(frozen=True, slots=True)
class Decomposition:
    gap: float
    explained: float
    unexplained: float
    endowments: float
    coefficients: float
    interaction: float
    women: int
    men: int
    dropped: tuple[str, ...] = ()

    @property
    def explained_share(self) -> float | None:
        return self.explained / self.gap if self.gap else None

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "dropped": list(self.dropped), "explained_share": self.explained_share,
                "reference": "pooled, with gender indicator (Jann 2008)"}


def decompose(x: np.ndarray, y: np.ndarray, woman: np.ndarray, names: Sequence[str]) -> Decomposition:
    """Decompose the gap in ``y`` (log pay) between men (woman == False) and women over regressors ``x``.

    ``x`` holds an intercept column and no gender column. Columns that are collinear in either group (a
    factor level only one gender has) are left out of all three regressions and named in ``dropped``.
    """
    woman = woman.astype(bool)
    men_x, women_x = x[~woman], x[woman]
    keep = set(ols.independent_columns(men_x).tolist()) & set(ols.independent_columns(women_x).tolist())
    columns = [j for j in range(x.shape[1]) if j in keep]
    dropped = tuple(names[j] for j in range(x.shape[1]) if j not in keep)
    x = x[:, columns]
    names = [names[j] for j in columns]
    men_x, women_x = x[~woman], x[woman]
    fit_a = ols.fit(men_x, y[~woman], names)
    fit_b = ols.fit(women_x, y[woman], names)
    pooled = ols.fit(np.column_stack([x, woman.astype(float)]), y, [*names, "__woman__"])
    beta_a, beta_b = _aligned(fit_a, names), _aligned(fit_b, names)
    beta_star = _aligned(pooled, names)
    mean_a, mean_b = men_x.mean(axis=0), women_x.mean(axis=0)
    gap = float(y[~woman].mean() - y[woman].mean())
    explained = float((mean_a - mean_b) @ beta_star)
    unexplained = float(mean_a @ (beta_a - beta_star) + mean_b @ (beta_star - beta_b))
    return Decomposition(
        gap=gap, explained=explained, unexplained=unexplained,
        endowments=float((mean_a - mean_b) @ beta_b), coefficients=float(mean_b @ (beta_a - beta_b)),
        interaction=float((mean_a - mean_b) @ (beta_a - beta_b)),
        women=int(woman.sum()), men=int((~woman).sum()), dropped=dropped + fit_a.dropped,
    )


def _aligned(fit: ols.OLSFit, names: Sequence[str]) -> np.ndarray:
    values = dict(zip(fit.names, fit.coef, strict=True))
    return np.array([values.get(name, 0.0) for name in names])
