"""Whose row is it: card number, else mobile, else name; links found across the file.

Rows that carry a card and a mobile link the two, so rows carrying only one of them join
the same patient, wherever the linking row stands in the file (a union-find over the
keys). A group matches the existing patient with one of its cards, else one of its
mobiles. Rows with neither belong to the one patient of that name (existing or in the
file), with a warning; a name shared by several patients gets a new file, also with a
warning, to be merged by hand if it is the same person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.importer.parse import Record
from clinicdesk.core.perf import mapped


@dataclass(slots=True)
class Person:
    """A patient the import writes to: an existing id, or a new patient to create.

    Attributes:
        rows: indexes into the record list.
        pid: the patient id (assigned to new patients before writing).
        new: whether the import creates this patient.
        landline: the first fixed-line phone of its rows (the patient's other phone).
        fill: fields to set on an existing patient that lacks them.
        warnings: (record index, message key, params).
    """

    rows: list[int] = field(default_factory=list)
    pid: int = 0
    new: bool = False
    name: str | None = None
    card: str | None = None
    mobile: str | None = None
    landline: str | None = None
    fill: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[int, str, dict[str, object]]] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = self.parent.setdefault(key, key)
        while self.parent[root] != root:
            root = self.parent[root]
        while key != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


@dataclass(frozen=True, slots=True)
class _Columns:
    """The identity fields of every record, one list per field (indexed like records)."""

    cards: list[str | None]
    mobiles: list[str | None]
    names: list[str | None]
    landlines: list[str | None]

    @classmethod
    def of(cls, records: list[Record]) -> _Columns:
        return cls(*(mapped(attrgetter(f), records)
                     for f in ("card", "mobile", "name", "landline")))  # fmt: skip


def resolve(db: Database, records: list[Record]) -> list[Person]:
    """Group the records by patient and match the groups to existing patients."""
    cards, mobiles, names = _existing(db)
    columns = _Columns.of(records)
    groups, name_only = _group(columns)
    people = [_match(columns, rows, cards, mobiles) for rows in groups]
    by_name: dict[str, set[int]] = {}
    for n, pids in names.items():
        by_name[n] = set(pids)
    file_people: dict[str, list[Person]] = {}
    for person in people:
        if person.name:
            file_people.setdefault(person.name, []).append(person)
    for name, rows in name_only.items():
        landline = _first(columns.landlines, rows)
        people.append(
            _by_name(name, rows, by_name.get(name, set()), file_people.get(name, []), landline)
        )
    return _merge_same(people)


def _existing(db: Database) -> tuple[dict[str, int], dict[str, int], dict[str, list[int]]]:
    cards: dict[str, int] = {}
    mobiles: dict[str, int] = {}
    names: dict[str, list[int]] = {}
    for pid, card, mobile, name in db.execute(
        "SELECT id, card_no, mobile, name FROM patients WHERE merged_into IS NULL ORDER BY id"
    ):
        if card:
            cards[card] = pid
        if mobile:
            mobiles.setdefault(mobile, pid)
        names.setdefault(name, []).append(pid)
    return cards, mobiles, names


def _group(columns: _Columns) -> tuple[list[list[int]], dict[str, list[int]]]:
    """The record indexes of each group linked by card or mobile, in order of its first
    row, and of each name of the rows with neither."""
    # Each distinct (card, mobile) pair is joined once: an export repeats a patient's
    # pair on every one of their rows.
    uf = _UnionFind()
    pairs = list(zip(columns.cards, columns.mobiles, strict=True))
    distinct = dict.fromkeys(pairs)
    distinct.pop((None, None), None)  # neither: grouped by name
    for card, mobile in distinct:
        keys = ([f"c:{card}"] if card else []) + ([f"m:{mobile}"] if mobile else [])
        for key in keys[1:]:
            uf.union(keys[0], key)
        uf.find(keys[0])
    root = {(c, m): uf.find(f"c:{c}" if c else f"m:{m}") for c, m in distinct}
    by_root = _indexes_by(mapped(root.get, pairs))
    name_only = by_root.pop(None, [])
    names = _indexes_by([columns.names[i] or "" for i in name_only])
    return list(by_root.values()), {n: [name_only[i] for i in rows] for n, rows in names.items()}


def _indexes_by(keys: list[Any]) -> dict[Any, list[int]]:
    """{key: the indexes holding it, in order}, keys in order of first appearance.

    A loop in Python: half the time of sorting the indexes by key (0.33 s against 0.65-0.73 s
    at 1,000,000 rows), and a sort holds the GIL throughout (27 ms at 100,000 rows: the
    window's thread waited)."""
    out: dict[Any, list[int]] = {key: [] for key in dict.fromkeys(keys)}
    for index, key in enumerate(keys):
        out[key].append(index)
    return out


def _first(values: list[str | None], rows: list[int]) -> str | None:
    """The first value of `rows` that is not empty."""
    return next(filter(None, map(values.__getitem__, rows)), None)


def _match(
    columns: _Columns, rows: list[int], cards: dict[str, int], mobiles: dict[str, int]
) -> Person:
    own_cards = list(dict.fromkeys(filter(None, map(columns.cards.__getitem__, rows))))
    own_mobiles = list(dict.fromkeys(filter(None, map(columns.mobiles.__getitem__, rows))))
    found = [cards[c] for c in own_cards if c in cards] + [mobiles[m] for m in own_mobiles
                                                            if m in mobiles]  # fmt: skip
    person = Person(rows=rows, name=_first(columns.names, rows),
                    card=own_cards[0] if own_cards else None,
                    mobile=own_mobiles[0] if own_mobiles else None)  # fmt: skip
    distinct = list(dict.fromkeys(found))
    if not distinct:
        person.new = True
    else:
        person.pid = distinct[0]
        if len(distinct) > 1:
            person.warnings.append((rows[0], "import.warn.conflict", {"ids": distinct}))
        if person.card and person.card not in cards:
            person.fill["card_no"] = person.card
        if person.mobile and person.mobile not in mobiles:
            person.fill["mobile"] = person.mobile
    if len(own_cards) > 1:
        person.warnings.append((rows[0], "import.warn.cards", {"cards": "、".join(own_cards)}))
    _give_landline(person, _first(columns.landlines, rows))
    return person


def _by_name(
    name: str, rows: list[int], existing: set[int], in_file: list[Person], landline: str | None
) -> Person:
    candidates = existing | {p.pid for p in in_file if not p.new}
    new_in_file = [p for p in in_file if p.new]
    if len(candidates) + len(new_in_file) == 1:
        if new_in_file:  # the patient this file creates under that name
            target = new_in_file[0]
            target.rows.extend(rows)
            target.warnings.extend((i, "import.warn.by_name", {"name": name}) for i in rows[:1])
            _give_landline(target, landline)
            return Person()  # empty: merged into target
        person = Person(rows=rows, pid=next(iter(candidates)), name=name)
        person.warnings.append((rows[0], "import.warn.by_name", {"name": name}))
    else:
        person = Person(rows=rows, new=True, name=name)
        key = "import.warn.ambiguous_name" if candidates or new_in_file else "import.warn.name_only"
        person.warnings.append((rows[0], key, {"name": name}))
    _give_landline(person, landline)
    return person


def _give_landline(person: Person, landline: str | None) -> None:
    """Keep `landline` as the other phone of `person` when it has none yet (an existing
    patient gets it only if the file lacks one: see load)."""
    if landline and not person.landline:
        person.landline = landline
        if not person.new:
            person.fill["mobile2"] = landline


def _merge_same(people: list[Person]) -> list[Person]:
    # Drop the empty placeholders left by name-only rows that joined a new patient.
    return [p for p in people if p.rows]
