"""Search (name, pinyin, initials, phone digits, card) and merging two files."""

from __future__ import annotations

import pytest

from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.merge import differences, merge_patients, moved_counts
from clinicdesk.core.db.patients import add_patient, get_patient, set_tags, tags_of, update_patient
from clinicdesk.core.db.records import add_care_date, add_charge, add_visit_note, log_contact
from clinicdesk.core.db.search import normalise_query, search_patients
from clinicdesk.core.errors import InvalidValue


@pytest.fixture
def people(db):
    ids = {
        "王小明": add_patient(db, name="王小明", mobile="13800138000", card_no="VIP001"),
        "汪晓敏": add_patient(db, name="汪晓敏", mobile="13912345678"),
        "单雄信": add_patient(db, name="单雄信", mobile="13700001111"),
        "小王": add_patient(db, name="小王"),
        "曾明": add_patient(db, name="曾明", card_no="C-88"),
    }
    return db, ids


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("王小明", "王小明"),
        ("王", "王小明"),
        ("wxm", "王小明"),
        ("wangxiaoming", "王小明"),
        ("WXM", "王小明"),
        ("8001", "王小明"),
        ("0013 8000", "王小明"),
        ("138-0013", "王小明"),
        ("vip0", "王小明"),
        ("sxx", "单雄信"),
        ("shan", "单雄信"),
        ("zm", "曾明"),
        ("zeng", "曾明"),
        ("c-88", "曾明"),
        ("明", "曾明"),
    ],
)
def test_search_finds_by_every_key(people, text, first):
    db, ids = people
    found = search_patients(db, text)
    assert found and ids[first] in found
    if text in ("王小明", "sxx"):  # (wxm is also 汪晓敏: either may come first)
        assert found[0] == ids[first]


def test_any_four_digits_of_a_phone_find_the_patient(people):
    db, ids = people
    assert search_patients(db, "2345") == [ids["汪晓敏"]]
    assert search_patients(db, "9999") == []


def test_the_exact_name_comes_before_names_that_only_contain_it(people):
    db, ids = people
    assert search_patients(db, "王")[:1] == [ids["王小明"]]
    assert set(search_patients(db, "王")) == {ids["王小明"], ids["小王"]}


def test_archived_patients_are_found_only_when_asked(people):
    db, ids = people
    update_patient(db, ids["单雄信"], archived=True)
    assert search_patients(db, "单雄信") == []
    assert search_patients(db, "单雄信", include_archived=True) == [ids["单雄信"]]


def test_a_renamed_patient_is_found_by_the_new_name_only(people):
    db, ids = people
    update_patient(db, ids["小王"], name="李娜")
    assert search_patients(db, "ln") == [ids["小王"]]
    assert search_patients(db, "xw") == []


def test_empty_text_lists_the_newest_patients(people):
    db, ids = people
    assert search_patients(db, "  ")[0] == ids["曾明"]


def test_query_normalisation():
    assert normalise_query(" ＷＸＭ ") == "wxm"
    assert normalise_query("+86 138-0013") == "86138" + "0013"
    assert normalise_query("王 小明") == "王小明"


def test_special_characters_do_not_break_the_search(people):
    db, _ = people
    for text in ['"', "*", "[", "a*b", "'", "AND OR"]:
        assert isinstance(search_patients(db, text), list)


# Merge


@pytest.fixture
def twins(db):
    a = add_patient(db, name="王小明", mobile="13800138000", taboos="忌讳谈年龄")
    b = add_patient(db, name="王晓明", card_no="VIP9", occupation="教师", mobile="13900000000")
    friend = add_patient(db, name="李娜", referred_by=b)
    add_charge(db, a, date="2023-01-01", item="洁牙", amount_fen=29800)
    add_charge(db, b, date="2023-02-01", item="补牙", amount_fen=50000)
    add_visit_note(db, b, visit_date="2023-02-01", note="怕疼")
    add_care_date(db, b, kind="personal", date="2023-06-01", title="生日")
    log_contact(db, b, outcome="reached")
    set_tags(db, a, ["读书会"], kind="circle")
    set_tags(db, b, ["读书会", "高尔夫"], kind="circle")
    return db, a, b, friend


