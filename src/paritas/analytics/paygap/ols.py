"""Ordinary least squares with classical standard errors, for the wage regressions of Logib and the
user's own model.

Written here rather than taken from statsmodels because the core needs three things statsmodels' OLS
does not give cheaply on a million rows: the normal equations on column-scaled data (one pass over X),
explicit detection of collinear columns (a factor level that occurs in one group only) with their names,
and no pandas round trip. The tests check every figure against statsmodels' OLS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy import stats

#: A column whose pivot in the scaled normal equations falls below this is collinear with the others.
_RANK_TOLERANCE = 1e-10


@dataclass(frozen=True)
class OLSFit:
    """y = Xb + e fitted by least squares; ``se`` classical (homoskedastic) standard errors."""

    names: tuple[str, ...]
    coef: np.ndarray
    se: np.ndarray
    n: int
    df_resid: int
    r2: float
    dropped: tuple[str, ...]

    def index(self, name: str) -> int:
        return self.names.index(name)

    def t_critical(self, level: float = 0.95) -> float:
        return float(stats.t.ppf(0.5 + level / 2, self.df_resid))

    def predict_mean(self, x_mean: np.ndarray) -> float:
        return float(x_mean @ self.coef)


def independent_columns(x: np.ndarray) -> np.ndarray:
    """Indices of a maximal set of linearly independent columns, keeping earlier columns first."""
    xtx = x.T @ x
    scale = np.sqrt(np.diag(xtx))
    scale[scale == 0] = 1.0
    scaled = xtx / scale[:, None] / scale[None, :]
    keep: list[int] = []
    for j in range(x.shape[1]):
        if np.all(x[:, j] == 0):
            continue
        trial = [*keep, j]
        sub = scaled[np.ix_(trial, trial)]
        # Smallest eigenvalue of the correlation-like matrix: 0 when the new column adds nothing.
        if np.linalg.eigvalsh(sub)[0] > _RANK_TOLERANCE:
            keep.append(j)
    return np.asarray(keep, dtype=np.int64)


def fit(x: np.ndarray, y: np.ndarray, names: Sequence[str], has_intercept: bool = True) -> OLSFit:
    """Least squares via the column-scaled normal equations; collinear columns are dropped and named."""
    n, p = x.shape
    xtx = x.T @ x
    xty = x.T @ y
    scale = np.sqrt(np.diag(xtx))
    keep = np.arange(p)
    try:
        safe = np.where(scale == 0, 1.0, scale)
        factor = scipy.linalg.cho_factor(xtx / safe[:, None] / safe[None, :], lower=False, check_finite=False)
        if np.any(scale == 0) or np.min(np.abs(np.diag(factor[0]))) ** 2 < _RANK_TOLERANCE:
            raise np.linalg.LinAlgError("collinear")
    except (np.linalg.LinAlgError, scipy.linalg.LinAlgError):
        keep = independent_columns(x)
    dropped = tuple(names[j] for j in range(p) if j not in set(keep.tolist()))
    names = tuple(names[j] for j in keep)
    xtx = xtx[np.ix_(keep, keep)]
    xty = xty[keep]
    scale = np.sqrt(np.diag(xtx))
    scaled = xtx / scale[:, None] / scale[None, :]
    factor = scipy.linalg.cho_factor(scaled, lower=False, check_finite=False)
    coef = scipy.linalg.cho_solve(factor, xty / scale, check_finite=False) / scale
    inverse = scipy.linalg.cho_solve(factor, np.eye(len(keep)), check_finite=False) / scale[:, None] / scale[None, :]
    residual = y - x[:, keep] @ coef
    rss = float(residual @ residual)
    df_resid = n - len(keep)
    sigma2 = rss / df_resid if df_resid > 0 else float("nan")
    se = np.sqrt(np.clip(np.diag(inverse), 0.0, None) * sigma2)
    tss = float(((y - y.mean()) ** 2).sum()) if has_intercept else float(y @ y)
    r2 = 1.0 - rss / tss if tss > 0 else float("nan")
    return OLSFit(names, coef, se, n, df_resid, r2, dropped)
