"""Engine results as columns: one NumPy array per field, a row built only when asked for.

At 100,000 patients a run has about 275,000 result rows (tiers, RFM, lapse); building
them all as tuples cost more time than the stages and most of the run's memory, while
the window shows a few dozen at a time. So a `Table` keeps each field as an array and
is a read-only sequence of the stage's row type (`TierRow`, `RfmRow`, ...): indexing
builds one row; iterating builds them all once and keeps them (for consumers that walk
every row, such as an export). The hot consumers ask the columns directly instead:
`ids` (the patients whose fields have given values), `get` and `mapping` (by patient id,
through one sorted index), `counts`, `column` and `codes_of`. `ByPatient` is the same idea for a
``{patient id: value}`` mapping (membership levels, prior tiers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import ItemsView, Iterator, Mapping, Sequence, ValuesView
from typing import Any, Generic, TypeVar, cast, overload

import numpy as np

R = TypeVar("R", bound=tuple)
V = TypeVar("V")


class Coded:
    """A column of labels kept as integer codes: row i's value is ``labels[codes[i]]``."""

    __slots__ = ("codes", "labels")

    def __init__(self, codes: np.ndarray, labels: Sequence[object]) -> None:
        self.codes = np.asarray(codes)
        self.labels = tuple(labels)

    def values(self) -> list[Any]:
        """Every row's label."""
        table = np.empty(len(self.labels), dtype=object)
        table[:] = self.labels
        return table[self.codes].tolist()

    def value(self, i: int) -> Any:
        """Row i's label."""
        return self.labels[self.codes[i]]

    def equals(self, label: object) -> np.ndarray:
        """Which rows have the label `label`."""
        if label not in self.labels:
            return np.zeros(len(self.codes), bool)
        return self.codes == self.labels.index(label)


class Days:
    """A column of dates kept as ordinals (``date.toordinal()``), given as ISO text."""

    __slots__ = ("codes",)

    def __init__(self, ordinals: np.ndarray) -> None:
        self.codes = np.asarray(ordinals, np.int64)

    def values(self) -> list[str]:
        """Every row's date as ISO text (each distinct day formatted once)."""
        unique, inverse = np.unique(self.codes, return_inverse=True)
        texts = np.array([dt.date.fromordinal(d).isoformat() for d in unique.tolist()], object)
        return texts[inverse].tolist() if len(texts) else []

    def value(self, i: int) -> str:
        """Row i's date as ISO text."""
        return dt.date.fromordinal(int(self.codes[i])).isoformat()

    def equals(self, label: object) -> np.ndarray:
        """Which rows have the date `label` (ISO text)."""
        return self.codes == dt.date.fromisoformat(str(label)).toordinal()


class _Plain:
    """A column of numbers or flags, given as Python ints, floats and bools."""

    __slots__ = ("codes",)

    def __init__(self, values: np.ndarray) -> None:
        self.codes = np.asarray(values)

    def values(self) -> list[Any]:
        return self.codes.tolist()

    def value(self, i: int) -> Any:
        return self.codes[i].item()

    def equals(self, label: object) -> np.ndarray:
        return self.codes == label


class _Rows:
    """A table's rows seen as a column (for `Table.by_patient`)."""

    __slots__ = ("codes", "_table")

    def __init__(self, table: Table[Any]) -> None:
        self.codes = np.arange(len(table))
        self._table = table

    def values(self) -> list[Any]:
        return list(self._table)

    def value(self, i: int) -> Any:
        return self._table[i]


Column = Coded | Days | _Plain


def _column(values: np.ndarray | Column) -> Column:
    return values if isinstance(values, Coded | Days | _Plain) else _Plain(values)


def _pick(column: Column, rows: np.ndarray) -> np.ndarray | Column:
    """The entries `rows` of a column, as a column of the same kind."""
    if isinstance(column, Coded):
        return Coded(column.codes[rows], column.labels)
    if isinstance(column, Days):
        return Days(column.codes[rows])
    return column.codes[rows]


