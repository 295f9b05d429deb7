"""The published CDNOW figures, through ``clinicdesk import`` and ``clinicdesk value``.

The data: the CDNOW sample (2,357 customers of the CD retailer who first bought in the
first quarter of 1997, 6,919 purchases to mid-1998) of Fader, Hardie & Lee, as shipped in
``lifetimes/datasets/CDNOW_sample.txt`` by the Lifetimes 0.11.3 wheel on the package
index (Lifetimes is MIT-licensed; the data set carries no licence of its own, so no copy
is committed: the test reads it out of the wheel). Put the wheel in ``build/cdnow/``
(``python3 -m pip download lifetimes==0.11.3 --no-deps -d build/cdnow``) or name it, or
its folder, in ``CLINICDESK_CDNOW``; with the variable set the test fails rather than
skips when the wheel is not there.

The figures (weeks; the program's α is per day, 7 × the weekly one): BG/NBD r = 0.243,
α = 4.414, a = 0.793, b = 2.426; the conditional expectation for x = 2, t_x = 30.43,
T = 38.86 over 39 weeks 1.226; Gamma-Gamma on the 946 repeaters p = 6.25, q = 3.74,
γ = 15.44 (dollars, imported as yuan).
"""

from __future__ import annotations

import csv
import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest

from clinicdesk import cli
from clinicdesk.core.value.bgnbd import BgNbd, expected_visits

ROOT = Path(__file__).parents[2]
SAMPLE = "lifetimes/datasets/CDNOW_sample.txt"


def _wheel() -> Path:
    named = os.environ.get("CLINICDESK_CDNOW")
    place = Path(named) if named else ROOT / "build" / "cdnow"
    found = sorted(place.glob("[Ll]ifetimes-0.11.3-*.whl")) if place.is_dir() else [place]
    if found and found[0].is_file():
        return found[0]
    if named:
        pytest.fail(f"CLINICDESK_CDNOW={named}: no Lifetimes 0.11.3 wheel there")
    pytest.skip("no Lifetimes 0.11.3 wheel in build/cdnow (see this module's docstring)")


def _billing_export(wheel: Path, target: Path) -> Path:
    """The sample as a billing export: card number, name, date, item, amount in yuan."""
    with zipfile.ZipFile(wheel) as archive:
        lines = archive.read(SAMPLE).decode("ascii").splitlines()
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["会员卡号", "姓名", "消费日期", "项目", "实收金额"])
        for customer, _, day, cds, dollars in (line.split() for line in lines):
            date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
            writer.writerow([customer, f"CDNOW {customer}", date, f"{cds} CD", dollars])
    return target


@pytest.fixture(scope="module")
def fitted(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("cdnow")
    export = _billing_export(_wheel(), folder / "cdnow.csv")
    db = folder / "cdnow.db"
    from clinicdesk.core.db import open_clinic

    open_clinic(db).close()
    assert (
        cli.main(["import", str(export), "--db", str(db), "--report", str(folder / "r.csv")]) == 0
    )
    return _value_json(db)


def _value_json(db: Path) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["value", "--db", str(db), "--to", "1997-09-30", "--json"]) == 0
    return json.loads(out.getvalue())


def test_every_customer_and_the_946_repeaters_are_there(fitted):
    assert (fitted["patients"], fitted["repeat_patients"]) == (2357, 946)
    assert fitted["gamma_gamma"]["patients"] == 946


def test_bgnbd_reproduces_the_published_parameters(fitted):
    bg = fitted["bgnbd"]
    assert bg["unit"] == "day"
    weekly = (bg["r"], bg["alpha"] / 7, bg["a"], bg["b"])
    assert [round(v, 3) for v in weekly] == [0.243, 4.414, 0.793, 2.426]


def test_the_published_conditional_expectation_is_reproduced(fitted):
    bg = fitted["bgnbd"]
    model = BgNbd(bg["r"], bg["alpha"], bg["a"], bg["b"])
    days = [np.array([v * 7]) for v in (30.43, 38.86)]
    got = expected_visits(model, 39 * 7, np.array([2.0]), *days)
    assert round(float(got[0]), 3) == 1.226


def test_gamma_gamma_reproduces_the_published_parameters(fitted):
    gg = fitted["gamma_gamma"]
    assert [round(gg[k], 2) for k in ("p", "q", "gamma")] == [6.25, 3.74, 15.44]
