"""The pay-transparency desk's rules (docs/paytransparency.md), one module per part; the names the views
and the demo use are here."""

from paritas.web.paytransparency.services.evaluation import (
    add_subfactor,
    categories,
    evaluation_of,
    latest_counts,
    merge,
    overview,
    remove_subfactor,
    score,
    sync_jobs,
)
from paritas.web.paytransparency.services.requests import approve, compute_answer, mark_sent

__all__ = ["add_subfactor", "approve", "categories", "compute_answer", "evaluation_of", "latest_counts",
           "mark_sent", "merge", "overview", "remove_subfactor", "score", "sync_jobs"]
