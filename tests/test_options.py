"""One contract for options: a bad value raises OptionError naming the option and what is valid.

The table pins each message; the walk over the public API finds every option typed as a
``Literal`` and checks that a wrong string is refused, so a new option without a check fails here.
"""

import inspect
import types
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
    (sg.near_duplicates, {"search": "fast"}, "search", "one of 'auto', 'exact', 'words'"),
    (sg.near_duplicate_clusters, {"search": None}, "search", "one of 'auto', 'exact', 'words'"),
    (sg.summary, {"lang": "sv"}, "lang", LANG),
    (lambda m, **o: m.schema.level("effect_goal").label(**o), {"lang": "sv"}, "lang", LANG),
    (sg.plot_map, {"color_by": "heat"}, "color_by", "one of 'level', 'owner', 'agenda', 'status'"),
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


# -- every option typed as a Literal, a yes/no or a number is checked ------------------------------

#: A value for each required argument that is not an option, by its name.
SUBJECTS = {
    "smap": "the map",
    "old": "the map",
    "new": "the map",
    "element_id": "G1",
    "out_dir": "a folder",
    "name": "eksempel-2013",
    "path": "a file",
    "elements": "the elements",
    "n": 30,
    "atlas": "the atlas",
    "organisations": 3,
    "years": 2,
}

#: Public classes whose methods take options, and how to get one from the example map.
INSTANCES = {
    "StrategyMap": lambda m: m,
    "Level": lambda m: m.schema.level("effect_goal"),
    "Schema": lambda m: m.schema,
    "AuditReport": sg.audit,
    "InteractiveMap": sg.explore,
}

#: Classes whose constructor takes options (the others are records whose fields are data).
CONSTRUCTORS = {"StrategyMap"}

#: Numbers that are a map's data, not options: the model checks them (a ValidationError naming
#: the field, as for a value read from a file), so the walk leaves them out.
DATA = {("StrategyMap.add_link", "weight"), ("StrategyMap.add_measurement", "value")}

WRONG = "no-such-value"
UNIONS = (typing.Union, types.UnionType)

#: A wrong value of each kind of option, and what the message says is valid.
KINDS = {
    "choice": (WRONG, "one of "),
    "bool": ("no", "True or False"),
    "whole": (2.5, "a whole number of "),
    "number": ("5", "a number"),
}


def _hint(annotation):
    """Return ``annotation`` (written as text) resolved against the options module, or None."""
    if not isinstance(annotation, str):
        return None
    names = {**vars(_options), "Literal": typing.Literal}
    try:
        return eval(annotation, names)  # noqa: S307 - our own annotations, resolved as typing does
    except (NameError, TypeError):  # names the options module does not define: not an option
        return None


def _literal_values(annotation):
    """Return the values of the ``Literal`` in an annotation written as text, or ``()``."""
    hint = _hint(annotation)
    parts = typing.get_args(hint) if typing.get_origin(hint) in UNIONS else (hint,)
    found = [p for p in parts if typing.get_origin(p) is typing.Literal]
    return tuple(v for p in found for v in typing.get_args(p))


def _kind(annotation):
    """Return the kind of option an annotation types: choice, bool, whole, number, or None."""
    if _literal_values(annotation):
        return "choice"
    hint = _hint(annotation)
    parts = set(typing.get_args(hint)) if typing.get_origin(hint) in UNIONS else {hint}
    parts.discard(type(None))
    return {frozenset({bool}): "bool", frozenset({int}): "whole", frozenset({float}): "number"}.get(
        frozenset(parts)
    )


def _public_callables(example):
    for name in sg.__all__:
        obj = getattr(sg, name)
        if inspect.isclass(obj):
            if name in CONSTRUCTORS:
                yield name, obj
            if name in INSTANCES:
                instance = INSTANCES[name](example)
                for method, function in inspect.getmembers(type(instance), inspect.isfunction):
                    # pydantic's own methods (model_dump's mode=) check their options their way
                    if not method.startswith("_") and function.__module__.startswith("stratgraph"):
                        yield f"{name}.{method}", getattr(instance, method)
        elif callable(obj):
            yield name, obj
    for name in sg.io.__all__:
        yield f"io.{name}", getattr(sg.io, name)
    for name in sg.datasets.__all__:
        yield f"datasets.{name}", getattr(sg.datasets, name)


def _options_of(example):
    """Yield (function name, function, option, kind) for every checked option of the API."""
    for name, function in _public_callables(example):
        for parameter in inspect.signature(function).parameters.values():
            kind = _kind(parameter.annotation)
            if kind is not None and (name, parameter.name) not in DATA:
                yield name, function, parameter.name, kind


def _options_typed_as_literal(example):
    for name, function, option, kind in _options_of(example):
        if kind == "choice":
            yield name, function, option


