"""The bundled dataset (data/russia-ukraine-2025) and the template (data/_template).

Trust is the product: these tests check that the bundled data loads with no problem, that every
quote is really in the words kept for its own page (and that those words are only what the
public record captured from that page), that summaries are never passed off as quotes, that
each claim of the seed article is coded, and that the coding rules of data/CODEBOOK.md hold:
not stated stays absent, Russia–Ukraine sanctions are kept apart from Western sanctions, "dead
end" is never put in Vance's mouth, stances that say the same thing get the same value, and
inferred values are labelled assessed.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from parley.load import dataset_ids, load_dataset

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
FOLDER = DATA / "russia-ukraine-2025"
TEMPLATE = DATA / "_template"
RECORD = FOLDER / "sources" / "public-record-2025-2026.md"
SEED = "seed-article"
SEED_TEXT = "sources/seed-article-2025-05-28.txt"
SEED_DATE = dt.date(2025, 5, 28)
FRAMEWORK = dt.date(2025, 12, 23)  # the 20-point framework, presented on 23–24 December 2025


# --- helpers ------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Whitespace, quote marks and dashes only: a stricter check than the loader's (case is kept)."""
    text = text.replace('\\"', '"')
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def result():
    return load_dataset(FOLDER)


@pytest.fixture(scope="module")
def ds(result):
    assert result.dataset is not None, "\n".join(str(p) for p in result.problems)
    return result.dataset


def positions(ds, party, issue, *, on_or_before=None):
    found = [p for p in ds.positions if p.party == party and p.issue == issue]
    if on_or_before is not None:
        found = [p for p in found if p.date <= on_or_before]
    return found


def position(ds, party, issue, date):
    found = [p for p in positions(ds, party, issue) if p.date == date]
    assert len(found) == 1, f"expected one {party} position on {issue} dated {date}, found {len(found)}"
    return found[0]


def cites(position, source, fragment):
    """The position quotes `fragment` (the page's own words) from `source`."""
    return any(
        e.source == source and e.quote is not None and fragment.lower() in normalise(e.quote).lower()
        for e in position.evidence
    )


def summarises(position, source, fragment):
    """The position cites a summary of `source` containing `fragment`."""
    return any(
        e.source == source and e.summary is not None and fragment.lower() in normalise(e.summary).lower()
        for e in position.evidence
    )


def find(ds, party, issue, source, fragment, *, on_or_before=None, basis=None):
    """The positions of party on issue that quote fragment from source; fails with a clear message."""
    hits = [
        p
        for p in positions(ds, party, issue, on_or_before=on_or_before)
        if cites(p, source, fragment) and (basis is None or p.basis == basis)
    ]
    assert hits, (
        f"no {party} position on {issue}"
        + (f" dated on or before {on_or_before}" if on_or_before else "")
        + (f" with basis {basis}" if basis else "")
        + f" quotes {source!r} with words containing {fragment!r}"
    )
    return hits


def event_quoting(ds, source, fragment, *, parties=()):
    hits = [e for e in ds.events if e.source == source and e.quote and fragment.lower() in normalise(e.quote).lower()]
    assert hits, f"no event quotes {source!r} with words containing {fragment!r}"
    for party in parties:
        assert any(party in e.parties for e in hits), f"the event quoting {fragment!r} should list {party}"
    return hits


def seed_event(ds, fragment, *, parties=()):
    return event_quoting(ds, SEED, fragment, parties=parties)


def on_anchor(ds, p):
    return ds.issue(p.issue).on_anchor(p.value)


# --- the public record, parsed: which words it captured, and which are the compiler's -------------

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


@cache
def record_columns() -> tuple[frozenset[str], tuple[str, ...]]:
    """(every quote the record captured, every cell of the compiler's own words).

    Captured quotes are the quoted segments of the rows' "Verbatim quote" column and of the
    Corrections table's "Short verbatim quote" column. The compiler's words are the rows'
    "Position / fact" column and the Corrections table's "Correction / note" column.
    """
    quotes: set[str] = set()
    summaries: list[str] = []
    for line in RECORD.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = _cells(line)
        if cells[0] in ("ID", "Row"):
            continue
        if len(cells) == 8:  # ID | Party | Issue | Position / fact | Verbatim quote | Source | Src | Date
            summaries.append(normalise(cells[3]))
            quotes.update(normalise(q.replace('\\"', '"')) for q in _QUOTED.findall(cells[4]))
        elif len(cells) == 5:  # Row | Verdict | Better source | Short verbatim quote | Correction / note
            summaries.append(normalise(cells[4]))
            quotes.update(normalise(q.replace('\\"', '"')) for q in _QUOTED.findall(cells[3]))
    return frozenset(quotes), tuple(summaries)


def kept_paragraphs(source) -> list[str]:
    text = (FOLDER / source.text_file).read_text(encoding="utf-8")
    return [normalise(p) for p in text.split("\n\n") if p.strip()]


# --- the dataset loads, and every quote is in its own page's words ---------------------------------


def test_bundled_dataset_loads_without_problems(result):
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.dataset is not None


def test_bundled_dataset_is_listed_and_the_template_is_not():
    ids = dataset_ids(DATA)
    assert "russia-ukraine-2025" in ids
    assert not any(i.startswith("_") for i in ids)