class _Index:
    """Positions by patient id, built when first used: one sorted order over an id column
    for many ids at once, a dict for one at a time (0.1 us a look-up rather than 5)."""

    __slots__ = ("_ids", "_order", "_sorted", "_rows")

    def __init__(self, ids: np.ndarray) -> None:
        self._ids = ids
        self._order: np.ndarray | None = None
        self._sorted = ids
        self._rows: dict[int, int] | None = None

    def find(self, patient_ids: np.ndarray) -> np.ndarray:
        """The row of each of `patient_ids`, -1 where there is none."""
        if self._order is None:
            ids = self._ids
            ordered = len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1]))
            self._order = np.arange(len(ids)) if ordered else np.argsort(ids, kind="stable")
            self._sorted = ids if ordered else ids[self._order]
        wanted = np.asarray(patient_ids, np.int64)
        if not len(self._sorted):
            return np.full(wanted.shape, -1, np.int64)
        at = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        return np.where(self._sorted[at] == wanted, self._order[at], -1)

    def one(self, patient_id: object) -> int:
        """The row of one patient, -1 when there is none."""
        if self._rows is None:
            self._rows = dict(zip(self._ids.tolist(), range(len(self._ids)), strict=True))
        if isinstance(patient_id, bool):
            return -1
        return self._rows.get(patient_id, -1)  # type: ignore[call-overload]


class Table(Sequence[R], Generic[R]):
    """A stage's result rows, kept as columns (see the module's docstring).

    Rows are in the stage's order (tiers by rank, the others by patient id). The
    look-ups by patient need a ``patient_id`` field.
    """

    __slots__ = ("_row", "_columns", "_rows", "_index")

    def __init__(self, row: type[R], **columns: np.ndarray | Coded | Days) -> None:
        fields: tuple[str, ...] = row._fields  # type: ignore[attr-defined]
        if set(columns) != set(fields):
            raise ValueError(f"{row.__name__} needs the columns {fields}")
        self._row = row
        self._columns = {name: _column(columns[name]) for name in fields}
        self._rows: tuple[R, ...] | None = None
        self._index = _Index(self._columns["patient_id"].codes) if "patient_id" in fields else None

    def __len__(self) -> int:
        return len(next(iter(self._columns.values())).codes)

    @overload
    def __getitem__(self, i: int) -> R: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[R, ...]: ...

    def __getitem__(self, i: int | slice) -> R | tuple[R, ...]:
        if isinstance(i, slice):
            return self._all()[i] if self._rows else tuple(self[j] for j in range(len(self))[i])
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return self._row._make(c.value(i) for c in self._columns.values())  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[R]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and self._all() == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Table({self._row.__name__}, {len(self)} rows)"

    def _all(self) -> tuple[R, ...]:
        if self._rows is None:
            make = self._row._make  # type: ignore[attr-defined]
            columns = [c.values() for c in self._columns.values()]
            self._rows = tuple(map(make, zip(*columns, strict=True)))
        return self._rows

    def take(self, rows: np.ndarray) -> tuple[R, ...]:
        """The rows at the positions `rows`, built at once."""
        make = self._row._make  # type: ignore[attr-defined]
        picked = [_column(_pick(c, rows)).values() for c in self._columns.values()]
        return tuple(map(make, zip(*picked, strict=True)))

    def column(self, name: str) -> np.ndarray:
        """A field's values as an array (codes for a labelled field, ordinals for a date)."""
        values = self._columns[name].codes
        view = values.view()
        view.flags.writeable = False
        return view

    def codes_of(self, name: str, labels: Sequence[object]) -> np.ndarray:
        """A labelled field's values as positions in `labels` (``len(labels)`` for a value
        not among them): ``rows.codes_of("tier", ("A", "B", "C"))``."""
        column = self._columns[name]
        if not isinstance(column, Coded):
            raise TypeError(f"{name} is not a labelled field")
        wanted = tuple(labels)
        recode = [wanted.index(x) if x in wanted else len(wanted) for x in column.labels]
        return np.asarray(recode, np.int64)[column.codes]

    def ids(self, by: str | None = None, descending: bool = False, **equal: object) -> list[int]:
        """The patient ids of the rows whose fields have the given values, in row order or
        by the field `by` (ties in row order): ``rows.ids(tier="A")``."""
        keep = np.ones(len(self), bool)
        for name, label in equal.items():
            keep &= self._columns[name].equals(label)
        picked = np.flatnonzero(keep)
        if by is not None:
            key = self._columns[by].codes[picked]
            picked = picked[np.argsort(-key if descending else key, kind="stable")]
        return self._columns["patient_id"].codes[picked].tolist()

    def counts(self, name: str) -> dict[Any, int]:
        """How many rows have each value of a field, in the order values first appear."""
        column = self._columns[name]
        codes, first, counts = np.unique(column.codes, return_index=True, return_counts=True)
        order = np.argsort(first)
        return {column.value(int(first[i])): int(counts[i]) for i in order.tolist()}

    def get(self, patient_id: object) -> R | None:
        """The row of a patient, or None."""
        row = self._patients().one(patient_id)
        return None if row < 0 else self[row]

    def mapping(self, name: str) -> ByPatient[Any]:
        """A field as a read-only ``{patient id: value}`` mapping."""
        return ByPatient(self._columns["patient_id"].codes, self._columns[name], self._patients())

    def by_patient(self) -> ByPatient[R]:
        """The rows as a read-only ``{patient id: row}`` mapping."""
        return ByPatient(self._columns["patient_id"].codes, _Rows(self), self._patients())

    def _patients(self) -> _Index:
        if self._index is None:
            raise TypeError(f"{self._row.__name__} rows have no patient_id")
        return self._index


