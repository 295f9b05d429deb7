"""The demo clinic: deterministic, and shaped like a real clinic when queried."""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest
from sqlite_utils import Database

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import is_demo
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.demo import build_demo
from clinicdesk.core.errors import KnownError
from tests.conftest import DEMO_TODAY

YEAR_AGO = (DEMO_TODAY - dt.timedelta(days=365)).isoformat()


def _dump(path) -> dict[str, list[tuple]]:
    db = Database(path)
    tables = [t for t in db.table_names() if not t.startswith(("_sqlite", "patient_search"))]
    return {t: db.execute(f"SELECT * FROM [{t}] ORDER BY 1, 2").fetchall() for t in tables}


def _column(db, sql: str) -> list:
    return [row[0] for row in db.execute(sql).fetchall()]


# Determinism


def test_the_same_seed_gives_the_same_clinic_row_for_row(tmp_path):
    build_demo(tmp_path / "a.db", patients=150, seed=7, today=DEMO_TODAY)
    build_demo(tmp_path / "b.db", patients=150, seed=7, today=DEMO_TODAY)
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")


def test_the_demo_breaks_no_check_and_no_foreign_key(demo_db):
    # Written without SQLite testing each row (bulk.unchecked): the file must be sound.
    assert demo_db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert demo_db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_another_seed_gives_another_clinic(tmp_path):
    build_demo(tmp_path / "a.db", patients=150, seed=7, today=DEMO_TODAY)
    build_demo(tmp_path / "b.db", patients=150, seed=8, today=DEMO_TODAY)
    assert _dump(tmp_path / "a.db")["patients"] != _dump(tmp_path / "b.db")["patients"]


# Shape of the default clinic (2,000 patients)


def test_revenue_is_concentrated_like_a_real_clinic(demo_db):
    revenue = sorted(
        _column(demo_db, "SELECT sum(amount_fen) FROM charges GROUP BY patient_id"), reverse=True
    )
    patients = demo_db.execute("SELECT count(*) FROM patients").fetchone()[0]
    top_fifth = sum(revenue[: patients // 5]) / sum(revenue)
    assert 0.60 <= top_fifth <= 0.80


def test_patients_have_their_own_rhythms(demo_db):
    visit_days = _column(demo_db, "SELECT count(DISTINCT date) FROM charges GROUP BY patient_id")
    one_off = sum(1 for n in visit_days if n == 1) / len(visit_days)
    regular = sum(1 for n in visit_days if n >= 12) / len(visit_days)
    assert 0.15 <= one_off <= 0.40
    assert 0.15 <= regular <= 0.45


def test_some_loyal_patients_have_lapsed(demo_db):
    lapsed = demo_db.execute(
        "SELECT count(*) FROM (SELECT patient_id FROM charges GROUP BY patient_id"
        " HAVING count(DISTINCT date) >= 3 AND max(date) < ?)",
        [YEAR_AGO],
    ).fetchone()[0]
    assert lapsed >= 100


def test_regulars_come_back_at_a_steady_interval(demo_db):
    # The spread of a regular's gaps is moderate: a rhythm, not random dates.
    rows = demo_db.execute(
        "SELECT patient_id, date FROM charges WHERE patient_id IN (SELECT patient_id FROM"
        " charges GROUP BY patient_id HAVING count(DISTINCT date) >= 12 LIMIT 50)"
        " GROUP BY patient_id, date ORDER BY patient_id, date"
    ).fetchall()
    by_patient: dict[int, list[int]] = {}
    for pid, date in rows:
        by_patient.setdefault(pid, []).append(dt.date.fromisoformat(date).toordinal())
    spreads = []
    for days in by_patient.values():
        gaps = [b - a for a, b in zip(days, days[1:], strict=False)]
        spreads.append(statistics.pstdev(gaps) / statistics.mean(gaps))
    assert statistics.median(spreads) < 0.6


def test_a_few_opinion_leaders_brought_many_patients(demo_db):
    referred = demo_db.execute(
        "SELECT count(*) FROM patients WHERE referred_by IS NOT NULL"
    ).fetchone()[0]
    by_referrer = sorted(
        _column(
            demo_db,
            "SELECT count(*) FROM patients WHERE referred_by IS NOT NULL GROUP BY referred_by",
        ),
        reverse=True,
    )
    assert 0.25 <= referred / 2000 <= 0.45
    assert by_referrer[0] >= 20 and by_referrer[4] >= 8
    assert sum(by_referrer[:10]) / referred >= 0.25


def test_some_leaders_spend_little_themselves(demo_db):
    spend = _column(
        demo_db,
        "SELECT coalesce((SELECT sum(amount_fen) FROM charges c WHERE c.patient_id = r.id), 0)"
        " FROM patients r WHERE (SELECT count(*) FROM patients p WHERE p.referred_by = r.id) >= 8",
    )
    median = statistics.median(
        _column(demo_db, "SELECT sum(amount_fen) FROM charges GROUP BY patient_id")
    )
    assert any(s < median for s in spend)


def test_referrers_came_before_the_patients_they_referred(demo_db):
    late = demo_db.execute(
        "SELECT count(*) FROM patients p JOIN patients r ON r.id = p.referred_by"
        " WHERE r.first_visit >= p.first_visit"
    ).fetchone()[0]
    assert late == 0


def test_names_phones_and_cards_look_real(demo_db):
    rows = demo_db.execute("SELECT name, name_initials, mobile, card_no FROM patients").fetchall()
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) for name, *_ in rows)
    assert all(len(initials) == len(name) for name, initials, *_ in rows)
    mobiles = [m for _, _, m, _ in rows if m]
    assert all(re.fullmatch(r"1[3-9]\d{9}", m) for m in mobiles)
    assert len(set(mobiles)) == len(mobiles) >= 0.9 * len(rows)


