"""A frame returned to the user is the user's: changing it never reaches what the map keeps.

The analyses keep their results per state of the map (``stratgraph.analysis._index.remembered``),
the audit and the report reuse them. Each test changes a returned frame the way a user would, asks
again, and compares with the same analysis of an equal map read afresh.
"""

import math

import numpy as np
import openpyxl
import pandas as pd
import pytest

import stratgraph as sg
import stratgraph.analysis
from stratgraph import report

MAP = "eksempel-2013"


def _load() -> sg.StrategyMap:
    return sg.datasets.load(MAP)


def _old() -> sg.StrategyMap:
    return sg.datasets.load("eksempel-2012")


# Every public analysis that returns a DataFrame, with arguments that give it rows on the map,
# and the variants whose results are kept under a key of their own.
CALLS = {
    "budget_rollup": sg.budget_rollup,
    "budget_rollup_unsplit": lambda m: sg.budget_rollup(m, split=False),
    "cross_cutting": sg.cross_cutting,
    "cross_cutting_by_agenda": lambda m: sg.cross_cutting(m, by="agenda", min_groups=1),
    "cross_cutting_matrix": sg.cross_cutting_matrix,
    "diff": lambda m: sg.diff(_old(), m),
    "goal_overload": sg.goal_overload,
    "goal_overload_by_owner": lambda m: sg.goal_overload(m, per="owner", limit=None),
    "indicator_coverage": sg.indicator_coverage,
    "level_skips": sg.level_skips,
    "line_of_sight": lambda m: sg.line_of_sight(m, "G1"),
    "near_duplicates": sg.near_duplicates,
    "near_duplicate_clusters": sg.near_duplicate_clusters,
    "orphaned_goals": sg.orphaned_goals,
    "orphans": sg.orphans,
    "summary": sg.summary,
    "tensions": sg.tensions,
    "progress": sg.progress,
    "progress_rollup": sg.progress_rollup,
    "progress_tensions": sg.progress_tensions,
}
# Public analyses that return no DataFrame of the map: a dataclass of numbers.
NOT_FRAMES = {"DiffSummary", "diff_summary"}


def _changed(value: object) -> object:
    """Return a value of the same kind as ``value`` that differs from it."""
    if isinstance(value, bool | np.bool_):
        return not value
    if isinstance(value, int | np.integer):
        return value + 1
    if isinstance(value, float | np.floating):
        return 1.0 if math.isnan(value) else value + 0.5
    if isinstance(value, tuple):
        return (*value, "changed")
    if isinstance(value, str):
        return value + " changed"
    return "changed"  # a missing text


def _change_cells(frame: pd.DataFrame) -> None:
    for j in range(frame.shape[1]):
        changed = _changed(frame.iat[0, j])  # noqa: PD009 - a tuple is one value
        dtype = frame.dtypes.iloc[j]
        text = isinstance(dtype, pd.StringDtype)
        if text and not isinstance(changed, str):
            changed = "changed"  # a missing text in a column of text
        frame.iat[0, j] = changed  # noqa: PD009


def _change_columns(frame: pd.DataFrame) -> None:
    # In place through .iloc (pandas 2 writes into the existing values), then whole columns.
    for j in range(frame.shape[1]):
        column = frame.iloc[:, j]
        if column.dtype == object:
            values = np.empty(len(column), dtype=object)
            values[:] = [_changed(v) for v in column]
            frame.iloc[:, j] = values
        else:
            frame.iloc[:, j] = column.map(_changed).astype(column.dtype).array
    first = frame.columns[0]
    frame[first] = frame[first].iloc[::-1].to_numpy()
    frame["added"] = 1
    del frame[frame.columns[-2]]


def _change_index(frame: pd.DataFrame) -> None:
    frame.index.name = "changed"
    frame.columns.name = "changed"
    frame.index = [f"{label} changed" for label in frame.index[::-1]]
    frame.columns = [f"{label} changed" for label in frame.columns]


def _change_tuples(frame: pd.DataFrame) -> None:
    for j in range(frame.shape[1]):
        for i in range(frame.shape[0]):
            if isinstance(frame.iat[i, j], tuple):  # noqa: PD009 - as above
                frame.iat[i, j] = _changed(frame.iat[i, j])  # noqa: PD009


