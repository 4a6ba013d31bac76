"""The languages: every text a reader sees, in English and Danish, and how numbers and dates read.

One typed catalogue rather than gettext catalogues (Babel): there are two languages, each entry is
a :class:`Text` that cannot be built without both, so a missing translation is a ``TypeError`` at
import, not an English sentence in a Danish memo; and there is no ``.po``/``.mo`` build step to
forget. The current language (set by :func:`~stratgraph.memo_style`) lives here too.
"""

from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, NamedTuple

from stratgraph._options import Language, check_choice, choices
from stratgraph.exceptions import StratgraphWarning

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Sequence

    from stratgraph.period import Period

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "Text",
    "article",
    "count_word",
    "currency_text",
    "current_lang",
    "date_text",
    "either",
    "location_text",
    "million_unit",
    "millions",
    "number",
    "period_text",
    "plural",
    "problem_text",
    "quoted",
    "resolve_lang",
    "share",
    "text",
    "using",
    "warn_unlabelled_levels",
    "yes_no",
]

#: The languages, English first (the default).
LANGUAGES: tuple[Language, ...] = choices(Language)

_LANG: ContextVar[Language | None] = ContextVar("stratgraph_lang", default=None)


class Text(NamedTuple):
    """One text in both languages; ``{name}`` fields are filled by :func:`text`."""

    en: str
    da: str


def current_lang() -> Language | None:
    """Return the language set by the innermost :func:`~stratgraph.memo_style`, or ``None``."""
    return _LANG.get()


def resolve_lang(lang: object) -> Language:
    """Return ``lang``, else the memo style's language, else ``"en"``; check it is known.

    Examples
    --------
    >>> from stratgraph._language import resolve_lang
    >>> resolve_lang(None), resolve_lang("da")
    ('en', 'da')
    """
    chosen = lang if lang is not None else (_LANG.get() or "en")
    return check_choice("lang", chosen, LANGUAGES)


@contextmanager
def using(lang: Language | None) -> Iterator[None]:
    """Make ``lang`` the default language inside the block (``None``: keep the enclosing one)."""
    token = _LANG.set(resolve_lang(lang)) if lang is not None else None
    try:
        yield
    finally:
        if token is not None:
            _LANG.reset(token)


def text(key: str, lang: Language, /, **fields: object) -> str:
    """Return the catalogue's text ``key`` in ``lang``, with ``fields`` filled in.

    Examples
    --------
    >>> from stratgraph._language import text
    >>> text("severity.error", "da"), text("figure.total", "en", amount="DKK 1.0m")
    ('fejl', 'Total: DKK 1.0m')
    """
    entry = CATALOGUE[key]
    return (entry.da if lang == "da" else entry.en).format(**fields)


# -- numbers and dates ---------------------------------------------------------------------------


def number(value: float, lang: Language, decimals: int = 0) -> str:
    """Return ``value`` with the language's marks: ``79.400.000`` and ``1.234,5`` in Danish.

    Examples
    --------
    >>> from stratgraph._language import number
    >>> number(79_400_000, "da"), number(79_400_000, "en"), number(1234.5, "da", 1)
    ('79.400.000', '79,400,000', '1.234,5')
    """
    written = f"{value:,.{decimals}f}"
    if lang == "da":
        written = written.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return written


def share(value: float, lang: Language) -> str:
    """Return a share from 0 to 1 as a whole percentage: ``89 %`` in Danish, ``89%`` in English.

    Examples
    --------
    >>> from stratgraph._language import share
    >>> share(0.886, "da"), share(0.886, "en")
    ('89 %', '89%')
    """
    if math.isnan(value):
        return ""
    return number(100 * value, lang) + (" %" if lang == "da" else "%")


def millions(value: float, currency: str, lang: Language, *, unit: bool = True) -> str:
    """Return an amount in millions with one decimal: ``79,4 mio. kr.`` or ``DKK 79.4m``.

    Examples
    --------
    >>> from stratgraph._language import millions
    >>> millions(79_400_000, "DKK", "da"), millions(79_400_000, "DKK", "en")
    ('79,4 mio. kr.', 'DKK 79.4m')
    >>> millions(1_234_500_000, "EUR", "da", unit=False)
    '1.234,5'
    """
    figure = number(value / 1e6, lang, 1)
    if not unit:
        return figure
    if lang == "da":
        return f"{figure} {million_unit(currency, lang)}"
    return f"{currency} {figure}m"


def million_unit(currency: str, lang: Language) -> str:
    """Return the unit of an amount in millions: ``mio. kr.`` or ``DKK m``."""
    if lang == "da":
        return "mio. kr." if currency == "DKK" else f"mio. {currency}"
    return f"{currency} m"


_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "da": [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def date_text(day: dt.date, lang: Language) -> str:
    """Return the date as a memo writes it: ``7. december 2026`` or ``7 December 2026``.

    Examples
    --------
    >>> import datetime as dt
    >>> from stratgraph._language import date_text
    >>> date_text(dt.date(2026, 12, 7), "da"), date_text(dt.date(2026, 12, 7), "en")
    ('7. december 2026', '7 December 2026')
    """
    month = _MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def period_text(period: Period, lang: Language) -> str:
    """Return a :class:`~stratgraph.Period` as prose writes it: ``2. kvartal 2015``, ``May 2015``.

    A year is its number; a day is written as :func:`date_text` writes it.

    Examples
    --------
    >>> from stratgraph._language import period_text
    >>> period_text(sg.Period.parse("2015Q2"), "da"), period_text(sg.Period.parse("2015Q2"), "en")
    ('2. kvartal 2015', 'Q2 2015')
    >>> period_text(sg.Period.parse("2015-05"), "da"), period_text(sg.Period.parse(2015), "en")
    ('maj 2015', '2015')
    """
    kind, start = period.kind, period.start
    if kind == "quarter":
        quarter = (start.month - 1) // 3 + 1
        return f"{quarter}. kvartal {start.year}" if lang == "da" else f"Q{quarter} {start.year}"
    if kind == "month":
        return f"{_MONTHS[lang][start.month - 1]} {start.year}"
    if kind == "day":
        return date_text(start, lang)
    return str(start.year)


_SMALL = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    "da": ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti"),
}


def count_word(n: int, lang: Language) -> str:
    """Return a count as prose writes it: in words up to ten, in figures above.

    Examples
    --------
    >>> from stratgraph._language import count_word
    >>> count_word(2, "da"), count_word(3, "en"), count_word(12, "da")
    ('to', 'three', '12')
    """
    return _SMALL[lang][n] if 0 <= n < len(_SMALL[lang]) else number(n, lang)


