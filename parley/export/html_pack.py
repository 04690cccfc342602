"""The briefing pack as one self-contained HTML file: opens offline, charts stay interactive.

plotly.js is inlined once (in the first chart); later charts reuse it. Every piece of data
text goes through html.escape here, and chart text is already escaped by the figure builders
(plotly_safe), so nothing from a dataset can run or render as markup. Quotes are the only text
in quotation marks; a summary is introduced as a summary of its source.
"""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from parley.briefs import Brief, Footnote, IssueBrief
from parley.charts.scale import issue_figure
from parley.palette import text_color
from parley.record import Standing
from parley.wording import (
    BASIS_NOTE,
    LEFT_OUT,
    NOT_STATED,
    SUMMARY_NOTE,
    basis_line,
    citation,
    coding,
    source_kind,
    summary_label,
    weak_label,
)

CHART_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

STYLE = """
:root { --ink: #1F2933; --muted: #52606D; --rule: #E4E7EB; --weak: #7B341E; }
* { box-sizing: border-box; }
body { font-family: "Source Sans 3", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; font-size: 18px; line-height: 1.45; }
header.title { min-height: 60vh; display: flex; flex-direction: column; justify-content: center;
               border-bottom: 2px solid var(--ink); margin-bottom: 32px; }
header.title h1 { font-size: 44px; margin: 0 0 12px; }
.as-of { font-size: 24px; font-weight: 600; }
.muted { color: var(--muted); }
.note { border-left: 4px solid #9AA0A6; padding: 8px 12px; background: #F5F7FA; }
section.issue { page-break-before: always; break-before: page; padding-top: 16px; border-top: 1px solid var(--rule); }
section.issue h2 { font-size: 32px; margin: 8px 0 4px; }
.question { font-size: 20px; margin: 0 0 12px; }
.stances { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 16px; margin: 16px 0; }
.stance { border: 1px solid var(--rule); border-top: 6px solid var(--party); border-radius: 6px; padding: 12px 14px; }
.stance h3 { margin: 0 0 6px; font-size: 20px; color: var(--party-text); }
.stance .what { font-size: 20px; font-weight: 600; margin: 0 0 8px; }
.stance.not-stated .what { font-style: italic; font-weight: 400; color: var(--muted); }
.stance blockquote { margin: 8px 0; padding-left: 10px; border-left: 3px solid var(--rule); font-style: italic; }
.stance .summary { margin: 8px 0; padding-left: 10px; border-left: 3px dashed var(--rule); }
.stance .meta { font-size: 15px; color: var(--muted); margin: 4px 0 0; }
.tag { display: inline-block; font-size: 14px; padding: 1px 6px; border: 1px dashed var(--muted); border-radius: 4px; }
.weak { color: var(--weak); border-color: var(--weak); font-weight: 600; }
sup a { text-decoration: none; }
ol.footnotes { font-size: 15px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 8px; }
.chart { min-height: 200px; }
@media print { body { max-width: none; } .chart { page-break-inside: avoid; } }
"""


