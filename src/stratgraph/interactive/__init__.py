"""The interactive map: the layered layout in a browser, with search, filters and lines of sight.

:func:`explore` returns an :class:`InteractiveMap`, shown by Jupyter and saved as one HTML file.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._atomic import OVERWRITE_HINT, atomic_write_bytes, check_folder
from stratgraph._language import CATALOGUE, currency_text, number, quoted, text
from stratgraph._options import (
    ExploreColorBy,
    Language,
    check_bool,
    check_choice,
    check_map,
    choices,
)
from stratgraph._util import package_version
from stratgraph.audit import audit
from stratgraph.exceptions import StratgraphError, StratgraphWarning, WriteError
from stratgraph.model import LinkKind
from stratgraph.plotting.layout import layout_map

if TYPE_CHECKING:
    from collections.abc import Mapping

    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["InteractiveMap", "explore"]

#: Marks a page as an interactive map written by stratgraph: ``save`` replaces only such files.
SIGNATURE = '<meta name="generator" content="stratgraph explore">'
_HEAD_START = f'<head><meta charset="utf-8">{SIGNATURE}'
#: How every page :meth:`InteractiveMap.save` writes begins, whatever its language.
_OUR_START = re.compile(
    rb'<!DOCTYPE html>\n<html lang="[a-z]{2}">' + re.escape(_HEAD_START.encode())
)
_VENDOR = ("panzoom.min.js", "panzoom.LICENSE.txt")
_FINDING_ORDER = {"error": 0, "warning": 1, "info": 2}

#: The page's words: the catalogue's ``explore.*`` texts (``{n}`` is filled in by the script).
_WORD_KEYS = (
    "title",
    "search",
    "no_match",
    "matches",
    "level",
    "owner",
    "agenda",
    "status",
    "finding",
    "color_by",
    "all",
    "none",
    "any_finding",
    "no_finding",
    "budget",
    "indicators",
    "findings",
    "chain",
    "chain_hint",
    "shown",
    "reset",
    "shown_list",
    "more_shown",
    "overview",
    "empty",
    "noscript",
    "sev_error",
    "sev_warning",
    "sev_info",
)


class InteractiveMap:
    """An interactive map of a strategy map, as :func:`explore` returns it.

    Jupyter shows it (``_repr_html_``); :meth:`save` writes it as one self-contained HTML file
    and :attr:`html` is that file's text.

    Attributes
    ----------
    payload
        The data the page draws: ``nodes`` (id, title, level, owner, agenda, status, budget,
        indicators, findings, ``x``/``y`` of :func:`layered_layout`), ``edges`` (parent and child
        positions in ``nodes`` and the route's points), ``levels`` and the page's words.

    Examples
    --------
    >>> view = sg.explore(sg.datasets.load("eksempel-2013"))
    >>> node = view.payload["nodes"][0]
    >>> node["id"], node["level"], len(view.payload["edges"])
    ('V1', 0, 144)
    >>> view.html.startswith("<!DOCTYPE html>")
    True
    """

    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload

    @property
    def html(self) -> str:
        """The page: one HTML document with its script, style and data inlined."""
        return _page(self.payload)

    def _repr_html_(self) -> str:
        # Jupyter sanitises nothing inside an iframe's srcdoc and keeps the page's script and
        # style apart from the notebook's own.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'style="width:100%;height:640px;border:1px solid #ccc" '
            f'title="{html.escape(self.payload["words"]["title"])}"></iframe>'
        )

    def save(self, path: StrPath, /, *, overwrite: bool = False) -> Path:
        """Write the map as one HTML file that opens in any browser without a network.

        The file is replaced whole or not at all (see :mod:`stratgraph._atomic`).

        Parameters
        ----------
        path
            Where to write, e.g. ``map.html``.
        overwrite
            Replace a file at ``path`` that is not an interactive map stratgraph wrote.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        FileExistsError
            If ``path`` holds a file stratgraph did not write as an interactive map and
            ``overwrite`` is false.
        FileNotFoundError
            If the folder of ``path`` does not exist.
        WriteError
            If ``path`` is empty or a folder, or the file cannot be written (no permission, the
            disk is full).

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     written = sg.explore(sg.datasets.load("eksempel-2013")).save(Path(folder, "k.html"))
        ...     print(written.name, written.stat().st_size > 10_000)
        k.html True
        """
        overwrite = check_bool("overwrite", overwrite)
        if not str(path):
            msg = (
                "cannot write the interactive map: the path is empty; give a file name, "
                "e.g. 'map.html'"
            )
            raise WriteError(msg)
        target = Path(path)
        if target.is_dir():
            msg = (
                f"cannot write the interactive map to '{target}': it is a folder; give a file "
                f"name in it, e.g. '{target / 'map.html'}'"
            )
            raise WriteError(msg)
        check_folder(target)
        if target.exists() and not overwrite and not _is_ours(target):
            msg = (
                f"not writing {target}: a file is there that is not an interactive map written "
                f"by stratgraph. Write to another name, or {OVERWRITE_HINT} to replace it"
            )
            raise FileExistsError(msg)
        atomic_write_bytes(target, self.html.encode("utf-8"))
        return target

    def __repr__(self) -> str:
        return (
            f"<InteractiveMap of {self.payload['name']!r}: {len(self.payload['nodes'])} elements>"
        )


def explore(
    smap: StrategyMap,
    /,
    *,
    color_by: ExploreColorBy = "level",
    lang: Language = "en",
    config: StrPath | Mapping[str, Any] | None = None,
) -> InteractiveMap:
    """Return the interactive map of ``smap``: pan, zoom, search, filters and lines of sight.

    The elements sit where :func:`layered_layout` puts them, the hierarchy links run along its
    routes. In the page: drag to pan and scroll to zoom; the search box finds elements by id or
    title (any case, Danish letters as written); hovering an element shows its title, owner,
    budget, indicators and the findings :func:`audit` gives on it; a click highlights its lines of
    sight (every element above and below it through hierarchy links) and lists them; the filters
    show only some levels, owners, agendas or elements with a finding; the boxes can be
    coloured by level, owner, agenda or status. The page needs no network: its JavaScript (our
    own and the Panzoom library, MIT licence, whose text the page carries) is inlined.

    Parameters
    ----------
    smap
        The map.
    color_by
        What the boxes are coloured by at first: ``"level"``, ``"owner"``, ``"agenda"`` (the
        first agenda of an element) or ``"status"``; the page can switch.
    lang
        ``"en"`` or ``"da"``: the language of the page's words and level names.
    config
        Audit settings for the findings shown: a TOML file or a mapping, as for :func:`audit`.

    Returns
    -------
    InteractiveMap
        Shown by Jupyter; ``.save(path)`` writes it as one HTML file.

    Raises
    ------
    OptionError
        If ``color_by`` or ``lang`` is not one of the values above.
    StratgraphError
        If the package was installed without its JavaScript library (a build without npm).

    Warns
    -----
    StratgraphWarning
        If the map has no elements; the page then says so.

    See Also
    --------
    plot_map : the same layout as a static figure.
    line_of_sight : the chains through one element as a table.

    Examples
    --------
    >>> view = sg.explore(sg.datasets.load("eksempel-2013"), lang="da", color_by="owner")
    >>> view
    <InteractiveMap of 'Eksempel Kommune 2013': 103 elements>
    >>> view.payload["nodes"][0]["id"], view.payload["color_by"]
    ('V1', 'owner')
    """
    check_map(smap)
    color_by = check_choice("color_by", color_by, choices(ExploreColorBy))
    lang = check_choice("lang", lang, choices(Language))
    if not len(smap):
        warnings.warn(
            f"the map {smap.name!r} has no elements, so the interactive map is empty",
            StratgraphWarning,
            stacklevel=2,
        )
    return InteractiveMap(_payload(smap, color_by=color_by, lang=lang, config=config))


def _payload(
    smap: StrategyMap,
    *,
    color_by: str,
    lang: Language,
    config: StrPath | Mapping[str, Any] | None,
) -> dict[str, Any]:
    ids = smap.ids
    position = {eid: i for i, eid in enumerate(ids)}
    findings: dict[str, list[list[str]]] = {}
    if len(smap):
        frame = audit(smap, config, lang=lang).findings
        for code, severity, element, message in zip(
            frame["code"], frame["severity"], frame["element"], frame["message"], strict=True
        ):
            if element in position:
                findings.setdefault(element, []).append([code, severity, message])
    for found in findings.values():
        found.sort(key=lambda f: _FINDING_ORDER.get(f[1], 3))
    layered = layout_map(smap)
    levels = smap.schema.levels
    rank = {level.name: r for r, level in enumerate(levels)}
    money = currency_text(smap.currency, lang)
    nodes = []
    for i, element in enumerate(smap):
        budget = None
        if element.budget is not None:
            decimals = 0 if float(element.budget).is_integer() else 2
            budget = f"{number(element.budget, lang, decimals)} {money}"
        nodes.append(
            {
                "id": element.id,
                "title": element.title,
                "level": rank[element.type],
                "owner": element.owner,
                "agenda": list(element.agenda),
                "status": element.status,
                "budget": budget,
                "indicators": [ind.name for ind in element.indicators],
                "findings": findings.get(element.id, []),
                "x": layered.x[i],
                "y": layered.y(layered.row[i]),
                "depth": layered.depth[i],
            }
        )
    n = layered.n
    edges = [
        [parent, child, [[layered.x[v], layered.y(layered.row[v])] for v in path[1:-1] if v >= n]]
        for parent, child, path in layered.routes
    ]
    # Links the layout leaves out (nesting within a row is routed too) still carry lines of sight.
    routed = {(parent, child) for parent, child, _ in layered.routes}
    hierarchy = [
        [position[link.source], position[link.target]]
        for link in smap.links
        if link.kind is LinkKind.HIERARCHY
    ]
    edges += [[p, c, []] for p, c in hierarchy if (p, c) not in routed]
    # The texts as they stand: the script fills in {n} and {total}.
    words = {key: getattr(CATALOGUE["explore." + key], lang) for key in _WORD_KEYS}
    words["empty"] = text("explore.empty", lang, name=quoted(smap.name, lang))
    return {
        "name": smap.name,
        "lang": lang,
        "color_by": color_by,
        "levels": [{"name": level.name, "label": level.label(lang)} for level in levels],
        "nodes": nodes,
        "edges": edges,
        "words": words,
        "version": package_version(),
    }


def _asset(name: str, *, vendor: bool = False) -> str:
    folder = resources.files("stratgraph") / ("_vendor" if vendor else "interactive")
    try:
        return (folder / name).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        msg = (
            f"the interactive map's JavaScript library ({name}) is missing from the installed "
            "package: it is fetched from npm when the package is built. Reinstall stratgraph "
            "from a wheel, or run `make` (or `python hatch_build.py`) in a checkout with Node.js"
        )
        raise StratgraphError(msg) from err


def _json_for_script(data: object) -> str:
    # Inside <script> only "</" can end the element early; escaping every "<" (and the line
    # separators JavaScript once rejected) keeps any title as data.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _page(payload: dict[str, Any]) -> str:
    library = _asset(_VENDOR[0], vendor=True)
    licence = _asset(_VENDOR[1], vendor=True).replace("*/", "* /")
    words = payload["words"]
    title = f"{words['title']}: {payload['name']}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{payload["lang"]}">{_HEAD_START}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        f"<style>{_asset('explore.css')}</style></head><body>"
        f"<noscript><p>{html.escape(words['noscript'])}</p></noscript>"
        '<div id="sg-app"></div>'
        f'<script type="application/json" id="sg-data">{_json_for_script(payload)}</script>'
        f"<script>/*\n{licence}*/\n{library}</script>"
        f"<script>{_asset('explore.js')}</script>"
        "</body></html>\n"
    )


def _is_ours(path: Path) -> bool:
    """Return whether ``path`` begins as :func:`_page` begins every page, the signature included.

    The signature anywhere else (quoted in a user's notes, say) does not make a file ours.
    """
    try:
        with path.open("rb") as file:
            head = file.read(256)
    except OSError:
        return False
    return _OUR_START.match(head) is not None
