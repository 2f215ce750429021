"""Whether the index an evaluation's indicator levels compute to agrees with the index published for it.

KemenPAN-RB publishes both an index and, per indicator, the levels it was computed from (index = Σ(level_i × w_i) /
Σ w_i). Levels typed from another year's sheet, or a published index later corrected, make the two disagree; the
official import flags it in its preview and the public profile says so beside the domain and aspect values. Only a
difference larger than rounding counts: the computed index is rounded to two places as published, and a gap of
more than 0,005 after that is a disagreement.
"""

from decimal import Decimal

from . import scoring

ROUNDING = Decimal("0.005")


def disagrees(*, computed: Decimal, published: Decimal) -> bool:
    return abs(scoring.round_index(computed) - published) > ROUNDING