def _call_with(function, option, value, example, tmp_path):
    args, kwargs = [], {}
    given_values = {
        "the map": example,
        "a folder": tmp_path / "out",
        "a file": tmp_path / "kort.csv",
        "the elements": example.elements_frame(),
        "the atlas": sg.datasets.load_atlas(sg.datasets.atlas_names()[0]),
    }
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == option:
            given = value
        elif parameter.kind is parameter.VAR_KEYWORD or parameter.default is not parameter.empty:
            continue
        else:
            assert parameter.name in SUBJECTS, f"give test_options a {parameter.name!r}"
            given = given_values.get(SUBJECTS[parameter.name], SUBJECTS[parameter.name])
        if parameter.kind is parameter.POSITIONAL_ONLY:
            args.append(given)
        else:
            kwargs[parameter.name] = given
    result = function(*args, **kwargs)
    if hasattr(result, "__enter__"):  # memo_style checks when its block is entered
        with result:
            pass


def test_the_walk_finds_the_options(example):
    found = {(name, option, kind) for name, _, option, kind in _options_of(example)}
    assert {
        ("goal_overload", "per", "choice"),
        ("goal_overload", "by", "choice"),
        ("goal_overload", "limit", "whole"),
        ("plot_overload", "per", "choice"),
        ("plot_map", "color_by", "choice"),
        ("plot_map", "lang", "choice"),
        ("plot_map", "wrap", "bool"),
        ("plot_chain", "wrap", "bool"),
        ("plot_diff", "wrap", "bool"),
        ("memo_style", "lang", "choice"),
        ("summary", "lang", "choice"),
        ("write_report", "lang", "choice"),
        ("write_report", "overwrite", "bool"),
        ("Level.label", "lang", "choice"),
        ("datasets.load", "name", "choice"),
        ("datasets.path", "format", "choice"),
        ("datasets.synthetic", "seed", "whole"),
        ("near_duplicates", "threshold", "number"),
        ("near_duplicates", "search", "choice"),
        ("near_duplicate_clusters", "search", "choice"),
        ("audit", "near_duplicate_threshold", "number"),
        ("audit", "overload_limit", "whole"),
        ("budget_rollup", "split", "bool"),
        ("read", "format", "choice"),
        ("read", "max_bytes", "whole"),
        ("read_csv", "sep", "choice"),
        ("io.write", "format", "choice"),
        ("StrategyMap", "year", "whole"),
        ("StrategyMap.to_csv", "overwrite", "bool"),
        ("StrategyMap.to_csv", "sep", "choice"),
        ("StrategyMap.to_excel", "overwrite", "bool"),
        ("StrategyMap.to_archimate", "overwrite", "bool"),
        ("StrategyMap.write", "format", "choice"),
        ("StrategyMap.focus", "up", "whole"),
        ("AuditReport.to_json", "indent", "whole"),
        ("InteractiveMap.save", "overwrite", "bool"),
        ("from_frames", "year", "whole"),
    } <= found


#: Every (function, option, kind) the walk finds, once, on the bundled map.
FOUND = [
    (name, option, kind) for name, _, option, kind in _options_of(sg.datasets.load("eksempel-2013"))
]


@pytest.mark.filterwarnings("ignore::FutureWarning")  # by= of the overloads, renamed per=
@pytest.mark.parametrize(("name", "option", "kind"), FOUND, ids=[f"{n}-{o}" for n, o, _ in FOUND])
def test_every_option_refuses_a_wrong_value(example, tmp_path, name, option, kind):
    example.to_csv(tmp_path / "kort.csv")
    function = next(f for n, f, o, _ in _options_of(example) if (n, o) == (name, option))
    value, valid = KINDS[kind]
    if option == "format" and not name.startswith("datasets"):
        # UnknownFormatError is an OptionError that keeps its own message (it also covers
        # extensions): it names the value and the valid formats
        with pytest.raises(sg.UnknownFormatError, match=rf"^unknown format {value!r}; valid "):
            _call_with(function, option, value, example, tmp_path)
    else:
        with pytest.raises(
            sg.OptionError, match=rf"^{option}={value!r} is not valid; give {valid}"
        ):
            _call_with(function, option, value, example, tmp_path)


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        ("bool", "bool"),
        ("int | None", "whole"),
        ("float", "number"),
        ("Language | None", "choice"),
        ("str", None),
        ("StrPath | None", None),
        ("int | str", None),
    ],
)
def test_the_walk_tells_the_kinds_apart(annotation, kind):
    assert _kind(annotation) == kind


def test_the_literal_types_are_the_valid_values():
    assert _options.choices(_options.Language) == ("en", "da")
    assert _literal_values("Language | None") == ("en", "da")
    assert _literal_values("Per") == ("element", "owner")
    assert _literal_values("str | None") == ()
    assert _literal_values("StrategyMap") == ()
    assert _literal_values("Literal['a', 'b']") == ("a", "b")
    assert _options.choices(_options.Severity) == ("error", "warning", "info")