def test_every_quote_is_found_in_its_own_pages_kept_text(ds):
    texts = {}
    for source in ds.sources:
        if source.text_file:
            path = FOLDER / source.text_file
            assert path.is_file(), f"source {source.id}: {source.text_file} is missing"
            texts[source.id] = normalise(path.read_text(encoding="utf-8")).lower()
    quoted = [(f"{p.party}/{p.issue}/{p.date}", e.source, e.quote) for p in ds.positions for e in p.evidence if e.quote]
    quoted += [(f"event {e.date} {e.title}", e.source, e.quote) for e in ds.events if e.quote]
    assert quoted
    missing = [f"{where}: source {source} has no kept text" for where, source, _ in quoted if source not in texts]
    missing += [
        f"{where}: {quote!r} not in {source}"
        for where, source, quote in quoted
        if source in texts and normalise(quote).lower() not in texts[source]
    ]
    assert not missing, "\n".join(missing)


def test_every_source_keeps_only_its_own_page(ds):
    for source in ds.sources:
        if source.id == SEED:
            assert source.text_file == SEED_TEXT
        elif source.text_file is not None:
            assert source.text_file == f"sources/{source.id}.txt", f"{source.id} points at {source.text_file}"
    assert not any(s.text_file and s.text_file.endswith(".md") for s in ds.sources), "the record is nobody's text"
    # Every kept page text exists for a source, and nothing else lies in sources/.
    kept = {p.name for p in (FOLDER / "sources").iterdir()}
    named = {Path(s.text_file).name for s in ds.sources if s.text_file}
    assert kept - named == {RECORD.name}


def test_kept_page_texts_hold_only_the_words_the_record_captured(ds):
    captured, _ = record_columns()
    assert len(captured) > 100
    for source in ds.sources:
        if source.id == SEED or source.text_file is None:
            continue
        paragraphs = kept_paragraphs(source)
        assert paragraphs, f"{source.id}: empty kept text (drop text_file instead)"
        for paragraph in paragraphs:
            assert paragraph in captured, f"{source.id}: {paragraph[:70]!r} is not a quote the record captured"
        assert len(paragraphs) == len(set(paragraphs)), f"{source.id}: a quote is kept twice"


def test_no_source_is_the_public_record(ds):
    assert not any("public-record" in s.id or "public record" in s.title.lower() for s in ds.sources)
    cited = {e.source for p in ds.positions for e in p.evidence} | {e.source for e in ds.events}
    assert not any("public-record" in s for s in cited)
    # Every source is cited at least once, and every cited source exists.
    assert cited == {s.id for s in ds.sources}


def test_summaries_are_the_records_words_and_never_sit_in_a_quote_field(ds):
    captured, summaries = record_columns()
    record = normalise(RECORD.read_text(encoding="utf-8"))
    texts = {s.id: normalise((FOLDER / s.text_file).read_text(encoding="utf-8")) for s in ds.sources if s.text_file}
    entries = [(f"{p.party}/{p.issue}/{p.date}", e) for p in ds.positions for e in p.evidence]
    entries += [(f"event {e.date}", e.evidence) for e in ds.events if e.evidence is not None]
    found_summary = False
    for where, e in entries:
        if e.summary is not None:
            found_summary = True
            assert normalise(e.summary) in record, f"{where}: summary is not the record's wording"
            assert normalise(e.summary) not in texts.get(e.source, ""), f"{where}: a summary that is a quote"
    assert found_summary
    # No stated position quotes the compiler's words: every quote of a page (other than the seed
    # article, whose own words are its text) is a quote the record captured from a page.
    for p in ds.positions:
        for e in p.quotes:
            if e.source == SEED:
                continue
            words = normalise(e.quote)
            assert any(words in q for q in captured), f"{p.party}/{p.issue}/{p.date}: {words[:60]!r} is not captured"
            if p.basis == "stated":
                in_summary = any(words in s for s in summaries)
                assert not in_summary or any(words in q for q in captured)


def test_kept_texts_are_the_seed_without_its_appeal_and_the_record_is_kept(ds):
    seed = (FOLDER / SEED_TEXT).read_text(encoding="utf-8")
    assert "You could close this page" not in seed
    assert "Become a Patron" not in seed
    assert seed.rstrip().endswith("without its direct involvement.")
    assert "Ukrainian Defense Minister Rustem Umerov announced" in seed
    record = RECORD.read_text(encoding="utf-8")
    assert "## Corrections: rows checked against stronger sources" in record
    assert "| Y26-10 |" in record


# --- the shape of the dataset ----------------------------------------------------------------------