def currency_text(currency: str, lang: Language) -> str:
    """Return the currency as the language writes it: ``kr.`` for DKK in Danish, else the code.

    Examples
    --------
    >>> from stratgraph._language import currency_text
    >>> currency_text("DKK", "da"), currency_text("DKK", "en"), currency_text("EUR", "da")
    ('kr.', 'DKK', 'EUR')
    """
    return "kr." if lang == "da" and currency == "DKK" else currency


def yes_no(value: bool, lang: Language) -> str:
    """Return ``yes``/``no`` or ``ja``/``nej``."""
    return text("value.yes" if value else "value.no", lang)


def either(words: Sequence[str], lang: Language, *, both: bool = False) -> str:
    """Join words as a sentence lists them: ``a, b or c`` (``a, b and c`` with ``both``).

    Examples
    --------
    >>> from stratgraph._language import either
    >>> either(["strategi", "politik", "vision"], "da"), either(["a", "b"], "en", both=True)
    ('strategi, politik eller vision', 'a and b')
    """
    if len(words) <= 1:
        return "".join(words)
    conjunction = text("word.and" if both else "word.or", lang)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def warn_unlabelled_levels(schema: object, lang: Language) -> None:
    """Warn when Danish output must name levels by their level names (no ``label_da``).

    A :class:`~stratgraph.StratgraphWarning`, in English as the API's messages are.
    """
    if lang != "da":
        return
    bare = [level.name for level in getattr(schema, "levels", ()) if level.label_da == level.name]
    if bare:
        msg = (
            f"the schema has no Danish label (label_da) for the levels "
            f"{', '.join(map(repr, bare))} but their level names: Danish output names them so, "
            "as written; give each level a label_da"
        )
        warnings.warn(msg, StratgraphWarning, stacklevel=3)


# -- where a problem sits -----------------------------------------------------------------------


def location_text(location: object, lang: Language) -> str:
    """Return a :class:`~stratgraph.Location` in ``lang``'s words: ``række 14, kolonne 'forælder'``.

    Examples
    --------
    >>> from stratgraph._language import location_text
    >>> location_text(sg.Location(file="mål.csv", row=14, column="forælder"), "da")
    "mål.csv, række 14, kolonne 'forælder'"
    """
    if location is None:
        return ""
    if lang == "en":
        return str(location)
    parts = []
    for field, key in (
        ("file", ""),
        ("sheet", "where.sheet"),
        ("row", "where.row"),
        ("line", "where.line"),
        ("item", ""),
        ("column", "where.column"),
        ("element", "where.element"),
    ):
        value = getattr(location, field, None)
        if value is None:
            continue
        if not key:
            parts.append(str(value))
        else:
            shown = repr(value) if isinstance(value, str) else value
            parts.append(text(key, lang, value=shown))
    return ", ".join(parts)


def problem_text(problem: object, lang: Language) -> str:
    """Return a :class:`~stratgraph.Problem` with its location in ``lang``'s words.

    The message itself stays as the reader wrote it (English): the command line says so once.
    """
    where = location_text(getattr(problem, "location", None), lang)
    message = str(getattr(problem, "message", problem))
    return f"{where}: {message}" if where else message


def quoted(name: str, lang: Language) -> str:
    """Return a map's name set off in a heading: ``»mål«`` in Danish.

    A map named after its file (``mål``) would otherwise read as a word of the Danish heading
    (``Gennemgang: mål``). English headings keep the name as it is: it is not an English word.

    Examples
    --------
    >>> from stratgraph._language import quoted
    >>> quoted("mål", "da"), quoted("mål", "en")
    ('»mål«', 'mål')
    """
    return f"»{name}«" if lang == "da" else name


# -- level labels in sentences -------------------------------------------------------------------

#: Endings of Danish neuter nouns (et-ord) among the words schemas use for their levels.
_DA_NEUTER = ("mål", "projekt", "resultat", "initiativ", "perspektiv", "element", "niveau", "tema")


def plural(noun: str, lang: Language, *, inflect: bool = True) -> str:
    """Return the plural of a lower-case level label: ``strategies``, ``strategier``, ``mål``.

    A label that is a level's name (a schema without Danish labels) is shown as it is, not
    inflected (``inflect=False``), so that the fallback is visible.

    Examples
    --------
    >>> from stratgraph._language import plural
    >>> plural("strategy", "en"), plural("strategi", "da"), plural("effektmål", "da")
    ('strategies', 'strategier', 'effektmål')
    >>> plural("aftale", "da"), plural("politik", "da"), plural("effect_goal", "da", inflect=False)
    ('aftaler', 'politikker', 'effect_goal')
    """
    if not inflect or not noun:
        return noun
    if lang == "da":
        last = noun.rsplit(maxsplit=1)[-1]
        if last.endswith("mål"):
            return noun
        if noun.endswith("e"):
            return noun + "r"
        if noun.endswith("ik"):
            return noun + "ker"
        return noun + "er"
    if noun.endswith("y") and noun[-2:-1] not in {"a", "e", "i", "o", "u"}:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def article(noun: str, lang: Language) -> str:
    """Return the indefinite article of a lower-case level label: ``an``/``a``, ``et``/``en``.

    Examples
    --------
    >>> from stratgraph._language import article
    >>> article("agreement", "en"), article("projekt", "da"), article("aftale", "da")
    ('an', 'et', 'en')
    """
    if lang == "da":
        return (
            "et" if noun.split()[-1:] and noun.rsplit(maxsplit=1)[-1].endswith(_DA_NEUTER) else "en"
        )
    return "an" if noun[:1].lower() in {"a", "e", "i", "o", "u"} else "a"


# -- the catalogue -------------------------------------------------------------------------------

T = Text