class ByPatient(Mapping[int, V]):
    """A read-only ``{patient id: value}`` mapping kept as an id array and a column."""

    __slots__ = ("_ids", "_column", "_index")

    def __init__(
        self, ids: np.ndarray, values: np.ndarray | Column | _Rows, index: _Index | None = None
    ) -> None:
        self._ids = np.asarray(ids, np.int64)
        self._column = values if isinstance(values, _Rows) else _column(values)
        self._index = index or _Index(self._ids)

    def __getitem__(self, patient_id: int) -> V:
        row = self._index.one(patient_id)
        if row < 0:
            raise KeyError(patient_id)
        return cast(V, self._column.value(row))

    def __contains__(self, patient_id: object) -> bool:
        return self._index.one(patient_id) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"ByPatient({len(self)} patients)"

    def values(self) -> ValuesView[V]:
        return _Values(self)

    def items(self) -> ItemsView[int, V]:
        return _Items(self)

    def of(self, patient_ids: np.ndarray) -> list[V | None]:
        """The values of many patients at once (None for those without one)."""
        rows = self._index.find(patient_ids)
        values = self._column.values()
        return [values[r] if r >= 0 else None for r in rows.tolist()]

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The patient ids and their values' codes (see `Table.column`), read-only."""
        ids, codes = self._ids.view(), self._column.codes.view()
        ids.flags.writeable = codes.flags.writeable = False
        return ids, codes

    def _values(self) -> list[V]:
        return cast(list[V], self._column.values())


class _Values(ValuesView[V]):
    _mapping: ByPatient[V]

    def __iter__(self) -> Iterator[V]:
        return iter(self._mapping._values())


class _Items(ItemsView[int, V]):
    _mapping: ByPatient[V]

    def __iter__(self) -> Iterator[tuple[int, V]]:
        m = self._mapping
        return iter(zip(m._ids.tolist(), m._values(), strict=True))