def test_parties_issues_and_dates(ds):
    parties = {p.id: p for p in ds.parties}
    assert set(parties) == {"ukraine", "russia", "united-states", "europe", "turkiye"}
    assert parties["ukraine"].role == parties["russia"].role == "negotiating_party"
    assert parties["united-states"].role == parties["turkiye"].role == "mediator"
    assert parties["europe"].role == "third_party"
    assert all(p.color and p.description for p in ds.parties)
    assert ds.info.default_parties == ["ukraine", "russia"]

    issues = {i.id: i for i in ds.issues}
    assert set(issues) == {
        "ceasefire",
        "nato",
        "security-guarantees",
        "military-limits",
        "territory",
        "sanctions",
        "frozen-assets",
        "russia-ukraine-ties",
        "prisoners",
        "language-church",
        "elections",
        "leaders-meeting",
    }
    for issue in ds.issues:
        assert 3 <= len(issue.anchors) <= 5, issue.id
        assert len(issue.scale.low) <= 40 and len(issue.scale.high) <= 40, issue.id
        assert issue.question.endswith(("?", ".")), issue.id
        assert any(p.issue == issue.id for p in ds.positions), f"{issue.id} has no position"

    latest = max([p.date for p in ds.positions] + [e.date for e in ds.events] + [s.date for s in ds.sources])
    assert ds.info.as_of == latest == dt.date(2026, 2, 26)
    assert 70 <= len(ds.positions) <= 100
    assert 30 <= len(ds.events) <= 45
    assert "public record" not in ds.info.summary.lower() or "never a quote" in ds.info.summary


def test_every_source_has_a_reliability_and_a_traceable_origin(ds):
    for source in ds.sources:
        assert source.reliability in {"high", "medium", "low"}
        assert source.url or source.note, f"{source.id} needs a url or a note saying where it is from"
        if source.url is None:
            assert "no page address" in source.note or "seed article" in source.title.lower(), source.id
        assert source.coding_note, f"{source.id} should say in coding_note where its words come from"


def test_other_states_state_media_is_low(ds):
    trt = [s for s in ds.sources if s.publisher == "TRT World"]
    assert trt, "TRT World pages are cited"
    for source in trt + [s for s in ds.sources if "Belarus" in s.publisher or "Xinhua" in s.publisher]:
        assert (source.kind, source.reliability) == ("state_media", "low"), source.id
    # Russian state media are medium only where they publish Russia's own documents or statements.
    for source in ds.sources:
        if source.kind == "state_media" and source.reliability != "low":
            assert source.publisher in {"TASS", "Sputnik", "Pravda.ru"}, source.id


def test_low_reliability_evidence_only_gives_low_confidence(ds):
    reliability = {s.id: s.reliability for s in ds.sources}
    for p in ds.positions:
        levels = {reliability[e.source] for e in p.evidence}
        if levels == {"low"}:
            assert p.confidence == "low", f"{p.party}/{p.issue}/{p.date} rests on low sources only"
            assert p.note, f"{p.party}/{p.issue}/{p.date} needs a note on its weak sources"


def test_current_positions_on_weak_pages_say_so(ds):
    reliability = {s.id: s.reliability for s in ds.sources}
    weak = re.compile(
        r"aggregator|state media|state broadcaster|low-reliability|low reliability|blog|copy|re-post", re.I
    )
    for party in {p.party for p in ds.positions}:
        for issue in {p.issue for p in ds.positions}:
            found = positions(ds, party, issue)
            if not found:
                continue
            current = max(found, key=lambda p: p.date)
            if {reliability[e.source] for e in current.evidence} == {"low"}:
                assert current.confidence == "low" and weak.search(current.note), f"{party}/{issue}"


def test_histories_cover_the_core_issues_for_both_sides(ds):
    for issue in ("ceasefire", "nato", "territory"):
        for party in ("ukraine", "russia"):
            dates = {p.date for p in positions(ds, party, issue)}
            assert len(dates) >= 2, f"{party} needs a history on {issue}"
    for party in ("ukraine", "russia"):
        assert positions(ds, party, "sanctions"), f"{party} has no sanctions position"
    for party in ("united-states", "europe"):
        for issue in ("nato", "security-guarantees", "military-limits", "territory", "frozen-assets"):
            assert positions(ds, party, issue), f"{party} should stand on the {issue} scale"
    assert positions(ds, "turkiye", "leaders-meeting")


def test_not_stated_stays_absent(ds):
    # The record has nothing from Ukraine on language and church or on Russia–Ukraine ties:
    # no record at all, rather than a zero.
    assert not positions(ds, "ukraine", "language-church")
    assert not positions(ds, "ukraine", "russia-ukraine-ties")
    assert not any(p.party == "turkiye" and p.issue != "leaders-meeting" for p in ds.positions)


# --- the coding rules: basis, values, notes -----------------------------------------------------------


def test_basis_follows_the_evidence(ds):
    for p in ds.positions:
        where = f"{p.party}/{p.issue}/{p.date}"
        if p.basis == "stated":
            assert p.quotes, f"{where}: stated without a quote"
        if p.evidence and not p.quotes:
            assert p.basis != "stated", f"{where}: only summaries"
        if p.basis == "assessed":
            assert p.note and "assessment" in p.note.lower(), f"{where}: an assessed value needs its reason"
        if p.value is not None and not on_anchor(ds, p):
            assert p.value_reason, f"{where}: {p.value:g} is between anchors"
        else:
            assert not p.value_reason, f"{where}: value_reason on an anchor value"
    assert sum(p.basis == "assessed" for p in ds.positions) >= 6


def test_every_position_has_evidence_near_its_date(ds):
    dates = {s.id: s.date for s in ds.sources}
    for p in ds.positions:
        assert p.evidence, f"{p.party}/{p.issue}/{p.date} has no evidence"
        assert min(abs((dates[e.source] - p.date).days) for e in p.evidence) <= 14, f"{p.party}/{p.issue}/{p.date}"


