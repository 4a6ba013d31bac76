"""What differs between the pandas versions stratgraph supports (2.1 and later), in one place.

pandas 3 has a text dtype (``"str"``) and copy-on-write always on; pandas 2 keeps text in
``object`` columns, and a shallow copy there shares its values with the frame it was taken from.
A sparse column is made from its non-zero cells alone in both, by different calls.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from pandas.api.extensions import ExtensionArray

__all__ = ["PANDAS_3", "TEXT", "private_copy", "sparse_counts", "text_array"]

#: Whether the installed pandas is 3 or later.
PANDAS_3 = not pd.__version__.startswith(("0.", "1.", "2."))

#: The dtype of text columns and indexes: pandas 3's ``"str"``, pandas 2's ``"object"`` (what
#: ``dtype=str`` gives there; its ``"string"`` dtype has other missing-value rules).
TEXT = "str" if PANDAS_3 else "object"


def private_copy(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` that its caller may change without changing ``frame``.

    With copy-on-write (pandas 3) a shallow copy is enough and costs nothing: the values are
    copied only when one side changes them. pandas 2 writes through a shallow copy into the
    frame it came from, so there the values are copied at once.
    """
    return frame.copy(deep=not PANDAS_3)


def text_array(values: Sequence[Any] | np.ndarray[Any, Any]) -> ExtensionArray:
    """Return ``values`` as a column of text in :data:`TEXT`, missing values kept missing.

    A missing value is NaN, as in pandas 3's ``"str"``. pandas 2 reads ``dtype="str"`` in
    :func:`pandas.array` as numpy's fixed-width text, which writes ``None`` as ``"None"``.
    """
    if PANDAS_3:
        return pd.array(values, dtype=TEXT)  # type: ignore[call-overload,no-any-return]
    cells = pd.array(values, dtype=object)  # type: ignore[arg-type] # a copy; stubs: pandas 3 only
    cells[pd.isna(cells)] = math.nan
    return cells


def sparse_counts(values: np.ndarray[Any, Any], rows: np.ndarray[Any, Any], length: int) -> Any:
    """Return a ``Sparse[int64, 0]`` column of ``length`` cells, ``values`` at ``rows``, else 0.

    ``rows`` are increasing. The column is made from these cells alone, never as a dense array
    first: pandas 3.1 has :meth:`~pandas.arrays.SparseArray.from_indices` for this, and earlier
    versions take the positions as a ``sparse_index``, which 3.1 deprecates.
    """
    make = getattr(pd.arrays.SparseArray, "from_indices", None)
    if make is not None:
        return make(values, indices=rows, length=length, fill_value=0, dtype="int64")
    from pandas._libs.sparse import IntIndex  # noqa: PLC0415 - pandas before 3.1 only

    # The stubs know pandas 3 only, where this call is deprecated.
    where = IntIndex(length, rows.astype("int32"))  # type: ignore[call-arg]
    return pd.arrays.SparseArray(  # type: ignore[call-overload]
        values, sparse_index=where, fill_value=0, dtype="int64"
    )
