"""The briefing pack as one self-contained HTML file: opens offline, charts stay interactive.

plotly.js is inlined once (in the first chart); later charts reuse it. Every piece of data
text goes through html.escape here, and chart text is already escaped by the figure builders
(plotly_safe), so nothing from a dataset can run or render as markup.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import plotly.graph_objects as go

from parley.export.pack import BASIS_NOTE, IssueBrief, Pack, Stance
from parley.palette import text_color

CHART_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

STYLE = """
:root { --ink: #1F2933; --muted: #52606D; --rule: #E4E7EB; }
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
.stance .meta { font-size: 15px; color: var(--muted); margin: 4px 0 0; }
.assessed-tag { display: inline-block; font-size: 14px; padding: 1px 6px; border: 1px dashed var(--muted);
                border-radius: 4px; }
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


def _date(d: dt.date | None) -> str:
    return f"{d:%d %b %Y}" if d else ""


def _stance(s: Stance, footnotes: dict[int, str]) -> str:
    if not s.stated:
        return (
            f'<div class="stance not-stated" style="{_party_style(s.color)}"><h3>{_t(s.name)}</h3>'
            f'<p class="what">not stated</p><p class="meta">No position on record as of this date.</p></div>'
        )
    parts = [
        f'<div class="stance" style="{_party_style(s.color)}"><h3>{_t(s.name)}</h3>',
        f'<p class="what">{_t(s.stance)}</p>',
    ]
    if s.detail:
        parts.append(f"<p>{_t(s.detail)}</p>")
    for q in s.quotes:
        parts.append(
            f'<blockquote>“{_t(q.text)}”<sup><a href="#{footnotes[q.footnote]}">{q.footnote}</a></sup></blockquote>'
        )
    if s.assessed:
        parts.append(f'<p><span class="assessed-tag">assessed, analyst coding</span> {_t(s.note)}</p>')
    elif s.note:
        parts.append(f'<p class="meta">Note: {_t(s.note)}</p>')
    parts.append(
        f'<p class="meta">{_t(_date(s.date))} · {_t(s.basis_label)} · {_t(s.confidence)} confidence · '
        f"{_t(s.coding())}</p></div>"
    )
    return "".join(parts)


def _section(pack: Pack, issue: IssueBrief, fig: go.Figure, first: bool) -> str:
    anchors = {fn.number: f"fn-{issue.issue}-{fn.number}" for fn in issue.footnotes}
    chart = fig.to_html(
        full_html=False,
        include_plotlyjs=first,
        div_id=f"chart-{issue.issue}",
        config=CHART_CONFIG,
        default_width="100%",
    )
    notes = "".join(
        f'<li id="{anchors[fn.number]}" value="{fn.number}">{_t(fn.citation())} '
        f"<span>({_t(fn.kind.replace('_', ' '))}, {_t(fn.reliability)} reliability)</span></li>"
        for fn in issue.footnotes
    )
    sources = (
        f'<ol class="footnotes">{notes}</ol>' if notes else '<p class="muted">No quoted source for this issue.</p>'
    )
    return (
        f'<section class="issue" id="issue-{_t(issue.issue)}">'
        f'<p class="muted">{_t(issue.group)}</p><h2>{_t(issue.name)}</h2>'
        f'<p class="question">{_t(issue.question)}</p>'
        f'<p class="muted">Scale: 0 = {_t(issue.low)} · 100 = {_t(issue.high)}</p>'
        f'<div class="stances">{"".join(_stance(s, anchors) for s in issue.stances)}</div>'
        f'<div class="chart">{chart}</div>'
        f"<h3>Sources</h3>{sources}</section>"
    )


def render_html(pack: Pack, figures: dict[str, go.Figure] | None = None) -> str:
    """The whole pack as an HTML document (str). `figures` overrides the chart per issue id."""
    figures = figures or {}
    sections = [
        _section(pack, issue, figures.get(issue.issue) or pack.figure(issue.issue), n == 0)
        for n, issue in enumerate(pack.issues)
    ]
    contents = "".join(f'<li><a href="#issue-{_t(i.issue)}">{_t(i.name)}</a></li>' for i in pack.issues)
    title = f"{pack.title}: briefing as of {pack.as_of:%d %B %Y}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_t(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="Parley"><style>{STYLE}</style></head><body>'
        f'<header class="title"><p class="muted">Parley briefing pack</p><h1>{_t(pack.title)}</h1>'
        f'<p class="as-of">{_t(pack.dates_line())}</p>'
        f"<p>Parties: {_t(', '.join(pack.party_names()))}</p>"
        f'<p class="muted">{_t(pack.dataset.info.summary)}</p>'
        f'<p class="note">{_t(BASIS_NOTE)}</p>'
        f"<nav><h2>Issues</h2><ol>{contents}</ol></nav></header>"
        f"{''.join(sections)}"
        f'<footer class="muted"><p>Prepared with Parley from dataset “{_t(pack.dataset.id)}”, '
        f"{_t(pack.dates_line())}.</p></footer></body></html>\n"
    )


def html_bytes(pack: Pack, figures: dict[str, go.Figure] | None = None) -> bytes:
    return render_html(pack, figures).encode("utf-8")
