"""Plotly figures built as data, no HTML: a page embeds the dict with json_script and static/js/charts.js draws
it with Plotly.newPlot. Numbers become floats here because JSON has no decimal type."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import pairwise

import plotly.graph_objects as go
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.models import INDEX_MAX, PredikatBand

OFFICIAL_COLOUR = "#0b5cab"
SELF_ASSESSMENT_COLOUR = "#7a3e9d"
TARGET_COLOUR = "#1b1f24"
PROVINCE_COLOUR = "#8a4b00"
NATIONAL_COLOUR = "#2f6b4f"
NO_DATA_COLOUR = "#b8bfc8"


def _separators() -> str:
    """Plotly's decimal then thousands mark, so that hover labels read 1,85 in Indonesian."""
    return ".," if (get_language() or "id").startswith("en") else ",."


def _floats(values: Iterable[Decimal | None]) -> list[float | None]:
    return [float(value) if value is not None else None for value in values]


def _base_layout(**overrides) -> dict:
    layout = {
        "template": "none",
        "separators": _separators(),
        "margin": {"l": 48, "r": 16, "t": 16, "b": 48},
        "height": 340,
        "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#1b1f24"},
        "legend": {"orientation": "h", "y": -0.2, "x": 0},
        "hovermode": "closest",
        "dragmode": False,
    }
    layout.update(overrides)
    return layout


def _band_shapes(bands: Sequence[PredikatBand], *, x_range: tuple[float, float] | None = None, labelled=True):
    """Horizontal background bands, one per predikat, labelled at the right edge. With x_range, only over those
    years (one index series' bands), else across the whole plot."""
    ordered = sorted(bands, key=lambda band: band.lower_bound)
    shapes, annotations = [], []
    for band, upper in zip(ordered, [*(band.lower_bound for band in ordered[1:]), INDEX_MAX], strict=True):
        across = (
            {"xref": "paper", "x0": 0, "x1": 1}
            if x_range is None
            else {"xref": "x", "x0": x_range[0], "x1": x_range[1]}
        )
        shapes.append(
            {
                "type": "rect",
                **across,
                "y0": float(band.lower_bound),
                "y1": float(upper),
                "fillcolor": band.color,
                "opacity": 0.35,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        if labelled:
            annotations.append(
                {
                    "xref": "paper",
                    "x": 1,
                    "xanchor": "right",
                    "y": float(band.lower_bound + upper) / 2,
                    "yanchor": "middle",
                    "text": band.name,
                    "showarrow": False,
                    "font": {"size": 11, "color": "#3d4550"},
                }
            )
    return shapes, annotations


def _segment_shapes(segments) -> tuple[list[dict], list[dict]]:
    """Each index series on its own bands over its years, and between two series a dashed line labelled
    "SPBE → Pemdi" (the newest series' bands are named at the right edge)."""
    shapes, annotations = [], []
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        band_shapes, band_notes = _band_shapes(
            segment.bands, x_range=(segment.first_year - 0.5, segment.last_year + 0.5), labelled=last
        )
        shapes += band_shapes
        annotations += band_notes
    for before, after in pairwise(segments):
        at = (before.last_year + after.first_year) / 2
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": at,
                "x1": at,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#1b1f24", "width": 1.5, "dash": "dash"},
            }
        )
        annotations.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": at,
                "y": 1,
                "yanchor": "bottom",
                "text": f"{before.label} → {after.label}",
                "showarrow": False,
                "font": {"size": 11, "color": "#1b1f24"},
            }
        )
    return shapes, annotations


