"""The store on SQLite and PostgreSQL: imports, exports, history, versions, restore."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, inspect

from parley.load import load_dataset
from parley.store import InvalidItem, StaleWrite, Store
from parley.store.engine import current, head, upgrade
from parley.store.folders import export_dataset, import_folder, sync
from scripts.synthetic import write_synthetic_dataset

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
BUNDLED = ROOT / "data" / "russia-ukraine-2025"


def dumped(ds):
    return ds.model_dump(mode="json")


def test_a_new_store_is_created_on_first_use_with_the_current_schema(tmp_path):
    path = tmp_path / "nested" / "parley.db"
    store = Store(f"sqlite:///{path}")
    assert path.is_file()
    assert current(store.engine) == head()
    assert {"datasets", "items", "texts", "history", "drafts"} <= set(inspect(store.engine).get_table_names())


def test_a_store_made_by_an_older_version_is_upgraded_on_start(store_url):
    engine = create_engine(store_url)
    upgrade(engine, to="0001")
    assert "drafts" not in inspect(engine).get_table_names()
    engine.dispose()
    store = Store(store_url)
    assert current(store.engine) == head()
    assert "drafts" in inspect(store.engine).get_table_names()


@pytest.mark.parametrize("source", ["mini", "generated"])
def test_import_export_import_gives_the_same_dataset(store, tmp_path, source):
    folder = MINI if source == "mini" else write_synthetic_dataset(tmp_path / "in", parties=4, issues=5, dates=3)
    original = load_dataset(folder).dataset
    assert import_folder(store, folder, "alice", "first import").revision == 1
    assert dumped(store.dataset(original.id)) == dumped(original)
    out = export_dataset(store, original.id, tmp_path / "out" / original.id)
    again = load_dataset(out)
    assert again.ok, again.problems
    assert dumped(again.dataset) == dumped(original)
    assert import_folder(store, out, "alice", "round trip", force=True).revision == 2
    assert dumped(store.dataset(original.id)) == dumped(original)


def test_the_bundled_dataset_survives_the_round_trip(store, tmp_path):
    original = load_dataset(BUNDLED)
    if not original.ok:
        pytest.fail("the bundled dataset must load: " + "; ".join(map(str, original.problems[:3])))
    import_folder(store, BUNDLED, "alice", "first import")
    out = export_dataset(store, original.dataset.id, tmp_path / original.dataset.id)
    assert dumped(load_dataset(out).dataset) == dumped(original.dataset)


def test_a_folder_with_problems_imports_nothing_and_is_reported(store, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(MINI, folder)
    (folder / "positions.yaml").write_text("- party: nobody\n  issue: trade\n", encoding="utf-8")
    result = import_folder(store, folder, "alice", "try")
    assert result.revision is None and result.problems
    assert store.revisions() == {}
    entry = store.entries()["broken"]
    assert not entry.ok
    assert any("unknown party 'nobody'" in p.message for p in entry.problems)


def test_every_write_is_recorded_with_who_when_before_after_and_why(store):
    import_folder(store, MINI, "alice", "first import")
    key = store.position_key("mini", "red", "trade", "2025-01-12")
    item = store.item("mini", "position", key)
    changed = {**item.data, "stance": "Lift most restrictions", "value": 100}
    saved = store.save("mini", "position", changed, "bob", "the paper was misread", key=key, base_version=1)
    assert saved.version == 2 and saved.data["stance"] == "Lift most restrictions"
    [update, *_] = store.history("mini", "position", key)
    assert (update.action, update.actor, update.reason) == ("update", "bob", "the paper was misread")
    assert update.before["stance"] == "Lift all restrictions" and update.after["stance"] == "Lift most restrictions"
    assert update.at is not None and update.revision == 2
    assert store.history("mini", "dataset")[0].action == "import"
    assert "Lift most restrictions" in {p.stance for p in store.dataset("mini").positions}


def test_a_previous_version_can_be_restored(store):
    import_folder(store, MINI, "alice", "first import")
    key = store.position_key("mini", "red", "trade", "2025-01-12")
    item = store.item("mini", "position", key)
    store.save("mini", "position", {**item.data, "stance": "Changed"}, "bob", "edit", key=key, base_version=1)
    update = store.history("mini", "position", key)[0]
    store.restore(update.pk, "carol", "the edit was wrong")
    restored = store.item("mini", "position", key)
    assert restored.data["stance"] == "Lift all restrictions" and restored.version == 3
    assert store.history("mini", "position", key)[0].actor == "carol"


def test_a_dataset_can_be_restored_to_before_an_import(store, tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    import_folder(store, folder, "alice", "first")
    info = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    (folder / "dataset.yaml").write_text(yaml.safe_dump({**info, "title": "Renamed"}), encoding="utf-8")
    import_folder(store, folder, "alice", "second")
    assert store.dataset("mini").info.title == "Renamed"
    second = store.history("mini", "dataset")[0]
    store.restore(second.pk, "bob", "undo the rename")
    assert store.dataset("mini").info.title == "Mini negotiation (test fixture)"


def test_a_write_based_on_an_old_version_is_refused_with_the_other_change(store):
    import_folder(store, MINI, "alice", "first import")
    key = store.position_key("mini", "red", "trade", "2025-01-12")
    item = store.item("mini", "position", key)
    store.save("mini", "position", {**item.data, "stance": "Alice's edit"}, "alice", "a", key=key, base_version=1)
    with pytest.raises(StaleWrite) as refused:
        store.save("mini", "position", {**item.data, "stance": "Bob's edit"}, "bob", "b", key=key, base_version=1)
    assert refused.value.current.data["stance"] == "Alice's edit"
    assert refused.value.change.actor == "alice"
    assert "changed by alice" in str(refused.value)
    assert store.item("mini", "position", key).data["stance"] == "Alice's edit"


def test_two_writers_at_once_one_wins_and_nothing_is_lost(store_url):
    first = Store(store_url)
    import_folder(first, MINI, "alice", "first import")
    key = first.position_key("mini", "red", "trade", "2025-01-12")
    base = first.item("mini", "position", key)
    stores = [first, Store(store_url, migrate=False)]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def write(store: Store, who: str) -> None:
        barrier.wait()
        try:
            store.save(
                "mini",
                "position",
                {**base.data, "stance": f"{who}'s edit"},
                who,
                "at once",
                key=key,
                base_version=base.version,
            )
            outcomes[who] = "saved"
        except StaleWrite as exc:
            outcomes[who] = f"refused: {exc.current.data['stance']}"

    threads = [threading.Thread(target=write, args=(s, w)) for s, w in zip(stores, ("alice", "bob"), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["refused", "saved"]
    winner = next(w for w, v in outcomes.items() if v == "saved")
    loser = next(w for w, v in outcomes.items() if v != "saved")
    assert outcomes[loser] == f"refused: {winner}'s edit"
    assert first.item("mini", "position", key).data["stance"] == f"{winner}'s edit"
    for s in stores:
        s.engine.dispose()


def test_an_invalid_item_is_refused_with_the_loaders_message(store):
    import_folder(store, MINI, "alice", "first import")
    new = {
        "party": "purple",
        "issue": "trade",
        "date": "2025-03-01",
        "stance": "Wants more",
        "basis": "assessed",
        "confidence": "low",
        "note": "inferred",
    }
    with pytest.raises(InvalidItem) as refused:
        store.save("mini", "position", new, "alice", "new")
    assert [p.message for p in refused.value.problems] == ["unknown party 'purple'"]
    assert len(store.dataset("mini").positions) == 7


def test_a_party_still_named_by_positions_cannot_be_removed(store):
    import_folder(store, MINI, "alice", "first import")
    red = store.item("mini", "party", "red")
    with pytest.raises(InvalidItem) as refused:
        store.remove("mini", "party", "red", red.version, "alice", "tidy")
    assert "still used by" in refused.value.problems[0].message
    assert store.item("mini", "party", "red") is not None


def test_a_folder_changed_after_an_edit_in_the_store_never_overwrites_it(store, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(MINI, root / "mini")
    assert sync(store, root) == {}
    key = store.position_key("mini", "red", "trade", "2025-01-12")
    item = store.item("mini", "position", key)
    store.save("mini", "position", {**item.data, "stance": "Edited in Parley"}, "bob", "edit", key=key, base_version=1)
    info = yaml.safe_load((root / "mini" / "dataset.yaml").read_text(encoding="utf-8"))
    (root / "mini" / "dataset.yaml").write_text(yaml.safe_dump({**info, "title": "From the folder"}), "utf-8")
    notes = sync(store, root)
    assert "keeps and shows the store's version" in notes["mini"]
    assert store.dataset("mini").info.title == "Mini negotiation (test fixture)"
    assert store.item("mini", "position", key).data["stance"] == "Edited in Parley"
    assert import_folder(store, root / "mini", "bob", "replace with the folder", force=True).revision is not None
    assert store.dataset("mini").info.title == "From the folder"
    imports = [h for h in store.history("mini", "dataset") if h.action == "import"]
    assert [h.reason for h in imports] == ["replace with the folder", "the folder is new or changed"]


def test_an_unchanged_folder_is_not_imported_again(store, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(MINI, root / "mini")
    sync(store, root)
    revision = store.revision("mini")
    sync(store, root)
    assert store.revision("mini") == revision
