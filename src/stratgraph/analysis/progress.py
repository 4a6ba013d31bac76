"""Effect steering: each indicator's progress towards its target, and the roll-up of it.

Progress is read from the measurements only; the roll-up carries it up the hierarchy one
generation at a time and adds what ``supports`` links contribute, as GRL's contribution links do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from stratgraph._options import check_map, check_number, invalid
from stratgraph._pandas import text_array
from stratgraph._util import gc_paused
from stratgraph.analysis._index import index_of, remembered, walk
from stratgraph.model import LinkKind
from stratgraph.period import Period

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from stratgraph.analysis._index import HierarchyIndex
    from stratgraph.model import Indicator
    from stratgraph.strategy_map import StrategyMap

__all__ = ["progress", "progress_rollup", "progress_tensions"]

_R = TypeVar("_R")
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.intp]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]

#: The ``note`` of an indicator whose target lies on the other side of its baseline from what
#: ``higher_is_better`` says; the target decides the direction.
AGAINST_DIRECTION = "target_against_direction"

#: The distinct times a trend needs.
_LINE = 2

#: Days in a year, for trends per year.
YEAR = 365.25

#: Periods are ordered by (end, start); one integer holds both: the end's day number times
#: this, plus the start's distance from the end (never a year and more) shifted to be positive.
_SCALE = 1024
_SHIFT = 512

PROGRESS_COLUMNS = (
    "element",
    "indicator",
    "unit",
    "weight",
    "baseline",
    "baseline_period",
    "target",
    "target_period",
    "period",
    "value",
    "measurements",
    "progress",
    "expected",
    "status",
    "trend",
    "projected",
    "reaches_target",
    "note",
)


def _key(period: Period) -> int:
    end = period.end.toordinal()
    return end * _SCALE + period.start.toordinal() - end + _SHIFT


def _check_options(
    at: Period | str | int | dt.date | None, at_risk: object, off_track: object
) -> tuple[Period | None, float, float]:
    risk = check_number("at_risk", at_risk, least=0)
    off = check_number("off_track", off_track, least=0)
    if off < risk:
        raise invalid("off_track", off_track, f"a number of at_risk ({risk:g}) or more")
    if at is None:
        return None, risk, off
    try:
        period = Period.parse(at)
    except (ValueError, TypeError) as err:
        valid = (
            "a period such as 2015, 2015Q2, 2015-05 or 2015-05-17, "
            "or None (the latest period measured)"
        )
        raise invalid("at", at, valid) from err
    return period, risk, off


@dataclass(frozen=True, slots=True)
class _Scores:
    """Each indicator row's numbers, kept for the roll-up beside the frame made of them."""

    frame: pd.DataFrame
    #: The map position of each row's element.
    owner: IntArray
    weight: FloatArray
    progress: FloatArray
    expected: FloatArray
    #: The trend in progress per year: trend / (target − baseline); NaN where it has none.
    pace: FloatArray
    scored: BoolArray


