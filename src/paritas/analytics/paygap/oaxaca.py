"""Oaxaca–Blinder decomposition of the mean gap in log pay into an explained and an unexplained part,
in total and for each variable, with bootstrap standard errors.

Oaxaca (1973), Blinder (1973); the two-fold form with a pooled reference as Jann (2008) and Fortin (2008)
recommend; the same definitions as statsmodels' ``OaxacaBlinder`` (which the tests use to check these
figures). Men are group A, women group B; X̄ are the mean regressors, β the coefficients.

* gap = mean ln pay of men − mean ln pay of women = X̄_A'β_A − X̄_B'β_B (positive when women earn less)
* two-fold, pooled reference β* (a regression on everyone with a gender indicator, whose coefficient is
  left out of β*): explained = (X̄_A − X̄_B)'β*; unexplained = X̄_A'(β_A − β*) + X̄_B'(β* − β_B)
* detailed (Jann 2008, eq. 5): the contribution of regressor k to the explained part is
  (X̄_A,k − X̄_B,k)·β*_k, to the unexplained part X̄_A,k(β_A,k − β*_k) + X̄_B,k(β*_k − β_B,k); the
  contributions add up to the two parts exactly. The unexplained contribution of a factor's dummies
  depends on its reference category (Oaxaca & Ransom 1999): read it for the factor as a whole.
* three-fold, from the women's point of view: endowments = (X̄_A − X̄_B)'β_B;
  coefficients = X̄_B'(β_A − β_B); interaction = (X̄_A − X̄_B)'(β_A − β_B)

Standard errors: a nonparametric bootstrap, resampling women and men separately (their numbers fixed),
:data:`BOOTSTRAP_REPLICATIONS` times with a fixed seed, so that a report is reproducible. Each
replicate recomputes all three regressions, so the SEs carry the sampling variation of the regressors'
means and of the coefficients and their covariance, which the delta-method formula of Jann (2008) for a
pooled reference would have to model term by term. statsmodels' ``OaxacaBlinder`` bootstraps only the
totals (its detailed decomposition, PR #6095, was never merged). Above :data:`BOOTSTRAP_ROWS` people
each replicate draws that many (in the gender proportions) and the spread is rescaled by √(m/n), the
m-out-of-n bootstrap (Bickel, Götze & van Zwet 1997), which keeps a million-row file fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from paritas.analytics.paygap import ols

BOOTSTRAP_REPLICATIONS = 200
BOOTSTRAP_ROWS = 50_000
BOOTSTRAP_SEED = 20231970  # fixed: the same file gives the same standard errors


@dataclass(frozen=True, slots=True)
class Contribution:
    """One regressor's share of the explained and of the unexplained gap, in log points."""

    term: str
    explained: float
    unexplained: float
    explained_se: float | None = None
    unexplained_se: float | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


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
    detail: tuple[Contribution, ...] = ()
    gap_se: float | None = None
    explained_se: float | None = None
    unexplained_se: float | None = None
    replications: int = 0

    @property
    def explained_share(self) -> float | None:
        return self.explained / self.gap if self.gap else None

    def to_dict(self) -> dict[str, object]:
        out = {name: getattr(self, name) for name in (
            "gap", "explained", "unexplained", "endowments", "coefficients", "interaction", "women", "men",
            "gap_se", "explained_se", "unexplained_se")}
        return {**out, "dropped": list(self.dropped), "explained_share": self.explained_share,
                "detail": [c.to_dict() for c in self.detail],
                "standard_errors": {"method": "bootstrap, women and men resampled separately",
                                    "replications": self.replications},
                "reference": "pooled, with gender indicator (Jann 2008)"}


def _coefficients(m: ols.Moments) -> np.ndarray:
    """Least squares from the moments on column-scaled normal equations; a resample in which a column is
    (nearly) collinear raises, as :func:`ols.fit_moments` would drop it."""
    import scipy.linalg

    scale = np.sqrt(np.clip(np.diag(m.xtx), 0.0, None))
    if np.any(scale == 0):
        raise np.linalg.LinAlgError("a column of zeros")
    factor = scipy.linalg.cho_factor(m.xtx / scale[:, None] / scale[None, :], check_finite=False)
    if np.min(np.abs(np.diag(factor[0]))) ** 2 < 1e-10:
        raise np.linalg.LinAlgError("collinear")
    return scipy.linalg.cho_solve(factor, m.xty / scale, check_finite=False) / scale


def _parts(men: ols.Moments, women: ols.Moments) -> tuple[float, np.ndarray, np.ndarray]:
    """gap, and the explained and unexplained contribution of each regressor (pooled reference)."""
    total = ols.Moments(men.xtx + women.xtx, men.xty + women.xty, men.yty + women.yty, men.xsum + women.xsum,
                        men.ysum + women.ysum, men.n + women.n)
    beta_a, beta_b = _coefficients(men), _coefficients(women)
    beta_star = _coefficients(total.with_indicator(women))[:-1]
    mean_a, mean_b = men.mean, women.mean
    gap = men.ysum / men.n - women.ysum / women.n
    return gap, (mean_a - mean_b) * beta_star, mean_a * (beta_a - beta_star) + mean_b * (beta_star - beta_b)


