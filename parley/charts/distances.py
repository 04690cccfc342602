"""Issues ranked by gap, and the mean gap between every pair of parties.

"No common issue" is written out where two parties share no placed issue, and the diagonal
is a dash: a 0 in either place would read as agreement.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from parley.charts.labels import few_words, margin_for
from parley.charts.theme import apply
from parley.gaps import Distances, IssueGap
from parley.model import Party
from parley.palette import INK, MUTED, text_color
from parley.text import plotly_safe

ISSUE_FONT = 17  # the ranked issues' names
PARTY_FONT = 17
HEATMAP_STANDOFF = 8  # a heatmap's row names sit further from its cells than other charts' tick labels
COLUMN_NAMES_PX = 44  # under the heatmap: its columns' party names, one line (what plotly's automargin gives)


def distance_heatmap(distances: Distances, parties: Sequence[Party], colors: dict[str, str] | None = None) -> go.Figure:
    """Mean salience-weighted gap between each pair; "no common issue" where there is none."""
    ids = [p.id for p in parties]
    shorts = {p.id: plotly_safe(p.short) for p in parties}
    labels = [f"<span style='color:{text_color(colors[p])}'>{shorts[p]}</span>" if colors else shorts[p] for p in ids]
    z, hover, annotations, shapes = [], [], [], []
    for i, a in enumerate(ids):
        z_row, h_row = [], []
        for j, b in enumerate(ids):
            value = None if a == b else distances.between(a, b)
            z_row.append(value)
            if a == b:
                h_row.append(f"{shorts[a]}: the same party")
                annotations.append(
                    {"x": j, "y": i, "text": "—", "showarrow": False, "font": {"color": MUTED, "size": 18}}
                )
                continue
            pair = f"{shorts[a]} – {shorts[b]}"
            n = distances.count(a, b)
            if value is None:
                h_row.append(f"{pair}: no common issue")
                annotations.append(
                    {
                        "x": j,
                        "y": i,
                        "text": "<i>no common issue</i>",
                        "showarrow": False,
                        "font": {"color": MUTED, "size": 15},
                    }
                )
                shapes.append(
                    {
                        "type": "rect",
                        "x0": j - 0.48,
                        "x1": j + 0.48,
                        "y0": i - 0.48,
                        "y1": i + 0.48,
                        "xref": "x",
                        "yref": "y",
                        "line": {"color": MUTED, "width": 1, "dash": "dot"},
                        "layer": "below",
                    }
                )
            else:
                h_row.append(f"{pair}: mean gap {value:.0f} over {n} shared issue{'s' if n != 1 else ''}")
                annotations.append(
                    {
                        "x": j,
                        "y": i,
                        "text": f"{value:.0f}",
                        "showarrow": False,
                        "font": {"color": "#FFFFFF" if value >= 55 else INK, "size": 18},
                    }
                )
        z.append(z_row)
        hover.append(h_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(len(ids))),
            y=list(range(len(ids))),
            zmin=0,
            zmax=100,
            colorscale=[[0, "#F5F7FA"], [1, "#334E68"]],
            showscale=False,
            hoverinfo="text",
            hovertext=hover,
            hoverongaps=True,
            xgap=3,
            ygap=3,
        )
    )
    fig.update_layout(annotations=annotations, shapes=shapes)
    apply(
        fig, title="Mean gap between parties (weighted by salience where coded)", height=max(260, 70 * len(ids) + 120)
    )
    left = margin_for(labels, PARTY_FONT, HEATMAP_STANDOFF)
    fig.update_layout(margin={"l": left, "r": 16, "t": 56, "b": COLUMN_NAMES_PX}, dragmode=False, showlegend=False)
    # automargin: should a name need more room than given, the margins grow: never cut at the chart's edge.
    ticks = {
        "tickvals": list(range(len(ids))),
        "ticktext": labels,
        "showgrid": False,
        "fixedrange": True,
        "automargin": True,
    }
    fig.update_xaxes(side="bottom", tickangle=0, tickfont={"size": PARTY_FONT, "color": INK}, **ticks)
    fig.update_yaxes(autorange="reversed", tickfont={"size": PARTY_FONT, "color": INK}, **ticks)
    return fig


def ranked_gaps_figure(ranked: Sequence[IssueGap]) -> go.Figure:
    """Issues ranked by gap, widest on top, each bar labelled with the two parties furthest apart."""
    labels = [f"{g.gap:g}  {plotly_safe(g.low.party.short)} ↔ {plotly_safe(g.high.party.short)}" for g in ranked]
    issues = [few_words(g.issue.name, 28, 2) for g in ranked]
    fig = go.Figure(
        go.Bar(
            x=[g.gap for g in ranked],
            y=issues,
            orientation="h",
            marker={"color": "#829AB1"},
            text=labels,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 17, "color": INK},
            hoverinfo="text",
            hovertext=[f"{plotly_safe(g.issue.name)}: gap {t}" for g, t in zip(ranked, labels, strict=True)],
        )
    )
    apply(fig, title="Widest gaps", height=max(220, 52 * len(ranked) + 110))
    fig.update_layout(
        margin={"l": margin_for(issues, ISSUE_FONT), "r": 200, "t": 56, "b": 40},
        bargap=0.35,
        dragmode=False,
        showlegend=False,
    )
    fig.update_xaxes(
        range=[0, 100],
        tickvals=[0, 25, 50, 75, 100],
        fixedrange=True,
        tickfont={"size": 16, "color": MUTED},
        title={"text": "gap on the issue's 0–100 scale", "font": {"size": 16, "color": MUTED}},
    )
    fig.update_yaxes(
        autorange="reversed",
        automargin=True,
        fixedrange=True,
        showgrid=False,
        tickfont={"size": ISSUE_FONT, "color": INK},
    )
    if not ranked:
        fig.add_annotation(
            text="No issue has two chosen parties placed on its scale",
            showarrow=False,
            x=50,
            y=0.5,
            yref="paper",
            font={"color": MUTED},
        )
    return fig
