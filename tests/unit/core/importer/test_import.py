"""Importing exports: encodings, Excel, bad rows, identity, idempotence, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import threading

import pytest

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import Cancelled, KnownError
from clinicdesk.core.importer import ImportOptions, import_file, parse_overrides, preview
from tests.unit.core.importer.conftest import HEADER, counts, write_csv

ROWS = [
    ["YY001", "王小明", "138 0013 8000", "2023/5/6", "洁牙", "口腔", "￥1,280.00", "周建华", ""],
    ["YY001", "王小明", "", "2023年5月7日", "补牙", "口腔", "500元", "孙立", "复诊"],
    ["YY002", "李娜", "", "20230508", "水光针", "注射", "1280", "吴倩", ""],
    ["", "张三", "", "2023.05.09 10:30", "拔牙", "口腔", "-600", "", "退款"],
]


def _charges(db) -> list[tuple]:
    return db.execute(
        "SELECT p.name, c.date, c.item, c.amount_fen FROM charges c JOIN patients p"
        " ON p.id = c.patient_id ORDER BY c.date"
    ).fetchall()


# Encodings and formats


def test_a_clean_file_is_imported_row_for_row(db, tmp_path, run_import):
    result = run_import(write_csv(tmp_path / "a.csv", ROWS))
    assert (result.rows, result.imported, result.rejected) == (4, 4, 0)
    assert (result.patients_created, result.patients_matched) == (3, 0)
    assert _charges(db) == [
        ("王小明", "2023-05-06", "洁牙", 128000),
        ("王小明", "2023-05-07", "补牙", 50000),
        ("李娜", "2023-05-08", "水光针", 128000),
        ("张三", "2023-05-09", "拔牙", -60000),
    ]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16", "utf-8"])
def test_every_encoding_gives_the_same_result(db, tmp_path, run_import, encoding):
    result = run_import(write_csv(tmp_path / "a.csv", ROWS, encoding))
    assert result.imported == 4
    assert _charges(db)[0] == ("王小明", "2023-05-06", "洁牙", 128000)


def test_gbk_and_utf8_bom_files_with_the_same_content_are_the_same_import(db, tmp_path, run_import):
    first = run_import(write_csv(tmp_path / "gbk.csv", ROWS, "gbk"))
    second = run_import(write_csv(tmp_path / "bom.csv", ROWS, "utf-8-sig"))
    assert (first.encoding, second.encoding) == ("gb18030", "utf-8-sig")
    assert (first.imported, second.imported, second.duplicates_skipped) == (4, 0, 4)


def test_the_user_can_name_the_encoding(db, tmp_path, run_import):
    path = write_csv(tmp_path / "a.csv", ROWS, "gbk")
    with pytest.raises(KnownError) as info:
        run_import(path, encoding="utf-8")
    assert info.value.key == "import.bad_encoding"
    assert run_import(path, encoding="gb18030").imported == 4


def test_tab_separated_text_is_read(db, tmp_path, run_import):
    path = tmp_path / "a.txt"
    path.write_text("\n".join("\t".join(r) for r in [HEADER, *ROWS]), encoding="utf-8")
    assert run_import(path).imported == 4


def test_xlsx_with_real_date_and_number_cells(db, tmp_path, run_import):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "消费明细"
    sheet.append(["2023年消费明细"])  # a title row above the header
    sheet.append(HEADER)
    sheet.append(
        [
            "YY001",
            "王小明",
            13800138000,
            dt.datetime(2023, 5, 6, 14, 30),
            "洁牙",
            "口腔",
            1280.5,
            "周建华",
            None,
        ]
    )
    sheet.append(["YY001", None, None, 45053, "补牙", "口腔", 500, None, None])  # a serial
    book.create_sheet("其他")
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = run_import(path)
    assert (result.imported, result.sheet, result.encoding) == (2, "消费明细", None)
    assert _charges(db) == [
        ("王小明", "2023-05-06", "洁牙", 128050),
        ("王小明", "2023-05-07", "补牙", 50000),
    ]
    with pytest.raises(KnownError) as info:
        run_import(path, sheet="没有")
    assert "消费明细" in info.value.message("zh_CN")


# Columns


def test_chinese_header_synonyms_and_amount_preference(db, tmp_path, run_import):
    header = ["卡号", "客户", "联系电话", "就诊日期", "项目", "类别", "应收", "实收", "咨询师"]
    rows = [["C1", "李娜", "13800138000", "2023-05-06", "洁牙", "口腔", "300", "280", "张敏"]]
    result = run_import(write_csv(tmp_path / "a.csv", rows, header=header))
    assert result.columns["实收"] == "amount" and "应收" not in result.columns
    assert _charges(db) == [("李娜", "2023-05-06", "洁牙", 28000)]
    note = db.execute("SELECT note FROM charges").fetchone()[0]
    assert note == "应收: 300"


def test_receivable_is_used_when_nothing_was_recorded_as_paid(db, tmp_path, run_import):
    header = ["姓名", "日期", "项目", "应收"]
    run_import(
        write_csv(tmp_path / "a.csv", [["李娜", "2023-05-06", "洁牙", "300"]], header=header)
    )
    assert _charges(db) == [("李娜", "2023-05-06", "洁牙", 30000)]


def test_english_headers(db, tmp_path, run_import):
    header = ["Card No", "Name", "Mobile", "Date", "Item", "Category", "Amount", "Doctor"]
    rows = [["C1", "Anna Li", "13800138000", "2023-05-06", "Cleaning", "Dental", "300", "Dr Wu"]]
    assert run_import(write_csv(tmp_path / "a.csv", rows, header=header)).imported == 1


def test_a_user_mapping_and_ignoring_extra_columns(db, tmp_path, run_import):
    header = ["顾客编号", "姓名", "日期", "金额", "床位"]
    rows = [["K9", "李娜", "2023-05-06", "300", "3号"]]
    path = write_csv(tmp_path / "a.csv", rows, header=header)
    run_import(path, overrides=parse_overrides(["顾客编号=card_no"]), keep_extra=False)
    assert db.execute("SELECT card_no FROM patients").fetchone() == ("K9",)
    assert db.execute("SELECT note FROM charges").fetchone() == (None,)


def test_a_bad_mapping_is_explained():
    with pytest.raises(KnownError) as info:
        parse_overrides(["顾客编号=shoe_size"])
    assert "card_no" in info.value.message("zh_CN")


def test_missing_columns_are_named_with_the_header_found(db, tmp_path, run_import):
    path = write_csv(tmp_path / "a.csv", [["李娜", "2023-05-06"]], header=["姓名", "日期"])
    with pytest.raises(KnownError) as info:
        run_import(path)
    assert info.value.key in ("import.missing_columns", "import.not_a_table")
    assert counts(db) == (0, 0)


# Bad rows


def test_every_kind_of_bad_row_is_rejected_and_counted_exactly(db, tmp_path, run_import):
    rows = [
        ["YY1", "王小明", "", "2023-05-06", "洁牙", "口腔", "300", "", ""],  # good
        ["YY1", "王小明", "", "昨天", "洁牙", "口腔", "300", "", ""],  # no date
        ["YY1", "王小明", "", "", "洁牙", "口腔", "300", "", ""],  # empty date
        ["YY1", "王小明", "", "2023-05-07", "洁牙", "口腔", "三百", "", ""],  # no amount
        ["YY1", "王小明", "", "2023-05-07", "洁牙", "口腔", "", "", ""],  # empty amount
        ["", "", "", "2023-05-08", "洁牙", "口腔", "300", "", ""],  # no identity
        ["", "", "0571-88886666", "2023-05-08", "洁牙", "口腔", "300", "", ""],  # landline only
        ["YY2", "李娜", "0571-88886666", "2023-05-09", "", "", "300", "", ""],  # warning only
    ]
    result = run_import(write_csv(tmp_path / "a.csv", rows))
    assert (result.rows, result.imported, result.rejected, result.warnings) == (8, 2, 6, 1)
    text = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    report = list(csv.reader(text.splitlines()))
    assert report[0][:4] == ["行号", "结果", "原因", "会员卡号"]
    reasons = [(r[0], r[1], r[2]) for r in report[1:]]
    assert ("3", "未导入", "日期“昨天”无法识别") in reasons
    assert ("5", "未导入", "金额“三百”是汉字数字，请写成阿拉伯数字（如 300）") in reasons
    assert ("7", "未导入", "没有会员卡号、手机号或姓名，无法确定顾客") in reasons
    assert sum(1 for r in reasons if r[1] == "未导入") == 6
    assert db.execute("SELECT item FROM charges WHERE date = '2023-05-09'").fetchone() == (
        "未注明项目",
    )


def test_the_report_is_in_english_for_an_english_user(db, tmp_path, run_import):
    rows = [["YY1", "王小明", "", "昨天", "洁牙", "口腔", "300", "", ""]]
    run_import(write_csv(tmp_path / "a.csv", rows), language="en")
    report = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert "rejected,the date “昨天” cannot be read" in report


# Identity


def test_a_card_and_phone_row_links_rows_before_and_after_it(db, tmp_path, run_import):
    rows = [
        ["", "王小明", "13800138000", "2023-05-01", "洁牙", "口腔", "300", "", ""],  # phone only
        ["YY9", "", "", "2023-05-02", "补牙", "口腔", "500", "", ""],  # card only
        ["YY9", "王小明", "13800138000", "2023-05-03", "洁牙", "口腔", "300", "", ""],  # links
        ["YY9", "", "", "2023-05-04", "补牙", "口腔", "500", "", ""],
    ]
    result = run_import(write_csv(tmp_path / "a.csv", rows))
    assert (result.patients_created, result.imported) == (1, 4)
    assert db.execute("SELECT name, card_no, mobile, first_visit FROM patients").fetchall() == [
        ("王小明", "YY9", "13800138000", "2023-05-01")
    ]


def test_rows_join_existing_patients_by_card_then_mobile_and_fill_what_is_missing(
    db, tmp_path, run_import
):
    by_card = add_patient(db, name="李娜", card_no="C1")
    by_mobile = add_patient(db, name="赵敏", mobile="13900001111")
    rows = [
        ["C1", "李娜", "13700000000", "2023-05-01", "洁牙", "口腔", "300", "", ""],
        ["C2", "", "13900001111", "2023-05-02", "洁牙", "口腔", "300", "", ""],
    ]
    result = run_import(write_csv(tmp_path / "a.csv", rows))
    assert (result.patients_created, result.patients_matched) == (0, 2)
    assert db.execute("SELECT id, card_no, mobile FROM patients ORDER BY id").fetchall() == [
        (by_card, "C1", "13700000000"),
        (by_mobile, "C2", "13900001111"),
    ]


def test_name_only_rows_join_the_one_patient_of_that_name_with_a_warning(db, tmp_path, run_import):
    pid = add_patient(db, name="李娜", card_no="C1")
    rows = [["", "李娜", "", "2023-05-01", "洁牙", "口腔", "300", "", ""]]
    result = run_import(write_csv(tmp_path / "a.csv", rows))
    assert (result.patients_created, result.warnings) == (0, 1)
    assert result.issues[0].key == "import.warn.by_name"
    assert db.execute("SELECT patient_id FROM charges").fetchone() == (pid,)


def test_a_name_shared_by_several_patients_gets_a_new_file_and_a_warning(db, tmp_path, run_import):
    add_patient(db, name="李娜", card_no="C1")
    add_patient(db, name="李娜", card_no="C2")
    rows = [["", "李娜", "", "2023-05-01", "洁牙", "口腔", "300", "", ""]]
    result = run_import(write_csv(tmp_path / "a.csv", rows))
    assert result.patients_created == 1
    assert result.issues[0].key == "import.warn.ambiguous_name"


def test_new_patients_get_their_pinyin(db, tmp_path, run_import):
    rows = [["", "曾小明", "13800138000", "2023-05-01", "洁牙", "口腔", "300", "", ""]]
    run_import(write_csv(tmp_path / "a.csv", rows))
    assert db.execute("SELECT name_pinyin, name_initials FROM patients").fetchone() == (
        "zengxiaoming",
        "zxm",
    )


# Idempotence and overlap


def test_importing_the_same_file_again_adds_nothing_and_says_so(db, tmp_path, run_import):
    path = write_csv(tmp_path / "a.csv", ROWS)
    run_import(path)
    before = counts(db)
    again = run_import(path)
    assert (again.imported, again.duplicates_skipped, again.patients_created) == (0, 4, 0)
    assert again.previously_imported is not None
    assert counts(db) == before
    assert db.execute("SELECT count(*) FROM import_batches").fetchone() == (1,)


def test_a_later_overlapping_export_adds_only_the_new_rows(db, tmp_path, run_import):
    days = [f"2023-05-{d:02d}" for d in range(1, 31)]
    rows = [["YY1", "王小明", "", day, "洁牙", "口腔", "300", "", ""] for day in days]
    run_import(write_csv(tmp_path / "may1-20.csv", rows[:20]))
    result = run_import(write_csv(tmp_path / "may10-30.csv", rows[9:]))
    assert (result.imported, result.duplicates_skipped) == (10, 11)
    assert counts(db) == (1, 30)


def test_identical_lines_in_one_file_are_both_kept(db, tmp_path, run_import):
    line = ["YY1", "王小明", "", "2023-05-01", "玻尿酸", "注射", "3800", "", ""]
    result = run_import(write_csv(tmp_path / "a.csv", [line, line]))
    assert result.imported == 2
    assert run_import(write_csv(tmp_path / "b.csv", [line, line, line])).imported == 1


# All or nothing


def test_a_dry_run_counts_everything_and_writes_nothing(db, tmp_path, run_import):
    result = run_import(write_csv(tmp_path / "a.csv", ROWS), dry_run=True)
    assert (result.imported, result.patients_created) == (4, 3)
    assert counts(db) == (0, 0)
    assert db.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)


def test_cancel_midway_leaves_the_file_unchanged(db, tmp_path):
    rows = [
        [f"C{i % 500}", f"顾客{i % 500}", "", "2023-05-01", "洁牙", "口腔", "300", "", ""]
        for i in range(60_000)
    ]
    path = write_csv(tmp_path / "a.csv", rows)
    cancel, stages = threading.Event(), []

    def progress(fraction: float, stage: str) -> None:
        stages.append(stage)
        if stage == "write" and fraction > 0.6:
            cancel.set()

    with pytest.raises(Cancelled):
        import_file(db, path, ImportOptions(), progress=progress, cancel=cancel)
    assert "write" in stages
    assert counts(db) == (0, 0)


# Files that are not exports


def test_an_empty_file(db, tmp_path, run_import):
    path = tmp_path / "a.csv"
    path.write_bytes(b"")
    with pytest.raises(KnownError) as info:
        run_import(path)
    assert info.value.message("zh_CN") == "文件“a.csv”是空的。"


def test_a_header_only_file_imports_nothing_without_error(db, tmp_path, run_import):
    result = run_import(write_csv(tmp_path / "a.csv", []))
    assert (result.rows, result.imported, result.report) == (0, 0, None)
    assert counts(db) == (0, 0)


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("notes.txt", "今天天气很好\n明天去公园\n".encode(), "import.not_a_table"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "import.not_a_table"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "import.xls"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "import.not_a_table"),
    ],
)
def test_a_file_that_is_not_a_table_gets_a_clear_message(
    db, tmp_path, run_import, name, content, key
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(KnownError) as info:
        run_import(path)
    assert info.value.key == key
    assert name in info.value.message("zh_CN")
    assert counts(db) == (0, 0)
    with pytest.raises(KnownError) as info:  # the import dialog's preview says the same
        preview(path, ImportOptions())
    assert info.value.key == key and name in info.value.message("zh_CN")


def test_a_missing_file_is_named(db, tmp_path, run_import):
    with pytest.raises(KnownError) as info:
        run_import(tmp_path / "nope.csv")
    assert info.value.key == "import.no_file"