Draw = tuple[tuple[np.ndarray, np.ndarray], ...]  # per group: the rows drawn and how often each
#: per group: the positions drawn (m out of n; counted by the thread that computes the replicate), or,
#: for a whole resample, the rows drawn with their counts
RandomDraw = tuple[tuple[np.ndarray, np.ndarray | None], ...]


def _draw(rng: np.random.Generator, groups: Sequence[np.ndarray], draws: Sequence[int]) -> RandomDraw:
    """One replicate's random numbers for each group: what must come from the one generator in order."""
    out: list[tuple[np.ndarray, np.ndarray | None]] = []
    for g, k in zip(groups, draws, strict=True):
        if k < g.size:  # m out of n: the positions; their repeats are counted later (sorting k draws beats counting n)
            out.append((rng.integers(0, g.size, k), None))
        else:
            counts_all = rng.multinomial(g.size, np.full(g.size, 1.0 / g.size))
            out.append((g[counts_all > 0], counts_all[counts_all > 0].astype(float)))
    return tuple(out)


def _resample(groups: Sequence[np.ndarray], drawn: RandomDraw) -> Draw:
    """One replicate's resample of each group: the rows drawn (in row order) and their counts."""
    out = []
    for g, (positions, counts) in zip(groups, drawn, strict=True):
        if counts is None:
            unique, counts = _counted(positions)
            out.append((g[unique], counts))
        else:
            out.append((positions, counts))
    return tuple(out)


