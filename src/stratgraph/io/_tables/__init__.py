"""Tables of elements, links and indicators: what CSV, Excel and DataFrames have in common.

Each module does one job and imports only those listed before it: ``cells`` (a cell's value),
``headers`` (which column gives which field, and :class:`~.headers.Table`), ``rows`` (the exact
path, row by row), ``columns`` (the fast path, a column at a time), ``read`` (a map from tables)
and ``write`` (tables from a map).
"""