def _ratio(num: np.ndarray[Any, Any], den: np.ndarray[Any, Any]) -> FloatArray:
    """``num / den`` where ``den`` is not 0, NaN elsewhere."""
    out = np.full(np.shape(num), math.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


def _share(value: FloatArray, baseline: FloatArray, target: FloatArray) -> FloatArray:
    """Return (value − baseline) / (target − baseline), also where a difference would overflow.

    Values near 1e308 on both sides of 0 differ by more than a float holds: the three are first
    scaled by the same power of two (exact), which brings the largest below 1.
    """
    largest = np.fmax(np.fmax(np.abs(value), np.abs(baseline)), np.abs(target))
    _, power = np.frexp(np.where(np.isfinite(largest), largest, 1.0))
    scale = np.ldexp(1.0, -np.maximum(power, 0))
    return _ratio(value * scale - baseline * scale, target * scale - baseline * scale)


def latest_period(smap: StrategyMap) -> Period | None:
    """Return the latest period of any measurement in the map (None without measurements).

    Kept on the map's index: the audit's rules, the report and the figures all look from it.
    """

    def compute() -> Period | None:
        periods = set(map(attrgetter("period"), smap.measurements))
        return max(periods, key=_key) if periods else None

    return index_of(smap).remember("latest_period", compute)


@gc_paused()
def progress(
    smap: StrategyMap,
    /,
    *,
    at: Period | str | int | dt.date | None = None,
    at_risk: float = 0.10,
    off_track: float = 0.25,
) -> pd.DataFrame:
    """Return each indicator's latest value, its progress towards the target and its status.

    One row per indicator of every element, in map order and then indicator order; elements
    followed up in dialogue (``followup="dialogue"``) are left out. Only measurements whose
    period is at or before ``at`` count; the indicator's ``actual`` is not read.

    - ``value``, ``period``: the measurement of the greatest period at or before ``at``.
    - ``progress`` = (value − baseline) / (target − baseline), not clipped: below 0 the value
      moved the wrong way, above 1 it is beyond the target. A target equal to the baseline (hold
      the level) gives 1.0 if the value is at least as good as the target (``>=`` when
      ``higher_is_better``, ``<=`` otherwise), else 0.0. A target on the other side of the
      baseline from what ``higher_is_better`` says decides the direction itself (the formula),
      and ``note`` says the two disagree.
    - ``expected``: the share of the time from the end of the baseline period to the end of the
      target period that has passed at the end of the value's period, clipped to [0, 1]
      (counted in days); 1.0 when both periods end on the same day.
    - ``status``: ``no_data`` where ``progress`` or ``expected`` is missing; else, with
      gap = expected − progress, ``on_track`` if gap <= ``at_risk``, ``at_risk`` if
      gap <= ``off_track``, else ``off_track``.
    - ``trend``: the least-squares slope of the value against time (each measurement placed at
      its period's end), per year of 365.25 days, over the measurements at or before ``at``;
      missing with fewer than two distinct times. ``projected``: the line's value at the end of
      the target period. ``reaches_target``: whether ``projected`` is at or beyond the target in
      its direction (from the baseline to the target; ``higher_is_better``'s where the target
      equals the baseline or there is no baseline); ``None`` without a trend, target or
      target period.

    Parameters
    ----------
    smap
        The map.
    at
        The period to look from: a :class:`~stratgraph.Period` or anything
        :meth:`Period.parse <stratgraph.Period.parse>` reads (``2015``, ``"2015Q2"``,
        ``"2015-05"``, a date). ``None``: the latest period of any measurement in the map.
    at_risk, off_track
        The gaps (expected − progress) above which an indicator is at risk and off track;
        0 <= ``at_risk`` <= ``off_track``.

    Returns
    -------
    pandas.DataFrame
        One row per indicator (a plain range index), with columns

        - ``element`` (str), ``indicator`` (str), ``unit`` (str, NaN where none);
        - ``weight`` (float): the indicator's weight, 1.0 where none is given;
        - ``baseline`` (float), ``baseline_period`` (str), ``target`` (float),
          ``target_period`` (str): as the indicator gives them, periods as canonical text;
        - ``period`` (str), ``value`` (float): the latest measurement at or before ``at``;
        - ``measurements`` (int): the number of measurements at or before ``at``;
        - ``progress`` (float), ``expected`` (float), ``status`` (str): see above;
        - ``trend`` (float, per year), ``projected`` (float);
        - ``reaches_target`` (object): True, False or None;
        - ``note`` (str): ``"target_against_direction"`` where the target and
          ``higher_is_better`` disagree, else NaN.

    Raises
    ------
    OptionError
        If ``at`` is not a period, or the thresholds are not finite numbers with
        0 <= ``at_risk`` <= ``off_track``.

    See Also
    --------
    progress_rollup : the progress of every element, rolled up the hierarchy.

    Examples
    --------
    >>> ind = sg.Indicator(name="Ledighed", unit="%", baseline=8, target=4,
    ...                    higher_is_better=False, baseline_period=2012, target_period=2016)
    >>> m = sg.StrategyMap([sg.Element(id="G1", type="effect_goal", title="Flere i job",
    ...                                indicators=[ind])], [])
    >>> for year, value in [(2013, 7), (2014, 6)]:
    ...     _ = m.add_measurement(element="G1", indicator="Ledighed", period=year, value=value)
    >>> row = sg.progress(m).to_dict("records")[0]
    >>> row["period"], row["progress"], round(row["expected"], 3), row["status"]
    ('2014', 0.5, 0.5, 'on_track')
    >>> round(row["trend"], 2), round(row["projected"], 2), row["reaches_target"]
    (-1.0, 4.0, True)
    """
    check_map(smap)
    period, risk, off = _check_options(at, at_risk, off_track)
    return remembered(
        smap,
        ("progress", None if period is None else str(period), risk, off),
        lambda: _scores(smap, period, risk, off).frame,
    )


def _scores(smap: StrategyMap, at: Period | None, risk: float, off: float) -> _Scores:
    index = index_of(smap)
    key = ("progress_scores", None if at is None else str(at), risk, off)
    return index.remember(key, lambda: _guarded(_score, smap, index, at, risk, off))


def _score(
    smap: StrategyMap, index: HierarchyIndex, at: Period | None, risk: float, off: float
) -> _Scores:
    if at is None:
        at = latest_period(smap)
    dialogue = _dialogue(index)
    # The indicator rows, one pass over the elements.
    owner: list[int] = []
    indicators: list[Indicator] = []
    for i, (element, skip) in enumerate(zip(index.elements, dialogue.tolist(), strict=True)):
        if element.indicators and not skip:
            owner.extend([i] * len(element.indicators))
            indicators.extend(element.indicators)
    n = len(indicators)
    ids = index.id_array[np.array(owner, dtype=np.intp)]
    row_of = {
        (eid, ind.name): r
        for r, (eid, ind) in enumerate(zip(ids.tolist(), indicators, strict=True))
    }

    def periods(name: str) -> tuple[list[str | None], FloatArray]:
        given = list(map(attrgetter(name), indicators))
        text = [None if p is None else str(p) for p in given]
        ends = np.array(
            [math.nan if p is None else float(p.end.toordinal()) for p in given], dtype=np.float64
        )
        return text, ends

    def numbers(name: str, missing: float = math.nan) -> FloatArray:
        values = map(attrgetter(name), indicators)
        return np.fromiter((missing if v is None else v for v in values), dtype=np.float64, count=n)

    baseline, target, weight = numbers("baseline"), numbers("target"), numbers("weight", 1.0)
    better = np.fromiter(map(attrgetter("higher_is_better"), indicators), dtype=np.bool_, count=n)
    base_text, base_end = periods("baseline_period")
    target_text, target_end = periods("target_period")

    # The measurements that count: of an indicator scored here, at or before ``at``.
    # One pass over the measurements (each is visited once: a big map's objects are far
    # apart in memory). The map keeps each under its indicator's own name: no folding needed.
    unique: dict[Period, int] = {}
    codes: list[int] = []
    found: list[int] = []
    measured_values: list[float] = []
    period_code, row_get = unique.setdefault, row_of.get
    for m in smap.measurements:
        codes.append(period_code(m.period, len(unique)))
        found.append(row_get((m.element, m.indicator), -1))
        measured_values.append(m.value)
    keys = np.array([_key(p) for p in unique], dtype=np.int64)
    ends = np.array([p.end.toordinal() for p in unique], dtype=np.int64)
    names = np.array([str(p) for p in unique], dtype=object)
    rows = np.array(found, dtype=np.intp)
    code = np.array(codes, dtype=np.intp)
    values = np.array(measured_values, dtype=np.float64)
    keep = rows >= 0
    if at is not None:
        keep &= keys[code] <= _key(at)
    rows, code, values = rows[keep], code[keep], values[keep]
    # Ordered by indicator, then period: one sort key (the periods' rank among the few distinct
    # periods), sorted stably, which is near linear on a table already grouped by indicator.
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.argsort(keys, kind="stable")] = np.arange(len(keys), dtype=np.int64)
    order = np.argsort(rows.astype(np.int64) * max(len(keys), 1) + rank[code], kind="stable")
    rows, code, values = rows[order], code[order], values[order]
    # One measurement of an indicator in a period counts once (the map keeps them equal).
    first = np.ones(len(rows), dtype=np.bool_)
    first[1:] = (rows[1:] != rows[:-1]) | (code[1:] != code[:-1])
    rows, code, values = rows[first], code[first], values[first]
    count = np.bincount(rows, minlength=n)
    last = np.flatnonzero(np.append(rows[1:] != rows[:-1], True)) if len(rows) else rows
    value = np.full(n, math.nan)
    value_end = np.full(n, math.nan)
    period_text = np.full(n, None, dtype=object)
    value[rows[last]] = values[last]
    value_end[rows[last]] = ends[code[last]]
    period_text[rows[last]] = names[code[last]]

    # The trend: least squares over each row's measurements, times in days from the row's first.
    t_end = ends[code]
    start = np.zeros(n, dtype=np.int64)
    firsts = np.flatnonzero(np.insert(rows[1:] != rows[:-1], 0, True)) if len(rows) else rows
    start[rows[firsts]] = t_end[firsts]
    t = (t_end - start[rows]).astype(np.float64)
    distinct = np.ones(len(rows), dtype=np.bool_)
    distinct[1:] = (rows[1:] != rows[:-1]) | (t_end[1:] != t_end[:-1])
    times = np.bincount(rows[distinct], minlength=n)
    counted = np.maximum(count, 1)
    mean_t = np.bincount(rows, t, minlength=n) / counted
    mean_v = np.bincount(rows, values, minlength=n) / counted
    dt, dv = t - mean_t[rows], values - mean_v[rows]
    sxy = np.bincount(rows, dt * dv, minlength=n)
    sxx = np.bincount(rows, dt * dt, minlength=n)
    slope = np.where(times >= _LINE, _ratio(sxy, sxx), math.nan)  # per day
    trend = slope * YEAR
    projected = mean_v + slope * (target_end - start - mean_t)
    # A value so large that its sums overflow gives no trend or projection (missing, not inf).
    trend[~np.isfinite(trend)] = math.nan
    projected[~np.isfinite(projected)] = math.nan

    # Progress, expected, status.
    span = target - baseline
    hold = np.where(better, value >= target, value <= target).astype(np.float64)
    score = np.where(span != 0, _share(value, baseline, target), hold)
    score[np.isnan(value) | np.isnan(baseline) | np.isnan(target) | ~np.isfinite(score)] = math.nan
    window = target_end - base_end
    passed = np.clip(_ratio(value_end - base_end, window), 0.0, 1.0)
    expected = np.where(window == 0, 1.0, passed)
    expected[np.isnan(value_end) | np.isnan(window)] = math.nan
    scored = ~(np.isnan(score) | np.isnan(expected))
    status = _status(score, expected, risk, off)
    way = np.where(better, 1.0, -1.0)
    way = np.where(np.isnan(span) | (span == 0), way, np.sign(span))
    reaches = np.full(n, None, dtype=object)
    known = ~(np.isnan(projected) | np.isnan(target))
    reaches[known] = ((projected[known] - target[known]) * way[known] >= 0).tolist()
    against = ((span > 0) & ~better) | ((span < 0) & better)
    note = np.full(n, None, dtype=object)
    note[against] = AGAINST_DIRECTION

    frame = pd.DataFrame(
        {
            "element": text_array(ids),
            "indicator": text_array([ind.name for ind in indicators]),
            "unit": text_array([ind.unit for ind in indicators]),
            "weight": weight,
            "baseline": baseline,
            "baseline_period": text_array(base_text),
            "target": target,
            "target_period": text_array(target_text),
            "period": text_array(period_text),
            "value": value,
            "measurements": count.astype(np.int64),
            "progress": score,
            "expected": expected,
            "status": text_array(status),
            "trend": trend,
            "projected": projected,
            "reaches_target": reaches,
            "note": text_array(note),
        },
        copy=False,
    )
    pace = np.where(scored, _ratio(trend, np.where(np.isnan(span), 0.0, span)), math.nan)
    return _Scores(
        frame=frame,
        owner=np.array(owner, dtype=np.intp),
        weight=weight,
        progress=score,
        expected=expected,
        pace=pace,
        scored=scored,
    )