CATALOGUE: dict[str, Text] = {
    # Small words that join others.
    "word.or": T("or", "eller"),
    "word.and": T("and", "og"),
    "value.yes": T("yes", "ja"),
    "value.no": T("no", "nej"),
    # Severities: the word for one finding, for several, and the noun for the column.
    "severity.error": T("error", "fejl"),
    "severity.warning": T("warning", "advarsel"),
    "severity.info": T("info", "bemærkning"),
    "severities.error": T("errors", "fejl"),
    "severities.warning": T("warnings", "advarsler"),
    "severities.info": T("info", "bemærkninger"),
    # The audit's renderings.
    "audit.title": T("Audit of {name}", "Gennemgang af {name}"),
    "audit.heading": T("Audit: {name}", "Gennemgang: {name}"),
    "audit.ok": T("ok", "i orden"),
    "audit.not_ok_word": T("not ok", "ikke i orden"),
    "audit.not_ok": T(
        "not ok: errors or warnings found", "ikke i orden: der er fejl eller advarsler"
    ),
    "audit.not_ok_short": T(
        "not ok (errors or warnings found)", "ikke i orden (der er fejl eller advarsler)"
    ),
    "audit.no_findings": T("No findings.", "Ingen fund."),
    "audit.findings": T("Findings", "Fund"),
    "audit.not_run": T("not run: {rule}", "ikke kørt: {rule}"),
    "audit.skipped": T("Rules not run", "Regler, der ikke blev kørt"),
    "audit.skipped_intro": T("Rules not run:", "Regler, der ikke blev kørt:"),
    "column.code": T("code", "kode"),
    "column.name": T("name", "navn"),
    "column.title": T("what the rule finds", "hvad reglen finder"),
    "column.severity": T("severity", "alvor"),
    "column.findings": T("findings", "fund"),
    "column.element": T("element", "element"),
    "column.message": T("message", "beskrivelse"),
    # The rules' summaries, in the words of the map's levels (see audit._words).
    "summary.SG101": T("{a_goal} with no {anchors} above it", "{goal} uden {anchors} over sig"),
    "summary.SG102": T("{a_goal} no {work} carries", "{goal}, som ingen {works} udmønter"),
    "summary.SG103": T("{a_work} under no {goal}", "{work} uden {goal} over sig"),
    "summary.SG201": T(
        "an element joined to more {goals} than the limit",
        "element, der er koblet til flere {goals} end grænsen",
    ),
    "summary.SG202": T(
        "a hierarchy link that jumps over a required level",
        "relation i hierarkiet, der springer et påkrævet niveau over",
    ),
    "summary.SG301": T("{a_goal} with no indicator", "{goal} uden indikator"),
    "summary.SG302": T(
        "{a_goal} with no money on it nor below it", "{goal} uden budget på målet eller under det"
    ),
    "summary.SG303": T(
        "{a_goal} whose progress is off track", "{goal}, der er bagud i forhold til planen"
    ),
    "summary.SG304": T(
        "an indicator not measured in the latest period",
        "indikator uden måling i den seneste periode",
    ),
    "summary.SG305": T(
        "an indicator lacking baseline, target or periods",
        "indikator uden udgangsværdi, målværdi eller periode",
    ),
    "summary.SG306": T(
        "a target period passed without the target met",
        "målperiode, der er gået, uden at målværdien er nået",
    ),
    "summary.SG401": T(
        "an element below both sides of a tension", "element under begge sider af en spænding"
    ),
    "summary.SG402": T(
        "{goals} with near-identical titles", "{goals} med næsten enslydende titler"
    ),
    "summary.SG501": T(
        "{a_goal}'s hierarchy link with no note",
        "relation til eller fra {a_goal} uden note (forandringsteori)",
    ),
    "summary.SG601": T(
        "an element that serves several {anchor_plural}",
        "element, der tjener flere {anchor_plural}",
    ),
    # The rules' findings.
    "SG101": T(
        "{element} has no {anchors} above it, so no line of sight runs from the top of the map "
        "to it. Link it to the {nearest} it serves, or drop it.",
        "{element} er ikke forankret: der er ingen {anchors_plural} over {id}, så ingen "
        "sigtelinje løber fra toppen af styringskæden ned til målet. Knyt målet til "
        "{a_nearest}, eller tag det ud.",
    ),
    "SG102.many": T(
        "{element} has no {work} below it: nobody is committed to deliver it. Put it into "
        "{a_first}, start {a_last} that carries it, or drop it.",
        "{element} er ikke udmøntet: der er ingen {works} under målet, så ingen har forpligtet "
        "sig til at levere det. Skriv målet ind i {a_first}, start {a_last}, der løfter det, "
        "eller tag det ud.",
    ),
    "SG102.one": T(
        "{element} has no {work} below it: nobody is committed to deliver it. Start {a_first} "
        "that carries it, or drop it.",
        "{element} er ikke udmøntet: der er ingen {works} under målet, så ingen har forpligtet "
        "sig til at levere det. Start {a_first}, der løfter det, eller tag det ud.",
    ),
    "SG103.measure": T(
        "{element} measures no {goal}: there is none above it. Link it to the {goal} it "
        "measures, or drop it.",
        "{element} måler ikke noget mål: der er ingen {goals} over {id}. Knyt indikatoren til "
        "det mål, den måler, eller tag den ud.",
    ),
    "SG103.work": T(
        "{element} serves no {goal}: there is none above it. Link it to the {goal} it delivers "
        "on, or ask whether the work belongs under the map's {anchors_plural} at all.",
        "{element} tjener ikke noget mål: der er ingen {goals} over {id}. Knyt indsatsen til "
        "det mål, den leverer på, eller overvej, om den overhovedet hører hjemme under kortets "
        "{anchors_plural}.",
    ),
    "SG201": T(
        "{element} is joined to {n} {goals} directly (the limit is {limit}). Fewer and more "
        "long-term goals keep the dialogue focused: merge, prioritise or split them.",
        "{element} er koblet direkte til {n} {goals} (grænsen er {limit}). Færre og mere "
        "langsigtede mål holder styringsdialogen fokuseret: slå mål sammen, prioritér, eller "
        "del {id} op.",
    ),
    "SG202.one": T(
        "{element} hangs directly under {parent}, skipping the {levels} level. Put the missing "
        "{levels} between them.",
        "{element} hænger direkte under {parent} og springer niveauet {levels} over. Indsæt "
        "det manglende led imellem dem.",
    ),
    "SG202.many": T(
        "{element} hangs directly under {parent}, skipping the {levels} levels. Put the missing "
        "{levels} between them.",
        "{element} hænger direkte under {parent} og springer niveauerne {levels} over. Indsæt "
        "de manglende led imellem dem.",
    ),
    "SG301": T(
        "{element} has no indicator. Add one (counting logic), or, if the goal is followed up "
        "in the dialogue (trust logic), say so on it with followup: dialogue.",
        "{element} har ingen indikator. Tilføj en (tællelogik), eller, hvis målet følges op i "
        "dialogen (tillidslogik), skriv det på målet med opfølgningsform: dialog.",
    ),
    "SG302": T(
        "{element} has no budget, and nothing below it has one: no money is coupled to the "
        "goal. Give the goal or the work that carries it a budget.",
        "{element} har intet budget, og intet under målet har et: der følger ingen penge med "
        "målet. Giv målet eller de indsatser, der løfter det, et budget.",
    ),
    "SG303": T(
        "{element} is off track: at its latest measurement ({period}) it has come {progress} of "
        "the way from baseline to target, where a steady path would have come {expected}. Take "
        "up in the dialogue what holds the goal back, and change the effort or, if it was set "
        "on a wrong footing, the target.",
        "{element} er bagud: ved seneste måling ({period}) er målet nået {progress} af vejen fra "
        "udgangsværdi til målværdi, hvor en jævn udvikling ville have nået {expected}. Tag op i "
        "styringsdialogen, hvad der holder målet tilbage, og justér indsatsen eller, hvis den "
        "var sat på et forkert grundlag, målværdien.",
    ),
    "SG303.supported": T(
        "{element} is off track: at its latest measurement ({period}) it has come {progress} of "
        "the way from baseline to target, counting the elements that support it ({supported} of "
        "the weight), where a steady path would have come {expected}. Take up in the dialogue "
        "what holds the goal back, and change the effort or, if it was set on a wrong footing, "
        "the target.",
        "{element} er bagud: ved seneste måling ({period}) er målet nået {progress} af vejen fra "
        "udgangsværdi til målværdi, medregnet de elementer, der understøtter det ({supported} af "
        "vægten), hvor en jævn udvikling ville have nået {expected}. Tag op i styringsdialogen, "
        "hvad der holder målet tilbage, og justér indsatsen eller, hvis den var sat på et "
        "forkert grundlag, målværdien.",
    ),
    "SG304.old": T(
        "{element}: the indicator “{indicator}” has no measurement in the map's latest period "
        "({latest}); its latest is from {last}. Its progress is read from an old value: add the "
        "measurement, or note why the indicator is measured less often.",
        "{element}: indikatoren “{indicator}” har ingen måling i kortets seneste periode "
        "({latest}); den seneste er fra {last}. Dens fremdrift læses af en gammel værdi: tilføj "
        "målingen, eller notér, hvorfor indikatoren måles sjældnere.",
    ),
    "SG304.never": T(
        "{element}: the indicator “{indicator}” has never been measured, while the map has "
        "measurements up to {latest}. Add its measurements, or, if the goal is followed up in "
        "the dialogue, say so with followup: dialogue.",
        "{element}: indikatoren “{indicator}” er aldrig blevet målt, mens kortet har målinger til "
        "og med {latest}. Tilføj dens målinger, eller, hvis målet følges op i dialogen, skriv det "
        "med opfølgningsform: dialog.",
    ),
    "SG305": T(
        "{element}: the indicator “{indicator}” has no {missing}, so whether it is on track "
        "cannot be worked out. Add what is missing to the indicator.",
        "{element}: indikatoren “{indicator}” har ingen {missing}, så det kan ikke opgøres, om "
        "den er på sporet. Tilføj det manglende på indikatoren.",
    ),
    "indicator.baseline": T("baseline", "udgangsværdi"),
    "indicator.baseline_period": T("baseline period", "periode for udgangsværdien"),
    "indicator.target": T("target", "målværdi"),
    "indicator.target_period": T("target period", "periode for målværdien"),
    "SG306": T(
        "{element}: the target period of the indicator “{indicator}” ({target_period}) has "
        "passed without the target met: the latest value is {value} ({period}) against a target "
        "of {target}. Decide in the dialogue whether to extend the target period, change the "
        "target or close the goal.",
        "{element}: målperioden for indikatoren “{indicator}” ({target_period}) er gået, uden at "
        "målværdien er nået: den seneste værdi er {value} ({period}) mod en målværdi på "
        "{target}. Beslut i styringsdialogen, om målperioden skal forlænges, målværdien ændres, "
        "eller målet afsluttes.",
    ),
    "SG401": T(
        "{element} lies below both sides of the tension between {side} and {other}{dilemma}: "
        "it is held to both at once. Make the priority explicit where it is agreed, or move it "
        "under one side.",
        "{element} ligger under begge sider af spændingen mellem {side} og {other}{dilemma}: "
        "{id} holdes op på begge på én gang (en dobbeltbinding). Gør prioriteringen eksplicit "
        "der, hvor den aftales, eller flyt {id} ind under den ene side.",
    ),
    "SG402.pair": T(
        "{element} and {other} are near-identical (similarity {score}). Merge them, or sharpen "
        "what sets them apart.",
        "{element} og {other} er næsten enslydende (lighed {score}). Slå dem sammen, eller "
        "skærp, hvad der adskiller dem.",
    ),
    "SG402.group": T(
        "{element} and {n} other {goals} have near-identical titles: {shown}. Merge them, or "
        "sharpen what sets them apart.",
        "{element} og {n} andre {goals} har næsten enslydende titler: {shown}. Slå dem sammen, "
        "eller skærp, hvad der adskiller dem.",
    ),
    "SG402.more": T(" … and {n} more", " … og {n} til"),
    "SG501": T(
        "The link from {source} to {target} has no note. Write down the theory of change – why "
        "the one leads to the other – as the link's note.",
        "Relationen fra {source} til {target} har ingen note. Skriv forandringsteorien ned som "
        "relationens note: hvorfor det ene fører til det andet.",
    ),
    "SG601": T(
        "{element} serves {n} {kind} ({groups}). Cross-cutting work needs one named owner and "
        "priorities agreed between the {kind}, so that it is not steered from {n} sides at once.",
        "{element} tjener {n} {kind} ({groups}). Et tværgående element har brug for én "
        "navngiven ejer og prioriteringer, der er aftalt mellem de {n} {kind}, så det ikke "
        "styres fra {n} sider på én gang.",
    ),
    # Why a rule did not run (premises) or left part of its check out.
    "premise.no_anchors": T(
        "the goal level ({goal}) is the top level of the schema: there is no level above the goals",
        "målniveauet ({goal}) er skemaets øverste niveau: der er intet niveau over målene",
    ),
    "premise.no_work": T(
        "the schema has no level of work below the goal level ({goal})",
        "skemaet har intet niveau for indsatser under målniveauet ({goal})",
    ),
    "premise.measure_not_work": T(
        "; its {measure} level measures the goals, it does not carry them",
        "; niveauet {measure} måler målene, det udmønter dem ikke",
    ),
    "premise.no_below": T(
        "the schema has no level below the goal level ({goal})",
        "skemaet har intet niveau under målniveauet ({goal})",
    ),
    "premise.no_indicators": T(
        "no element in the map has an indicator and the schema has no measure level: the map "
        "does not measure its goals, so every goal would be reported (see the analysis of "
        "indicator coverage, `sg.indicator_coverage`)",
        "intet element i kortet har en indikator, og skemaet har intet måleniveau: kortet måler "
        "ikke sine mål, så alle mål ville blive nævnt (se analysen af indikatordækning, "
        "`sg.indicator_coverage`)",
    ),
    "premise.no_measurements": T(
        "the map has no measurements: there is no value to judge progress by (add a "
        "measurements sheet, see `sg.progress`)",
        "kortet har ingen målinger: der er ingen værdi at vurdere fremdriften efter (tilføj et "
        "ark med målinger, se `sg.progress`)",
    ),
    "premise.no_indicator_values": T(
        "no element in the map has indicators of its own (with a baseline and a target): there "
        "is nothing to check",
        "intet element i kortet har sine egne indikatorer (med udgangsværdi og målværdi): der er "
        "intet at tjekke",
    ),
    "premise.money_false": T(
        "the schema says that its maps carry no money (money: false)",
        "skemaet siger, at dets kort ikke har penge (money: false)",
    ),
    "premise.no_budgets": T(
        "no element in the map has a budget", "intet element i kortet har et budget"
    ),
    "premise.unused_levels": T("the map has no {levels}", "kortet har ingen {levels}"),
    "premise.unused_links": T(
        "{reason}; links {links} skip nothing it uses",
        "{reason}; relationer {links} springer intet over, som kortet bruger",
    ),
    "premise.unused_link": T("from {upper} straight to {lower}", "direkte fra {upper} til {lower}"),
    "premise.unused_any": T(
        "{reason}; a link is not told to put one in",
        "{reason}; ingen relation bliver bedt om at få det indsat",
    ),
    "fallback.level": T("level", "niveau"),
    "fallback.work": T("work", "indsats"),
    "fallback.works": T("work", "indsatser"),
    "fallback.indicator": T("indicator", "indikator"),
    "fallback.agendas": T("agendas", "dagsordener"),
    # Figures.
    "figure.hierarchy": T("Chain (parent → child)", "Kæde (over → under)"),
    "figure.across": T("Link between organisations", "Kobling mellem organisationer"),
    "figure.atlas overview": T(
        "Overview: the number of elements of each organisation and level ({n} in all); arrows: "
        "links between organisations",
        "Overblik: antal elementer for hver organisation og niveau ({n} i alt); pile: "
        "koblinger mellem organisationer",
    ),
    "figure.median": T("Median over organisations", "Median over organisationer"),
    "figure.range": T("Fewest to most", "Færrest til flest"),
    "figure.churn": T("Goals added and removed", "Mål tilføjet og fjernet"),
    "figure.goals": T("goals", "mål"),
    "figure.churn added": T(
        "Added since the organisation's previous map", "Tilføjet siden organisationens forrige kort"
    ),
    "figure.churn removed": T("Removed since then", "Fjernet siden da"),
    "figure.supports": T("Supports", "Understøtter"),
    "figure.tension": T("Tension ⚡", "Spænding ⚡"),
    "figure.finding": T("Finding", "Fund"),
    "figure.no owner": T("No owner", "Ingen ejer"),
    "figure.no agenda": T("No agenda", "Ingen dagsorden"),
    "figure.owner": T("Owner", "Ejer"),
    "figure.agenda": T("Agenda", "Dagsorden"),
    "figure.level": T("Level", "Niveau"),
    "figure.limit": T("Limit ({limit})", "Grænse ({limit})"),
    "figure.over limit": T("Over the limit", "Over grænsen"),
    "figure.within limit": T("Within the limit", "Inden for grænsen"),
    "figure.count of": T("Number of {what}", "Antal {what}"),
    "figure.per element": T("{goals} per element", "{goals} pr. element"),
    "figure.per owner": T("{goals} per owner", "{goals} pr. ejer"),
    "figure.shared": T("Elements shared", "Fælles elementer"),
    "figure.cross cutting": T(
        "Cross-cutting elements by {by}", "Tværgående elementer fordelt på {by}"
    ),
    "figure.lines of sight": T("Lines of sight through {id}", "Sigtelinjer gennem {id}"),
    "figure.focus": T("Element in focus", "Element i fokus"),
    "figure.lost": T("Line of sight lost", "Sigtelinjen brydes"),
    "figure.budget flow": T(
        "Budget from {top} through {middle} to {bottom}",
        "Budget fra {top} gennem {middle} til {bottom}",
    ),
    "figure.no money": T("no budget", "intet budget"),
    "figure.total": T("Total: {amount}", "I alt: {amount}"),
    "figure.total_under": T("Total under the {tops}: {amount}", "I alt under {tops}: {amount}"),
    "figure.outside_money": T(
        "({amount} lies under no {top})", "({amount} ligger ikke under nogen {top})"
    ),
    "figure.unanchored": T("Not anchored above", "Ikke forankret opadtil"),
    "figure.own budget": T("Own budget", "Eget budget"),
    "figure.added": T("Added", "Ny"),
    "figure.removed": T("Removed", "Fjernet"),
    "figure.moved": T("Moved", "Flyttet"),
    "figure.retitled": T("Retitled", "Ny titel"),
    "figure.retyped": T("New level", "Nyt niveau"),
    "figure.unchanged": T("Unchanged", "Uændret"),
    "figure.only before": T("only in {version}", "kun i {version}"),
    "figure.diff title": T("Changes from {old} to {new}", "Ændringer fra {old} til {new}"),
    "figure.no data": T("Nothing to show", "Intet at vise"),
    "figure.untitled": T(
        "{n} boxes too small for a legible title are drawn without it",
        "{n} bokse er for små til en læselig titel og er vist uden",
    ),
    "figure.unlabelled": T(
        "{n} bars too small for a legible label are drawn without it",
        "{n} søjler er for små til en læselig tekst og er vist uden",
    ),
    "figure.no budgets": T(
        "Nothing to show: no element of the map has a budget",
        "Intet at vise: intet element i kortet har et budget",
    ),
    "figure.money false": T(
        "Nothing to show: the schema says its maps carry no money",
        "Intet at vise: skemaet siger, at dets kort ikke har penge",
    ),
    "figure.no flow elements": T(
        "Nothing to show: the map has no element at the levels {levels}",
        "Intet at vise: kortet har intet element på niveauerne {levels}",
    ),
    "figure.no shared": T(
        "Nothing to show: no two groups share an element",
        "Intet at vise: ingen to grupper har et element til fælles",
    ),
    # Progress towards the targets: the statuses, and the figures of them.
    "status.on_track": T("On track", "På sporet"),
    "status.at_risk": T("At risk", "I risiko"),
    "status.off_track": T("Off track", "Bagud"),
    "status.no_data": T("No data", "Ingen data"),
    "status.dialogue": T("Followed up in dialogue", "Følges op i dialogen"),
    "figure.status at": T("Status at {period}", "Status pr. {period}"),
    "figure.measured": T("Measured", "Målt"),
    "figure.baseline": T("Baseline", "Udgangspunkt"),
    "figure.target": T("Target", "Målværdi"),
    "figure.expected path": T(
        "Expected path (baseline → target)", "Forventet forløb (udgangspunkt → mål)"
    ),
    "figure.progress of": T(
        "{status} · progress {progress}, expected {expected}",
        "{status} · fremdrift {progress}, forventet {expected}",
    ),
    "figure.too many panels": T(
        "{n} indicators to draw, more than max_panels={most}: the first {most} are drawn and "
        "{left} left out; choose them with ids= or raise max_panels",
        "{n} indikatorer at tegne, flere end max_panels={most}: de første {most} tegnes, og "
        "{left} udelades; vælg dem med ids=, eller hæv max_panels",
    ),
    "figure.no indicators": T(
        "{ids} {have} no indicators: no panel for {them}",
        "{ids} har ingen indikatorer: intet panel for {them_da}",
    ),
    "figure.no measurements": T(
        "Nothing to show: no indicator of {what} has a measurement",
        "Intet at vise: ingen indikator for {what} har en måling",
    ),
    "figure.the map": T("the map", "kortet"),
    # The summary's labels.
    "summary.elements": T("Elements", "Elementer"),
    "summary.links": T("Links", "Relationer"),
    "summary.goals": T("Goals (level: {goal})", "Mål (niveau: {goal})"),
    "summary.goals_measured": T("Goals with an indicator", "Mål med indikator"),
    "summary.goals_measured_share": T(
        "Share of goals with an indicator", "Andel mål med indikator"
    ),
    "summary.total_budget": T("Total budget", "Samlet budget"),
    "summary.goals_unfunded": T("Goals without budget", "Mål uden budget"),
    "summary.orphans": T("Orphans (cut off above or below)", "Løsrevne elementer"),
    "summary.unanchored_goals": T("Unanchored goals", "Uforankrede mål"),
    "summary.unimplemented_goals": T("Unimplemented goals", "Mål uden udmøntning"),
    "summary.work_without_goal": T("Work serving no goal", "Indsatser uden mål"),
    "summary.overloaded": T("Elements with more than 5 goals", "Elementer med mere end 5 mål"),
    "summary.level_skips": T("Links that skip a level", "Relationer, der springer et niveau over"),
    "summary.double_binds": T("Elements in a double bind", "Elementer i en dobbeltbinding"),
    "summary.cross_cutting": T("Cross-cutting elements", "Tværgående elementer"),
    "summary.link.hierarchy": T("Hierarchy links", "Hierarkiske relationer"),
    "summary.link.supports": T("Supporting links", "Understøttende relationer"),
    "summary.link.tension": T("Tensions (dilemmas)", "Spændinger (dilemmaer)"),
    # The changes between two versions, in words.
    "diff.summary": T(
        "{old} → {new} elements: {added} added, {removed} removed, {retyped} retyped, "
        "{retitled} retitled, {moved} moved; goals kept {kept}/{goals} (continuity {share}), "
        "{new_goals} new goals",
        "{old} → {new} elementer: {added} nye, {removed} fjernede, {retyped} med nyt niveau, "
        "{retitled} med ny titel, {moved} flyttede; {kept} af {goals} mål bevaret (kontinuitet "
        "{share}), {new_goals} nye mål",
    ),
    "change.added": T("added", "ny"),
    "change.removed": T("removed", "fjernet"),
    "change.moved": T("moved", "flyttet"),
    "change.retitled": T("retitled", "ny titel"),
    "change.retyped": T("retyped", "nyt niveau"),
    # Table headers of the report and the workbook.
    "header.id": T("id", "id"),
    "header.type": T("level", "niveau"),
    "header.title": T("title", "titel"),
    "header.n_goals": T("goals", "mål"),
    "header.n_groups": T("number of {groups}", "antal {groups}"),
    "header.groups": T("{groups}", "{groups}"),
    "fallback.groups": T("groups", "grupper"),
    "header.budget": T("own budget", "eget budget"),
    "header.rolled_budget": T("budget incl. below", "budget inkl. underliggende"),
    "header.change": T("main change", "hovedændring"),
    "header.changes": T("changes", "alle ændringer"),
    "header.old_type": T("level before", "niveau før"),
    "header.new_type": T("level after", "niveau efter"),
    "header.old_title": T("title before", "titel før"),
    "header.new_title": T("title after", "titel efter"),
    "header.old_parents": T("parents before", "overordnet før"),
    "header.new_parents": T("parents after", "overordnet efter"),
    "header.figure": T("figure", "id"),
    "header.label": T("label", "nøgletal"),
    "header.value": T("value", "værdi"),
    "header.unit": T("unit", "enhed"),
    "header.progress": T("progress", "fremdrift"),
    "header.expected": T("expected", "forventet"),
    "header.status": T("status", "status"),
    "header.organisation": T("organisation", "organisation"),
    "header.year": T("year", "år"),
    "header.n_not_taken_up": T("goals not taken up below", "mål, som ingen nedenfor tager op"),
    "header.n_serves_no_upper": T("goals serving no goal above", "mål uden mål ovenfor"),
    "header.not_taken_up": T("not taken up below", "ikke taget op nedenfor"),
    "header.serves_no_upper": T("serves no goal above", "tjener intet mål ovenfor"),
    "header.added": T("added", "tilføjet"),
    "header.removed": T("removed", "fjernet"),
    "header.kept": T("kept", "beholdt"),
    "header.other": T("other goal", "andet mål"),
    "header.other_organisation": T("other organisation", "anden organisation"),
    "header.other_title": T("other title", "andet måls titel"),
    "header.similarity": T("similarity", "lighed"),
    "header.code": T("code", "kode"),
    "header.severity": T("severity", "alvor"),
    "header.element": T("element", "element"),
    "header.message": T("message", "besked"),
    "unit.share": T("share", "andel"),
    "sheet.findings": T("findings", "fund"),
    "sheet.summary": T("summary", "overblik"),
    # The report.
    "report.title": T("Strategy map report", "Rapport om strategikortet"),
    "report.atlas_title": T("Report on the governance chain", "Rapport om styringskæden"),
    "report.atlas_meta": T(
        "{orgs} organisations · {maps} maps · years {years} · {links} links between maps",
        "{orgs} organisationer · {maps} kort · år {years} · {links} koblinger mellem kort",
    ),
    "report.atlas_coverage": T("Coverage along the chain, {year}", "Dækning langs kæden, {year}"),
    "report.atlas_coverage_note": T(
        "Per organisation: its goals that no organisation below takes up, and its goals that "
        "serve no goal of an organisation above (links between maps, supports or hierarchy).",
        "For hver organisation: dens mål, som ingen organisation nedenfor tager op, og dens mål, "
        "der ikke tjener noget mål hos en organisation ovenfor (koblinger mellem kort, "
        "understøtter eller hierarki).",
    ),
    "report.atlas_coverage_goals": T("The goals", "Målene"),
    "report.atlas_continuity": T("Goals over the years", "Mål over årene"),
    "report.atlas_continuity_note": T(
        "The number of goals of each organisation per year, and the goals added and removed "
        "since its previous map: fewer and more long-term goals show as falling lines and "
        "short bars.",
        "Antal mål for hver organisation pr. år, og de mål, der er tilføjet og fjernet siden "
        "organisationens forrige kort: færre og mere langsigtede mål ses som faldende linjer "
        "og korte søjler.",
    ),
    "report.atlas_similar": T(
        "Similar goals across organisations, {year}", "Ens mål på tværs af organisationer, {year}"
    ),
    "report.atlas_similar_note": T(
        "Pairs of goals of two organisations with near-identical titles: who pursues the same "
        "goal.",
        "Par af mål hos to organisationer med næsten ens titler: hvem forfølger det samme mål.",
    ),
    "report.atlas_map": T("The chain as one map, {year}", "Kæden som ét kort, {year}"),
    "report.atlas_map_note": T(
        "Each organisation in its own band, in chain order; blue arrows are links between "
        "organisations.",
        "Hver organisation i sit eget bånd, i kædens rækkefølge; blå pile er koblinger mellem "
        "organisationer.",
    ),
    "report.atlas_audit": T(
        "Audit of the combined map, {year}", "Gennemgang af det samlede kort, {year}"
    ),
    "report.atlas_audit_note": T(
        "The audit's rules run on every organisation's map of the year as one map; each "
        "finding names its organisation and year.",
        "Gennemgangens regler kørt på alle organisationers kort for året som ét kort; hvert "
        "fund nævner sin organisation og sit år.",
    ),
    "report.summary": T("Summary", "Overblik"),
    "report.map": T("The strategy map", "Strategikortet"),
    "report.overview": T("Overview by branch", "Overblik efter gren"),
    "report.overview_note": T(
        "The map is too large to print whole with legible titles: one box per {level} with "
        "the number of elements (el.) and of findings (!) in its branch, then a figure per "
        "branch.",
        "Kortet er for stort til at blive vist helt med læselige titler: en boks pr. "
        "{level} med antallet af elementer (el.) og fund (!) i grenen, derefter en figur "
        "pr. gren.",
    ),
    "report.counts": T("{n} el. · {k} !", "{n} el. · {k} !"),
    "report.branch": T("Branch {id}: {title}", "Gren {id}: {title}"),
    "report.branch_note": T(
        "{id} and everything below it: {n} elements, {k} findings.",
        "{id} og alt under det: {n} elementer, {k} fund.",
    ),
    "report.branches_left": T(
        "{n} more branches are not drawn (those with the fewest findings); "
        "{book} lists every finding.",
        "{n} grene mere er ikke tegnet (dem med færrest fund); {book} har alle fund.",
    ),
    "report.outside": T(
        "{n} elements lie under no {level} and are in no branch figure.",
        "{n} elementer ligger ikke under noget {level} og er ikke i nogen gren.",
    ),
    "report.explore": T(
        "The interactive map, with search, filters and lines of sight:",
        "Det interaktive kort, med søgning, filtre og sigtelinjer:",
    ),
    "report.map_note": T(
        "Elements with an error or warning finding are outlined.",
        "Elementer med en fejl eller advarsel er fremhævet.",
    ),
    "report.findings": T("Findings", "Fund"),
    "report.no_findings": T("No findings.", "Ingen fund."),
    "report.more_findings": T(
        "… and {n} more findings, not shown here: {book} lists them all.",
        "… og {n} til (se {book}).",
    ),
    "report.more_rows": T("… and {n} more.", "… og {n} til."),
    "report.overload": T("Too many goals per element", "For mange mål pr. element"),
    "report.overload_note": T(
        "Elements joined to more goals than the limit ({limit}).",
        "Elementer, der er koblet til flere mål end grænsen ({limit}).",
    ),
    "report.cross": T("Cross-cutting elements", "Tværgående elementer"),
    "report.cross_note": T(
        "Elements below {n} or more {groups}.",
        "Elementer, der hører under {n} eller flere {groups}.",
    ),
    "report.budget": T("Budget", "Budget"),
    "report.budget_note": T(
        "In {currency}: own budgets and budgets rolled up from below.",
        "I {currency}: eget budget og budget opsummeret nedefra.",
    ),
    "report.diff": T("Changes since {old}", "Ændringer siden {old}"),
    "report.none": T("None.", "Ingen."),
    "report.generated": T(
        "Made with stratgraph {version} on {date}.",
        "Udarbejdet med stratgraph {version} den {date}.",
    ),
    "report.figures": T(
        "Figures as PNG and PDF are in the folder {folder}; findings in {book}.",
        "Figurerne ligger som PNG og PDF i mappen {folder}; fundene i {book}.",
    ),
    "report.read_warnings": T("Notes from reading the file", "Bemærkninger fra indlæsningen"),
    "report.read_warnings_note": T(
        "Where the file was ambiguous, it was read by a documented rule:",
        "Hvor filen var tvetydig, er den læst efter en dokumenteret regel. Stedet står på "
        "dansk, selve bemærkningen på engelsk, som stratgraphs fejlmeddelelser:",
    ),
    "report.skipped": T("Rules not run", "Regler, der ikke blev kørt"),
    "report.skipped_note": T(
        "The map lacks what these rules are about:", "Kortet mangler det, disse regler handler om:"
    ),
    "report.left_out": T("{section}: left out, as {reason}.", "{section}: udeladt, da {reason}."),
    "report.empty_map": T("the map has no elements", "kortet ikke har nogen elementer"),
    "report.no_goal_links": T(
        "no element is linked to a goal", "intet element er koblet til et mål"
    ),
    "report.no_level_above": T(
        "the goal level is the top level, so there is no level above the goals to group by",
        "målniveauet er det øverste niveau, så der ikke er noget niveau over målene at "
        "gruppere efter",
    ),
    "report.no_shared": T(
        "no element lies below two or more groups at the level above the goals",
        "intet element ligger under to eller flere grupper på niveauet over målene",
    ),
    "report.measure_apart": T(
        "elements of the {level} level measure the goals and are not counted",
        "elementer på niveauet {level} måler målene og tælles ikke med",
    ),
    "report.money_false": T(
        "the schema says that its maps carry no money (money: false)",
        "skemaet siger, at dets kort ikke har penge (money: false)",
    ),
    "report.no_flow_elements": T(
        "the map has no element at the budget flow's levels ({levels})",
        "kortet ikke har noget element på budgetstrømmens niveauer ({levels})",
    ),
    "report.no_budgets": T(
        "no element in the map has a budget", "intet element i kortet har et budget"
    ),
    "report.progress": T("Progress towards the targets", "Fremdrift mod målene"),
    "report.progress_note": T(
        "Each {goal}'s progress at {period}: the latest measurement of each of its indicators "
        "between baseline and target (weighted) and, where other elements support the goal "
        "(supports links), their progress with the link's weight; against the progress expected "
        "by then on a straight path from baseline to target. Off track first.",
        "Fremdriften for hvert {goal} pr. {period}: den seneste måling af hver af dets "
        "indikatorer mellem udgangspunkt og målværdi (vægtet) og, hvor andre elementer "
        "understøtter målet, deres fremdrift med relationens vægt; over for den fremdrift, der "
        "forventes på det tidspunkt på et lige forløb fra udgangspunkt til målværdi. Bagud først.",
    ),
    "report.status_map": T("Status of the map", "Kortets status"),
    "report.status_map_note": T(
        "The levels down to {goal}, each element coloured and hatched by its rolled-up status "
        "at {period}.",
        "Niveauerne ned til {goal}, hvert element farvet og skraveret efter sin samlede status "
        "pr. {period}.",
    ),
    "report.status_map_illegible": T(
        "the levels down to the goals hold too many elements for one legible figure (the "
        "table and the interactive map show every status)",
        "niveauerne ned til målene har for mange elementer til én læselig figur (tabellen og "
        "det interaktive kort viser hver status)",
    ),
    "report.behind": T("Goals off track or at risk", "Mål, der er bagud eller i risiko"),
    "report.behind_note": T(
        "Each indicator's measurements against its baseline, its target and the expected "
        "straight path between them (dashed).",
        "Hver indikators målinger over for udgangspunkt, målværdi og det forventede lige forløb "
        "imellem dem (stiplet).",
    ),
    "report.behind_more": T(
        "… and {n} more off track or at risk: see the table.",
        "… og {n} mere, der er bagud eller i risiko: se tabellen.",
    ),
    "report.none_behind": T(
        "No goal is off track or at risk.", "Intet mål er bagud eller i risiko."
    ),
    "report.dialogue": T("Followed up in dialogue", "Følges op i dialogen"),
    "report.dialogue_note": T(
        "These elements are followed up in dialogue (trust logic): they are neither scored nor "
        "counted as unmeasured.",
        "Disse elementer følges op i dialogen (tillidslogik): de får ingen score og tælles ikke "
        "som umålte.",
    ),
    # The interactive map (sg.explore); {n} and {total} are filled in by the page's script.
    "explore.title": T("Interactive map", "Interaktivt kort"),
    "explore.search": T("Search id or title", "Søg id eller titel"),
    "explore.no_match": T("No element matches.", "Intet element passer."),
    "explore.matches": T("{n} found", "{n} fundet"),
    "explore.level": T("Level", "Niveau"),
    "explore.owner": T("Owner", "Ejer"),
    "explore.agenda": T("Agenda", "Dagsorden"),
    "explore.status": T("Status", "Status"),
    "explore.finding": T("Finding", "Fund"),
    "explore.color_by": T("Colour by", "Farve efter"),
    "explore.all": T("all", "alle"),
    "explore.none": T("(none)", "(ingen)"),
    "explore.any_finding": T("any finding", "med fund"),
    "explore.no_finding": T("no finding", "uden fund"),
    "explore.budget": T("Budget", "Budget"),
    "explore.indicators": T("Indicators", "Indikatorer"),
    "explore.findings": T("Findings", "Fund"),
    "explore.chain": T("Lines of sight", "Sigtelinjer"),
    "explore.chain_hint": T(
        "Click an element to see its lines of sight; click the background to clear.",
        "Klik på et element for at se dets sigtelinjer; klik på baggrunden for at rydde.",
    ),
    "explore.shown": T("{n} of {total} elements shown", "{n} af {total} elementer vises"),
    "explore.reset": T("Fit to window", "Tilpas til vinduet"),
    "explore.shown_list": T("Elements shown", "Viste elementer"),
    "explore.more_shown": T("… and {n} more", "… og {n} til"),
    "explore.overview": T(
        "The part of the map's width in the window",
        "Den del af kortets bredde, der ses i vinduet",
    ),
    "explore.empty": T(
        "The map {name} has no elements: there is nothing to show.",
        "Kortet {name} har ingen elementer: der er intet at vise.",
    ),
    "explore.noscript": T(
        "The interactive map needs JavaScript.", "Det interaktive kort kræver JavaScript."
    ),
    "explore.sev_error": T("errors", "fejl"),
    "explore.sev_warning": T("warnings", "advarsler"),
    "explore.sev_info": T("info", "til orientering"),
    # The command line's result lines.
    "cli.wrote": T("wrote {path}", "skrev {path}"),
    "cli.valid": T(
        "{file}: valid, {elements} and {links}", "{file}: gyldig, {elements} og {links}"
    ),
    "cli.element": T("{n} element", "{n} element"),
    "cli.elements": T("{n} elements", "{n} elementer"),
    "cli.link": T("{n} link", "{n} relation"),
    "cli.links": T("{n} links", "{n} relationer"),
    "cli.no_changes": T("No changes.", "Ingen ændringer."),
    # A view: the part of the map a report or an audit covers (stratgraph.views.View).
    "view.headline": T(
        "Part of the map: {criteria} ({n} of {whole} elements)",
        "Del af kortet: {criteria} ({n} af {whole} elementer)",
    ),
    "view.levels": T("levels {values}", "niveauer {values}"),
    "view.ids": T("elements {values}", "elementer {values}"),
    "view.below": T("below {values}", "under {values}"),
    "view.above": T("above {values}", "over {values}"),
    "view.owner": T("owner {values}", "ejer {values}"),
    "view.agenda": T("agenda {values}", "dagsorden {values}"),
    "view.focus": T("around {values}", "omkring {values}"),
    "view.up": T("up {values}", "op {values}"),
    "view.down": T("down {values}", "ned {values}"),
    "cli.wrote_counts": T(
        "wrote {paths} ({elements}, {links})", "skrev {paths} ({elements}, {links})"
    ),
    "cli.removed": T(
        "removed {paths} (this map needs none)",
        "fjernede {paths} (dette kort har ingen brug for dem)",
    ),
    "cli.error": T("stratgraph: error: {message}", "stratgraph: fejl: {message}"),
    "cli.warning": T("stratgraph: warning: {message}", "stratgraph: advarsel: {message}"),
    "cli.not_valid": T(
        "the strategy map is not valid ({problems}):", "kortet er ikke gyldigt ({problems}):"
    ),
    "cli.problem": T("{n} problem", "{n} problem"),
    "cli.problems": T("{n} problems", "{n} problemer"),
    # Said once in Danish output: the reading's problems and notes are written in English.
    "cli.in_english": T(
        "(the descriptions are in English, as stratgraph's error messages are)",
        "(beskrivelserne er på engelsk, som stratgraphs fejlmeddelelser)",
    ),
    "diff.before": T("before", "før"),
    "diff.after": T("after", "efter"),
    "diff.under": T("under {parents}", "under {parents}"),
    "diff.top": T("under nothing", "øverst"),
    # Where a problem sits (see location_text).
    "where.sheet": T("sheet {value}", "ark {value}"),
    "where.row": T("row {value}", "række {value}"),
    "where.line": T("line {value}", "linje {value}"),
    "where.column": T("column {value}", "kolonne {value}"),
    "where.element": T("element {value}", "element {value}"),
}
