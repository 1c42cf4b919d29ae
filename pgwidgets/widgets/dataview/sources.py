"""Row sources: where a table's rows live. They are read lazily and never copied.

* :class:`ListSource` — any Python sequence of rows, each a dict (column key -> value) or a
  positional list/tuple. The caller's list itself is used: a program that changes it behind
  the widget's back calls ``model_changed()`` to refresh what is in view.
* :class:`ArraySource` — a NumPy 2-D or structured array (when NumPy is installed).
* :class:`FrameSource` — a pandas DataFrame (when pandas is installed).
* :class:`CallableRows` — ``fetch(start, count) -> rows`` plus a row count, for data that
  is not in memory at all.

A source answers ``len()``, ``take(indices)`` (row objects) and ``value(row, ci, key)``,
and sorts a column into a permutation (``sort_order``) without building row copies. NumPy
and pandas are optional: they are imported only when such an object is passed in.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from pgwidgets.exceptions import ConfigurationError, InvalidState

__all__ = [
    "ArraySource",
    "CallableRows",
    "FrameSource",
    "ListSource",
    "RowSource",
    "make_source",
    "sort_values",
]

#: rows fetched per call when a whole column must be read (sorting a callable model)
CHUNK = 65_536


def sort_values(values: Sequence[Any], kind: str, ascending: bool) -> array[int]:
    """A stable permutation that sorts ``values`` by column type; None goes last.

    Numbers compare as numbers, text as text; a value of the wrong type (a string in an
    integer column) sorts after the right ones, before None.
    """
    n = len(values)
    fast = _numeric_order(values, ascending) if kind in ("integer", "float") else None
    if fast is not None:
        return fast
    idx = range(n)
    nones = [i for i in idx if values[i] is None] if None in values else []
    keep: Sequence[int] = idx if not nones else [i for i in idx if values[i] is not None]
    try:
        order = sorted(keep, key=values.__getitem__, reverse=not ascending)
    except TypeError:
        order = sorted(keep, key=lambda i: _typed_key(values[i], kind), reverse=not ascending)
    out = array("q", order)
    out.extend(nones)
    return out


def _numeric_order(values: Sequence[Any], ascending: bool) -> array[int] | None:
    """With NumPy in use, a column of plain numbers sorts in C (stable); else None.

    NumPy is optional and never imported here: it is used when the program has loaded it.
    """
    np = sys.modules.get("numpy")
    if np is None:
        return None
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError):
        return None
    if (
        arr.ndim != 1
        or arr.dtype.kind not in "iuf"
        or (arr.dtype.kind == "f" and np.isnan(arr).any())
    ):
        return None
    return _argsort(arr, ascending)


def _argsort(col: Any, ascending: bool) -> array[int]:
    """A stable argsort as an ``array('q')``; descending keeps ties in their order too."""
    np = sys.modules["numpy"]

    if ascending:
        order = np.argsort(col, kind="stable")
    else:
        order = (len(col) - 1 - np.argsort(col[::-1], kind="stable"))[::-1]
    return array("q", order.astype(np.int64).tobytes())


def _typed_key(v: Any, kind: str) -> tuple[int, Any]:
    if kind in ("integer", "float", "boolean"):
        if isinstance(v, (int, float)):
            return (0, v)
        return (1, str(v))
    return (0, v) if isinstance(v, str) else (0, str(v))


class RowSource:
    """The interface every source implements (and a sequence-based default)."""

    #: whether ``set_cell`` can write into it
    writable = False
    #: whether rows can be inserted and deleted
    resizable = False

    def __len__(self) -> int:
        raise NotImplementedError

    def take(self, indices: Sequence[int]) -> list[Any]:
        """The row objects at ``indices`` (in that order)."""
        raise NotImplementedError

    def value(self, row: Any, ci: int, key: str) -> Any:
        """The value of column ``ci`` (key ``key``) in a row object from :meth:`take`."""
        if isinstance(row, Mapping):
            return row.get(key)
        return row[ci] if ci < len(row) else None

    def column(self, ci: int, key: str) -> Sequence[Any]:
        """Every value of one column, in row order (for sorting and filtering)."""
        out: list[Any] = []
        for start in range(0, len(self), CHUNK):
            rows = self.take(range(start, min(len(self), start + CHUNK)))
            out.extend(self.value(r, ci, key) for r in rows)
        return out

    def sort_order(self, ci: int, key: str, kind: str, ascending: bool) -> array[int]:
        """A stable permutation of the rows sorted by one column."""
        return sort_values(self.column(ci, key), kind, ascending)

    def set_cell(self, index: int, ci: int, key: str, value: Any) -> None:
        raise InvalidState(f"a {type(self).__name__} is read-only: update the data yourself")

    def insert(self, index: int, row: Any) -> None:
        raise InvalidState(f"rows cannot be inserted into a {type(self).__name__}")

    def delete(self, index: int) -> None:
        raise InvalidState(f"rows cannot be deleted from a {type(self).__name__}")


class ListSource(RowSource):
    """A Python sequence of dict or positional rows (the caller's own list)."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self.rows = rows
        self.writable = isinstance(rows, list)
        self.resizable = isinstance(rows, list)

    def __len__(self) -> int:
        return len(self.rows)

    def take(self, indices: Sequence[int]) -> list[Any]:
        if isinstance(indices, range) and indices.step == 1:
            return list(self.rows[indices.start : indices.stop])
        rows = self.rows
        return [rows[i] for i in indices]

    def column(self, ci: int, key: str) -> Sequence[Any]:
        rows = self.rows
        if not rows:
            return []
        try:  # the usual shapes, read at C speed
            if type(rows[0]) is dict:
                return list(map(dict.get, rows, repeat(key)))
            return list(map(itemgetter(ci), rows))
        except (TypeError, IndexError):
            pass
        return [
            (r.get(key) if isinstance(r, Mapping) else (r[ci] if ci < len(r) else None))
            for r in rows
        ]

    def set_cell(self, index: int, ci: int, key: str, value: Any) -> None:
        if not self.writable:
            super().set_cell(index, ci, key, value)
        row = self.rows[index]
        if isinstance(row, MutableMapping):
            row[key] = value
        elif isinstance(row, list):
            if ci >= len(row):
                row.extend([None] * (ci + 1 - len(row)))
            row[ci] = value
        else:
            cells = list(row) + [None] * max(0, ci + 1 - len(row))
            cells[ci] = value
            self.rows[index] = type(row)(cells) if isinstance(row, tuple) else cells  # type: ignore[index]

    def insert(self, index: int, row: Any) -> None:
        if not self.resizable:
            super().insert(index, row)
        self.rows.insert(index, row)  # type: ignore[attr-defined]

    def delete(self, index: int) -> None:
        if not self.resizable:
            super().delete(index)
        del self.rows[index]  # type: ignore[attr-defined]


class ArraySource(RowSource):
    """A NumPy 2-D array (columns by position) or structured array (columns by field)."""

    def __init__(self, arr: Any) -> None:
        self.arr = arr
        self.fields: tuple[str, ...] | None = arr.dtype.names
        if self.fields is None and arr.ndim != 2:
            raise ConfigurationError(f"data: a NumPy array must be 2-D, got {arr.ndim}-D")
        self.writable = bool(arr.flags.writeable)

    def __len__(self) -> int:
        return int(self.arr.shape[0])

    def _field(self, ci: int, key: str) -> str:
        assert self.fields is not None
        return key if key in self.fields else self.fields[ci]

    def take(self, indices: Sequence[int]) -> list[Any]:
        if isinstance(indices, range) and indices.step == 1:
            part = self.arr[indices.start : indices.stop]
        else:
            np = sys.modules["numpy"]  # an ndarray exists: NumPy is loaded
            part = self.arr[np.asarray(indices, dtype=np.int64)]
        rows: list[Any] = part.tolist()
        return rows

    def value(self, row: Any, ci: int, key: str) -> Any:
        if self.fields is not None:
            return row[self.fields.index(self._field(ci, key))] if ci < len(row) else None
        return row[ci] if ci < len(row) else None

    def _col(self, ci: int, key: str) -> Any:
        if self.fields is not None:
            return self.arr[self._field(ci, key)]
        return self.arr[:, ci]

    def column(self, ci: int, key: str) -> Sequence[Any]:
        values: list[Any] = self._col(ci, key).tolist()
        return values

    def sort_order(self, ci: int, key: str, kind: str, ascending: bool) -> array[int]:

        col = self._col(ci, key)
        if col.dtype == object:
            return super().sort_order(ci, key, kind, ascending)
        return _argsort(col, ascending)

    def set_cell(self, index: int, ci: int, key: str, value: Any) -> None:
        if not self.writable:
            super().set_cell(index, ci, key, value)
        if self.fields is not None:
            self.arr[self._field(ci, key)][index] = value
        else:
            self.arr[index, ci] = value


class FrameSource(RowSource):
    """A pandas DataFrame: columns by name when the key is a column name, else by position."""

    def __init__(self, frame: Any) -> None:
        self.frame = frame
        self.writable = True
        self.names = [str(c) for c in frame.columns]

    def __len__(self) -> int:
        return len(self.frame)

    def _pos(self, ci: int, key: str) -> int:
        return self.names.index(key) if key in self.names else ci

    def take(self, indices: Sequence[int]) -> list[Any]:
        if isinstance(indices, range) and indices.step == 1:
            part = self.frame.iloc[indices.start : indices.stop]
        else:
            part = self.frame.iloc[list(indices)]
        rows: list[Any] = part.to_numpy(dtype=object).tolist()
        return rows

    def value(self, row: Any, ci: int, key: str) -> Any:
        pos = self._pos(ci, key)
        v: Any = row[pos] if pos < len(row) else None
        return v.item() if hasattr(v, "item") else v

    def column(self, ci: int, key: str) -> Sequence[Any]:
        values: list[Any] = self.frame.iloc[:, self._pos(ci, key)].tolist()
        return values

    def sort_order(self, ci: int, key: str, kind: str, ascending: bool) -> array[int]:
        col = self.frame.iloc[:, self._pos(ci, key)].to_numpy()
        if col.dtype == object:
            return super().sort_order(ci, key, kind, ascending)
        return ArraySource(col.reshape(-1, 1)).sort_order(0, key, kind, ascending)

    def set_cell(self, index: int, ci: int, key: str, value: Any) -> None:
        self.frame.iat[index, self._pos(ci, key)] = value


class CallableRows(RowSource):
    """Rows made on demand: ``fetch(start, count)`` returns that many rows (dicts or
    positional sequences); ``count`` is the number of rows (an int, or a callable asked
    each time the view is refreshed)."""

    def __init__(self, fetch: Callable[[int, int], Sequence[Any]], count: Any) -> None:
        if not callable(fetch):
            raise ConfigurationError("CallableRows: fetch must be callable")
        self.fetch = fetch
        self.count = count

    def __len__(self) -> int:
        n = self.count() if callable(self.count) else self.count
        return int(n)

    def take(self, indices: Sequence[int]) -> list[Any]:
        out: list[Any] = []
        i = 0
        idx = list(indices)
        while i < len(idx):  # contiguous runs become one fetch each
            j = i
            while j + 1 < len(idx) and idx[j + 1] == idx[j] + 1:
                j += 1
            rows = list(self.fetch(idx[i], j - i + 1))
            if len(rows) != j - i + 1:
                raise InvalidState(
                    f"CallableRows: fetch({idx[i]}, {j - i + 1}) returned {len(rows)} rows"
                )
            out.extend(rows)
            i = j + 1
        return out


def make_source(data: Any, where: str = "data") -> RowSource:
    """The right :class:`RowSource` for ``data`` (a source is returned as it is).

    Raises:
        ConfigurationError: ``data`` is not rows (naming ``where``).
    """
    if isinstance(data, RowSource):
        return data
    if data is None:
        return ListSource([])
    np = sys.modules.get("numpy")
    if np is not None and isinstance(data, np.ndarray):
        return ArraySource(data)
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(data, pd.DataFrame):
        return FrameSource(data)
    if callable(data):
        raise ConfigurationError(
            f"{where}: wrap a callable in CallableRows(fetch, count) so the row count is known"
        )
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise ConfigurationError(
            f"{where} must be a list of rows (dicts or lists), got {type(data).__name__}"
        )
    for probe in (0, len(data) - 1):  # the ends: a cheap check of the row shape
        if data and (
            isinstance(data[probe], (str, bytes))
            or not isinstance(data[probe], (Mapping, Sequence))
        ):
            raise ConfigurationError(
                f"{where}[{probe}] must be a dict or a list of cell values, "
                f"got {type(data[probe]).__name__}"
            )
    return ListSource(data)