def _dialogue(index: HierarchyIndex) -> BoolArray:
    """Whether each element is followed up in dialogue rather than measured."""
    return index.remember(
        "dialogue",
        lambda: np.fromiter(
            (e.followup == "dialogue" for e in index.elements), dtype=np.bool_, count=len(index)
        ),
    )


def _weights(links: list[Any]) -> FloatArray:
    # numpy reads None as NaN in a float array: one conversion, then NaN (none given) → 1
    weights = np.array(list(map(attrgetter("weight"), links)), dtype=np.float64)
    weights[np.isnan(weights)] = 1.0
    return weights


def _supports(index: HierarchyIndex) -> tuple[IntArray, IntArray, FloatArray]:
    """Return the ``supports`` links as (source, target, weight) arrays, in link order."""

    def compute() -> tuple[IntArray, IntArray, FloatArray]:
        chosen, sources, targets = index.links_of(LinkKind.SUPPORTS)
        return sources, targets, _weights(chosen)

    return index.remember("supports_links", compute)


class _Means:
    """Weighted means of (progress, expected) and of pace, gathered for each element."""

    def __init__(self, n: int) -> None:
        self.w = np.zeros(n)
        self.pe = np.zeros((2, n))
        self.wt = np.zeros(n)
        self.t = np.zeros(n)

    def add(self, rows: IntArray, w: FloatArray, pe: FloatArray, t: FloatArray) -> None:
        """Add values ``pe`` (2 × k, present) and ``t`` (NaN where missing) with weights ``w``."""
        np.add.at(self.w, rows, w)
        np.add.at(self.pe[0], rows, w * pe[0])
        np.add.at(self.pe[1], rows, w * pe[1])
        timed = ~np.isnan(t)
        np.add.at(self.wt, rows[timed], w[timed])
        np.add.at(self.t, rows[timed], w[timed] * t[timed])

    def mean(self, rows: IntArray | slice) -> tuple[FloatArray, FloatArray]:
        """Return the (progress, expected) and pace means at ``rows`` (NaN: weights add to 0)."""
        return _ratio(self.pe[:, rows], self.w[rows]), _ratio(self.t[rows], self.wt[rows])


