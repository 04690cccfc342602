"""The Sources page lists what backs the positions as of the chosen date, with their quotes and summaries."""

import pytest

SUMMARY = "Summary of Green mediator briefing (Green Gazette, 01 Feb 2025), not the source's words"


def _titles(at):
    return at.dataframe[0].value["title"].tolist()


def _counts(at, column="quotes"):
    table = at.dataframe[0].value
    return dict(zip(table["title"], table[column], strict=True))


def test_sources_published_after_the_as_of_date_are_left_out(open_app):
    at = open_app("sources", as_of="2025-01-20")
    assert _titles(at) == ["Blue foreign ministry note", "Red position paper"]
    assert at.caption[0].value.startswith("2 sources published on or before 20 January 2025")


def test_reliability_filter_from_the_url(open_app):
    at = open_app("sources", reliability="high")
    assert _titles(at) == ["Blue foreign ministry note", "Green mediator briefing"]
    assert "high reliability only (the sidebar's filter)" in at.caption[0].value
    assert at.sidebar.pills(key="w_reliability").value == ["high"]


def test_opens_on_the_source_with_most_quotes_for_the_parties_shown(open_app):
    at = open_app("sources")
    assert at.selectbox(key="w_source").value == "green-brief"  # two of Red's quotes and an event's
    assert "source" not in at.query_params  # the default is not written into the link


@pytest.mark.parametrize("link", ["blue-note", "Blue foreign ministry note"])  # the id, and an older link's title
def test_quotes_of_the_chosen_source_are_shown_as_text(open_app, link):
    at = open_app("sources", source=link)
    assert not at.warning
    assert at.selectbox(key="w_source").value == "blue-note"
    assert at.query_params["source"] == "blue-note"
    texts = [t.value for t in at.text]
    assert "Blue Foreign Ministry · 10 January 2025 · high reliability" in texts
    assert "“We want the old line restored”" in texts
    assert "10 Jan 2025 · Blue · Border line" in texts


def test_choosing_a_source_writes_its_id_into_the_url(open_app):
    at = open_app("sources")
    at.selectbox(key="w_source").set_value("red-paper").run()
    assert at.query_params["source"] == "red-paper"
    assert "“All restrictions must go.”" in [t.value for t in at.text]


def test_quote_counts_follow_the_parties_shown(open_app):
    at = open_app("sources", parties="blue")
    assert _counts(at) == {
        "Blue foreign ministry note": 2,
        "Red position paper": 0,
        "Green mediator briefing": 1,  # the press briefing event it reports
    }


def test_summaries_are_counted_apart_and_never_shown_as_quotes(open_app, tmp_path, mini_copy):
    mini_copy(
        tmp_path,
        "mini",
        edits={
            "positions.yaml": [
                (
                    "{source: green-brief, quote: Red would accept a freeze before talks.}",
                    "{source: green-brief, summary: Red could live with a freeze for now.}",
                )
            ]
        },
    )
    at = open_app("sources", tmp_path, source="green-brief")
    assert _counts(at) == {"Blue foreign ministry note": 2, "Red position paper": 2, "Green mediator briefing": 2}
    assert _counts(at, "summaries") == {"Blue foreign ministry note": 0, "Red position paper": 0,
                                        "Green mediator briefing": 1}  # fmt: skip
    texts = [t.value for t in at.text]
    assert f"{SUMMARY}: Red could live with a freeze for now." in texts
    assert "“Red could live with a freeze for now.”" not in texts
    assert "“Red hardened again.”" in texts
