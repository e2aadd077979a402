"""Learn the data of `trnews_lemmatizer` from the lookup table and a UD treebank (IMST train).

Writes one JSON file (the component's `rules`):
* suffixes: longest-suffix edit rules for forms the table lacks, learned from the table's own
  1.3M form/lemma pairs plus the treebank tokens the table does not know;
* remaps: corrections of a table lemma, keyed by the lemma and the next characters of the form,
  kept where the treebank disagrees with the table consistently (they generalise to unseen forms);
* overrides: single forms where the treebank consistently names another word than the chain
  above (`mı` -> `mi`) or a shorter stem of it (`alınıyor`: `alın` -> `al`); not where the
  treebank keeps a derivation the table strips (`olarak`: `ol` -> `olarak`): there IMST and
  BOUN disagree, and the type-based extensions decide;
* proper: lemmas the treebank writes as capitalised proper nouns.
No hand-written word lists: every entry has counts behind it (`--min-count`, `--min-share`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import srsly
import typer

from trnews.casing import lower
from trnews.lemmatizer import (LICENCE_NOTE, LemmaRules, LemmaTable, TurkishLemmatizer, edit_of,
                               harmonise, load_lookup_table, shape)


def surface_tokens(path: Path) -> Iterable[Tuple[str, str, str]]:
    """(word, lemma, upos) of the non-punctuation surface tokens of a convert_ud.py JSONL file."""
    for sentence in srsly.read_jsonl(path):
        for word, lemma, pos in zip(sentence["words"], sentence["lemmas"], sentence["pos"]):
            if pos != "PUNCT" and lemma not in (None, "_"):
                yield word, lemma, pos


def learn_suffixes(pairs: Iterable[Tuple[str, str, int]], max_len: int, min_count: int) -> Dict[str, List]:
    """Majority edit per suffix; drop suffixes whose edit equals what a shorter kept suffix says."""
    counts: Dict[str, Counter] = defaultdict(Counter)
    for form, lemma, weight in pairs:
        edit = edit_of(form, lemma)
        shaped = shape(form)
        for size in range(1, min(max_len, len(shaped)) + 1):
            counts[shaped[-size:]][edit] += weight
    best: Dict[str, Tuple[int, str]] = {}
    for suffix, counter in counts.items():
        edit, count = counter.most_common(1)[0]
        if count >= min_count:
            best[suffix] = edit
    kept: Dict[str, List] = {}
    for suffix in sorted(best, key=len):
        parent = next((suffix[-k:] for k in range(len(suffix) - 1, 0, -1) if suffix[-k:] in kept), None)
        if parent is None or tuple(kept[parent]) != best[suffix]:
            kept[suffix] = list(best[suffix])
    return kept


def extension(form: str, gold: str, common: int) -> Optional[Tuple[int, str]]:
    """(chars of the form after position `common` the gold lemma keeps, what it appends), or None."""
    if not gold.startswith(form[:common]):
        return None
    rest, target = form[common:], gold[common:]
    keep = 0
    while keep < min(len(rest), len(target)) and rest[keep] == target[keep]:
        keep += 1
    append = target[keep:]
    return (keep, append) if len(append) <= 1 else None


def consistent(counter: Counter, min_count: int, min_share: float) -> Optional[str]:
    lemma, count = counter.most_common(1)[0]
    if count >= min_count and count / sum(counter.values()) >= min_share:
        return lemma
    return None


def learn(table: Dict[str, str], train: List[Tuple[str, str, str]], *, max_suffix: int = 6,
          suffix_min_count: int = 2, treebank_weight: int = 5, min_count: int = 2,
          min_share: float = 0.75, extend_min_count: int = 5, extend_min_share: float = 0.4,
          remap_lengths: Tuple[int, ...] = (1, 2, 3), extend_lengths: Tuple[int, ...] = (2, 3, 4),
          use_extends: bool = True, use_remaps: bool = False, use_overrides: bool = True,
          override_nested: bool = False, override_shorter: bool = True, use_shrinks: bool = False, shrink_min_count: int = 3,
          shrink_min_share: float = 0.75, shrink_lengths: Tuple[int, ...] = (3, 4, 5, 6),
          suffixes: Optional[Dict[str, List]] = None, folded_table: Optional[Dict[str, str]] = None) -> Dict:
    if folded_table is None:
        folded_table = {lower(form): lemma for form, lemma in table.items()}
    examples = [(lower(word), lower(lemma), pos, lemma) for word, lemma, pos in train]
    if suffixes is None:
        unknown = [(f, g, treebank_weight) for f, g, _, _ in examples
                   if f not in folded_table and not any(ch in "'’" for ch in f)]
        suffixes = learn_suffixes(
            [(f, l, 1) for f, l in folded_table.items()] + unknown, max_suffix, suffix_min_count)
    rules: Dict = {"suffixes": suffixes, "extends": {}, "shrinks": {}, "remaps": {}, "overrides": {}}
    compact = LemmaTable.from_mapping(folded_table)
    base = TurkishLemmatizer(compact, LemmaRules(rules))

    def chain_lemma(f: str) -> Tuple[str, int]:
        lemma, _ = base.lemma(f)
        return lemma, len(f) - edit_of(f, lemma)[0]

    if use_extends:  # generic: which characters after a table lemma belong to the lemma
        # Counted over distinct (form, lemma) types: one frequent word (`olarak`) must not decide
        # what every form with its ending gets.
        extend_counts: Dict[str, Counter] = defaultdict(Counter)
        for f, g in sorted({(f, g) for f, g, _, _ in examples}):
            lemma, common = chain_lemma(f)
            if common != len(lemma):
                continue
            rest = harmonise(f[common:]) + "$"
            for size in extend_lengths:
                if size <= len(rest):
                    extend_counts[rest[:size]][extension(f, g, common)] += 1
        extends = {}
        for cont, counter in extend_counts.items():
            total = sum(counter.values())
            action, count = max(((a, c) for a, c in counter.items() if a not in (None, (0, ""))),
                                key=lambda item: item[1], default=(None, 0))
            if action is not None and count >= extend_min_count and count / total >= extend_min_share:
                extends[cont] = list(action)
        rules["extends"] = extends
        base = TurkishLemmatizer(compact, LemmaRules(rules))

    if use_shrinks:  # generic: lemma endings the treebank cuts off (ordinals, distributives)
        shrink_counts: Dict[str, Counter] = defaultdict(Counter)
        for f, g in sorted({(f, g) for f, g, _, _ in examples}):
            lemma, _ = base.lemma(f)
            cut, append = edit_of(lemma, g)
            action = (cut, append) if cut > len(append) and cut <= 5 and len(append) <= 1 else None
            if g == lemma:
                action = (0, "")
            end = "^" + harmonise(lemma) + "$" if len(lemma) < 8 else harmonise(lemma[-7:]) + "$"
            for size in shrink_lengths:
                if size <= len(end):
                    shrink_counts[end[-size:]][action] += 1
        shrinks = {}
        for end, counter in shrink_counts.items():
            total = sum(counter.values())
            action, count = max(((a, c) for a, c in counter.items() if a not in (None, (0, ""))),
                                key=lambda item: item[1], default=(None, 0))
            if action is not None and count >= shrink_min_count and count / total >= shrink_min_share:
                shrinks[end] = list(action)
        rules["shrinks"] = shrinks
        base = TurkishLemmatizer(compact, LemmaRules(rules))

    if use_remaps:  # specific: this table lemma, followed by these characters, is really that lemma
        remap_counts: Dict[str, Counter] = defaultdict(Counter)
        for f, g, _, _ in examples:
            lemma, common = chain_lemma(f)
            for size in remap_lengths:
                if common + size <= len(f):
                    remap_counts[f"{lemma}|{f[common:common + size]}"][g] += 1
        remaps = {}
        for key, counter in remap_counts.items():
            target = consistent(counter, min_count, min_share)
            lemma, cont = key.split("|", 1)
            now = base.rules.remap(lemma + cont, lemma)  # what the extensions already give
            if target is not None and target != now:
                remaps[key] = target
        rules["remaps"] = remaps
        base = TurkishLemmatizer(compact, LemmaRules(rules))

    if use_overrides:
        form_counts: Dict[str, Counter] = defaultdict(Counter)
        for f, g, _, _ in examples:
            form_counts[f][g] += 1
        overrides = {}
        for f, counter in form_counts.items():
            target = consistent(counter, min_count, min_share)
            now = base.lemma(f)[0]
            if target is None or now == target:
                continue
            if not override_nested and target.startswith(now):
                continue  # the treebank keeps a derivation the table strips: IMST and BOUN disagree
            if not override_shorter and now.startswith(target):
                continue
            overrides[f] = target
        rules["overrides"] = overrides

    proper_counts: Dict[str, Counter] = defaultdict(Counter)
    for f, g, pos, raw in examples:
        proper_counts[g][pos == "PROPN" and raw[:1].isupper()] += 1
    rules["proper"] = sorted(g for g, c in proper_counts.items() if consistent(c, min_count, min_share) is True)
    return rules


def main(
    train: Path = typer.Argument(..., exists=True, help="convert_ud.py JSONL of the treebank to learn from"),
    output: Path = typer.Argument(..., help="rules JSON for trnews_lemmatizer's initialize"),
    max_suffix: int = typer.Option(6, help="longest suffix a back-off rule looks at"),
    suffix_min_count: int = typer.Option(2, help="evidence a suffix rule needs"),
    treebank_weight: int = typer.Option(5, help="weight of a treebank token the table lacks, vs one table entry"),
    min_count: int = typer.Option(2, help="treebank tokens a remap/override needs"),
    min_share: float = typer.Option(0.75, help="share of those tokens that must agree"),
    extend_min_count: int = typer.Option(5, help="distinct treebank forms an extension needs"),
    extend_min_share: float = typer.Option(0.4, help="share of those forms that must support it (the table over-strips)"),
    use_extends: bool = typer.Option(True),
    use_remaps: bool = typer.Option(False, help="lemma-specific remaps: +IMST dev, -BOUN dev (IMST conventions)"),
    use_overrides: bool = typer.Option(True, help="single-form overrides where the treebank names another word"),
    use_shrinks: bool = typer.Option(False, help="generic lemma-end cuts: +IMST dev, -BOUN dev"),
    override_shorter: bool = typer.Option(True, help="override where the treebank lemma is a shorter stem of the table's (alınıyor: alın -> al)"),
    override_nested: bool = typer.Option(False, help="also override where one lemma is a derivation of the other: +IMST, -BOUN (IMST conventions such as olarak)"),
) -> None:
    rows = list(surface_tokens(train))
    rules = learn(load_lookup_table(), rows, max_suffix=max_suffix, suffix_min_count=suffix_min_count,
                  treebank_weight=treebank_weight, min_count=min_count, min_share=min_share,
                  extend_min_count=extend_min_count, extend_min_share=extend_min_share,
                  use_extends=use_extends, use_remaps=use_remaps, use_overrides=use_overrides,
                  override_nested=override_nested, override_shorter=override_shorter,
                  use_shrinks=use_shrinks)
    rules["meta"] = {"source": str(train), "tokens": len(rows), "licence": LICENCE_NOTE,
                     "params": {"max_suffix": max_suffix, "suffix_min_count": suffix_min_count,
                                "treebank_weight": treebank_weight, "min_count": min_count,
                                "min_share": min_share, "extend_min_count": extend_min_count,
                                "extend_min_share": extend_min_share, "use_extends": use_extends,
                                "use_remaps": use_remaps, "override_nested": override_nested,
                                "override_shorter": override_shorter,
                                "use_shrinks": use_shrinks,
                                "use_overrides": use_overrides}}
    output.parent.mkdir(parents=True, exist_ok=True)
    srsly.write_json(output, rules)
    typer.echo(f"{output}: {len(rules['suffixes'])} suffix rules, {len(rules['extends'])} extensions, "
               f"{len(rules['shrinks'])} shrinks, {len(rules['remaps'])} remaps, "
               f"{len(rules['overrides'])} overrides, {len(rules['proper'])} proper lemmas")


if __name__ == "__main__":
    typer.run(main)