ROW_ID = re.compile(r"\b(?:[A-Z]{1,3}\d{0,2}-\d{2}|SEED)\b")


def test_reader_notes_carry_no_bookkeeping(ds):
    source_ids = {s.id for s in ds.sources}
    texts = [(f"{p.party}/{p.issue}/{p.date} {field}", getattr(p, field)) for p in ds.positions
             for field in ("stance", "detail", "note", "value_reason")]  # fmt: skip
    texts += [(f"event {e.date} {field}", getattr(e, field)) for e in ds.events for field in ("title", "note")]
    texts += [(f"source {s.id} note", s.note) for s in ds.sources]
    for where, text in texts:
        assert not ROW_ID.search(text), f"{where}: record row id in a reader's text"
        assert "public record" not in text.lower() and "seed claim" not in text.lower(), where
        assert not any(sid in text for sid in source_ids if "-" in sid), f"{where}: source id in a reader's text"
    assert all(p.coding_note for p in ds.positions), "every position says in coding_note where it comes from"


# --- each claim of the seed article is coded ------------------------------------------------------


def test_seed_ukraine_ceasefire_proposal(ds):
    find(ds, "ukraine", "ceasefire", SEED, "unconditional ceasefire", on_or_before=SEED_DATE)
    [p] = find(ds, "ukraine", "ceasefire", SEED, "full and unconditional 30-day ceasefire", on_or_before=SEED_DATE)
    assert p.value == 0


def test_seed_ukraine_prisoner_swap_and_leaders_talks(ds):
    [swap] = find(ds, "ukraine", "prisoners", SEED, "all-for-all prisoner swap", on_or_before=SEED_DATE)
    assert swap.value == 75
    [meet] = find(
        ds,
        "ukraine",
        "leaders-meeting",
        SEED,
        "direct negotiations between Presidents Zelenskyy and Putin",
        on_or_before=SEED_DATE,
    )
    assert meet.value == 0


def test_seed_russia_refuses_ceasefire_and_demands_withdrawal(ds):
    [cease] = find(ds, "russia", "ceasefire", SEED, "refused a ceasefire", on_or_before=SEED_DATE)
    assert cease.value == 100
    [land] = find(
        ds,
        "russia",
        "territory",
        SEED,
        "full withdrawal of Ukrainian troops from four occupied regions",
        on_or_before=SEED_DATE,
    )
    assert land.value == 100


def test_seed_putin_declines_to_attend_and_russia_takes_note(ds):
    [p] = find(ds, "russia", "leaders-meeting", SEED, "declined to attend personally", on_or_before=SEED_DATE)
    assert p.value == 50  # "took note": open to a meeting, no commitment
    assert summarises(p, "up-2025-05-16", "took note")


@pytest.mark.parametrize(
    ("issue", "fragment"),
    [
        ("nato", "NATO's eastward expansion"),
        ("nato", "Ukraine adopting a neutral status"),
        ("sanctions", "partial lifting of Western sanctions"),
        ("frozen-assets", "resolution of frozen Russian assets abroad"),
        ("language-church", "protections for Russian speakers"),
    ],
)
def test_seed_kremlin_conditions_via_reuters_are_reported(ds, issue, fragment):
    [p] = find(ds, "russia", issue, SEED, fragment, on_or_before=SEED_DATE, basis="reported")
    assert p.date == SEED_DATE


def test_seed_ukraine_rejects_nato_veto_and_wants_guarantees(ds):
    [nato] = find(ds, "ukraine", "nato", SEED, "rejects any veto over its NATO aspirations", on_or_before=SEED_DATE)
    assert nato.value == 0
    [guarantees] = find(
        ds, "ukraine", "security-guarantees", SEED, "strong Western security guarantees", on_or_before=SEED_DATE
    )
    assert guarantees.value == 50  # "strong", no terms
    [event] = seed_event(ds, "without its direct involvement", parties=("ukraine",))
    assert event.date == SEED_DATE


def test_seed_umerov_and_sybiha_statements(ds):
    [p] = find(
        ds, "ukraine", "ceasefire", SEED, "We reaffirm Ukraine's readiness for a full and unconditional ceasefire"
    )
    assert p.date == SEED_DATE
    seed_event(ds, "awaiting their 'memorandum,'", parties=("ukraine",))
    seed_event(ds, "will immediately submit their proposals", parties=("ukraine",))  # Sybiha
    # Those words are about delegation rounds, not a meeting of presidents.
    assert not [p for p in positions(ds, "ukraine", "leaders-meeting") if p.date == SEED_DATE]


def test_dead_end_is_never_vance_s_words(ds):
    [impasse] = event_quoting(ds, "deccanherald-2025-05-19", "We realize there's a bit of an impasse here.")
    assert impasse.date == dt.date(2025, 5, 19) and "united-states" in impasse.parties
    assert "rendering" in impasse.note and "dead end" in impasse.note
    quotes = [(f"{p.party}/{p.issue}", e) for p in ds.positions for e in p.quotes]
    quotes += [(f"event {e.date}", e.evidence) for e in ds.events if e.quote]
    for where, e in quotes:
        if "dead end" in e.quote.lower():
            assert e.source == SEED, f"{where}: 'dead end' quoted from {e.source}"
    assert not any("dead end" in (e.quote or "").lower() for e in ds.events)