def test_prices_are_realistic_whole_yuan_with_some_refunds(demo_db):
    amounts = _column(demo_db, "SELECT amount_fen FROM charges")
    assert all(a % 100 == 0 for a in amounts)
    assert 0 < sum(1 for a in amounts if a < 0) < 0.03 * len(amounts)
    assert 40_00 <= min(a for a in amounts if a > 0) and max(amounts) <= 50_000_00
    categories = set(_column(demo_db, "SELECT DISTINCT category FROM charges"))
    assert {"口腔", "注射", "光电", "手术", "皮肤护理"} <= categories


def test_the_history_spans_three_years_up_to_today(demo_db):
    first, last = demo_db.execute("SELECT min(date), max(date) FROM charges").fetchone()
    assert first >= (DEMO_TODAY - dt.timedelta(days=3 * 365)).isoformat()
    assert last == DEMO_TODAY.isoformat()
    by_year = _column(
        demo_db,
        "SELECT count(*) FROM charges WHERE date BETWEEN ? AND ?"
        " UNION ALL SELECT count(*) FROM charges WHERE date > ?".replace("?", "'{}'").format(
            "2024-11-26", "2025-11-25", "2025-11-25"
        ),
    )
    assert 0.7 <= by_year[1] / by_year[0] <= 1.4  # a steady clinic, not a start-up


def test_the_file_has_the_relationship_data_the_program_shows(demo_db):
    counts = {
        t: demo_db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("visit_notes", "care_dates", "contacts", "patient_tags", "staff")
    }
    assert counts["visit_notes"] > 500 and counts["contacts"] > 2000
    assert counts["care_dates"] > 500 and counts["patient_tags"] > 200
    assert counts["staff"] >= 5
    owners = demo_db.execute("SELECT count(*) FROM patients WHERE owner_id IS NOT NULL")
    assert owners.fetchone()[0] > 1500
    assert demo_db.execute("SELECT count(*) FROM patients WHERE taboos IS NOT NULL").fetchone()[0]


def test_the_period_story_is_in_the_file(demo_db):
    # DOMAIN.md: a consultant noted painful periods and called on the right day.
    story = demo_db.execute(
        "SELECT count(*) FROM care_dates WHERE kind = 'personal' AND title LIKE '经期关怀%'"
        " AND date > ?",
        [DEMO_TODAY.isoformat()],
    ).fetchone()[0]
    assert story >= 1


def test_do_not_call_patients_asked_for_it(demo_db):
    unexplained = demo_db.execute(
        "SELECT count(*) FROM patients p WHERE do_not_call = 1 AND NOT EXISTS"
        " (SELECT 1 FROM contacts c WHERE c.patient_id = p.id AND c.outcome = 'do_not_call')"
    ).fetchone()[0]
    assert unexplained == 0


def test_it_is_marked_as_a_demo(demo_db):
    assert is_demo(demo_db)


def test_it_has_a_tier_run_from_three_months_ago(demo_db):
    row = demo_db.execute("SELECT created_at, period_to, patients_ranked FROM tier_runs").fetchall()
    assert len(row) == 1 and row[0][0].startswith("2026-08-27") and row[0][1] == "2026-08-27"
    assert row[0][2] > 1000


# Safety


def test_a_real_clinic_file_is_never_overwritten(clinic_path):
    db = open_clinic(clinic_path)
    add_patient(db, name="真实顾客")
    db.close()
    with pytest.raises(KnownError) as info:
        build_demo(clinic_path, patients=10, today=DEMO_TODAY)
    assert info.value.key == "demo.not_a_demo"
    assert Database(clinic_path).execute("SELECT name FROM patients").fetchall() == [("真实顾客",)]


def test_an_older_demo_is_replaced(tmp_path):
    path = tmp_path / "demo.db"
    build_demo(path, patients=20, today=DEMO_TODAY)
    build_demo(path, patients=30, today=DEMO_TODAY)
    assert Database(path).execute("SELECT count(*) FROM patients").fetchone()[0] == 30


def test_an_interrupted_build_leaves_nothing_behind(tmp_path):
    path = tmp_path / "demo.db"

    def stop(fraction: float, _stage: str) -> None:
        if fraction > 0.5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_demo(path, patients=6000, today=DEMO_TODAY, progress=stop)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("patients", [0, -5, 500_001])
def test_a_patient_count_out_of_range_is_refused(tmp_path, patients):
    with pytest.raises(KnownError) as info:
        build_demo(tmp_path / "demo.db", patients=patients)
    assert info.value.key == "demo.bad_count"


def test_the_search_box_s_example_finds_someone(demo_db):
    # The box says "拼音（如 wxm）" and the README "wxm, wangxiaoming for 王小明": typed into
    # the demo, they find him (the demo of 2,000 patients had no wxm at all).
    from clinicdesk.core.db.search import search_patients

    (example,) = demo_db.execute("SELECT id FROM patients WHERE name = '王小明'").fetchone()
    for text in ("wxm", "wangxiaoming", "王小明"):
        assert example in search_patients(demo_db, text)
