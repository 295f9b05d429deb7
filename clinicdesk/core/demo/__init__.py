"""The demo clinic: a deterministic, realistic clinic file to look around in and benchmark.

Same seed, same size and same `today` give the same file, row for row. Revenue is heavy
tailed (the top fifth of patients bring roughly 60-80% of it), each patient has a rhythm
(regular, occasional, one-off, lapsed), a few opinion leaders brought many others, and
the file has circles, owners, visit notes, care dates and a contact history.

The demo is written to a temporary file and moved into place at the end: an interrupted
build leaves nothing behind, and it never replaces a clinic file that is not a demo.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core import durable
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.bulk import deferred_indexes, fill_patient_search, unchecked
from clinicdesk.core.db.clinic import is_demo, set_setting
from clinicdesk.core.demo import catalog as c
from clinicdesk.core.demo import people as pp
from clinicdesk.core.demo.history import History, Simulator
from clinicdesk.core.errors import KnownError

MIN_PATIENTS, MAX_PATIENTS = 1, 500_000
DEFAULT_PATIENTS = 2000
YEARS = 3
_FLUSH_ROWS = 50_000
_BULK_TABLES = ("patients", "charges", "visit_notes", "care_dates", "contacts", "patient_tags")

Progress = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What a demo build wrote."""

    path: Path
    patients: int
    charges: int
    revenue_fen: int
    seconds: float


