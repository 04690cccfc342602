"""Overview, Compare and Gaps under AppTest on the mini fixture: they draw, say what the data says,
and follow the URL's query parameters (ids, and the names older links carried)."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.figures import chart_texts


def _headers(fig: dict) -> list[str]:
    """The matrix column headers as a reader sees them, without their colour markup."""
    return [re.sub(r"<[^>]+>", "", t) for t in fig["layout"]["xaxis"]["ticktext"]]


def figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def annotations(fig: dict) -> list[str]:
    return [text.replace("<br>", " ") for text in chart_texts(fig)]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def party_headers(at) -> list[str]:
    """The party names above Compare's columns (coloured bars drawn as HTML)."""
    return [re.sub(r"<[^>]+>", "", h.proto.body) for h in at.get("html") if "border-top:6px" in h.proto.body]


def test_overview_shows_headline_and_matrix(open_app):
    at = open_app("overview")
    text = markdown(at)
    assert "01 March 2025" in text
    assert "Border line\\: 80 points \\(Blue ↔ Red\\)" in text  # escaped markdown of the widest gap
    (fig,) = figures(at)
    assert _headers(fig) == ["Blue", "Red"]
    labels = annotations(fig)
    assert "Restore the old line" in labels and "Recognise the new line after all" in labels
    assert labels.count("<i>not stated</i>") == 2  # water rights, both parties


def test_query_params_choose_the_parties_and_the_date(open_app):
    at = open_app("overview", parties="blue,red,green", as_of="2025-02-05")
    (fig,) = figures(at)
    assert _headers(fig) == ["Blue", "Red", "Green"]
    labels = annotations(fig)
    assert "Freeze the line, then talk" in labels  # Red's border position on 5 Feb
    assert "Recognise the new line after all" not in labels
    assert "05 February 2025" in markdown(at)
    assert dict(at.query_params) == {"dataset": "mini", "parties": "blue,red,green", "as_of": "2025-02-05"}


def test_an_old_link_with_repeated_party_names_opens_the_same_view(open_app):
    at = open_app("overview", parties=["Blue", "Red", "Green"], as_of="2025-02-05")
    assert not at.warning
    assert _headers(figures(at)[0]) == ["Blue", "Red", "Green"]
    assert "Freeze the line, then talk" in annotations(figures(at)[0])
    # The page rewrites its URL to ids, comma-separated.
    assert dict(at.query_params) == {"dataset": "mini", "parties": "blue,red,green", "as_of": "2025-02-05"}


def test_gaps_page_draws_scale_and_ranked_charts_and_names_the_mean_gap(open_app):
    at = open_app("gaps", parties="blue,green")
    scale, ranked = figures(at)
    points = {
        (issue, t["text"][n]): t["x"][n]
        for t in scale["data"]
        if t.get("meta", {}).get("role") == "point"
        for n, issue in enumerate(t["customdata"])
    }
    assert points == {("border", "Blue"): 10, ("border", "Green"): 50, ("trade", "Blue"): 20}
    assert "overlap 40–50" in annotations(scale)
    assert "gap unknown · not stated: Green" in annotations(scale)  # trade: only Blue placed, never a 0 gap
    assert ranked["data"][0]["y"] == ["Border line"]
    assert "Blue and Green are 40 points apart on average, over 1 shared issue\\." in [m.value for m in at.markdown]


def test_gaps_page_with_three_parties_draws_the_distance_matrix(open_app):
    at = open_app("gaps", parties="blue,red,green")
    distance = figures(at)[2]
    assert distance["layout"]["title"]["text"].startswith("Mean gap between parties")
    assert "80" in annotations(distance) and "—" in annotations(distance)


