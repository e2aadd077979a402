"""Build the CLDR-derived place gazetteers in components/trnews/data/ from Babel.

Writes `gazetteer_countries.tsv` (CLDR territory names in locale `tr`: countries
and world regions) and `gazetteer_cities.tsv` (CLDR exemplar cities of the time
zone database, in their Turkish form where CLDR has one). The runtime reads the
TSV files only, so Babel is needed here (extra `gazetteer`), never in a pipeline.
Hand-kept lists (provinces, extra places, institutions) are not touched.
"""

from __future__ import annotations

from pathlib import Path

import typer

DATA = Path(__file__).resolve().parents[1] / "components" / "trnews" / "data"
HEADER = "name\tlabel\taliases\tnote\n"

# Territory codes that are not places (or not entities of SPEC.md section 3).
SKIP_TERRITORIES = {"XA", "XB", "ZZ", "EZ", "QO", "001"}
# Territories CLDR lists that news treats as organisations.
ORG_TERRITORIES = {"EU", "UN"}
# Zone areas whose exemplar cities are research stations or oddities, not places news names.
SKIP_AREAS = {"Antarctica", "Etc", "SystemV"}
# Exemplar cities that are far more often a person's name, a word or a brand in Turkish news.
SKIP_CITIES = {
    "Adelaide", "Casey", "Chatham", "Darwin", "Davis", "Dawson", "Eucla", "Knox", "Lord Howe",
    "Marengo", "Monticello", "Palmer", "Phoenix", "Regina", "Troll", "Victoria", "Vevay",
    "Winamac", "Tell City", "Beulah", "Center", "New Salem", "Petersburg", "Vincennes",
    "Bilinmeyen Şehir", "Unknown", "Sydney", "Madeira", "Faroe", "Metlakatla", "Nome", "Sitka",
    "Yakutat", "Boise", "Creston", "Fort Nelson", "Swift Current", "Rankin Inlet", "Resolute",
    "Cambridge Bay", "Inuvik", "Iqaluit", "Glace Bay", "Goose Bay", "Thunder Bay", "Thule",
    "Danmarkshavn", "Scoresbysund", "Ittoqqortoormiit", "Kralendijk", "Lower Prince’s Quarter",
    "Macquarie", "Broken Hill", "Lindeman", "Currie", "Showa", "Dumont-d’Urville", "Bahia Banderas",
    "Santa Isabel", "Dili", "Mawson", "Rothera", "Syowa", "Vostok", "McMurdo", "Kanton", "Enderbury",
    "Oral", "Stanley", "Wake", "Midway", "Christmas", "Cocos", "Cuba", "Menominee", "Kerguelen",
    "Chagos", "Handiga", "Layun", "Efate", "Gambier", "Saint-Pierre",
}


def _clean(name: str) -> list[str]:
    """Surface forms of one CLDR name: `Myanmar (Burma)` -> both; none with an apostrophe."""
    name = name.strip()
    if not name or "’" in name or "'" in name or "," in name:
        return []
    if "(" in name and name.endswith(")"):
        head, _, rest = name.partition("(")
        return [head.strip(), rest[:-1].strip()]
    return [name]


def build_countries(locale) -> list[str]:
    rows = []
    for code, name in sorted(locale.territories.items()):
        if code in SKIP_TERRITORIES:
            continue
        label = "ORG" if code in ORG_TERRITORIES else "LOC"
        kind = "region" if code.isdigit() else "territory"
        forms = _clean(name)
        if not forms:
            continue
        rows.append(f"{forms[0]}\t{label}\t{'|'.join(forms[1:])}\tcldr {kind} {code}\n")
    return rows


def build_cities(locale) -> list[str]:
    from babel.core import get_global

    localized = locale.time_zones
    seen: set[str] = set()
    rows = []
    for zone in sorted(get_global("zone_territories")):
        area, _, rest = zone.partition("/")
        if not rest or area in SKIP_AREAS:
            continue
        city = (localized.get(zone) or {}).get("city") or rest.split("/")[-1].replace("_", " ")
        for form in _clean(city):
            if form in SKIP_CITIES or form in seen or any(ch.isdigit() for ch in form):
                continue
            seen.add(form)
            rows.append(f"{form}\tLOC\t\tcldr exemplar city {zone}\n")
    return rows


def main(
    locale_name: str = typer.Option("tr", "--locale", help="CLDR locale of the names"),
    out_dir: Path = typer.Option(DATA, help="where the TSV files go"),
) -> None:
    from babel import Locale

    locale = Locale.parse(locale_name)
    for filename, rows in (
        ("gazetteer_countries.tsv", build_countries(locale)),
        ("gazetteer_cities.tsv", build_cities(locale)),
    ):
        path = out_dir / filename
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
        typer.echo(f"{path}: {len(rows)} names (CLDR via Babel, locale {locale_name})")


if __name__ == "__main__":
    typer.run(main)
