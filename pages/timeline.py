"""Timeline: what changed since the last brief, then events, positions or gaps over a period, a tab each."""

from itertools import combinations

import streamlit as st

from parley.changes import events_between
from parley.charts.events import events_figure
from parley.charts.gap_history import gap_figure
from parley.charts.positions import position_figure
from parley.record import issue_order
from parley.ui.charts import show
from parley.ui.paging import one_page
from parley.ui.safe import md
from parley.ui.shell import page
from parley.ui.timeline_parts import change_card, event_line
from parley.ui.url_state import bound, writes
from parley.wording import CHART_TABS, day, second_party

CHANGES_PER_PAGE = 20  # each card shows the record before and after, with their evidence
GAP_ROWS_PER_PAGE = 12  # gap chart issues at a time, as Compare shows them: each a band with its own title and ticks

ctx = page()
v, results = ctx.view, ctx.results
ds = v.dataset
st.title("Timeline")
if not v.parties:
    st.info("Choose at least one party in the sidebar.")
    st.stop()
names = {i.id: i.name for i in issue_order(ds)}
shorts = {p: v.short(p) for p in v.parties}


def date_box(label: str, field: str, value, help: str | None = None, **reset) -> None:
    key = f"w_{field}"
    st.date_input(
        label,
        key=bound(key, value),
        min_value=v.earliest,
        max_value=v.as_of,
        format="YYYY-MM-DD",
        on_change=writes(field, key, **reset),
        help=help,
    )


# --- What changed ----------------------------------------------------------------------------
st.header("What changed", anchor="what-changed")
left, right = st.columns(2)
with left:
    date_box(
        "Since (what was on record that day)",
        "since",
        v.since,
        "Default: the last event before the as-of date, e.g. the last round of talks you briefed on.",
        page_number=1,
    )
with right:
    date_box("Until", "until", v.until, "Default: the as-of date chosen in the sidebar.", page_number=1)
left, right = st.columns(2)
with left:
    st.multiselect(
        "On issues",
        list(names),
        key=bound("w_change_issues", list(v.change_issues)),
        format_func=names.get,
        on_change=writes("change_issues", "w_change_issues", tuple, page_number=1),
        placeholder="All issues",
    )
with right:
    st.multiselect(
        "By parties",
        list(shorts),
        key=bound("w_change_parties", list(v.change_parties)),
        format_func=shorts.get,
        on_change=writes("change_parties", "w_change_parties", tuple, page_number=1),
        placeholder="All parties shown",
    )

found, left_out = results.changes(v.since, v.until, v.change_parties, v.change_issues)
between = events_between(ds, v.since, v.until)
on_baseline = [e for e in ds.events if e.date == v.since]
md(
    "Changes dated after **{since}**{about} up to **{until}**, for {who}{on}: **{n}** and **{m}**.",
    since=day(v.since),
    about=f" ({on_baseline[-1].title})" if on_baseline else "",
    until=day(v.until),
    who=", ".join(shorts[p] for p in (v.change_parties or v.parties)),
    on=f" on {', '.join(names[i] for i in v.change_issues)}" if v.change_issues else "",
    n=f"{len(found)} position record{'' if len(found) == 1 else 's'}",
    m=f"{len(between)} event{'' if len(between) == 1 else 's'}",
)
if left_out:
    st.caption(f"{left_out} more change(s) left out by the evidence filter ({v.filters.describe()}).")
if not found:
    st.info("No position of the chosen parties was added, changed or withdrawn between these dates.")
for change in one_page(found, CHANGES_PER_PAGE, v.page_number, "Changes"):
    change_card(change, ds, results.colors[change.party])
if between:
    st.subheader("Events in between")
    for event in between:
        event_line(event, ds)

# --- Over time -------------------------------------------------------------------------------
st.divider()
st.header("Over time", anchor="over-time")
left, right = st.columns(2)
with left:
    date_box("From", "start", v.start)
with right:
    date_box("To", "end", v.end)
window = (v.since, v.until)
st.caption(
    f"{day(v.start)} – {day(v.end)}. The shaded stretch is the “What changed” window ({day(v.since)} – {day(v.until)})."
)
# One chart at a time: only the open tab's content runs and is drawn, and the tab is in the URL.
tab_of = {label: chart for chart, label in CHART_TABS.items()}
events_tab, positions_tab, gaps_tab = st.tabs(
    list(CHART_TABS.values()),
    key=bound("w_chart", CHART_TABS[v.chart]),
    on_change=writes("chart", "w_chart", tab_of.get),
)


def events_chart() -> None:
    events = results.memo(("events", v.start, v.end, window), lambda: events_figure(ds, v.start, v.end, window))
    show(events, "timeline-events", v, key="timeline-events")


def positions_chart() -> None:
    if not names:
        st.info("This dataset has no issues yet.")
        return
    counts = {i: sum(len(results.loaded.histories.get((p, i), ())) for p in v.parties) for i in names}
    ordered = list(names)
    focus = v.focus or max(ordered, key=lambda i: (counts[i], -ordered.index(i)))
    st.selectbox(
        "Issue", ordered, key=bound("w_focus", focus), format_func=names.get, on_change=writes("focus", "w_focus")
    )
    md("{question}", question=ds.issue(focus).question)
    positions = results.memo(
        ("positions", focus, v.start, v.end, window),
        lambda: position_figure(
            ds, results.loaded.histories, ds.issue(focus), v.parties, results.colors, v.start, v.end, window, v.filters
        ),
    )
    show(positions, "timeline-positions", v, key="timeline-positions")
    st.caption(
        "Lines: each party's position on the issue's 0–100 scale, held until its next record; circles mark a new "
        "record (hover for the stance and its evidence), ✕ a withdrawal; bands: the range it could accept. "
        "No line means no position shown, never 0."
    )


def gaps_chart() -> None:
    if len(v.parties) < 2:
        st.info(
            second_party(
                len(v.dataset.parties),
                "the gap between two parties over time",
                "there is no gap between two parties to show",
            )
        )
        return
    pairs = [f"{a},{b}" for a, b in combinations(v.parties, 2)]
    pair = ",".join(v.pair) if v.pair else pairs[0]
    st.selectbox(
        "Between",
        pairs,
        key=bound("w_pair", pair),
        format_func=lambda p: " ↔ ".join(shorts[x] for x in p.split(",")),
        on_change=writes("pair", "w_pair", lambda p: tuple(p.split(",")), gaps_page=1),
    )
    a, b = pair.split(",")
    md(
        "Distance between {a} and {b} on each issue's 0–100 scale, {period}: lower is closer. No line while either "
        "side has no position on the scale.",
        a=shorts[a],
        b=shorts[b],
        period=f"{day(v.start)} – {day(v.end)}",
    )
    readings = one_page(results.readings(a, b, v.start, v.end), GAP_ROWS_PER_PAGE, v.gaps_page, "Issues", "gaps_page")
    gaps = results.memo(
        ("gap-history", a, b, v.start, v.end, window, tuple(r.issue for r in readings)),
        lambda: gap_figure(ds, results.loaded.histories, a, b, readings, v.start, v.end, window, v.filters),
    )
    show(gaps, "timeline-gaps", v, key="timeline-gaps")


for tab, draw in ((events_tab, events_chart), (positions_tab, positions_chart), (gaps_tab, gaps_chart)):
    with tab:
        if tab.open:
            draw()