def _counted(draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``draws`` in ascending order and how often each occurs (as floats): what
    ``np.unique(draws, return_counts=True)`` gives, in half its time (one sort in place, no second pass)."""
    draws.sort()
    first = np.empty(draws.size, dtype=bool)
    first[:1] = True
    np.not_equal(draws[1:], draws[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return draws[starts], np.diff(starts, append=draws.size).astype(float)


def _replicate(x: np.ndarray, y: np.ndarray, drawn: Draw, buffers: Sequence[tuple[np.ndarray, np.ndarray]]
               ) -> np.ndarray | None:
    """(gap, explained by term…, unexplained by term…) of one resample; None where it cannot be solved."""
    import scipy.linalg

    moments = [ols.Moments.of_rows(x, y, rows, counts, buffer)
               for (rows, counts), buffer in zip(drawn, buffers, strict=True)]
    try:
        gap, explained, unexplained = _parts(*moments)
    except (np.linalg.LinAlgError, scipy.linalg.LinAlgError, ValueError):
        return None  # a resample without some rare level: left out, counted by the caller
    return np.concatenate(([gap], explained, unexplained))


def bootstrap_threads() -> int:
    """How many threads compute replicates side by side: polars' thread pool size (POLARS_MAX_THREADS,
    which a batch run's processes set to share the machine), at most four."""
    import polars as pl

    return max(1, min(4, pl.thread_pool_size()))


@ols.one_blas_thread
def bootstrap(x: np.ndarray, y: np.ndarray, woman: np.ndarray, replications: int = BOOTSTRAP_REPLICATIONS,
              seed: int = BOOTSTRAP_SEED, max_rows: int = BOOTSTRAP_ROWS, threads: int | None = None
              ) -> tuple[np.ndarray, int] | None:
    """Replicates of (gap, explained by term…, unexplained by term…), one row each, already rescaled
    around the estimate for m-out-of-n draws; and the number of replicates that could be solved.

    The draws are made one replicate after another from one generator; the replicates' regressions run on
    ``threads`` threads (default :func:`bootstrap_threads`; numpy lets go of the interpreter lock in its
    products and gathers). Each replicate is computed alone, in the same order of operations whichever
    thread runs it, so the figures are the same to the bit for any number of threads."""
    rng = np.random.default_rng(seed)
    x = np.ascontiguousarray(x)  # row-major: each replicate gathers whole rows (three times faster)
    groups = [np.flatnonzero(~woman), np.flatnonzero(woman)]
    n = y.size
    m = min(n, max_rows)
    draws = [max(2, round(g.size * m / n)) for g in groups]
    scale = np.sqrt(m / n) if m < n else 1.0
    threads = bootstrap_threads() if threads is None else max(1, threads)

    def buffers() -> list[tuple[np.ndarray, np.ndarray]]:
        # one pair per group and thread, reused by every replicate the thread computes
        return [(np.empty((min(k, g.size), x.shape[1])), np.empty((min(k, g.size), x.shape[1])))
                for g, k in zip(groups, draws, strict=True)]

    if threads == 1:
        own = buffers()
        found = [_replicate(x, y, _resample(groups, _draw(rng, groups, draws)), own) for _ in range(replications)]
    else:
        found = _in_threads(x, y, groups, (_draw(rng, groups, draws) for _ in range(replications)), threads,
                            buffers)
    rows = [r for r in found if r is not None]
    if len(rows) < max(10, replications // 2):
        return None
    replicates = np.asarray(rows)
    return replicates * scale + replicates.mean(axis=0) * (1 - scale), len(rows)


def _in_threads(x: np.ndarray, y: np.ndarray, groups: Sequence[np.ndarray], resamples: Iterator[RandomDraw],
                threads: int, buffers: Callable[[], list[tuple[np.ndarray, np.ndarray]]]
                ) -> list[np.ndarray | None]:
    """:func:`_replicate` of each resample on a pool of ``threads``, in the resamples' order. The random
    numbers are drawn here, in order, as the pool takes them (a few ahead, not all at once: 200 draws of
    50,000 rows would hold 160 MB); counting a draw's repeats (a sort) is left to the pool's thread."""
    import threading
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    local = threading.local()

    def work(drawn: RandomDraw) -> np.ndarray | None:
        if not hasattr(local, "buffers"):
            local.buffers = buffers()
        return _replicate(x, y, _resample(groups, drawn), local.buffers)

    found: list[np.ndarray | None] = []
    waiting: deque[Future[np.ndarray | None]] = deque()
    with ThreadPoolExecutor(threads, thread_name_prefix="paritas-bootstrap") as pool:
        for drawn in resamples:
            waiting.append(pool.submit(work, drawn))
            if len(waiting) > 2 * threads:
                found.append(waiting.popleft().result())
        found.extend(f.result() for f in waiting)
    return found


@ols.one_blas_thread
def decompose(x: np.ndarray, y: np.ndarray, woman: np.ndarray, names: Sequence[str],
              total: ols.Moments | None = None, women: ols.Moments | None = None,
              replications: int = BOOTSTRAP_REPLICATIONS) -> Decomposition:
    """Decompose the gap in ``y`` (log pay) between men (woman == False) and women over regressors ``x``.

    ``x`` holds an intercept column and no gender column. Columns that are collinear in either group (a
    factor level only one gender has) are left out of all three regressions and named in ``dropped``.
    ``total`` and ``women`` may pass moments already computed (:class:`ols.Moments`). ``replications``
    bootstrap replicates give the standard errors (0: none).
    """
    woman = woman.astype(bool)
    total = total or ols.Moments.of(x, y)
    women = women or ols.Moments.of(x[woman], y[woman])
    men = total - women
    keep = set(ols.independent_columns(men.xtx).tolist()) & set(ols.independent_columns(women.xtx).tolist())
    columns = [j for j in range(len(names)) if j in keep]
    dropped = tuple(names[j] for j in range(len(names)) if j not in keep)
    total, women, men = total.take(columns), women.take(columns), men.take(columns)
    names = [names[j] for j in columns]
    fit_a = ols.fit_moments(men, names)
    fit_b = ols.fit_moments(women, names)
    pooled = ols.fit_moments(total.with_indicator(women), [*names, "__woman__"])
    beta_a, beta_b = _aligned(fit_a, names), _aligned(fit_b, names)
    beta_star = _aligned(pooled, names)
    mean_a, mean_b = men.mean, women.mean
    gap = men.ysum / men.n - women.ysum / women.n
    explained_by = (mean_a - mean_b) * beta_star
    unexplained_by = mean_a * (beta_a - beta_star) + mean_b * (beta_star - beta_b)
    kept = x if len(columns) == x.shape[1] else x[:, columns]  # no copy of the whole design where all stay
    boot = bootstrap(kept, y, woman, replications) if replications and not (
        fit_a.dropped or fit_b.dropped) else None
    k = len(names)
    if boot is not None:
        replicates, done = boot
        se = replicates.std(axis=0, ddof=1)
        gap_se = float(se[0])
        explained_se = float(replicates[:, 1:1 + k].sum(axis=1).std(ddof=1))
        unexplained_se = float(replicates[:, 1 + k:].sum(axis=1).std(ddof=1))
        term_se: list[tuple[float | None, float | None]] = [(float(se[1 + j]), float(se[1 + k + j])) for j in range(k)]
    else:
        done, gap_se, explained_se, unexplained_se = 0, None, None, None
        term_se = [(None, None)] * k
    detail = tuple(Contribution(name, float(e), float(u), se_e, se_u) for name, e, u, (se_e, se_u) in
                   zip(names, explained_by, unexplained_by, term_se, strict=True))
    return Decomposition(
        gap=gap, explained=float(explained_by.sum()), unexplained=float(unexplained_by.sum()),
        endowments=float((mean_a - mean_b) @ beta_b), coefficients=float(mean_b @ (beta_a - beta_b)),
        interaction=float((mean_a - mean_b) @ (beta_a - beta_b)),
        women=women.n, men=men.n, dropped=dropped + fit_a.dropped + fit_b.dropped, detail=detail,
        gap_se=gap_se, explained_se=explained_se, unexplained_se=unexplained_se, replications=done,
    )


def _aligned(fit: ols.OLSFit, names: Sequence[str]) -> np.ndarray:
    values = dict(zip(fit.names, fit.coef, strict=True))
    return np.array([values.get(name, 0.0) for name in names])