@dataclass(frozen=True, slots=True)
class _Rolled:
    #: (progress, expected) × elements, and the trend in progress per year.
    pe: FloatArray
    trend: FloatArray
    indicators: IntArray
    scored: IntArray
    excluded: IntArray
    supports: FloatArray
    status: np.ndarray[Any, np.dtype[np.object_]]


def _flow_up(
    index: HierarchyIndex,
    *,
    base_pe: FloatArray,
    base_t: FloatArray,
    collects: BoolArray,
    link_w: FloatArray,
    extra: _Means | None,
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Carry the weighted means up the hierarchy; return each element's final (pe, trend).

    An element that ``collects`` takes the weighted mean of its children's final values as its
    base; the others keep ``base_pe``/``base_t`` (NaN for none). The final value is the base
    with weight 1 and ``extra``'s sums (what supports links add), or the base alone. Also
    returns whether each element has a base.
    """
    n = len(index)
    gathered = _Means(n)
    pe, tr = base_pe.copy(), base_t.copy()
    based = np.zeros(n, dtype=np.bool_)

    def finish(rows: IntArray) -> None:
        own_pe, own_t = gathered.mean(rows)
        collecting = collects[rows]
        bpe = np.where(collecting, own_pe, base_pe[:, rows])
        bt = np.where(collecting, own_t, base_t[rows])
        present = ~np.isnan(bpe[0])
        based[rows] = present
        if extra is not None:
            w = present + extra.w[rows]
            bpe = _ratio(np.where(present, bpe, 0.0) + extra.pe[:, rows], w)
            timed = ~np.isnan(bt)
            wt = timed + extra.wt[rows]
            bt = _ratio(np.where(timed, bt, 0.0) + extra.t[rows], wt)
        pe[:, rows], tr[rows] = bpe, bt

    for links, vectorised in walk(index.up):
        if vectorised:
            cs = index.child[links]
            finish(cs)
            use = collects[index.parent[links]] & ~np.isnan(pe[0, cs])
            cs = cs[use]
            gathered.add(index.parent[links][use], link_w[links][use], pe[:, cs], tr[cs])
            continue
        for link in links.tolist():
            c = index.child[link : link + 1]
            finish(c)
            p = index.parent[link : link + 1]
            if collects[p[0]] and not math.isnan(pe[0, c[0]]):
                gathered.add(p, link_w[link : link + 1], pe[:, c], tr[c])
    finish(np.flatnonzero(index.n_parents == 0))  # every other element was finished as a child
    return pe, tr, based


def _rollup(smap: StrategyMap, at: Period | None, risk: float, off: float) -> _Rolled:
    index = index_of(smap)
    key = ("progress_rolled", None if at is None else str(at), risk, off)
    scores = _scores(smap, at, risk, off)
    return index.remember(key, lambda: _guarded(_roll, index, scores, risk, off))


def _guarded(compute: Callable[..., _R], *args: Any) -> _R:
    """Run ``compute`` with numbers beyond float's range giving inf or NaN quietly.

    Values near 1e308 overflow in the sums of a trend or a mean; such a result is no number to
    report, and the callers treat anything not finite as missing.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return compute(*args)


def _roll(index: HierarchyIndex, scores: _Scores, risk: float, off: float) -> _Rolled:
    n = len(index)
    dialogue = _dialogue(index)
    rows = scores.owner[scores.scored]
    own = _Means(n)
    own.add(
        rows,
        scores.weight[scores.scored],
        np.stack((scores.progress, scores.expected))[:, scores.scored],
        scores.pace[scores.scored],
    )
    base_pe, base_t = own.mean(slice(None))
    indicators = np.bincount(rows, minlength=n).astype(np.int64)
    has_own = indicators > 0
    collects = ~has_own & (index.rank < index.goal_rank) & ~dialogue
    link_w = index.remember("hierarchy_weights", lambda: _weights(index.hierarchy_links))
    chain_pe, chain_t, _ = _flow_up(
        index, base_pe=base_pe, base_t=base_t, collects=collects, link_w=link_w, extra=None
    )
    # What supports links add: each source's chain, with the link's weight.
    src, dst, sup_w = _supports(index)
    live = ~dialogue[src] & ~dialogue[dst]
    src, dst, sup_w = src[live], dst[live], sup_w[live]
    counts = ~np.isnan(chain_pe[0, src])
    extra = _Means(n)
    extra.add(dst[counts], sup_w[counts], chain_pe[:, src[counts]], chain_t[src[counts]])
    pe, trend, based = _flow_up(
        index, base_pe=base_pe, base_t=base_t, collects=collects, link_w=link_w, extra=extra
    )
    pe[:, dialogue] = math.nan
    trend[dialogue] = math.nan
    # Counts: the children a collecting element took the mean of, and every supports source.
    ps, cs = index.parent, index.child
    inputs = collects[ps] & ~dialogue[cs]
    present = ~np.isnan(pe[0, cs])
    scored = np.bincount(ps[inputs & present], minlength=n) + np.bincount(dst[counts], minlength=n)
    excluded = np.bincount(ps[inputs & ~present], minlength=n) + np.bincount(
        dst[~counts], minlength=n
    )
    # The share of the weight that came from supports links (the base weighs 1).
    share = _ratio(extra.w, based + extra.w)
    share[np.isnan(pe[0])] = math.nan
    status = _status(pe[0], pe[1], risk, off)
    status[dialogue] = "dialogue"
    return _Rolled(
        pe=pe,
        trend=trend,
        indicators=indicators,
        scored=scored.astype(np.int64),
        excluded=excluded.astype(np.int64),
        supports=share,
        status=status,
    )


def _status(
    p: FloatArray, e: FloatArray, risk: float, off: float
) -> np.ndarray[Any, np.dtype[np.object_]]:
    """Return the status of each (progress, expected) pair; ``no_data`` where either is NaN."""
    gap = e - p
    status = np.where(gap <= risk, "on_track", np.where(gap <= off, "at_risk", "off_track")).astype(
        object
    )
    status[np.isnan(gap)] = "no_data"
    return status


ROLLUP_COLUMNS = (
    "element",
    "type",
    "title",
    "followup",
    "progress",
    "expected",
    "status",
    "trend",
    "indicators",
    "scored",
    "excluded",
    "supports",
)


@gc_paused()
def progress_rollup(
    smap: StrategyMap,
    /,
    *,
    at: Period | str | int | dt.date | None = None,
    at_risk: float = 0.10,
    off_track: float = 0.25,
) -> pd.DataFrame:
    """Return every element's progress, rolled up from its indicators, children and supporters.

    The indicators are scored as :func:`progress` scores them (same ``at`` and thresholds); an
    indicator *scored* is one whose status is not ``no_data``. Every mean below is weighted; a
    weight of 0 counts as present but adds nothing, and a mean whose weights add up to 0 is
    missing. Elements without data are excluded and counted, never scored as zero.

    - own(e): the mean of e's scored indicators (indicator weights) of their progress, of their
      expected progress and of their trend in progress units, trend / (target − baseline) (the
      last over the indicators that have one).
    - chain(e): own(e) if e has a scored indicator; else nothing if e is at or below the goal
      level; else the mean of chain(c) over its hierarchy children c that have one, weighted by
      the link weights (a child with *k* parents counts fully for each).
    - rolled(e): the base, own(e) if e has a scored indicator, else (above the goal level) the
      mean of rolled(c) over the children that have one, with weight 1; and chain(s) of the
      source s of every ``supports`` link s → e that has one, with the link's weight (GRL's
      contribution links; chain(s), not rolled(s), keeps the roll-up free of cycles).
      ``status`` follows from the rolled progress and expected progress as in :func:`progress`.
    - An element followed up in dialogue (``followup="dialogue"``) has status ``"dialogue"``
      and no numbers; nothing passes through it, and it is counted neither as scored nor as
      excluded where it is a child or a supporter.

    Parameters
    ----------
    smap
        The map.
    at, at_risk, off_track
        As for :func:`progress`.

    Returns
    -------
    pandas.DataFrame
        One row per element, in map order (a plain range index), with columns

        - ``element`` (str), ``type`` (str), ``title`` (str);
        - ``followup`` (str): ``"dialogue"`` or ``"measured"`` (also where none is declared);
        - ``progress`` (float), ``expected`` (float): rolled as above, NaN without data;
        - ``status`` (str): ``on_track``, ``at_risk``, ``off_track``, ``no_data`` or
          ``dialogue``;
        - ``trend`` (float): the rolled trend in progress per year, NaN where none has one;
        - ``indicators`` (int): the element's own indicators scored;
        - ``scored`` (int): the children (where the base is their mean) and supports sources
          that counted;
        - ``excluded`` (int): the same, without data;
        - ``supports`` (float): the share of the weight that came from supports links, 0 to 1,
          NaN without data.

    Raises
    ------
    OptionError
        As for :func:`progress`.

    See Also
    --------
    progress : the indicators' rows the roll-up starts from.
    progress_tensions : tension links whose two sides move in opposite directions.

    Examples
    --------
    >>> job = sg.Indicator(name="Ledighed", baseline=8, target=4, higher_is_better=False,
    ...                    baseline_period=2012, target_period=2014)
    >>> m = sg.StrategyMap(
    ...     [sg.Element(id="S1", type="strategy", title="Vækst"),
    ...      sg.Element(id="G1", type="effect_goal", title="Flere i job", indicators=[job]),
    ...      sg.Element(id="G2", type="effect_goal", title="Trivsel", followup="dialogue")],
    ...     [sg.Link(source="S1", target="G1"), sg.Link(source="S1", target="G2")])
    >>> _ = m.add_measurement(element="G1", indicator="Ledighed", period="2013Q4", value=6)
    >>> r = sg.progress_rollup(m).set_index("element")
    >>> r.loc["S1", ["progress", "expected", "status", "scored", "excluded"]].to_dict()
    {'progress': 0.5, 'expected': 0.5, 'status': 'on_track', 'scored': 1, 'excluded': 0}
    >>> r.loc["G2", "status"]
    'dialogue'
    """
    check_map(smap)
    period, risk, off = _check_options(at, at_risk, off_track)
    return remembered(
        smap,
        ("progress_rollup", None if period is None else str(period), risk, off),
        lambda: _rollup_frame(smap, period, risk, off),
    )


def _rollup_frame(smap: StrategyMap, at: Period | None, risk: float, off: float) -> pd.DataFrame:
    index = index_of(smap)
    rolled = _rollup(smap, at, risk, off)
    rows = np.arange(len(index), dtype=np.intp)
    followup = np.where(_dialogue(index), "dialogue", "measured").astype(object)
    return pd.DataFrame(
        {
            "element": text_array(index.id_array),
            "type": text_array(index.types(rows)),
            "title": text_array(index.titles),
            "followup": text_array(followup),
            "progress": rolled.pe[0],
            "expected": rolled.pe[1],
            "status": text_array(rolled.status),
            "trend": rolled.trend,
            "indicators": rolled.indicators,
            "scored": rolled.scored,
            "excluded": rolled.excluded,
            "supports": rolled.supports,
        },
        copy=False,
    )


@gc_paused()
def progress_tensions(
    smap: StrategyMap, /, *, at: Period | str | int | dt.date | None = None
) -> pd.DataFrame:
    """Return the tension links whose two sides move in opposite directions.

    A tension link is listed when both its ends have a rolled trend (see
    :func:`progress_rollup`) and one is above 0 while the other is below: one side rises while
    the other falls, the dilemma the link names at work.

    Parameters
    ----------
    smap
        The map.
    at
        As for :func:`progress`.

    Returns
    -------
    pandas.DataFrame
        One row per such tension link, in link order (a plain range index), with columns
        ``source`` (str), ``target`` (str), ``source_trend`` (float), ``target_trend``
        (float): the rolled trends in progress per year, ``source_title`` (str) and
        ``target_title`` (str).

    Raises
    ------
    OptionError
        If ``at`` is not a period.

    Examples
    --------
    >>> up = sg.Indicator(name="Besparelse", baseline=0, target=10,
    ...                   baseline_period=2012, target_period=2016)
    >>> down = sg.Indicator(name="Tilfredshed", baseline=80, target=90,
    ...                     baseline_period=2012, target_period=2016)
    >>> m = sg.StrategyMap(
    ...     [sg.Element(id="G1", type="effect_goal", title="Spare", indicators=[up]),
    ...      sg.Element(id="G2", type="effect_goal", title="Kvalitet", indicators=[down])],
    ...     [sg.Link(source="G1", target="G2", kind="tension")])
    >>> for year, saved, happy in [(2013, 2, 80), (2014, 5, 75)]:
    ...     _ = m.add_measurement(element="G1", indicator="Besparelse", period=year, value=saved)
    ...     _ = m.add_measurement(element="G2", indicator="Tilfredshed", period=year, value=happy)
    >>> sg.progress_tensions(m)[["source", "target"]].to_numpy().tolist()
    [['G1', 'G2']]
    """
    check_map(smap)
    period, _, _ = _check_options(at, 0.10, 0.25)
    return remembered(
        smap,
        ("progress_tensions", None if period is None else str(period)),
        lambda: _tensions(smap, period),
    )


def _tensions(smap: StrategyMap, at: Period | None) -> pd.DataFrame:
    index = index_of(smap)
    trend = _rollup(smap, at, 0.10, 0.25).trend
    _, src, dst = index.links_of(LinkKind.TENSION)
    a, b = trend[src], trend[dst]
    apart = ((a > 0) & (b < 0)) | ((a < 0) & (b > 0))
    src, dst = src[apart], dst[apart]
    return pd.DataFrame(
        {
            "source": text_array(index.id_array[src]),
            "target": text_array(index.id_array[dst]),
            "source_trend": a[apart],
            "target_trend": b[apart],
            "source_title": text_array(index.titles_at(src)),
            "target_title": text_array(index.titles_at(dst)),
        },
        copy=False,
    )
