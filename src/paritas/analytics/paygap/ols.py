"""Ordinary least squares with classical standard errors, for the wage regressions of Logib and the
user's own model.

Written here rather than taken from statsmodels because the core needs three things statsmodels' OLS
does not give cheaply on a million rows: the normal equations on column-scaled data (one pass over X),
explicit detection of collinear columns (a factor level that occurs in one group only) with their names,
and no pandas round trip. The tests check every figure against statsmodels' OLS.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import numpy as np

_P = ParamSpec("_P")
_R = TypeVar("_R")

#: A column whose pivot in the scaled normal equations falls below this is collinear with the others.
_RANK_TOLERANCE = 1e-10


def one_blas_thread(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with BLAS on one thread (threadpoolctl, as scikit-learn limits it).

    OpenBLAS splits a matrix product over its threads, and the split changes the order of the sums and
    with it the last bit of a coefficient or a bootstrap standard error: on one thread a file gives the
    same figures on a laptop, a 2-core worker and a 64-core server. One thread is also the faster for
    these products (a bootstrap replicate's is some 25,000 rows × a dozen columns): on a busy machine
    the threads that wait for a core spin, and take the cores the web workers need (docs/jobs.md)."""

    @functools.wraps(function)
    def limited(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        import scipy.linalg  # noqa: F401  loaded first: a BLAS loaded inside the block would not be limited
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited


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
    def of_rows(cls, x: np.ndarray, y: np.ndarray, rows: np.ndarray, w: np.ndarray,
                buffers: tuple[np.ndarray, np.ndarray] | None = None) -> Moments:
        """The moments of the ``rows`` of (x, y), each repeated ``w`` times (a bootstrap resample given by
        its counts). ``buffers``, two arrays of at least len(rows) × x's columns, hold the gathered rows
        and their weighted copy: a bootstrap reuses them instead of asking the allocator for two fresh
        megabytes per replicate (which the system hands out, and takes back, page by page)."""
        if buffers is None or rows.size > buffers[0].shape[0]:
            buffers = (np.empty((rows.size, x.shape[1])), np.empty((rows.size, x.shape[1])))
        xr = np.take(x, rows, axis=0, out=buffers[0][:rows.size])
        yr = y[rows]
        wx = np.multiply(xr, w[:, None], out=buffers[1][:rows.size])
        return cls(xr.T @ wx, wx.T @ yr, float((w * yr) @ yr), wx.sum(axis=0), float(w @ yr), int(np.rint(w.sum())))

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