def index_history_figure(
    *,
    official: Sequence[tuple[int, Decimal]],
    self_assessed: Sequence[tuple[int, Decimal]],
    targets: Sequence[tuple[int, Decimal]],
    bands: Sequence[PredikatBand] = (),
    national: Sequence[tuple[int, Decimal]] = (),
    segments: Sequence | None = None,
) -> dict:
    """The index over the years against the target, on the predikat bands. Self-assessments are open diamonds on
    a dotted line so that they are never read as official results; the national reference is its own labelled
    line of squares. With `segments` (svg_charts.ChartSegment, one per index series) every line is split into one
    trace per series, named with it ("Hasil evaluasi resmi · SPBE"), so that no line joins an SPBE value to a
    Pemdi value, and each series lies on its own bands."""
    series = [
        (official, _("Hasil evaluasi resmi"), _("resmi"), {"color": OFFICIAL_COLOUR, "width": 3}, {"size": 9}),
        (
            self_assessed,
            _("Evaluasi mandiri"),
            _("mandiri"),
            {"color": SELF_ASSESSMENT_COLOUR, "width": 2, "dash": "dot"},
            {"size": 10, "symbol": "diamond-open", "line": {"width": 2}},
        ),
        (
            targets,
            _("Target"),
            _("target"),
            {"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
            {"size": 7, "symbol": "line-ew-open", "line": {"width": 2}},
        ),
        (
            national,
            _("Indeks nasional (acuan)"),
            _("nasional"),
            {"color": NATIONAL_COLOUR, "width": 2, "dash": "dot"},
            {"size": 8, "symbol": "square"},
        ),
    ]
    several = segments is not None and len(segments) > 1
    parts = segments if several else [None]
    traces = []
    for points, name, hover_label, line, marker in series:
        for segment in parts:
            shown = [(year, value) for year, value in points if segment is None or segment.holds(year)]
            if not shown:
                continue
            label = f"{name} · {segment.label}" if segment is not None else name
            hover = f"{hover_label}, {segment.label}" if segment is not None else hover_label
            traces.append(
                go.Scatter(
                    name=label,
                    x=[year for year, _value in shown],
                    y=_floats(value for _year, value in shown),
                    mode="lines+markers",
                    line=line,
                    marker=marker,
                    legendgroup=name,
                    hovertemplate="%{x}: %{y:.2f}<extra>" + hover + "</extra>",
                )
            )
    years = sorted({year for points in (official, self_assessed, targets, national) for year, _value in points})
    if several:
        layout = _index_over_years_layout(years=years, bands=[], shapes_of=_segment_shapes(segments))
    else:
        only = segments[0].bands if segments else bands
        layout = _index_over_years_layout(years=years, bands=only)
    return go.Figure(data=traces, layout=layout).to_plotly_json()


def _index_over_years_layout(
    *, years: Sequence[int], bands: Sequence[PredikatBand], shapes_of: tuple[list, list] | None = None, **overrides
) -> dict:
    """The 0–5 index axis on the predikat bands, one tick a year with half a year of room on each side."""
    shapes, annotations = shapes_of if shapes_of is not None else _band_shapes(bands)
    return _base_layout(
        shapes=shapes,
        annotations=annotations,
        yaxis={"range": [0, float(INDEX_MAX)], "title": {"text": _("Indeks")}, "dtick": 1, "fixedrange": True},
        xaxis={
            "tickmode": "array",
            "tickvals": list(years),
            "range": [years[0] - 0.5, years[-1] + 0.5] if years else None,
            "fixedrange": True,
        },
        **overrides,
    )


def predikat_counts_figure(
    *, years: Sequence[int], counts: dict[int, dict[str, int]], bands: Sequence[PredikatBand]
) -> dict:
    """How many kabupaten/kota had each predikat in each year, stacked, in the bands' own colours."""
    traces = [
        go.Bar(
            name=band.name,
            x=list(years),
            y=[counts.get(year, {}).get(band.name, 0) for year in years],
            marker={"color": band.color, "line": {"color": "#5b6470", "width": 1}},
            hovertemplate="%{x}: %{y}<extra>" + band.name + "</extra>",
        )
        for band in sorted(bands, key=lambda band: band.lower_bound)
    ]
    layout = _base_layout(
        barmode="stack",
        legend={"orientation": "h", "y": -0.2, "x": 0, "traceorder": "normal"},
        xaxis={"tickmode": "array", "tickvals": list(years), "fixedrange": True},
        yaxis={"title": {"text": _("Jumlah kabupaten/kota")}, "dtick": 1, "fixedrange": True},
    )
    return go.Figure(data=traces, layout=layout).to_plotly_json()


# Told apart by colour and by marker, so that a reader who cannot tell the colours apart still can.
COMPARISON_STYLES = [
    ("#0b5cab", "circle"),
    ("#b3261e", "square"),
    ("#1d6b35", "diamond"),
    ("#7a3e9d", "triangle-up"),
]


def comparison_figure(
    *,
    lines: Sequence[tuple[str, Sequence[tuple[int, Decimal]], Sequence[tuple[int, Decimal]]]],
    bands: Sequence[PredikatBand],
    segments: Sequence | None = None,
) -> dict:
    """Two to four regencies on the predikat bands: each one's official results as a solid line and its targets
    dashed, in the same colour. `lines` holds (name, official, targets). With several `segments` (one per index
    series) each line is split into one trace per series, so no line joins an SPBE value to a Pemdi value."""
    several = segments is not None and len(segments) > 1
    parts = segments if several else [None]
    traces = []
    for (name, official, targets), (colour, symbol) in zip(lines, COMPARISON_STYLES, strict=False):
        for points, label, dash, size in (
            (official, name, "solid", 9),
            (targets, _("%(name)s (target)") % {"name": name}, "dash", 7),
        ):
            for segment in parts:
                shown = [(year, value) for year, value in points if segment is None or segment.holds(year)]
                if not shown:
                    continue
                trace_label = f"{label} · {segment.label}" if segment is not None else label
                traces.append(
                    go.Scatter(
                        name=trace_label,
                        x=[year for year, _value in shown],
                        y=_floats(value for _year, value in shown),
                        mode="lines+markers",
                        line={"color": colour, "width": 3 if dash == "solid" else 2, "dash": dash},
                        marker={"size": size, "symbol": symbol},
                        legendgroup=label,
                        hovertemplate="%{x}: %{y:.2f}<extra>" + trace_label + "</extra>",
                    )
                )
    years = sorted({year for _name, official, targets in lines for year, _value in [*official, *targets]})
    shapes_of = _segment_shapes(segments) if several else None
    layout = _index_over_years_layout(years=years, bands=bands, shapes_of=shapes_of, height=380)
    return go.Figure(data=traces, layout=layout).to_plotly_json()