def test_differences_are_listed_field_by_field(twins):
    db, a, b, _ = twins
    diff = {f: (x, y) for f, x, y in differences(db, a, b)}
    assert diff["name"] == ("王小明", "王晓明")
    assert diff["mobile"] == ("13800138000", "13900000000")
    assert diff["card_no"] == (None, "VIP9") and "archived" not in diff


def test_merging_moves_everything_and_archives_the_duplicate(twins):
    db, a, b, friend = twins
    assert moved_counts(db, b) == {
        "charges": 1,
        "visit_notes": 1,
        "care_dates": 1,
        "contacts": 1,
        "referrals": 1,
        "tags": 2,
    }
    merge_patients(db, a, b, {"mobile"})
    survivor, duplicate = get_patient(db, a), get_patient(db, b)
    assert (survivor.name, survivor.mobile, survivor.card_no) == ("王小明", "13900000000", "VIP9")
    assert (survivor.occupation, survivor.taboos) == ("教师", "忌讳谈年龄")
    assert (duplicate.archived, duplicate.merged_into, duplicate.card_no) == (1, a, None)
    for table in ("charges", "visit_notes", "care_dates", "contacts"):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE patient_id = ?", [b]).fetchone() == (
            0,
        )
    assert db.execute("SELECT count(*) FROM charges WHERE patient_id = ?", [a]).fetchone() == (2,)
    assert get_patient(db, friend).referred_by == a
    assert tags_of(db, a) == [("读书会", "circle"), ("高尔夫", "circle")]
    entry = entries_for(db, "patient", a)[-1]
    assert entry["action"] == "merge" and entry["details"]["duplicate"] == b


def test_a_survivor_referred_by_its_duplicate_does_not_refer_itself(db):
    b = add_patient(db, name="甲")
    a = add_patient(db, name="乙", referred_by=b)
    merge_patients(db, a, b)
    assert get_patient(db, a).referred_by is None


def test_merge_refuses_the_same_file_and_a_merged_one(twins):
    db, a, b, _ = twins
    with pytest.raises(InvalidValue):
        merge_patients(db, a, a)
    merge_patients(db, a, b)
    with pytest.raises(InvalidValue):
        merge_patients(db, a, b)


def test_a_failing_merge_changes_nothing(twins, monkeypatch):
    db, a, b, _ = twins
    import clinicdesk.core.db.merge as merge

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge.audit, "record", broken)
    with pytest.raises(RuntimeError):
        merge_patients(db, a, b)
    assert get_patient(db, b).merged_into is None
    assert db.execute("SELECT count(*) FROM charges WHERE patient_id = ?", [b]).fetchone() == (1,)


def test_before_typing_the_list_shows_who_came_lately_first(people):
    import datetime as dt

    from clinicdesk.core.db.records import add_charge

    db, ids = people
    today = dt.date.today()
    add_charge(
        db,
        ids["单雄信"],
        date=(today - dt.timedelta(days=3)).isoformat(),
        item="洁牙",
        amount_fen=29800,
    )
    add_charge(db, ids["王小明"], date=today.isoformat(), item="洁牙", amount_fen=29800)
    add_charge(
        db,
        ids["李娜"] if "李娜" in ids else ids["汪晓敏"],
        date=(today - dt.timedelta(days=40)).isoformat(),
        item="洁牙",
        amount_fen=100,
    )
    found = search_patients(db, "")
    assert found[:2] == [ids["王小明"], ids["单雄信"]]
    assert found[2] == ids["曾明"]  # then the newest files
    assert len(found) == len(ids)
