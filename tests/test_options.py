"""One contract for options: a bad value raises OptionError naming the option and what is valid.

The table pins each message; the walk over the public API finds every option typed as a
``Literal`` and checks that a wrong string is refused, so a new option without a check fails here.
"""

import inspect
import typing

import matplotlib.pyplot as plt
import pytest

import stratgraph as sg
from stratgraph import _options

LEVELS = "a level of the map's schema: vision (visionen, politisk vision); policy ("
AGENDA = "; or 'agenda' for the elements' agenda tags"
LANG = "one of 'en', 'da'"
WHOLE = "a whole number of 0 or more"
FRACTION = "a number above 0 and at most 1"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _memo_style(_m, **options):
    with sg.memo_style(**options):
        pass


# (call on the example map, options, the option named, what the message says is valid)
TABLE = [
    (sg.goal_overload, {"per": "unit"}, "per", "one of 'element', 'owner'"),
    (sg.goal_overload, {"limit": -1}, "limit", WHOLE + ", or None (every count above 0)"),
    (sg.goal_overload, {"limit": 2.5}, "limit", WHOLE),
    (sg.cross_cutting, {"by": "afdeling"}, "by", LEVELS),
    (sg.cross_cutting, {"by": "afdeling"}, "by", AGENDA),
    (sg.cross_cutting, {"by": 3}, "by", LEVELS),
    (sg.cross_cutting, {"min_groups": -1}, "min_groups", WHOLE),
    (sg.cross_cutting_matrix, {"by": "afdeling"}, "by", LEVELS),
    (sg.near_duplicates, {"threshold": 1.5}, "threshold", FRACTION),
    (sg.near_duplicate_clusters, {"threshold": 0}, "threshold", FRACTION),
    (sg.summary, {"lang": "sv"}, "lang", LANG),
    (lambda m, **o: m.schema.level("effect_goal").label(**o), {"lang": "sv"}, "lang", LANG),
    (sg.plot_map, {"color_by": "status"}, "color_by", "one of 'level', 'owner', 'agenda'"),
    (sg.plot_map, {"lang": "sv"}, "lang", LANG),
    (lambda m, **o: sg.plot_chain(m, "G1", **o), {"lang": "sv"}, "lang", LANG),
    (sg.plot_overload, {"per": "unit"}, "per", "one of 'element', 'owner'"),
    (sg.plot_overload, {"limit": None}, "limit", WHOLE),
    (sg.plot_overload, {"top": 0}, "top", "a whole number of 1 or more, or None (every count)"),
    (sg.plot_overload, {"lang": "sv"}, "lang", LANG),
    (sg.plot_cross_cutting, {"by": "afdeling"}, "by", LEVELS),
    (sg.plot_cross_cutting, {"lang": "sv"}, "lang", LANG),
    (sg.plot_budget, {"levels": ["strategy"]}, "levels", "a list of two levels or more"),
    (sg.plot_budget, {"levels": ["strategy", "afdeling"]}, "levels", "schema: vision, policy,"),
    (sg.plot_budget, {"lang": "sv"}, "lang", LANG),
    (lambda m, **o: sg.plot_diff(m, m, **o), {"lang": "sv"}, "lang", LANG),
    (_memo_style, {"lang": "sv"}, "lang", LANG),
    (
        lambda _m, **o: sg.datasets.load(**o),
        {"name": "odsherred"},
        "name",
        "one of 'eksempel-2012', 'eksempel-2013'",
    ),
    (
        lambda _m, **o: sg.datasets.path("eksempel-2013", **o),
        {"format": "csv"},
        "format",
        "one of 'yaml', 'xlsx'",
    ),
    (lambda _m, **o: sg.datasets.synthetic(**o), {"n": -5}, "n", WHOLE),
]


@pytest.mark.parametrize(
    ("call", "options", "option", "valid"),
    TABLE,
    ids=[f"{getattr(row[0], '__name__', 'call')}-{next(iter(row[1]))}" for row in TABLE],
)
def test_a_bad_option_names_itself_and_what_is_valid(example, call, options, option, valid):
    value = options[option]
    with pytest.raises(sg.OptionError) as info:
        call(example, **options)
    message = str(info.value)
    assert message.startswith(f"{option}={value!r} is not valid; give ")
    assert valid in message
    assert isinstance(info.value, ValueError)  # code that caught ValueError still catches it


def test_a_report_in_an_unknown_language_is_refused_before_anything_is_written(example, tmp_path):
    with pytest.raises(sg.OptionError, match=r"^lang='sv' is not valid; give one of 'en', 'da'$"):
        sg.write_report(example, tmp_path / "rapport", lang="sv")
    assert not (tmp_path / "rapport").exists()


