"""Immutable records the store hands out: what a patient file, a charge or a contact is."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Self


def known_fields(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """The items of `values` that are fields of the dataclass `cls`: a database row's
    columns a record does not carry, or a setting's keys written by a newer version,
    are left out."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in values.items() if k in names}


@dataclass(frozen=True, slots=True)
class _Row:
    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        """Build from a database row, ignoring columns this record does not carry."""
        return cls(**known_fields(cls, row))


@dataclass(frozen=True, slots=True)
class Patient(_Row):
    """One patient file (顾客档案). Every field but the name is optional."""

    id: int
    name: str
    name_pinyin: str = ""
    name_initials: str = ""
    sex: str | None = None
    birth_date: str | None = None
    mobile: str | None = None
    mobile2: str | None = None
    wechat: str | None = None
    card_no: str | None = None
    address: str | None = None
    occupation: str | None = None
    marital_status: str | None = None
    personality: str | None = None
    hobbies: str | None = None
    background: str | None = None
    taboos: str | None = None
    source: str | None = None
    referred_by: int | None = None
    owner_id: int | None = None
    first_visit: str | None = None
    notes: str | None = None
    do_not_call: int = 0
    archived: int = 0
    merged_into: int | None = None
    address_as: str | None = None
    important_note: str | None = None
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class Charge(_Row):
    """One billed item on one date (消费记录); a negative amount is a refund."""

    id: int
    patient_id: int
    date: str
    item: str
    amount_fen: int
    category: str | None = None
    staff_id: int | None = None
    note: str | None = None
    batch_id: int | None = None


@dataclass(frozen=True, slots=True)
class Contact(_Row):
    """One call or message and its outcome (回访记录)."""

    id: int
    patient_id: int
    contacted_at: str
    outcome: str
    channel: str = "phone"
    purpose: str = "other"
    staff_id: int | None = None
    note: str | None = None
    next_contact: str | None = None


@dataclass(frozen=True, slots=True)
class VisitNote(_Row):
    """What was said at a visit."""

    id: int
    patient_id: int
    visit_date: str
    note: str
    staff_id: int | None = None


@dataclass(frozen=True, slots=True)
class CareDate(_Row):
    """A date to act on: a follow-up after a procedure, or a personal date (yearly or once)."""

    id: int
    patient_id: int
    kind: str
    date: str
    title: str
    yearly: int = 0
    note: str | None = None
    done_at: str | None = None


@dataclass(frozen=True, slots=True)
class Staff(_Row):
    """A staff member: owner of patients, caller, doctor."""

    id: int
    name: str
    role: str = "consultant"
    active: int = 1


@dataclass(frozen=True, slots=True)
class Appointment(_Row):
    """A booked date and time (预约): booked, confirmed, attended, no-show or cancelled."""

    id: int
    patient_id: int
    starts_at: str
    item: str
    status: str = "booked"
    staff_id: int | None = None
    note: str | None = None
    contact_id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def day(self) -> str:
        """The appointment's date, ``YYYY-MM-DD``."""
        return self.starts_at[:10]
