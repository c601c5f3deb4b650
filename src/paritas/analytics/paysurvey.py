"""The comparisons of a pay survey (Swedish lönekartläggning, Diskrimineringslagen 3 kap. 8–10 §§;
docs/methodology.md § Pay survey), from pay by job (:mod:`paritas.analytics.jobs`) and the job evaluation's
points and bands:

1. equal work — women and men in the same job;
2. work of equal value — women and men in the same category (band of points);
3. women-dominated work (60 % or more women) against work that is not women-dominated, valued equal (the
   same band) or lower (fewer points), and paid more on average.

Pay is mean gross hourly pay, basic plus complementary or variable components, as art. 7 and art. 9 of the
Pay Transparency Directive compare it. Every difference is listed for analysis — the law asks the employer
to analyse each, not only those above a threshold — and nothing here is suppressed: a pay survey is an
internal document, its report is shown to the roles that may see individual pay."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from paritas.analytics.jobs import Band, JobPay, pooled

#: The Swedish Equality Ombudsman's and the pay-survey programs' threshold: 60 % or more women.
WOMEN_DOMINATED = 0.6

EQUAL_WORK, EQUAL_VALUE, WOMEN_DOMINATED_KIND = "equal_work", "equal_value", "women_dominated"


@dataclass(frozen=True, slots=True)
class Difference:
    """One comparison. For equal work and equal value ``lower``/``higher`` are the women and the men of
    one group; for women-dominated work they are the women-dominated job and the job it is compared with.
    ``gap`` is (higher's mean − lower's mean) ÷ higher's mean; positive where women (or the women-dominated
    job) are paid less."""

    kind: str
    key: str
    lower: str
    higher: str
    lower_people: tuple[int, int]   # women, men
    higher_people: tuple[int, int]
    lower_pay: float | None
    higher_pay: float | None
    gap: float | None
    lower_points: float | None = None
    higher_points: float | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _gap(low: float | None, high: float | None) -> float | None:
    if low is None or high is None or high <= 0:
        return None
    return (high - low) / high


def _mean(job: JobPay) -> float | None:
    """The mean total hourly pay of everyone in the job (women and men weighted by their numbers)."""
    pairs = [(v, n) for v, n in zip(job.total, (job.women, job.men), strict=True) if v is not None and n]
    n = sum(n for _v, n in pairs)
    return sum(v * n for v, n in pairs) / n if n else None


def women_share(job: JobPay) -> float | None:
    people = job.women + job.men
    return job.women / people if people else None


def equal_work(by_job: Mapping[str, JobPay]) -> tuple[Difference, ...]:
    """Women against men in every job that has both (1 of the module docstring)."""
    out = []
    for title, job in sorted(by_job.items()):
        if job.women and job.men:
            w, m = job.total
            out.append(Difference(EQUAL_WORK, title, "women", "men", (job.women, 0), (0, job.men), w, m, _gap(w, m)))
    return tuple(out)


def equal_value(by_category: Mapping[str, Sequence[JobPay]]) -> tuple[Difference, ...]:
    """Women against men in every category of equal value that has both, its jobs pooled (2)."""
    out = []
    for category, members in sorted(by_category.items()):
        group = pooled(members)
        if group.women and group.men:
            w, m = group.total
            out.append(Difference(EQUAL_VALUE, category, "women", "men", (group.women, 0), (0, group.men), w, m,
                                  _gap(w, m)))
    return tuple(out)


def women_dominated(by_job: Mapping[str, JobPay], points: Mapping[str, float],
                    bands: Mapping[str, Band]) -> tuple[Difference, ...]:
    """Every women-dominated job paid less on average than a job that is not women-dominated and is valued
    the same (in its band) or lower (fewer points) (3). Jobs without points are not compared."""
    scored = [j for j in by_job if j in points and _mean(by_job[j]) is not None]
    out = []
    for a in sorted(scored):
        share = women_share(by_job[a])
        if share is None or share < WOMEN_DOMINATED:
            continue
        pay_a = _mean(by_job[a])
        for b in sorted(scored):
            share_b = women_share(by_job[b])
            if b == a or share_b is None or share_b >= WOMEN_DOMINATED:
                continue
            same_band = a in bands and b in bands and bands[a].index == bands[b].index
            pay_b = _mean(by_job[b])
            if (same_band or points[b] < points[a]) and pay_b is not None and pay_a is not None and pay_b > pay_a:
                ja, jb = by_job[a], by_job[b]
                out.append(Difference(WOMEN_DOMINATED_KIND, f"{a} ↔ {b}", a, b, (ja.women, ja.men),
                                      (jb.women, jb.men), pay_a, pay_b, _gap(pay_a, pay_b), points[a], points[b]))
    return tuple(out)