CHANGES = {
    "cell": _change_cells,
    "column": _change_columns,
    "index": _change_index,
    "tuple": _change_tuples,
}
# The analyses with a column of tuples.
WITH_TUPLES = {"cross_cutting", "cross_cutting_by_agenda", "level_skips", "tensions"}
CASES = [
    (name, change)
    for name in CALLS
    for change in CHANGES
    if change != "tuple" or name in WITH_TUPLES
]


def _differs(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(a, b)
    except AssertionError:
        return True
    return False


def test_every_public_analysis_is_checked():
    public = set(stratgraph.analysis.__all__) - NOT_FRAMES
    assert public <= set(sg.__all__)
    assert public <= set(CALLS)


@pytest.mark.parametrize("name", sorted(WITH_TUPLES))
def test_the_tuple_analyses_have_tuples_to_change(name):
    frame = CALLS[name](_load())
    assert any(isinstance(v, tuple) for v in frame.to_numpy().ravel())


@pytest.mark.parametrize(("name", "change"), CASES)
def test_changing_a_result_leaves_the_next_result_as_computed_afresh(name, change):
    call = CALLS[name]
    smap = _load()
    expected = call(_load())
    for _ in range(2):  # the first result is computed, the second comes from what was kept
        result = call(smap)
        pd.testing.assert_frame_equal(result, expected)
        CHANGES[change](result)
        assert _differs(result, expected)  # the change happened
    pd.testing.assert_frame_equal(call(smap), expected)


def _change_every_result(smap: sg.StrategyMap) -> None:
    for call in CALLS.values():
        for change in CHANGES.values():
            change(call(smap))


def test_changing_every_result_reaches_no_other_analysis():
    smap, fresh = _load(), _load()
    _change_every_result(smap)
    for name, call in CALLS.items():
        pd.testing.assert_frame_equal(call(smap), call(fresh), obj=name)


@pytest.mark.parametrize("change", ["cell", "column", "index"])
def test_changing_the_findings_leaves_the_next_audit_as_computed_afresh(change):
    smap = _load()
    expected = sg.audit(_load()).findings
    first = sg.audit(smap)
    CHANGES[change](first.findings)
    assert _differs(first.findings, expected)
    pd.testing.assert_frame_equal(sg.audit(smap).findings, expected)


def test_the_audit_of_changed_results_is_the_audit_of_the_map():
    smap = _load()
    _change_every_result(smap)
    pd.testing.assert_frame_equal(sg.audit(smap).findings, sg.audit(_load()).findings)


def test_the_report_reuses_the_kept_results_unchanged_and_changes_none(tmp_path):
    smap, fresh = _load(), _load()
    _change_every_result(smap)
    written = sg.write_report(smap, tmp_path)
    findings = sg.audit(fresh).findings
    figures = sg.summary(fresh)
    book = openpyxl.load_workbook(written.findings, read_only=True)
    rows = {ws.title: list(ws.iter_rows(min_row=2, values_only=True)) for ws in book.worksheets}
    book.close()
    titles = {rule.code: rule.title for rule in sg.audit(fresh).rules}
    assert rows["findings"] == [
        (r.code, titles[r.code], *r[1:]) for r in findings.itertuples(index=False)
    ]
    labels = list(zip(figures.index, figures["label"], strict=True))
    assert [r[:2] for r in rows["summary"]] == labels
    html = written.html.read_text(encoding="utf-8")
    rolled = sg.budget_rollup(fresh)
    anchors = rolled[rolled["type"].isin(("vision", "policy", "strategy", "effect_goal"))]
    say = report.Say("en", report._groups(fresh, "en"))  # as the report words its tables
    assert report.html_table(sg.goal_overload(fresh), fresh, say) in html
    assert report.html_table(sg.cross_cutting(fresh), fresh, say, limit=50) in html
    assert report.html_table(anchors, fresh, say, limit=60) in html
    # Nor does writing the report change what the next analysis returns.
    for name, call in CALLS.items():
        pd.testing.assert_frame_equal(call(smap), call(fresh), obj=name)
