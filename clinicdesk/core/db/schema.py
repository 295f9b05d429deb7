"""The clinic file's schema, as ordered, named migrations (sqlite-utils ``Migrations``).

Rules: a migration is never renamed, reordered or edited once shipped; a change is a new
migration appended at the end. Each runs in one transaction with its record, so a
failure leaves the file at the previous version. `tests/unit/core/db/test_migrations.py`
opens a file made at every older version, with data in it, and checks nothing is lost:
a new migration must add its sample rows there (the test fails until it does).

Conventions: money is ``INTEGER`` fen with a ``typeof`` check (a float or text amount is
refused by the file itself); dates are ``YYYY-MM-DD`` text checked with ``date()``;
timestamps ``YYYY-MM-DDTHH:MM:SS`` text; flags are 0/1 integers.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from clinicdesk.core.db.constraints import checks_as_or_chains

migrations = Migrations("clinicdesk")

# A date column holds a real calendar date or nothing. The '+0 days' modifier makes
# SQLite normalise the date, so 2023-02-30 (which plain date() lets through) fails.
_DATE = "CHECK ({col} IS NULL OR {col} IS date({col}, '+0 days'))"
_FLAG = "INTEGER NOT NULL DEFAULT 0 CHECK ({col} IN (0, 1))"


def _date(col: str) -> str:
    return _DATE.format(col=col)


def _flag(col: str) -> str:
    return f"{col} " + _FLAG.format(col=col)


def _run(db: Database, statements: list[str]) -> None:
    # One statement a call: executescript() would COMMIT the migration's transaction.
    for sql in statements:
        db.execute(sql)


_INITIAL = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
        role TEXT NOT NULL DEFAULT 'consultant'
            CHECK (role IN ('reception', 'consultant', 'doctor', 'manager', 'other')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        name_pinyin TEXT NOT NULL DEFAULT '',
        name_initials TEXT NOT NULL DEFAULT '',
        sex TEXT CHECK (sex IN ('F', 'M')),
        birth_date TEXT {_date("birth_date")},
        mobile TEXT CHECK (mobile IS NULL OR (length(mobile) = 11 AND mobile NOT GLOB '*[^0-9]*')),
        mobile2 TEXT,
        wechat TEXT,
        card_no TEXT UNIQUE,
        address TEXT,
        occupation TEXT,
        marital_status TEXT CHECK (marital_status IN ('single', 'married', 'divorced', 'widowed')),
        personality TEXT,
        hobbies TEXT,
        background TEXT,
        taboos TEXT,
        source TEXT,
        referred_by INTEGER REFERENCES patients(id) ON DELETE SET NULL
            CHECK (referred_by IS NULL OR referred_by <> id),
        owner_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
        first_visit TEXT {_date("first_visit")},
        notes TEXT,
        {_flag("do_not_call")},
        {_flag("archived")},
        merged_into INTEGER REFERENCES patients(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_patients_pinyin ON patients(name_pinyin)",
    "CREATE INDEX idx_patients_initials ON patients(name_initials)",
    "CREATE INDEX idx_patients_name ON patients(name)",
    "CREATE INDEX idx_patients_mobile ON patients(mobile)",
    "CREATE INDEX idx_patients_referred_by ON patients(referred_by)",
    "CREATE INDEX idx_patients_owner ON patients(owner_id)",
    """CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        rows_total INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        patients_created INTEGER NOT NULL DEFAULT 0,
        details TEXT
    )""",
    "CREATE INDEX idx_import_batches_hash ON import_batches(file_hash)",
    f"""CREATE TABLE charges (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        date TEXT NOT NULL {_date("date")},
        item TEXT NOT NULL CHECK (trim(item) <> ''),
        category TEXT,
        amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
        staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
        note TEXT,
        batch_id INTEGER REFERENCES import_batches(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_charges_patient_date ON charges(patient_id, date)",
    "CREATE INDEX idx_charges_date ON charges(date)",
    "CREATE INDEX idx_charges_batch ON charges(batch_id)",
    f"""CREATE TABLE visit_notes (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        visit_date TEXT NOT NULL {_date("visit_date")},
        note TEXT NOT NULL CHECK (trim(note) <> ''),
        staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_visit_notes_patient ON visit_notes(patient_id, visit_date)",
    f"""CREATE TABLE care_dates (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('follow_up', 'personal', 'other')),
        date TEXT NOT NULL {_date("date")},
        {_flag("yearly")},
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        note TEXT,
        done_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_care_dates_patient ON care_dates(patient_id)",
    "CREATE INDEX idx_care_dates_date ON care_dates(date)",
    """CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
        kind TEXT NOT NULL DEFAULT 'tag' CHECK (kind IN ('tag', 'circle'))
    )""",
    """CREATE TABLE patient_tags (
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (patient_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX idx_patient_tags_tag ON patient_tags(tag_id)",
    f"""CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        contacted_at TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT 'phone'
            CHECK (channel IN ('phone', 'wechat', 'sms', 'visit', 'other')),
        staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
        purpose TEXT NOT NULL DEFAULT 'other'
            CHECK (purpose IN ('recall', 'reactivation', 'cadence', 'care', 'thanks', 'campaign',
                               'other')),
        outcome TEXT NOT NULL
            CHECK (outcome IN ('reached', 'booked', 'declined', 'no_answer', 'wrong_number',
                               'do_not_call', 'other')),
        note TEXT,
        next_contact TEXT {_date("next_contact")},
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_contacts_patient ON contacts(patient_id, contacted_at)",
    "CREATE INDEX idx_contacts_at ON contacts(contacted_at)",
    """CREATE TABLE script_templates (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        reason TEXT NOT NULL,
        tier TEXT CHECK (tier IN ('A', 'B', 'C')),
        language TEXT NOT NULL DEFAULT 'zh_CN',
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (reason, tier, language, name)
    )""",
    f"""CREATE TABLE tier_runs (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        period_from TEXT NOT NULL {_date("period_from")},
        period_to TEXT NOT NULL {_date("period_to")},
        measure TEXT NOT NULL CHECK (measure IN ('revenue', 'visits')),
        cutoffs TEXT NOT NULL,
        params TEXT NOT NULL,
        patients_ranked INTEGER NOT NULL DEFAULT 0,
        total_measure INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE tier_assignments (
        run_id INTEGER NOT NULL REFERENCES tier_runs(id) ON DELETE CASCADE,
        patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        tier TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C')),
        measure INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        cum_share REAL NOT NULL,
        PRIMARY KEY (run_id, patient_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX idx_tier_assignments_patient ON tier_assignments(patient_id, run_id)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        details TEXT
    )""",
    "CREATE INDEX idx_audit_entity ON audit_log(entity, entity_id)",
]


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    """Patients, charges, notes, care dates, tags, contacts, scripts, tier runs, audit."""
    _run(db, _INITIAL)


@migrations(name="0002_charges_covering_index")
def _charges_covering_index(db: Database) -> None:
    """Let the segmentation engine read charges from one covering index, in patient order.

    Measured on a 100,000-patient demo: the engine's per-patient aggregation went from
    1.26 s to 0.70 s. The new index starts with (patient_id, date), so the old one is
    redundant.
    """
    _run(
        db,
        [
            "DROP INDEX IF EXISTS idx_charges_patient_date",
            "CREATE INDEX idx_charges_patient_facts"
            " ON charges(patient_id, date, amount_fen, category)",
        ],
    )


@migrations(name="0003_charge_import_key")
def _charge_import_key(db: Database) -> None:
    """A fingerprint of each imported charge, so that importing a file again, or a later
    export that overlaps it, adds only the rows that are new (unique where present)."""
    _run(
        db,
        [
            "ALTER TABLE charges ADD COLUMN import_key INTEGER",
            "CREATE UNIQUE INDEX idx_charges_import_key ON charges(import_key)"
            " WHERE import_key IS NOT NULL",
        ],
    )


_SEARCH_KEYS = (
    "lower({p}.name || ' ' || {p}.name_pinyin || ' ' || {p}.name_initials || ' ' ||"
    " coalesce({p}.mobile, '') || ' ' || coalesce({p}.mobile2, '') || ' ' ||"
    " coalesce({p}.card_no, ''))"
)


@migrations(name="0004_patient_search")
def _patient_search(db: Database) -> None:
    """A trigram full-text index over name, pinyin, initials, phones and card number, so
    that any part of them (3 characters or more) is found in a millisecond at 100,000
    patients; triggers keep it in step with the patients table."""
    _run(
        db,
        [
            "CREATE VIRTUAL TABLE patient_search USING fts5(keys, tokenize = 'trigram')",
            "INSERT INTO patient_search (rowid, keys) SELECT id, "
            + _SEARCH_KEYS.format(p="patients")
            + " FROM patients",
            "CREATE TRIGGER patients_search_insert AFTER INSERT ON patients BEGIN"
            " INSERT INTO patient_search (rowid, keys) VALUES (new.id, "
            + _SEARCH_KEYS.format(p="new")
            + "); END",
            "CREATE TRIGGER patients_search_update AFTER UPDATE OF name, name_pinyin,"
            " name_initials, mobile, mobile2, card_no ON patients BEGIN"
            " UPDATE patient_search SET keys = "
            + _SEARCH_KEYS.format(p="new")
            + " WHERE rowid = new.id; END",
            "CREATE TRIGGER patients_search_delete AFTER DELETE ON patients BEGIN"
            " DELETE FROM patient_search WHERE rowid = old.id; END",
        ],
    )


@migrations(name="0005_call_list")
def _call_list(db: Database) -> None:
    """The call list: how to address a patient, claims of the day, campaigns and the
    contacts made for them."""
    _run(
        db,
        [
            "ALTER TABLE patients ADD COLUMN address_as TEXT",
            f"""CREATE TABLE call_claims (
                patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
                day TEXT NOT NULL {_date("day")},
                staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                claimed_at TEXT NOT NULL,
                PRIMARY KEY (patient_id, day)
            ) WITHOUT ROWID""",
            """CREATE TABLE campaigns (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
                target TEXT NOT NULL DEFAULT '{}',
                script_id INTEGER REFERENCES script_templates(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            )""",
            "ALTER TABLE contacts ADD COLUMN campaign_id INTEGER"
            " REFERENCES campaigns(id) ON DELETE SET NULL",
            "CREATE INDEX idx_contacts_campaign ON contacts(campaign_id)",
            "CREATE INDEX idx_care_dates_kind_date ON care_dates(kind, date)",
            "ALTER TABLE script_templates ADD COLUMN fallback TEXT NOT NULL DEFAULT ''",
        ],
    )


@migrations(name="0006_cheaper_checks")
def _cheaper_checks(db: Database) -> None:
    """Every CHECK's IN list as the same OR chain, which SQLite tests 30 times faster:
    the demo's 920,000 contacts spent 5 s on three such lists (`constraints`)."""
    checks_as_or_chains(db)


# Issue 16 (the call list as a day's work) owns 0007-0009.


_STATUSES = "'booked', 'confirmed', 'attended', 'no_show', 'cancelled'"


@migrations(name="0007_appointments")
def _appointments(db: Database) -> None:
    """Appointments: a date and time, the item and staff, a note and a status (booked,
    confirmed, attended, no-show, cancelled), and the contact that booked it (so that
    undoing the call takes the booking away too)."""
    _run(
        db,
        [
            f"""CREATE TABLE appointments (
                id INTEGER PRIMARY KEY,
                patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
                starts_at TEXT NOT NULL
                    CHECK (starts_at IS strftime('%Y-%m-%dT%H:%M', starts_at)),
                item TEXT NOT NULL CHECK (trim(item) <> ''),
                staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
                note TEXT,
                status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ({_STATUSES})),
                contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX idx_appointments_starts ON appointments(starts_at, status)",
            "CREATE INDEX idx_appointments_patient ON appointments(patient_id, starts_at)",
            "CREATE INDEX idx_appointments_contact ON appointments(contact_id)",
        ],
    )


# Scripts that signed with the patient's owner ("我是{负责人}") now sign with the caller.
_CALLER_NAME = (
    (r"我是((?:\{诊所[^{}]*\})?的)?\{负责人", r"我是\1{我的名字"),
    (r"([Tt]his is )\{owner", r"\1{my_name"),
)


def _sign_with_callers_name(text: str) -> str:
    for pattern, replacement in _CALLER_NAME:
        text = re.sub(pattern, replacement, text)
    return text


@migrations(name="0008_script_versions")
def _script_versions(db: Database) -> None:
    """Scripts keep every version (editing adds one) and the contact log records which
    version a call read. Each script's text becomes its version 1; where it introduced
    the caller by the owner's name, a version 2 names the caller (``{我的名字}``,
    ``{my_name}``) and is put in use, version 1 kept."""
    _run(
        db,
        [
            f"""CREATE TABLE script_versions (
                id INTEGER PRIMARY KEY,
                script_id INTEGER NOT NULL REFERENCES script_templates(id) ON DELETE CASCADE,
                version INTEGER NOT NULL CHECK (version >= 1),
                body TEXT NOT NULL,
                fallback TEXT NOT NULL,
                {_flag("active")},
                created_at TEXT NOT NULL,
                UNIQUE (script_id, version)
            )""",
            "INSERT INTO script_versions (script_id, version, body, fallback, active, created_at)"
            " SELECT id, 1, body, fallback, 1, updated_at FROM script_templates",
            "ALTER TABLE contacts ADD COLUMN script_version_id INTEGER"
            " REFERENCES script_versions(id) ON DELETE SET NULL",
            "CREATE INDEX idx_contacts_script_version ON contacts(script_version_id)",
        ],
    )
    now = dt.datetime.now().replace(microsecond=0).isoformat()
    rows = db.execute("SELECT id, body, fallback FROM script_templates").fetchall()
    for script_id, body, fallback in rows:
        signed = _sign_with_callers_name(body), _sign_with_callers_name(fallback)
        if signed == (body, fallback):
            continue
        db.execute("UPDATE script_versions SET active = 0 WHERE script_id = ?", [script_id])
        db.execute(
            "INSERT INTO script_versions (script_id, version, body, fallback, active, created_at)"
            " VALUES (?, 2, ?, ?, 1, ?)",
            [script_id, *signed, now],
        )
        db.execute(
            "UPDATE script_templates SET body = ?, fallback = ?, updated_at = ? WHERE id = ?",
            [*signed, now, script_id],
        )


_CALL_REASONS = (
    "'callback', 'confirm', 'no_show', 'follow_up', 'care', 'thanks', 'recall',"
    " 'reactivation', 'cadence', 'campaign'"
)


@migrations(name="0009_call_workload")
def _call_workload(db: Database) -> None:
    """The call list as a day's work: why each call was made, whether its next date was
    agreed with the patient (a call-back, which must be made) or only suggested by the
    rules (a retry or a snooze), a patient's own recall interval per item, and indexes
    that build the day's list at 100,000 patients in about a second.

    Earlier files could not tell an agreed date from a suggested one: a next date after a
    call that reached the patient is kept as agreed (nothing agreed is lost), one after an
    unanswered call or a refusal as the rules' retry or snooze. The contacts' index by
    patient and time now also covers the outcome and next date (it replaces the old one);
    the charges get one by item for the recalls; birthdays and yearly dates one by month
    and day; the day's claims one by day.
    """
    _run(
        db,
        [
            "ALTER TABLE contacts ADD COLUMN reason TEXT"
            f" CHECK (reason IS NULL OR reason IN ({_CALL_REASONS}))",
            f"ALTER TABLE contacts ADD COLUMN {_flag('callback')}",
            "UPDATE contacts SET callback = 1 WHERE next_contact IS NOT NULL"
            " AND outcome IN ('reached', 'booked', 'other')",
            """CREATE TABLE patient_recalls (
                patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
                item TEXT NOT NULL CHECK (trim(item) <> ''),
                interval_days INTEGER NOT NULL
                    CHECK (typeof(interval_days) = 'integer' AND interval_days BETWEEN 1 AND 3650),
                updated_at TEXT NOT NULL,
                PRIMARY KEY (patient_id, item)
            ) WITHOUT ROWID""",
            "DROP INDEX IF EXISTS idx_contacts_patient",
            "CREATE INDEX idx_contacts_patient_state"
            " ON contacts(patient_id, contacted_at, outcome, next_contact)",
            "CREATE INDEX idx_contacts_callbacks ON contacts(next_contact) WHERE callback = 1",
            "CREATE INDEX idx_charges_recall ON charges(item, category, date, patient_id)"
            " WHERE amount_fen > 0",
            "CREATE INDEX idx_call_claims_day ON call_claims(day)",
            "CREATE INDEX idx_patients_birthday ON patients(substr(birth_date, 6))"
            " WHERE birth_date IS NOT NULL",
            "CREATE INDEX idx_care_dates_yearly ON care_dates(substr(date, 6)) WHERE yearly = 1",
        ],
    )


@migrations(name="0010_search_indexes")
def _search_indexes(db: Database) -> None:
    """What ranked search needs to stay a few milliseconds at 100,000 patients: the card
    number and the name as typed (any case), the last four digits of both phones, the
    few archived or merged files (left out without reading every row), and charges by
    date with their patient (who came most recently, read from the index alone). The
    last replaces the date-only index, so charges keep as many indexes as before."""
    _run(
        db,
        [
            "CREATE INDEX idx_patients_card_key ON patients(lower(card_no))",
            "CREATE INDEX idx_patients_name_key ON patients(lower(name))",
            "CREATE INDEX idx_patients_mobile_tail ON patients(substr(mobile, -4))",
            "CREATE INDEX idx_patients_mobile2_tail ON patients(substr(mobile2, -4))",
            "CREATE INDEX idx_patients_inactive ON patients(id, archived, merged_into)"
            " WHERE archived <> 0 OR merged_into IS NOT NULL",
            "DROP INDEX IF EXISTS idx_charges_date",
            "CREATE INDEX idx_charges_date ON charges(date, patient_id)",
        ],
    )


@migrations(name="0011_tier_overrides_and_alerts")
def _tier_overrides_and_alerts(db: Database) -> None:
    """A tier fixed by hand, with its reason and end date (one per patient; the audit
    keeps every change); a patient's important note, and which alerts (birthday, that
    note) each staff member was shown on which day, so each shows once a day."""
    _run(
        db,
        [
            f"""CREATE TABLE tier_overrides (
                patient_id INTEGER PRIMARY KEY REFERENCES patients(id) ON DELETE CASCADE,
                tier TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C')),
                reason TEXT NOT NULL CHECK (trim(reason) <> ''),
                until TEXT NOT NULL {_date("until")},
                staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
                set_at TEXT NOT NULL
            )""",
            "CREATE INDEX idx_tier_overrides_until ON tier_overrides(until)",
            "ALTER TABLE patients ADD COLUMN important_note TEXT",
            f"""CREATE TABLE alerts_shown (
                patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
                staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
                day TEXT NOT NULL {_date("day")},
                kind TEXT NOT NULL CHECK (kind IN ('birthday', 'important_note')),
                shown_at TEXT NOT NULL
            )""",
            # No staff chosen on this PC counts as one viewer (NULL would never repeat).
            "CREATE UNIQUE INDEX idx_alerts_shown ON alerts_shown"
            "(patient_id, coalesce(staff_id, 0), day, kind)",
        ],
    )


@migrations(name="0014_import_in_steps")
def _import_in_steps(db: Database) -> None:
    """An import written in steps, each its own short transaction, so that saving a
    patient or logging a call meanwhile waits for one step, not the whole import. Its
    batch is 'writing' until the last step; what it created (its charges, and the
    patients and staff in its id ranges, where nothing else refers to them) is removed
    again if it fails or is cancelled, and at the next opening if the program died."""
    _run(
        db,
        [
            "ALTER TABLE import_batches ADD COLUMN state TEXT NOT NULL DEFAULT 'done'"
            " CHECK (state = 'writing' OR state = 'done')",
            "ALTER TABLE import_batches ADD COLUMN patients_from INTEGER",
            "ALTER TABLE import_batches ADD COLUMN patients_to INTEGER",
            "ALTER TABLE import_batches ADD COLUMN staff_from INTEGER",
            "ALTER TABLE import_batches ADD COLUMN staff_to INTEGER",
            # {table: its largest rowid} as the import began, for the tables that refer to
            # staff: what refers to a new staff name can only be newer (and is found
            # without reading a million charges).
            "ALTER TABLE import_batches ADD COLUMN rows_before TEXT",
        ],
    )


def search_keys(row: str) -> str:
    """The search index's text for the patients row named `row` (``new`` in a trigger, a
    table name in a query): what the triggers of 0004_patient_search index."""
    return _SEARCH_KEYS.format(p=row)


def names() -> list[str]:
    """The names of all migrations this version knows, in order."""
    empty = Database(memory=True, execute_plugins=False)  # see clinicdesk.core.db.PLUGINS
    return [m.name for m in migrations.pending(empty)]