def test_seed_memorandum_process_events(ds):
    [istanbul] = seed_event(
        ds, "first direct negotiations since 2022", parties=("ukraine", "russia", "turkiye", "united-states")
    )
    assert istanbul.date == dt.date(2025, 5, 16) and istanbul.kind == "talks"
    [call] = seed_event(ds, "19 May phone conversation", parties=("russia", "united-states"))
    assert call.date == dt.date(2025, 5, 19) and call.kind == "call"
    seed_event(ds, "completed drafting a memorandum", parties=("russia",))
    [handed] = seed_event(ds, "provided its position document", parties=("ukraine",))
    assert handed.kind == "document"
    seed_event(ds, "immediately submit their proposals")
    seed_event(ds, "It will come, it will come")
    seed_event(ds, "Medinsky disputed this account", parties=("russia",))
    [lavrov] = seed_event(ds, "second round of negotiations on 2 June in Istanbul", parties=("russia",))
    assert lavrov.date <= dt.date(2025, 6, 2)


def test_first_exchange_event_says_discussed_as_its_words_do(ds):
    [exchange] = event_quoting(ds, "up-2025-05-16", "discussed the possibility of a thousand-for-thousand")
    assert "agreed" not in exchange.title.lower() and "discuss" in exchange.title.lower()
    assert exchange.kind != "agreement"


# --- coding rules from the public record's corrections ------------------------------------------------


def test_russia_ukraine_sanctions_are_not_western_sanctions(ds):
    clause = "between the Russian Federation and Ukraine"
    assert not any(cites(p, e.source, clause) for p in ds.positions if p.issue == "sanctions" for e in p.evidence)
    ties = position(ds, "russia", "russia-ukraine-ties", dt.date(2025, 6, 2))
    assert cites(ties, "babel-2025-06-02-russian-memorandum", clause)
    assert [p.date for p in positions(ds, "russia", "sanctions")] == [SEED_DATE]


def test_memoranda_of_2_june_2025_are_coded(ds):
    land = position(ds, "russia", "territory", dt.date(2025, 6, 2))
    assert land.value == 100 and cites(land, "tass-2025-06-02-settlement", "international legal recognition")
    army = position(ds, "ukraine", "military-limits", dt.date(2025, 6, 1))
    assert army.value == 0
    later = position(ds, "ukraine", "military-limits", FRAMEWORK)
    assert later.acceptable is not None and later.acceptable[0] <= army.value <= later.acceptable[1]


def test_russias_ceasefire_memorandum_sits_on_the_revised_anchor(ds):
    ceasefire = ds.issue("ceasefire")
    top = {a.value: a.label for a in ceasefire.anchors}
    assert "one-sided" in top[100] and "withdraws" in top[100]
    assert "peace deal" in top[75] and "settlement" not in top[100]
    cease = position(ds, "russia", "ceasefire", dt.date(2025, 6, 2))
    assert cease.value == 100 and cease.acceptable is None and cease.basis == "stated"
    assert cites(cease, "tass-2025-06-02-ceasefire", "The second scenario comprises 10 points")
    # Kyslytsya's account is Ukraine's words, not evidence of Russia's stated position.
    assert not cites(cease, "firstpost-2025-06-02", "continued to reject")
    assert "ceasefire only" in (DATA / "CODEBOOK.md").read_text(encoding="utf-8").lower()


def test_us_and_european_plans_stand_on_the_same_scales(ds):
    us_army = position(ds, "united-states", "military-limits", dt.date(2025, 11, 21))
    e3_army = position(ds, "europe", "military-limits", dt.date(2025, 11, 24))
    assert e3_army.value < us_army.value  # 800,000 is a looser cap than 600,000
    us_nato = position(ds, "united-states", "nato", dt.date(2025, 11, 21))
    e3_nato = position(ds, "europe", "nato", dt.date(2025, 11, 24))
    assert e3_nato.value < us_nato.value
    # The corrected E3 wording, not India Today's paraphrase.
    assert cites(e3_nato, "straitstimes-2025-11-24", "depends on consensus of NATO members, which does not exist")
    assert not any("no consensus currently exists" in (e.quote or "") for p in ds.positions for e in p.evidence)


# --- the findings of the 2026 review, pinned -----------------------------------------------------------


def test_same_words_same_value_whoever_says_them(ds):
    # Membership left to NATO's consensus: Ukraine's memorandum and the E3 text.
    ua_nato = position(ds, "ukraine", "nato", dt.date(2025, 6, 1))
    e3_nato = position(ds, "europe", "nato", dt.date(2025, 11, 24))
    assert ua_nato.value == e3_nato.value == 25
    # Territorial talks that start from the line of contact.
    ua_line = position(ds, "ukraine", "territory", dt.date(2025, 6, 1))
    e3_line = position(ds, "europe", "territory", dt.date(2025, 11, 24))
    assert ua_line.value == e3_line.value == 50
    # An Article 5-like guarantee without Western forces, whoever asks for it or offers it.
    article_5 = [
        ("ukraine", dt.date(2025, 8, 17)),
        ("ukraine", dt.date(2025, 12, 14)),
        ("ukraine", FRAMEWORK),
        ("united-states", dt.date(2025, 8, 17)),
        ("united-states", dt.date(2025, 12, 14)),
        ("europe", dt.date(2025, 11, 24)),
    ]
    assert {position(ds, party, "security-guarantees", date).value for party, date in article_5} == {75}
    # Every demand that Ukraine leave Donbas.
    donbas = [
        ("russia", dt.date(2025, 8, 17)),
        ("russia", dt.date(2026, 2, 4)),
        ("united-states", dt.date(2025, 11, 21)),
    ]
    assert {position(ds, party, "territory", date).value for party, date in donbas} == {75}
    # Elections within 100 days as part of the deal.
    assert position(ds, "russia", "elections", dt.date(2025, 6, 2)).value == 100
    assert position(ds, "united-states", "elections", dt.date(2025, 11, 21)).value == 100


