"""The model as Python objects: fields, lookup, construction, round trips."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import roadmap
from roadmap import Deliverable, DeliverableStatus, Initiative, Roadmap, Status


def test_every_field_reads(seed: Path) -> None:
    rm = roadmap.read_json(seed)
    assert rm.title is not None
    assert [p.id for p in rm.pillars][:1] == ["governance"]
    assert rm.priority_areas[0].name
    assert rm.checkpoints[0].id == "C26"
    ini = rm["transformation-in-plans"]
    assert ini.status is Status.REVISED
    assert ini.revision is not None and ini.revision["change"] == "scope_changed"
    assert ini.pillar == "governance"
    pilot = rm["event-modernization.pilot"]
    assert pilot.parent == "event-modernization"
    assert [d.checkpoint for d in pilot.deliverables] == ["C26", "PP-26"]
    assert rm["innovation-hub.setup"].due == datetime.date(2026, 1, 15)


def test_lookup_children_and_errors(seed: Path) -> None:
    rm = roadmap.read_json(seed)
    assert "digital-strategy" in rm
    assert "nope" not in rm
    assert rm.get("nope") is None
    assert len(rm.children("digital-strategy")) == 4
    with pytest.raises(KeyError):
        rm["nope"]
    with pytest.raises(KeyError):
        rm.children("nope")
    assert sum(1 for _ in rm) == len(rm)


def test_construct_in_python_and_round_trip() -> None:
    rm = Roadmap(
        [
            Initiative(
                "A",
                "Portal",
                status=Status.ONGOING,
                progress=40.0,
                due=datetime.date(2026, 6, 30),
                deliverables=[Deliverable("C26", "Beta live", status=DeliverableStatus.ACHIEVED)],
            ),
            Initiative("B", "Training", status="Planned", extra={"Budget": 1200}),
        ],
        title="Mine",
        as_of="2026-03-01",
        checkpoints=[roadmap.Checkpoint("C26", "Council 2026", date=datetime.date(2026, 6, 10))],
    )
    assert rm["A"].status is Status.ONGOING
    assert rm["A"].deliverables[0].status is DeliverableStatus.ACHIEVED
    assert rm["B"].extra == {"Budget": 1200}
    assert rm.as_of == datetime.date(2026, 3, 1)
    again = Roadmap.from_json(rm.to_json())
    assert again.to_dict() == rm.to_dict()
    assert Roadmap.from_dict(json.loads(rm.to_json())).to_json() == rm.to_json()
    assert rm["A"] == again["A"]


def test_bad_construction_is_a_typed_error() -> None:
    with pytest.raises(roadmap.InvalidJSONError):
        Initiative("A", status="blocked")
    with pytest.raises(roadmap.InvalidJSONError):
        Roadmap.from_json('{"initiatives": [{"id": "A", "colour": "red"}]}')
    with pytest.raises(roadmap.RoadmapError):
        Roadmap.from_dict({"as_of": "2026-02-30"})


def test_reprs_are_readable(seed: Path) -> None:
    rm = roadmap.read_json(seed)
    assert repr(rm).startswith("<Roadmap ")
    assert repr(rm["oversight-unit"]) == "Initiative('oversight-unit', 'Establish an Oversight Unit', Completed)"
    assert "Pillar(" in repr(rm.pillars[0])


def test_write_round_trips_through_xlsx_and_csv(example: Path, tmp_path: Path) -> None:
    rm = roadmap.read_excel(example)
    warnings = rm.write(tmp_path / "clean.xlsx")
    assert len(warnings) == 0
    back = roadmap.read_excel(tmp_path / "clean.xlsx")
    assert [i.to_dict().get("status") for i in back] == [i.to_dict().get("status") for i in rm]
    rm.write(tmp_path / "table.csv")
    assert len(roadmap.read_csv(tmp_path / "table.csv")) == len(rm)


def test_write_never_replaces_the_file_read_and_names_the_file_it_cannot_write(seed: Path, tmp_path: Path) -> None:
    tracker = tmp_path / "tracker.json"
    tracker.write_bytes(seed.read_bytes())
    rm = roadmap.read_json(tracker)
    with pytest.raises(roadmap.RoadmapError, match="refusing to overwrite the input"):
        rm.write(tracker)
    with pytest.raises(roadmap.RoadmapError, match="refusing to overwrite the input"):
        rm.write(tmp_path / "." / "tracker.json")
    assert tracker.read_bytes() == seed.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tracker.json"]
    missing = tmp_path / "missing" / "out.json"
    with pytest.raises(FileNotFoundError) as caught:
        rm.write(missing)
    assert caught.value.filename == str(missing)
    rm.write(tmp_path / "copy.json")
    assert roadmap.read_json(tmp_path / "copy.json").to_dict() == rm.to_dict()
