"""The one small-group suppression rule, applied to every result that leaves the analytics core.

GDPR art. 5(1)(c) and (f), art. 89(1): statistics must not single out a person. Paritas follows the
threshold practice of official statistics (primary suppression of small cells, secondary suppression so
that a hidden cell cannot be recovered from a total), with one threshold ``k`` (default 5, configurable):

1. A group with fewer than ``k`` people is not shown: none of its counts, shares or pay figures.
2. Where a table hides groups, it hides at least two and together at least ``k`` people, adding the next
   smallest groups, so that a hidden group cannot be recovered by subtracting the others from the total.
3. Within a shown group, the counts of the gender entries "other" and "not stated" are hidden when either
   lies between 1 and ``k − 1`` (both together, so neither can be recovered from the other).
4. A pay statistic comparing women and men is shown only when each compared group has at least ``k``
   people (stricter legal minimums, e.g. six under EntgTranspG § 12(3), apply on top).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_MIN_GROUP_SIZE = 5


@dataclass(frozen=True, slots=True)
class SuppressionRule:
    """The rule in force for one result; carried by the result so every output can state it."""

    min_group_size: int = DEFAULT_MIN_GROUP_SIZE

    def __post_init__(self) -> None:
        if self.min_group_size < 1:
            raise ValueError("min_group_size must be at least 1")

    def hides_group(self, size: int) -> bool:
        """Rule 1: a group smaller than k is hidden (an empty group identifies nobody)."""
        return 0 < size < self.min_group_size

    def hides_cell(self, count: int) -> bool:
        """Rule 3: a count of 1 … k−1 of a rare gender entry is hidden."""
        return 0 < count < self.min_group_size

    def allows_comparison(self, *group_sizes: int) -> bool:
        """Rule 4: every compared group has at least k people."""
        return all(n >= self.min_group_size for n in group_sizes)

    def hidden_groups(self, sizes: Sequence[int]) -> set[int]:
        """Rules 1 and 2 for a table: the indices of the groups to hide."""
        hidden = {i for i, n in enumerate(sizes) if self.hides_group(n)}
        if not hidden:
            return hidden
        order = sorted((n, i) for i, n in enumerate(sizes) if i not in hidden and n > 0)
        while order and (len(hidden) < 2 or sum(sizes[i] for i in hidden) < self.min_group_size):
            _n, i = order.pop(0)
            hidden.add(i)
        return hidden

    def to_dict(self) -> dict[str, object]:
        return {"min_group_size": self.min_group_size, "rule": RULE_TEXT.format(k=self.min_group_size)}


RULE_TEXT = (
    "Groups with fewer than {k} people are not shown; where a table hides groups it hides at least two "
    "with together at least {k} people, so that none can be recovered from the total; counts of 'other' "
    "and 'not stated' between 1 and {k}-1 are not shown; pay comparisons need at least {k} women and {k} men."
)