def test_guarantees_without_terms_are_not_coded_as_article_5(ds):
    assert position(ds, "ukraine", "security-guarantees", SEED_DATE).value == 50
    memo = position(ds, "ukraine", "security-guarantees", dt.date(2025, 6, 1))
    assert memo.value == 50 and cites(memo, "liga-2025-06-02-ua-memorandum", "reliable security guarantees")
    geneva = position(ds, "ukraine", "security-guarantees", dt.date(2026, 2, 18))
    assert geneva.basis == "assessed" and geneva.salience == 1  # "the priority is": no terms
    plan = position(ds, "europe", "security-guarantees", dt.date(2025, 7, 10))
    assert plan.value == 50
    paris = position(ds, "europe", "security-guarantees", dt.date(2026, 1, 6))
    assert paris.basis == "reported" and paris.value < 100 and paris.value_reason
    assert summarises(paris, "liga-2026-01-06", "Multinational Force Ukraine")


def test_anchorage_and_bishkek_territory_values_are_assessed(ds):
    for date in (dt.date(2025, 11, 27), dt.date(2025, 12, 21), dt.date(2026, 1, 22)):
        p = position(ds, "russia", "territory", date)
        assert p.basis == "assessed" and p.value == 75, date
        assert "did not" in p.note or "do not say" in p.note, date
        assert "stated -> assessed" in p.coding_note, date
    # The only Russian rows stated or reported at 75 say "Donbas" or "Donetsk" in their evidence.
    for p in positions(ds, "russia", "territory"):
        if p.value == 75 and p.basis != "assessed":
            assert any(re.search("Donetsk|Donbas", e.text) for e in p.evidence), p.date


def test_a_territorial_statement_is_not_coded_on_ceasefire(ds):
    assert not [p for p in positions(ds, "russia", "ceasefire") if p.date.year == 2026]
    assert not any(
        e.source == "newsfinale-2026-01-23" for p in positions(ds, "russia", "ceasefire") for e in p.evidence
    )
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    assert "Ceasefire, Russia, early 2026 (not coded)" in codebook


def test_ukraine_territory_is_coded_from_its_own_words(ds):
    found = positions(ds, "ukraine", "territory")
    assert {p.value for p in found} == {50}, "Ukraine's line-based stance has not moved"
    december = position(ds, "ukraine", "territory", FRAMEWORK)
    us_zone = position(ds, "united-states", "territory", FRAMEWORK)
    ua_quotes = {normalise(e.quote) for e in december.quotes}
    assert not ua_quotes & {normalise(e.quote) for e in us_zone.quotes}, "the US idea is not Ukraine's words"
    assert summarises(december, "novayagazeta-2025-12-24", "mirror Russian pullback")
    assert us_zone.basis == "reported" and cites(us_zone, "tag24-2025-12-24", "free economic zone")


def test_lavrov_and_the_foreign_ministry_are_not_stated_as_guarantor_models(ds):
    lavrov = position(ds, "russia", "security-guarantees", dt.date(2025, 8, 20))
    assert lavrov.basis == "reported" and summarises(lavrov, "europesays-2025-08-20", "Russia and China")
    targets = position(ds, "russia", "security-guarantees", dt.date(2026, 1, 8))
    assert targets.basis == "assessed" and targets.confidence == "low"


def test_leaders_meeting_holds_only_words_about_a_leaders_meeting(ds):
    for date in (dt.date(2025, 5, 7), dt.date(2025, 5, 19)):
        assert not [p for p in positions(ds, "united-states", "leaders-meeting") if p.date == date]
    moved = position(ds, "united-states", "ceasefire", dt.date(2025, 5, 7))
    assert moved.basis == "reported" and summarises(moved, "newsworldstream-2025-05-07", "30-day ceasefire")
    event_quoting(ds, "newrepublic-2025-05-07", "asking for too much")
    event_quoting(ds, "directnewssource-2025-05-19", "walking away")
    only_sign = position(ds, "russia", "leaders-meeting", dt.date(2025, 7, 23))
    assert only_sign.value == 90


def test_prisoners_memorandum_value_rests_on_what_the_words_say(ds):
    memo = position(ds, "ukraine", "prisoners", dt.date(2025, 6, 1))
    assert cites(memo, "liga-2025-06-02-ua-memorandum", "all for all")
    # The words give an all-for-all swap (75); children and civilians (100) are in summaries only.
    assert memo.value == 75 or (
        memo.basis == "reported" and summarises(memo, "liga-2025-06-02-ua-memorandum", "children")
    )
    assert memo.confidence != "high"