@pytest.mark.parametrize("link", ["trade", "Trade"])  # the id, and the name an older link carried
def test_gaps_issue_filter_is_bound_to_the_url(open_app, link):
    at = open_app("gaps", issues=link)
    assert not at.warning
    scale = figures(at)[0]
    assert "<b>Trade</b>" in annotations(scale)
    assert "<b>Border line</b>" not in annotations(scale)
    assert at.multiselect(key="w_issues").value == ["trade"]
    assert at.query_params["issues"] == "trade"  # an old link's name is rewritten to the id
    # The widget writes the URL, and the URL drives the chart.
    at.multiselect(key="w_issues").set_value(["border", "water"]).run()
    assert at.query_params["issues"] == "border,water"
    assert "<b>Trade</b>" not in annotations(figures(at)[0])
    assert "<b>Water rights</b>" in annotations(figures(at)[0])
    at.multiselect(key="w_issues").set_value([]).run()
    assert "issues" not in at.query_params
    assert "<b>Trade</b>" in annotations(figures(at)[0])


def test_compare_shows_each_partys_evidence_and_the_gap(open_app):
    at = open_app("compare", parties="blue,red,green")
    text = markdown(at)
    assert "Gap 80 points\\: Blue 10 ↔ Red 90" in text
    assert "> “We want the old line restored”" in text  # a quote, in quotation marks
    assert "> “Red hardened again\\.”" in text
    assert "open source" in text and "https://example.org/red-paper" in text
    assert "*Assessed (analyst coding, not the party's words)*: Inferred from Green" in text
    assert "*Placing on the scale*: Close to the old line, but Blue could accept a frozen line for now\\." in text
    assert "*not stated*" in text
    assert party_headers(at)[:3] == ["Blue", "Red", "Green"]


@pytest.mark.parametrize("link", [{"groups": "economy"}, {"group": "Economy"}])  # now, and as older links had it
def test_compare_group_filter_is_bound_to_the_url(open_app, link):
    at = open_app("compare", **link)
    assert not at.warning
    headings = [m.value.split("\n")[0] for m in at.markdown if m.value.startswith("### ")]
    assert headings == ["### Trade", "### Water rights"]
    assert at.multiselect(key="w_groups").value == ["Economy"]
    assert dict(at.query_params) == {"dataset": "mini", "groups": "economy"}
    at.multiselect(key="w_groups").set_value(["Territory"]).run()
    assert [m.value.split("\n")[0] for m in at.markdown if m.value.startswith("### ")] == ["### Border line"]
    assert at.query_params["groups"] == "territory"


@pytest.mark.parametrize("page", ["overview", "compare", "gaps"])
def test_planted_markup_in_the_data_shows_as_text(open_app, hostile_root, page):
    at = open_app(page, hostile_root)
    for m in at.markdown:
        assert "<script" not in m.value and "<img" not in m.value and "](javascript" not in m.value
    for fig in figures(at):
        dumped = json.dumps(fig, ensure_ascii=False)
        assert "<script" not in dumped and "<img" not in dumped


QUOTED = (
    "  basis: stated\n  confidence: high\n  evidence:\n"
    '    - {source: blue-note, quote: "We want the old line restored"}'
)
SUMMARISED = (
    "  basis: reported\n  confidence: high\n  evidence:\n"
    "    - {source: blue-note, summary: Blue wants the old line back.}"
)


def test_a_weakly_sourced_position_is_flagged_and_its_summary_is_not_a_quote(open_app, tmp_path, mini_copy):
    # Blue's border position, backed by a summary only (so at most reported, not stated).
    mini_copy(tmp_path, "mini", edits={"positions.yaml": [(QUOTED, SUMMARISED)]})
    at = open_app("compare", tmp_path)
    text = markdown(at)
    assert ":gray-badge[⚑ Weakly sourced] only summaries, no verbatim quote" in text
    assert (
        "*Summary of Blue foreign ministry note \\(Blue Foreign Ministry, 10 Jan 2025\\), not the source's words:* "
        "Blue wants the old line back\\." in text
    )
    assert "“Blue wants the old line back" not in text
    assert text.count("⚑") == 1  # Red's positions rest on verbatim quotes
