"""The one way the analyses build their result: a plain DataFrame with fixed columns and dtypes.

Each column is given with its dtype, so an empty result has the columns and dtypes of a full one.
Values may be lists or numpy arrays; arrays are taken as they are, without a copy to a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from stratgraph._pandas import TEXT, text_array

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["frame"]


def frame(
    index: Sequence[str] | np.ndarray[Any, Any],
    columns: Mapping[str, tuple[Sequence[Any] | np.ndarray[Any, Any], str]],
    *,
    index_name: str = "id",
) -> pd.DataFrame:
    """Return a DataFrame indexed by ``index`` (text) with ``columns``: name → (values, dtype).

    ``dtype`` is a pandas dtype name: ``"str"``, ``"bool"``, ``"int64"``, ``"float64"`` or
    ``"object"`` (tuples are kept whole in an ``"object"`` column). Text (``"str"``) takes the
    installed pandas's text dtype, :data:`~stratgraph._pandas.TEXT`.
    """
    idx = pd.Index(_sequence(index), dtype=TEXT, name=index_name)
    # Whole arrays, not Series: nothing is aligned, so an index may repeat an id (one row per
    # link or chain step), and a small frame is built several times faster.
    data: dict[str, Any] = {}
    for name, (values, dtype) in columns.items():
        if dtype == "object":
            if isinstance(values, np.ndarray) and values.dtype == object:
                data[name] = values
                continue
            # Filled item by item so that a tuple stays one value: numpy would read a list of
            # equal-length tuples as a 2-D block.
            cells = np.empty(len(values), dtype=object)
            for i, value in enumerate(values):
                cells[i] = value
            data[name] = cells
        elif dtype == "str":
            data[name] = text_array(_sequence(values))
        else:
            data[name] = np.asarray(values, dtype=dtype)
    return pd.DataFrame(data, index=idx, copy=False)


def _sequence(values: Sequence[Any] | np.ndarray[Any, Any]) -> Any:
    return values if isinstance(values, np.ndarray) else list(values)
