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
        from scipy.special import stdtrit  # the t quantile itself, without scipy.stats' 0.5 s of imports

        return float(stdtrit(self.df_resid, 0.5 + level / 2))


def independent_columns(xtx: np.ndarray) -> np.ndarray:
    """Indices of a maximal set of linearly independent columns, given X'X; earlier columns are kept first."""
    scale = np.sqrt(np.clip(np.diag(xtx), 0.0, None))
    safe = np.where(scale == 0, 1.0, scale)
    scaled = xtx / safe[:, None] / safe[None, :]
    keep: list[int] = []
    for j in range(xtx.shape[0]):
        if scale[j] == 0:
            continue
        trial = [*keep, j]
        # Smallest eigenvalue of the correlation-like matrix: 0 when the new column adds nothing.
        if np.linalg.eigvalsh(scaled[np.ix_(trial, trial)])[0] > _RANK_TOLERANCE:
            keep.append(j)
    return np.asarray(keep, dtype=np.int64)


@dataclass(frozen=True)
class Moments:
    """The sufficient statistics of a least-squares fit: X'X, X'y, y'y, the column sums of X, Σy and n.

    One pass over the rows; the moments of a subgroup subtract from those of the whole, so the men's,
    the women's and the pooled regressions of a decomposition need two passes in all.
    """

    xtx: np.ndarray
    xty: np.ndarray
    yty: float
    xsum: np.ndarray
    ysum: float
    n: int

    @classmethod
    def of(cls, x: np.ndarray, y: np.ndarray) -> Moments:
        return cls(x.T @ x, x.T @ y, float(y @ y), x.sum(axis=0), float(y.sum()), int(y.size))

    @classmethod
    def weighted(cls, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> Moments:
        """The moments of rows repeated ``w`` times (a bootstrap resample given by its counts)."""
        wx = x * w[:, None]
        return cls(x.T @ wx, wx.T @ y, float((w * y) @ y), wx.sum(axis=0), float(w @ y), int(np.rint(w.sum())))

    def __sub__(self, other: Moments) -> Moments:
        return Moments(self.xtx - other.xtx, self.xty - other.xty, self.yty - other.yty, self.xsum - other.xsum,
                       self.ysum - other.ysum, self.n - other.n)

    def take(self, columns: Sequence[int]) -> Moments:
        """The moments of a regression on some of the columns only."""
        idx = np.asarray(columns, dtype=np.int64)
        return Moments(self.xtx[np.ix_(idx, idx)], self.xty[idx], self.yty, self.xsum[idx], self.ysum, self.n)

    def with_indicator(self, group: Moments) -> Moments:
        """The moments after appending a 0/1 column that is 1 on the rows of ``group`` (a subset)."""
        xtx = np.block([[self.xtx, group.xsum[:, None]], [group.xsum[None, :], np.array([[float(group.n)]])]])
        return Moments(xtx, np.append(self.xty, group.ysum), self.yty, np.append(self.xsum, group.n), self.ysum,
                       self.n)

    @property
    def mean(self) -> np.ndarray:
        return self.xsum / self.n


def fit_moments(m: Moments, names: Sequence[str], has_intercept: bool = True) -> OLSFit:
    """Least squares from the moments, via the column-scaled normal equations (Cholesky); collinear
    columns are dropped and named. RSS = y'y − b'X'y (the normal equations give b'X'Xb = b'X'y)."""
    import scipy.linalg  # here, not at the top: the EU, UK and EntgTranspG figures need no regression

    p = m.xtx.shape[0]
    keep = np.arange(p)
    scale = np.sqrt(np.clip(np.diag(m.xtx), 0.0, None))
    try:
        if np.any(scale == 0):
            raise np.linalg.LinAlgError("a column of zeros")
        factor = scipy.linalg.cho_factor(m.xtx / scale[:, None] / scale[None, :], lower=False, check_finite=False)
        if np.min(np.abs(np.diag(factor[0]))) ** 2 < _RANK_TOLERANCE:
            raise np.linalg.LinAlgError("collinear")
    except (np.linalg.LinAlgError, scipy.linalg.LinAlgError):
        keep = independent_columns(m.xtx)
    kept = set(keep.tolist())
    dropped = tuple(names[j] for j in range(p) if j not in kept)
    names = tuple(names[j] for j in keep)
    xtx = m.xtx[np.ix_(keep, keep)]
    xty = m.xty[keep]
    scale = np.sqrt(np.diag(xtx))
    factor = scipy.linalg.cho_factor(xtx / scale[:, None] / scale[None, :], lower=False, check_finite=False)
    coef = scipy.linalg.cho_solve(factor, xty / scale, check_finite=False) / scale
    inverse = scipy.linalg.cho_solve(factor, np.eye(len(keep)), check_finite=False) / scale[:, None] / scale[None, :]
    rss = max(m.yty - float(coef @ xty), 0.0)
    df_resid = m.n - len(keep)
    sigma2 = rss / df_resid if df_resid > 0 else float("nan")
    se = np.sqrt(np.clip(np.diag(inverse), 0.0, None) * sigma2)
    tss = m.yty - m.ysum ** 2 / m.n if has_intercept else m.yty
    r2 = 1.0 - rss / tss if tss > 0 else float("nan")
    return OLSFit(names, coef, se, m.n, df_resid, r2, dropped)