def _t(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _party_style(color: str) -> str:
    """The party's colour for the card's rule, and its darker text shade for the name."""
    return f"--party: {_t(color)}; --party-text: {_t(text_color(color))}"


def _stance(s: Standing, color: str, anchors: dict[int, str], numbers: dict[str, Footnote]) -> str:
    kind = "stance" if s.shown else "stance not-stated"
    head = f'<div class="{kind}" style="{_party_style(color)}"><h3>{_t(s.party.name)}</h3>'
    if s.state == "not stated":
        return (
            head + f'<p class="what">{NOT_STATED}</p><p class="meta">No position on record as of this date.</p></div>'
        )
    if s.state == "left out":
        return head + f'<p class="what">{LEFT_OUT}</p><p class="meta">{_t(s.left_out)}</p></div>'
    p = s.position
    parts = [head, f'<p class="what">{_t(p.stance)}</p>']
    if s.weakness:
        parts.append(f'<p><span class="tag weak">⚑ {_t(weak_label(s.weakness))}</span></p>')
    if p.detail:
        parts.append(f"<p>{_t(p.detail)}</p>")
    for c in s.cited:
        number = numbers[c.source.id].number
        ref = f'<sup><a href="#{anchors[number]}">{number}</a></sup>'
        if c.is_quote:
            parts.append(f"<blockquote>“{_t(c.text)}”{ref}</blockquote>")
        else:
            parts.append(
                f'<p class="summary"><span class="tag">{_t(summary_label(c.source))}</span> {_t(c.text)}{ref}</p>'
            )
    if p.basis == "assessed":
        parts.append(f'<p><span class="tag">assessed, analyst coding</span> {_t(p.note)}</p>')
    elif p.note:
        parts.append(f'<p class="meta">Note: {_t(p.note)}</p>')
    if p.value_reason:
        parts.append(f'<p class="meta">Placing on the scale: {_t(p.value_reason)}</p>')
    parts.append(f'<p class="meta">{_t(basis_line(s))} · {_t(coding(p.value, p.acceptable))}</p></div>')
    return "".join(parts)


def _section(brief: Brief, item: IssueBrief, fig: go.Figure, first: bool) -> str:
    notes = brief.notes_for(item)
    anchors = {fn.number: f"fn-{item.issue.id}-{fn.number}" for fn in notes}
    chart = fig.to_html(
        full_html=False,
        include_plotlyjs=first,
        div_id=f"chart-{item.issue.id}",
        config=CHART_CONFIG,
        default_width="100%",
    )
    listed = "".join(
        f'<li id="{anchors[fn.number]}" value="{fn.number}">{_t(citation(fn.source))} '
        f"<span>({_t(source_kind(fn.source))})</span></li>"
        for fn in notes
    )
    sources = (
        f'<ol class="footnotes">{listed}</ol>' if listed else '<p class="muted">No source cited for this issue.</p>'
    )
    issue = item.issue
    stances = "".join(_stance(s, brief.colors[s.party.id], anchors, brief.footnotes) for s in item.standings)
    return (
        f'<section class="issue" id="issue-{_t(issue.id)}">'
        f'<p class="muted">{_t(issue.group)}</p><h2>{_t(issue.name)}</h2>'
        f'<p class="question">{_t(issue.question)}</p>'
        f'<p class="muted">Scale: 0 = {_t(issue.scale.low)} · 100 = {_t(issue.scale.high)}</p>'
        f"<p><strong>{_t(item.gap_text)}</strong></p>"
        f'<div class="stances">{stances}</div>'
        f'<div class="chart">{chart}</div>'
        f"<h3>Sources</h3>{sources}</section>"
    )


def render_html(brief: Brief) -> str:
    """The whole pack as an HTML document (str)."""
    sections = [
        _section(brief, item, issue_figure(item.gap, brief.colors, titled=False), n == 0)
        for n, item in enumerate(brief.issues)
    ]
    contents = "".join(f'<li><a href="#issue-{_t(i.issue.id)}">{_t(i.issue.name)}</a></li>' for i in brief.issues)
    title = f"{brief.title}: briefing as of {brief.as_of:%d %B %Y}"
    filtered = f'<p class="note">Filter: {_t(brief.filter_note)}.</p>' if brief.filter_note else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_t(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="Parley"><style>{STYLE}</style></head><body>'
        f'<header class="title"><p class="muted">Parley briefing pack</p><h1>{_t(brief.title)}</h1>'
        f'<p class="as-of">{_t(brief.dates_line())}</p>'
        f"<p>Parties: {_t(', '.join(brief.party_names()))}</p>"
        f'<p class="muted">{_t(brief.dataset.info.summary)}</p>{filtered}'
        f'<p class="note">{_t(BASIS_NOTE)} {_t(SUMMARY_NOTE)}</p>'
        f"<nav><h2>Issues</h2><ol>{contents}</ol></nav></header>"
        f"{''.join(sections)}"
        f'<footer class="muted"><p>Prepared with Parley from dataset “{_t(brief.dataset.id)}”, '
        f"{_t(brief.dates_line())}.</p></footer></body></html>\n"
    )


def html_bytes(brief: Brief) -> bytes:
    return render_html(brief).encode("utf-8")