def test_20_point_framework_cells_take_the_day_it_was_presented(ds):
    framework_pages = {"glavnoe-2025-12-24", "newsgram-2025-12-26", "novyny-2025-12-24", "tag24-2025-12-24",
                       "novayagazeta-2025-12-24"}  # fmt: skip
    for p in ds.positions:
        if any(e.source in framework_pages for e in p.evidence):
            assert p.date == FRAMEWORK, f"{p.party}/{p.issue}/{p.date}"
        if any(e.source == "online-ua-2025-12-24" for e in p.evidence):
            assert p.date == dt.date(2025, 12, 24)  # Zelenskyy's referendum remarks, 24–26 December
    [event] = event_quoting(ds, "euromaidan-2025-12-24", "basic political document")
    assert event.date == FRAMEWORK


def test_rows_the_record_holds_are_coded_or_explained(ds):
    nato = position(ds, "ukraine", "nato", FRAMEWORK)  # the framework drops the NATO renunciation
    assert summarises(nato, "tag24-2025-12-24", "NATO-renunciation") and nato.basis == "assessed"
    cease = position(ds, "ukraine", "ceasefire", dt.date(2025, 12, 24))  # referendum and monitoring
    assert cease.value is None and cease.basis == "reported"
    assert summarises(cease, "online-ua-2025-12-24", "full ceasefire")
    assert summarises(cease, "euromaidan-2025-12-24", "monitoring of the contact line")
    donetsk = position(ds, "ukraine", "territory", dt.date(2026, 1, 23))  # Zelenskyy refuses
    assert summarises(donetsk, "walaw-2026-01-23", "Zelensky refuses") and donetsk.basis == "assessed"
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    assert "I3-06" in codebook and "24–48 hour truces" in codebook  # Russia's short truces, explained
    assert not positions(ds, "europe", "sanctions") and "E3-06" in codebook


# --- the codebook and the template -------------------------------------------------------------------


def test_codebook_documents_every_issue_and_the_rules(ds):
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    for issue in ds.issues:
        assert f"`{issue.id}`" in codebook, f"CODEBOOK.md has no scale for {issue.id}"
        for anchor in issue.anchors:
            assert f"| {anchor.value:g} | {anchor.label} |" in codebook, f"{issue.id} anchor {anchor.value:g}"
    for term in ("stated", "reported", "assessed", "not stated", "_template", "AGG", "value_reason", "coding_note"):
        assert term in codebook
    rules = codebook.split("## 11. Rules the loader checks and rules that stay with the analyst", 1)
    assert len(rules) == 2, "CODEBOOK.md needs its section on what the loader checks"
    assert "within 14 days" in rules[1] and "only on summaries" in rules[1]
    assert "cites the record itself (source `public-record`)" not in codebook


def test_template_is_a_valid_minimal_dataset(tmp_path):
    # The template folder's own name starts with "_", so load a copy under a dataset id.
    copy = tmp_path / "example"
    shutil.copytree(TEMPLATE, copy)
    loaded = load_dataset(copy)
    assert loaded.problems == [], "\n".join(str(p) for p in loaded.problems)
    ds = loaded.dataset
    assert (len(ds.parties), len(ds.issues), len(ds.sources), len(ds.positions), len(ds.events)) == (2, 1, 2, 2, 1)
    for name in ("dataset.yaml", "parties.yaml", "issues.yaml", "sources.yaml", "positions.yaml", "events.yaml"):
        assert "#" in (TEMPLATE / name).read_text(encoding="utf-8"), f"{name} should explain its fields"
    evidence = [e for p in ds.positions for e in p.evidence]
    assert any(e.quote for e in evidence) and any(e.summary for e in evidence)
    assert any(p.value_reason for p in ds.positions) and all(p.coding_note for p in ds.positions)


# --- coverage of the four key issues (CODEBOOK section 10) -------------------------------------------

KEY_ISSUES = ("ceasefire", "nato", "sanctions", "territory")
PERIODS = {
    "May–June 2025": (dt.date(2025, 5, 1), dt.date(2025, 6, 30)),
    "August 2025": (dt.date(2025, 8, 1), dt.date(2025, 8, 31)),
    "November–December 2025": (dt.date(2025, 11, 1), dt.date(2025, 12, 31)),
    "early 2026": (dt.date(2026, 1, 1), dt.date(2026, 2, 28)),
}
PARTY_NAMES = {"Ukraine": "ukraine", "Russia": "russia", "United States": "united-states", "Europe": "europe"}
NO_STATEMENT = "no statement in the public record"
NOT_CODED = "not coded (see below)"
NOT_PLACED = " (not placed)"
COVERAGE_HEADING = "## 10. Coverage of the four key issues"

