"""The trend mark: where a regency is heading compared with its next target, as the SDG dashboards mark it.

A pure function over plain numbers, so that each threshold can be tested by hand. The thresholds live here and
nowhere else; the legend on the pages reads its wording from TREND_LEGEND.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# Share of the needed yearly growth that the observed yearly growth must reach.
ON_TRACK_SHARE = Decimal("1")
MODERATE_SHARE = Decimal("0.5")
# Below this observed yearly growth the index is falling; exactly at it, it stands still.
STAGNATION_FLOOR = Decimal("0")


class Trend(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    MODERATE = "moderate"
    TOO_SLOW = "too_slow"
    STAGNATING = "stagnating"
    DECLINING = "declining"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TrendMeaning:
    symbol: str
    label: str
    explanation: str


TREND_LEGEND: dict[Trend, TrendMeaning] = {
    Trend.MET: TrendMeaning("✔", _("target tercapai"), _("nilai terakhir sudah mencapai atau melampaui target")),
    Trend.ON_TRACK: TrendMeaning(
        "⬆", _("sesuai jalur"), _("kenaikan per tahun sama dengan atau lebih dari yang dibutuhkan untuk target")
    ),
    Trend.MODERATE: TrendMeaning(
        "↗", _("naik sedang"), _("kenaikan per tahun paling sedikit separuh dari yang dibutuhkan")
    ),
    # Rising, but too slowly to reach the target in time: the SDG dashboards' "stagnating", which read as "flat"
    # beside a positive change in the same row.
    Trend.TOO_SLOW: TrendMeaning(
        "⤳", _("naik terlalu lambat"), _("naik, tetapi kurang dari separuh kenaikan per tahun yang dibutuhkan")
    ),
    Trend.STAGNATING: TrendMeaning("→", _("stagnan"), _("tidak berubah dibanding hasil sebelumnya")),
    Trend.DECLINING: TrendMeaning("↘", _("menurun"), _("nilai turun dibanding hasil sebelumnya")),
    Trend.UNKNOWN: TrendMeaning("–", _("tidak ada"), _("kurang dari dua hasil, atau belum ada target")),
}


def trend_mark(*, results: Sequence[tuple[int, Decimal]], targets: Sequence[tuple[int, Decimal]]) -> Trend:
    """The mark from the last two results (year, value) and the next target (year, value).

    The next target is the first one after the last result's year, or, when there is none, the one for that
    year itself. Growth is compared per year, so that a target three years away asks for a third of the gap
    each year; a target for the same year as the last result leaves one year to close the gap.
    """
    ordered = sorted(results)
    if len(ordered) < 2:
        return Trend.UNKNOWN
    (previous_year, previous_value), (last_year, last_value) = ordered[-2], ordered[-1]
    target = _next_target(targets, after=last_year)
    if target is None:
        return Trend.UNKNOWN
    target_year, target_value = target
    if last_value >= target_value:
        return Trend.MET

    observed = (last_value - previous_value) / max(last_year - previous_year, 1)
    needed = (target_value - last_value) / max(target_year - last_year, 1)
    if observed < STAGNATION_FLOOR:
        return Trend.DECLINING
    if observed >= needed * ON_TRACK_SHARE:
        return Trend.ON_TRACK
    if observed >= needed * MODERATE_SHARE:
        return Trend.MODERATE
    if observed > STAGNATION_FLOOR:
        return Trend.TOO_SLOW
    return Trend.STAGNATING


def _next_target(targets: Sequence[tuple[int, Decimal]], *, after: int) -> tuple[int, Decimal] | None:
    later = sorted(target for target in targets if target[0] > after)
    if later:
        return later[0]
    same_year = [target for target in targets if target[0] == after]
    return same_year[0] if same_year else None