def build_demo(
    path: str | Path,
    *,
    patients: int = DEFAULT_PATIENTS,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Write a demo clinic to `path` and return what it holds.

    Raises:
        KnownError: `path` is a real clinic file, or `patients` is out of range.
    """
    started = time.perf_counter()
    path = Path(path)
    check_target(path, patients)
    building = path.with_name(path.name + ".building")
    _remove(building)
    try:
        db = open_clinic(building)
        try:
            day = today or dt.date.today()
            _Builder(db, random.Random(seed), day, progress).build(patients)
            _save_earlier_tier_run(db, day)
            charges, revenue = db.execute(
                "SELECT count(*), coalesce(sum(amount_fen), 0) FROM charges"
            ).fetchone()
        finally:
            db.close()
    except BaseException:
        _remove(building)
        raise
    _remove(path)
    durable.replace(building, path)
    seconds = time.perf_counter() - started
    return DemoSummary(path, patients, int(charges), int(revenue), seconds)


def _save_earlier_tier_run(db: Database, today: dt.date) -> None:
    """A tier run saved three months ago, as a clinic that uses the program has one: the
    patient list shows tiers at once and the next run shows who moved since."""
    from clinicdesk.core.segmentation import (
        EngineParams,
        TierParams,
        run_segmentation,
        save_tier_run,
    )

    then = today - dt.timedelta(days=90)
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(then)))
    save_tier_run(db, result, at=then.isoformat() + "T08:00:00")


def check_target(path: Path, patients: int) -> None:
    """Refuse, before any work, a patient count out of range or a real clinic at `path`.

    Raises:
        KnownError: what is wrong, for the user.
    """
    if not MIN_PATIENTS <= patients <= MAX_PATIENTS:
        raise KnownError("demo.bad_count", low=MIN_PATIENTS, high=MAX_PATIENTS, value=patients)
    if not path.exists():
        return
    db = open_clinic(path, migrate=False)
    try:
        demo = "settings" in db.table_names() and is_demo(db)
    finally:
        db.close()
    if not demo:
        raise KnownError("demo.not_a_demo", path=str(path))


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


class _Builder:
    """Builds one demo clinic into an open, migrated, empty clinic file."""

    def __init__(
        self, db: Database, rng: random.Random, today: dt.date, progress: Progress | None
    ) -> None:
        self.db, self.rng, self.today = db, rng, today
        self.progress = progress or (lambda _fraction, _stage: None)

    def build(self, count: int) -> None:
        # Rows first, then each index in one sorted pass and the search index in one
        # statement (cheaper than maintaining them row by row), in one transaction. The
        # rows are consistent by construction: SQLite does not test each one's foreign
        # keys and CHECKs (tests/unit/core/test_demo.py checks the files built).
        with unchecked(self.db), self.db.atomic():
            with deferred_indexes(self.db, _BULK_TABLES):
                self._build(count)
            fill_patient_search(self.db)

    def _build(self, count: int) -> None:
        staff = self._staff()
        consultants = [
            i for i, (_, role) in zip(staff, c.STAFF, strict=True) if role == "consultant"
        ]
        doctors = [i for i, (_, role) in zip(staff, c.STAFF, strict=True) if role == "doctor"]
        people = self._people(count)
        self._write_patients(people, consultants)
        self.progress(0.15, "patients")
        today = self.today.toordinal()
        sim = Simulator(self.rng, today - 365 * YEARS, today, doctors, consultants)
        self._write_history(people, sim)
        self._settings(count)

    def _staff(self) -> list[int]:
        created = self.today.replace(year=self.today.year - YEARS).isoformat() + "T09:00:00"
        self.db.conn.executemany(
            "INSERT INTO staff (name, role, created_at) VALUES (?, ?, ?)",
            [(name, role, created) for name, role in c.STAFF],
        )
        return [r[0] for r in self.db.execute("SELECT id FROM staff ORDER BY id")]

    def _people(self, count: int) -> list[pp.Person]:
        start = self.today.toordinal() - 365 * YEARS
        people = [pp.behaviour(self.rng, start, self.today.toordinal()) for _ in range(count)]
        people.sort(key=lambda p: p.first)
        for number, person in enumerate(people, start=1):
            person.id = number
        pp.make_leaders(self.rng, people)
        for person in people:
            if person.leader or self.rng.random() < 0.12:
                person.circle = self.rng.randrange(len(c.CIRCLES))
        pp.link_referrals(self.rng, people)
        return people

    def _write_patients(self, people: list[pp.Person], consultants: list[int]) -> None:
        surnames = [s for s, _ in c.SURNAMES]
        weights = [w for _, w in c.SURNAMES]
        taken: set[str] = set()
        rows = [self._patient_row(p, consultants, surnames, weights, taken) for p in people]
        columns = list(rows[0])
        self.db.conn.executemany(
            f"INSERT INTO patients ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [tuple(r[k] for k in columns) for r in rows],
        )
        self._write_tags(people)

    def _patient_row(
        self,
        person: pp.Person,
        consultants: list[int],
        surnames: list[str],
        weights: list[float],
        taken: set[str],
    ) -> dict[str, object]:
        from clinicdesk.core.pinyin import name_pinyin

        rng = self.rng
        name, sex = pp.name_and_sex(rng, person.focus, surnames, weights)
        if person.id == c.EXAMPLE_PATIENT_ID:  # the search box's own example finds someone
            name, sex = c.EXAMPLE_NAME, "M"
        full, initials = name_pinyin(name)
        first = dt.date.fromordinal(person.first)
        phone = pp.mobile(rng, taken) if rng.random() < 0.97 else None
        source = (
            c.REFERRAL_SOURCE
            if person.referred_by
            else rng.choices([s for s, _ in c.SOURCES], [w for _, w in c.SOURCES])[0]
        )
        owner = (
            (consultants[0] if person.leader else rng.choice(consultants))
            if rng.random() < 0.85
            else None
        )
        person.row = {
            "id": person.id,
            "name": name,
            "name_pinyin": full,
            "name_initials": initials,
            "sex": sex,
            "mobile": phone,
            "mobile2": pp.mobile(rng, taken) if rng.random() < 0.08 else None,
            "wechat": f"wxid_{rng.randrange(16**10):010x}" if rng.random() < 0.55 else None,
            "card_no": f"YY{first.year % 100:02d}{person.id:06d}" if rng.random() < 0.65 else None,
            "source": source,
            "referred_by": person.referred_by,
            "owner_id": owner,
            "first_visit": first.isoformat(),
            "notes": rng.choice(("老顾客，喜欢安静的治疗室", "每次都带孩子来", "只用微信沟通"))
            if rng.random() < 0.06
            else None,
            "archived": 1 if rng.random() < 0.005 else 0,
            "created_at": first.isoformat() + "T09:30:00",
            "updated_at": first.isoformat() + "T09:30:00",
            **pp.profile(rng, person, self.today),
        }
        return person.row

    def _write_tags(self, people: list[pp.Person]) -> None:
        self.db.conn.executemany(
            "INSERT INTO tags (name, kind) VALUES (?, ?)",
            [(n, "circle") for n in c.CIRCLES] + [(n, "tag") for n in c.TAGS],
        )
        ids = {r[0]: r[1] for r in self.db.execute("SELECT name, id FROM tags")}
        links: list[tuple[int, int]] = []
        for person in people:
            if person.circle is not None:
                links.append((person.id, ids[c.CIRCLES[person.circle]]))
            if self.rng.random() < 0.15:
                links.append((person.id, ids[self.rng.choice(c.TAGS)]))
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id) VALUES (?, ?)", links
        )

    def _write_history(self, people: list[pp.Person], sim: Simulator) -> None:
        history = History()
        for done, person in enumerate(people, start=1):
            sim.play(person, person.row["owner_id"], history)  # type: ignore[arg-type]
            self._personal_dates(person, history)
            if len(history.charges) >= _FLUSH_ROWS:
                self._flush(history)
                history = History()
                self.progress(0.15 + 0.85 * done / len(people), "history")
        self._flush(history)
        self.progress(1.0, "history")

    def _personal_dates(self, person: pp.Person, history: History) -> None:
        rng = self.rng
        if rng.random() >= 0.06:
            return
        title, yearly = rng.choice(c.PERSONAL_DATES)
        day = self.today.toordinal() + rng.randint(-200, 60)
        created = dt.date.fromordinal(person.first).isoformat() + "T10:00:00"
        history.care.append(
            (
                person.id,
                "personal",
                dt.date.fromordinal(day).isoformat(),
                int(yearly),
                title,
                None,
                None,
                created,
            )
        )

    def _flush(self, history: History) -> None:
        conn = self.db.conn
        conn.executemany(
            "INSERT INTO charges (patient_id, date, item, category, amount_fen, staff_id, note,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            history.charges,
        )
        conn.executemany(
            "INSERT INTO visit_notes (patient_id, visit_date, note, staff_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            history.notes,
        )
        conn.executemany(
            "INSERT INTO care_dates (patient_id, kind, date, yearly, title, note, done_at,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            history.care,
        )
        conn.executemany(
            "INSERT INTO contacts (patient_id, contacted_at, channel, staff_id, purpose, outcome,"
            " note, next_contact, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            history.contacts,
        )
        conn.executemany(
            "UPDATE patients SET do_not_call = 1 WHERE id = ?", [(i,) for i in history.do_not_call]
        )

    def _settings(self, count: int) -> None:
        set_setting(self.db, "clinic_name", "悦颜医疗美容口腔门诊（演示）")
        set_setting(self.db, "currency", "CNY")
        set_setting(self.db, "demo", True)
        set_setting(self.db, "demo_params", {"patients": count, "today": self.today.isoformat()})