# Gaps: (issue, party, period) with no position. Most are gaps in the sources (neither the seed
# article nor the public record has a statement of that party on that issue in that period);
# those in NOT_CODED_GAPS hold a record row that cannot be defended as the party's position.
# Mirrors the CODEBOOK table; a position added to one of these cells, or a gap added to the
# CODEBOOK, must be mirrored here.
GAPS = {
    ("ceasefire", "ukraine", "August 2025"),
    ("ceasefire", "ukraine", "early 2026"),
    ("ceasefire", "russia", "August 2025"),
    ("ceasefire", "russia", "early 2026"),
    ("nato", "ukraine", "August 2025"),
    ("nato", "ukraine", "early 2026"),
    ("nato", "russia", "November–December 2025"),
    ("nato", "russia", "early 2026"),
    ("sanctions", "ukraine", "August 2025"),
    ("sanctions", "ukraine", "November–December 2025"),
    ("sanctions", "ukraine", "early 2026"),
    ("sanctions", "russia", "August 2025"),
    ("sanctions", "russia", "November–December 2025"),
    ("sanctions", "russia", "early 2026"),
}
NOT_CODED_GAPS = {("ceasefire", "russia", "early 2026")}
# (issue, party) where the US or Europe has no position at all: Europe's sanctions row (E3-06)
# may describe the Telegraph's separate plan and is not coded.
PLAN_GAPS = {("sanctions", "europe")}


def in_period(ds, party, issue, period):
    start, end = PERIODS[period]
    return [p for p in positions(ds, party, issue) if start <= p.date <= end]


def coverage_tables():
    """The rows of the two tables of CODEBOOK section 10, each as a list of stripped cells."""
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    assert COVERAGE_HEADING in codebook, "CODEBOOK.md has no coverage section for the four key issues"
    section = codebook.split(COVERAGE_HEADING, 1)[1].split("\n## ", 1)[0]
    tables: list[list[list[str]]] = []
    previous = ""
    for line in section.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append([cell.strip() for cell in line.strip().strip("|").split("|")])
        previous = line
    return tables


def cell_entries(cell):
    """A table cell as {(date, placed)}; an empty set for a gap."""
    if cell in (NO_STATEMENT, NOT_CODED):
        return set()
    entries = set()
    for entry in cell.split(", "):
        placed = not entry.endswith(NOT_PLACED)
        entries.add((dt.date.fromisoformat(entry.removesuffix(NOT_PLACED)), placed))
    return entries


def coded_entries(found):
    return {(p.date, p.value is not None) for p in found}


def test_documented_gaps_are_cells_of_the_key_issues():
    for issue, party, period in GAPS:
        assert issue in KEY_ISSUES and party in ("ukraine", "russia") and period in PERIODS
    assert NOT_CODED_GAPS <= GAPS
    for issue, party in PLAN_GAPS:
        assert issue in KEY_ISSUES and party in ("united-states", "europe")


@pytest.mark.parametrize("party", ["ukraine", "russia"])
@pytest.mark.parametrize("issue", KEY_ISSUES)
def test_key_issues_have_a_position_in_every_period_or_a_documented_gap(ds, issue, party):
    for period in PERIODS:
        found = in_period(ds, party, issue, period)
        if (issue, party, period) in GAPS:
            assert not found, (
                f"{party}/{issue} now has a position in {period} ({', '.join(str(p.date) for p in found)}): "
                "remove the gap from GAPS and from the CODEBOOK coverage table"
            )
        else:
            assert found, (
                f"{party} has no {issue} position dated in {period}: code one from the sources, or document "
                "the gap in GAPS and in the CODEBOOK coverage table"
            )


@pytest.mark.parametrize("party", ["united-states", "europe"])
@pytest.mark.parametrize("issue", KEY_ISSUES)
def test_us_and_europe_stand_on_each_key_issue_or_a_documented_gap(ds, issue, party):
    found = positions(ds, party, issue)
    if (issue, party) in PLAN_GAPS:
        assert not found, f"{party}/{issue} now has a position: remove it from PLAN_GAPS and the CODEBOOK"
    else:
        assert found, f"{party} has no {issue} position: code one, or document the gap"


def test_codebook_coverage_table_mirrors_the_data_and_the_gaps(ds):
    periods, plans = coverage_tables()
    assert periods[0] == ["issue", "party", *PERIODS], "the coverage table's columns should be the periods"
    rows = periods[2:]
    assert {(r[0], r[1]) for r in rows} == {(f"`{i}`", n) for i in KEY_ISSUES for n in ("Ukraine", "Russia")}
    assert len(rows) == 2 * len(KEY_ISSUES)
    documented, not_coded = set(), set()
    for issue_cell, name, *cells in rows:
        issue, party = issue_cell.strip("`"), PARTY_NAMES[name]
        for period, cell in zip(PERIODS, cells, strict=True):
            if cell in (NO_STATEMENT, NOT_CODED):
                documented.add((issue, party, period))
            if cell == NOT_CODED:
                not_coded.add((issue, party, period))
            where = f"CODEBOOK coverage table, {name} on {issue} in {period}"
            assert cell_entries(cell) == coded_entries(in_period(ds, party, issue, period)), where
    assert documented == GAPS
    assert not_coded == NOT_CODED_GAPS

    assert plans[0] == ["issue", "United States", "Europe"]
    assert {r[0] for r in plans[2:]} == {f"`{i}`" for i in KEY_ISSUES} and len(plans) == 2 + len(KEY_ISSUES)
    plan_gaps = set()
    for issue_cell, *cells in plans[2:]:
        issue = issue_cell.strip("`")
        for party, cell in zip(("united-states", "europe"), cells, strict=True):
            if cell in (NO_STATEMENT, NOT_CODED):
                plan_gaps.add((issue, party))
            assert cell_entries(cell) == coded_entries(positions(ds, party, issue)), f"{party} on {issue}"
    assert plan_gaps == PLAN_GAPS
