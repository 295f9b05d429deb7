"""Chinese exports are read as Chinese: BOM, then strict UTF-8, then strict GB18030, and
only then a detector's guess."""

from __future__ import annotations

import random
from pathlib import Path

from clinicdesk.core.importer import ImportOptions, preview

NAMES = ["王芳", "李娜", "张敏", "刘洋", "陈静", "赵敏", "孙丽"]
ITEMS = ["洁牙", "补牙", "水光针", "热玛吉"]
HEADERS = ["姓名,日期,项目,金额", "Name,Date,Item,Amount", "卡号,姓名,日期,金额"]


def _small_gbk_export(seed: int) -> tuple[bytes, str]:
    """A small, repetitive export (one name, one item, a few rows) as Chinese Excel
    saves it, and the name it holds; the same seed gives the same file."""
    rng = random.Random(seed)
    header, name, item = HEADERS[seed % 3], rng.choice(NAMES), rng.choice(ITEMS)
    lines = [header]
    for n in range(rng.randint(1, 4)):
        day, amount = f"2023-05-{rng.randint(1, 28):02d}", rng.choice([300, 500, 1280])
        cells = (
            [f"C{n}", name, day, amount] if header.startswith("卡号") else [name, day, item, amount]
        )
        lines.append(",".join(map(str, cells)))
    return ("\r\n".join(lines) + "\r\n").encode("gbk"), name


def test_two_hundred_small_gbk_exports_are_all_read_as_chinese(tmp_path):
    misread = []
    for seed in range(200):
        data, name = _small_gbk_export(seed)
        path = tmp_path / f"export-{seed}.csv"
        path.write_bytes(data)
        table, mapping = preview(path, ImportOptions())
        cells = table.rows[mapping.header_row + 1]
        if table.encoding != "gb18030" or name not in cells:
            misread.append((seed, table.encoding))
    assert misread == []


def test_a_small_gbk_export_imports_without_naming_the_encoding(db, tmp_path, run_import):
    data, name = _small_gbk_export(0)
    result = run_import(_write(tmp_path / "a.csv", data))
    assert result.encoding == "gb18030" and result.imported >= 1
    assert db.execute("SELECT name FROM patients").fetchone() == (name,)


def test_utf8_comes_before_gb18030(tmp_path):
    path = _write(tmp_path / "a.csv", "姓名,日期,金额\r\n王芳,2023-05-06,300\r\n".encode())
    assert preview(path, ImportOptions())[0].encoding == "utf-8"


def test_a_file_that_is_neither_goes_to_the_detector(tmp_path):
    # "é," is not GB18030 (0xE9 0x2C): a Western export still reaches the detector. (One
    # whose accents all happen to pair up decodes as GB18030: for this program's users,
    # the right bias; --encoding names it.)
    text = "Name,Date,Amount\r\n" + "".join(
        f"José Müller André,2023-05-{d:02d},300\r\n" for d in range(1, 20)
    )
    path = _write(tmp_path / "a.csv", text.encode("cp1252"))
    table = preview(path, ImportOptions())[0]
    assert table.encoding not in ("utf-8", "gb18030")
    assert table.rows[1][0] == "José Müller André"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
