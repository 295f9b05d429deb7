"""A demo patient's history: visits and charges, visit notes, care dates, contacts."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from dataclasses import dataclass, field

from clinicdesk.core.demo import catalog as c
from clinicdesk.core.demo.people import Person

ITEMS = {
    "aesthetic": c.AESTHETIC,
    "dental": c.DENTAL,
    "checkup": c.CHECKUP,
    "mixed": c.AESTHETIC + c.DENTAL + c.CHECKUP,
}
OUTCOMES = (
    ("reached", 45),
    ("no_answer", 28),
    ("booked", 13),
    ("declined", 11),
    ("wrong_number", 2),
    ("do_not_call", 1),
)
# For rng.choices(cum_weights=...): the draw choices(weights=...) makes, without
# summing the weights again on each of the 900,000 calls of a large demo.
_OUTCOME_NAMES = [o for o, _ in OUTCOMES]
_OUTCOME_CUMULATIVE = list(itertools.accumulate(w for _, w in OUTCOMES))


@dataclass(slots=True)
class History:
    """Rows for the clinic file, as tuples in the column order of `demo.write`."""

    charges: list[tuple[object, ...]] = field(default_factory=list)
    notes: list[tuple[object, ...]] = field(default_factory=list)
    care: list[tuple[object, ...]] = field(default_factory=list)
    contacts: list[tuple[object, ...]] = field(default_factory=list)
    do_not_call: list[int] = field(default_factory=list)


class Simulator:
    """Plays each patient's visits forward from their first visit to today.

    Attributes:
        today: the last day of the demo's history (a date ordinal).
        doctors, consultants: staff ids.
    """

    def __init__(
        self, rng: random.Random, start: int, today: int, doctors: list[int], consultants: list[int]
    ) -> None:
        self.rng = rng
        self.start = start
        self.today = today
        self.doctors = doctors
        self.consultants = consultants
        self._iso: dict[int, str] = {}

    def iso(self, ordinal: int) -> str:
        """The ISO text of a date ordinal (cached: a few thousand distinct days)."""
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def visit_days(self, person: Person) -> list[int]:
        """The days a patient came: their own rhythm, with human irregularity."""
        days, day = [], person.first
        if day < self.start:  # an established patient: the file starts mid-rhythm
            day = self.start + int(self.rng.random() * min(person.interval, 365))
        while day <= min(person.stop, self.today):
            days.append(day)
            day += max(7, int(person.interval * self.rng.lognormvariate(0, 0.3)))
        return days

    def play(self, person: Person, owner: int | None, history: History) -> list[int]:
        """Write one patient's history into `history`; returns their visit days."""
        items = ITEMS[person.focus]
        weights = list(
            itertools.accumulate(i.weight * math.exp(i.premium * person.spend * 0.9) for i in items)
        )
        extra = min(0.75, 0.4 * math.exp(person.spend))
        days = self.visit_days(person)
        last: dict[str, int] = {}
        everyday = [i for i in items if i.premium == 0]
        for day in days:
            count = 1 + (self.rng.random() < extra) + (self.rng.random() < extra / 2)
            chosen = self.rng.choices(items, cum_weights=weights, k=count)
            chosen = [self._allowed(i, day, last, everyday) for i in chosen]
            # Each item once, in order: by identity (the catalog's items are distinct),
            # which spares hashing every field of a frozen dataclass.
            for item in {id(i): i for i in chosen}.values():
                last[item.name] = day
                self._charge(person, day, item, history)
                self._follow_ups(person, day, item, owner, history)
            if self.rng.random() < 0.12:
                self._visit_note(person, day, chosen[0], items, history)
        self._contacts(person, days, owner, history)
        return days

    def _allowed(
        self, item: c.Item, day: int, last: dict[str, int], everyday: list[c.Item]
    ) -> c.Item:
        """`item`, or an everyday one when the patient had `item` too recently."""
        if day - last.get(item.name, -c.NEVER) >= item.repeat:
            return item
        return self.rng.choice(everyday)

    def _charge(self, person: Person, day: int, item: c.Item, history: History) -> None:
        rng = self.rng
        yuan = rng.choice(item.prices)
        if rng.random() < 0.2:  # a discount, rounded to whole yuan as tills do
            yuan = int(yuan * rng.choice((0.8, 0.85, 0.9, 0.95)))
        date, doctor = self.iso(day), rng.choice(self.doctors)
        row = (
            person.id,
            date,
            item.name,
            item.category,
            yuan * 100,
            doctor,
            None,
            date + "T10:00:00",
        )
        history.charges.append(row)
        if rng.random() < 0.01 and day + 14 <= self.today:  # a refund, whole or part
            refund = -yuan * 100 if rng.random() < 0.5 else -(yuan // 2) * 100
            when = self.iso(day + rng.randint(1, 14))
            history.charges.append(
                (
                    person.id,
                    when,
                    item.name,
                    item.category,
                    refund,
                    doctor,
                    "退款",
                    when + "T15:00:00",
                )
            )

    def _follow_ups(
        self, person: Person, day: int, item: c.Item, owner: int | None, history: History
    ) -> None:
        for offset in item.follow_up:
            due = day + offset
            title = f"{item.name}术后第{offset}天回访"
            done = self.iso(due) + "T11:00:00" if due < self.today else None
            history.care.append(
                (
                    person.id,
                    "follow_up",
                    self.iso(due),
                    0,
                    title,
                    None,
                    done,
                    self.iso(day) + "T10:00:00",
                )
            )
            if done:
                history.contacts.append(
                    (
                        person.id,
                        done,
                        "phone",
                        owner,
                        "recall",
                        "reached",
                        f"{item.name}术后第{offset}天：恢复良好",
                        None,
                        done,
                    )
                )

    def _visit_note(
        self, person: Person, day: int, item: c.Item, items: tuple[c.Item, ...], history: History
    ) -> None:
        rng = self.rng
        when = self.iso(day)
        if person.row.get("sex") == "F" and rng.random() < 0.04:
            history.notes.append((person.id, when, c.PERIOD_NOTE, None, when + "T10:30:00"))
            care_day = self.iso(min(day + 30, self.today + rng.randint(2, 20)))
            history.care.append(
                (
                    person.id,
                    "personal",
                    care_day,
                    0,
                    "经期关怀：电话问候并介绍调理方法",
                    c.PERIOD_NOTE,
                    None,
                    when + "T10:30:00",
                )
            )
            return
        text = rng.choice(c.VISIT_NOTES).format(
            item=item.name, other=rng.choice(items).name, doctor=rng.choice(("周", "孙", "吴"))
        )
        history.notes.append((person.id, when, text, None, when + "T10:30:00"))

    def _contacts(
        self, person: Person, days: list[int], owner: int | None, history: History
    ) -> None:
        """Cadence calls while they come, reactivation calls after they stop."""
        rng = self.rng
        if not days:
            return
        day = days[0] + rng.randint(60, 120)
        while day < self.today:
            purpose = "reactivation" if day - days[-1] > 2 * person.interval else "cadence"
            if person.archetype == "one_off" and rng.random() < 0.7:
                break
            self._call(person, day, purpose, owner, history)
            if history.do_not_call and history.do_not_call[-1] == person.id:
                return
            day += rng.randint(60, 200)

    def _call(
        self, person: Person, day: int, purpose: str, owner: int | None, history: History
    ) -> None:
        rng = self.rng
        outcome = rng.choices(_OUTCOME_NAMES, cum_weights=_OUTCOME_CUMULATIVE)[0]
        at = f"{self.iso(day)}T{rng.randint(9, 17):02d}:{rng.randrange(60):02d}:00"
        staff = owner if owner is not None and rng.random() < 0.8 else rng.choice(self.consultants)
        follow = self.iso(day + 30) if outcome in ("no_answer", "reached") else None
        note = rng.choice(c.CONTACT_NOTES[outcome])
        history.contacts.append(
            (
                person.id,
                at,
                "phone" if rng.random() < 0.8 else "wechat",
                staff,
                purpose,
                outcome,
                note,
                follow,
                at,
            )
        )
        if outcome == "do_not_call":
            history.do_not_call.append(person.id)