def test_the_default_grouping_is_refused_when_the_goal_level_is_the_top():
    m = sg.StrategyMap(
        [{"id": "G1", "type": "goal", "title": "Færre ledige"}],
        schema=sg.Schema(levels=["goal", "task"], goal_level="goal"),
    )
    with pytest.raises(sg.OptionError) as info:
        sg.cross_cutting(m)
    assert str(info.value) == (
        "by=None is not valid; give a level of the map's schema: goal; task; or 'agenda' for the "
        "elements' agenda tags (the goal level 'goal' is the top level, so there is no level "
        "above it to group by by default)"
    )


# -- every option typed as a Literal is checked ----------------------------------------------------

#: A value for each required argument that is not an option, by its name.
SUBJECTS = {
    "smap": "the map",
    "old": "the map",
    "new": "the map",
    "element_id": "G1",
    "out_dir": "a folder",
    "name": "eksempel-2013",
}

#: Public classes whose methods take options, and how to get one from the example map.
INSTANCES = {
    "StrategyMap": lambda m: m,
    "Level": lambda m: m.schema.level("effect_goal"),
    "Schema": lambda m: m.schema,
}

WRONG = "no-such-value"


def _literal_values(annotation):
    """Return the values of the ``Literal`` in an annotation written as text, or ``()``."""
    if not isinstance(annotation, str):
        return ()
    names = {**vars(_options), "Literal": typing.Literal}
    try:
        hint = eval(annotation, names)  # noqa: S307 - our own annotations, resolved as typing does
    except (NameError, TypeError):  # names the options module does not define: not an option
        return ()
    parts = typing.get_args(hint) if typing.get_origin(hint) is typing.Union else (hint,)
    found = [p for p in parts if typing.get_origin(p) is typing.Literal]
    return tuple(v for p in found for v in typing.get_args(p))


def _public_callables(example):
    for name in sg.__all__:
        obj = getattr(sg, name)
        if inspect.isclass(obj):
            if name in INSTANCES:
                instance = INSTANCES[name](example)
                for method, function in inspect.getmembers(type(instance), inspect.isfunction):
                    # pydantic's own methods (model_dump's mode=) check their options their way
                    if not method.startswith("_") and function.__module__.startswith("stratgraph"):
                        yield f"{name}.{method}", getattr(instance, method)
        elif callable(obj):
            yield name, obj
    for name in sg.datasets.__all__:
        yield f"datasets.{name}", getattr(sg.datasets, name)


def _options_typed_as_literal(example):
    for name, function in _public_callables(example):
        for parameter in inspect.signature(function).parameters.values():
            if _literal_values(parameter.annotation):
                yield name, function, parameter.name


def _call_with(function, option, value, example, tmp_path):
    args, kwargs = [], {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == option:
            given = value
        elif parameter.kind is parameter.VAR_KEYWORD or parameter.default is not parameter.empty:
            continue
        else:
            assert parameter.name in SUBJECTS, f"give test_options a {parameter.name!r}"
            given = {"the map": example, "a folder": tmp_path / "out"}.get(
                SUBJECTS[parameter.name], SUBJECTS[parameter.name]
            )
        if parameter.kind is parameter.POSITIONAL_ONLY:
            args.append(given)
        else:
            kwargs[parameter.name] = given
    result = function(*args, **kwargs)
    if hasattr(result, "__enter__"):  # memo_style checks when its block is entered
        with result:
            pass


def test_the_walk_finds_the_options(example):
    found = {(name, option) for name, _, option in _options_typed_as_literal(example)}
    assert {
        ("goal_overload", "per"),
        ("goal_overload", "by"),
        ("plot_overload", "per"),
        ("plot_map", "color_by"),
        ("plot_map", "lang"),
        ("memo_style", "lang"),
        ("summary", "lang"),
        ("write_report", "lang"),
        ("Level.label", "lang"),
        ("datasets.load", "name"),
        ("datasets.path", "format"),
    } <= found


#: Every (function, option) typed as a Literal, found once, on the bundled map.
FOUND = [
    (name, option)
    for name, _, option in _options_typed_as_literal(sg.datasets.load("eksempel-2013"))
]


@pytest.mark.filterwarnings("ignore::FutureWarning")  # by= of the overloads, renamed per=
@pytest.mark.parametrize(("name", "option"), FOUND, ids=[f"{n}-{o}" for n, o in FOUND])
def test_every_option_typed_as_a_literal_refuses_a_wrong_value(example, tmp_path, name, option):
    function = next(f for n, f, o in _options_typed_as_literal(example) if (n, o) == (name, option))
    with pytest.raises(sg.OptionError, match=rf"^{option}={WRONG!r} is not valid; give one of "):
        _call_with(function, option, WRONG, example, tmp_path)


def test_the_literal_types_are_the_valid_values():
    assert _options.choices(_options.Language) == ("en", "da")
    assert _literal_values("Language | None") == ("en", "da")
    assert _literal_values("Per") == ("element", "owner")
    assert _literal_values("str | None") == ()
    assert _literal_values("StrategyMap") == ()
    assert _literal_values("Literal['a', 'b']") == ("a", "b")
