"""What differs between the pandas versions stratgraph supports (2.1 and later), in one place.

pandas 3 has a text dtype (``"str"``) and copy-on-write always on; pandas 2 keeps text in
``object`` columns, and a shallow copy there shares its values with the frame it was taken from.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from pandas.api.extensions import ExtensionArray

__all__ = ["PANDAS_3", "TEXT", "private_copy", "text_array"]

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
