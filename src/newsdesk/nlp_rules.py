"""Faster drop-ins for two rule components of the spaCy model: the same annotations.

``load_model`` swaps them in. Their costs on news (300 generated articles, CPU s, the whole
model pass ~5.9 s): the ``attribute_ruler`` 0.75 -> 0.17, the ``lemmatizer`` 0.18 -> ~0.05.
tests/test_nlp_rules.py checks every token's attributes against the package's components.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def speed_up_rules(nlp: Language) -> list[str]:
    """Swap in ``AttributeRules`` and ``CachedLemmatizer``; the names of the swapped pipes."""
    swapped = []
    for name, wrapper in (("attribute_ruler", AttributeRules), ("lemmatizer", CachedLemmatizer)):
        names = [n for n, _ in nlp._components]
        if name not in names:
            continue
        position = names.index(name)
        component = nlp._components[position][1]
        if isinstance(component, wrapper):
            continue
        try:
            faster = wrapper(component)
        except ValueError:  # a rule or mode these cannot reproduce: keep spaCy's own
            continue
        nlp._components[position] = (name, faster)
        swapped.append(name)
    return swapped


class AttributeRules:
    """spaCy's ``AttributeRuler`` with its rules tested per distinct token, not matched per token.

    The sm model's ruler holds 179 rules (the tag map: TAG -> POS + MORPH, and word
    exceptions: LOWER + TAG -> LEMMA, MORPH ...). spaCy runs them through its ``Matcher``,
    whose IN / NOT_IN / REGEX tests are Python calls on every token: 12% of the model's CPU
    time on news (0.75 of 5.9 s for 300 articles), more than its tagger and lemmatizer
    together. A rule here only ever tests a token's TAG, LOWER, DEP and IS_SPACE, so the rules
    that hold for a token are worked out once per distinct (tag, word, dependency, space)
    and looked up after that; the two-token rules ("gon na", "let 's") are then checked at the
    few places where their first token holds. Every token gets the matched rules' attributes
    in the ruler's own order (by rule index, later rules win), and matching reads the
    annotations from before any rule applied, as ``AttributeRuler`` does.
    tests/test_nlp_rules.py checks every token attribute against the plain ruler.
    """

    FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
    # Attributes written as arrays (``Doc.from_array``); any other goes token by token.
    ARRAY_ATTRS = ("POS", "MORPH", "LEMMA")
    # Distinct (tag, word, dependency, space) remembered before the cache starts again.
    CACHE_SIZE = 200_000

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS

        self.ruler = ruler
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.columns = [IDS[a] for a in self.ARRAY_ATTRS]
        self.fields = [IDS[f] for f in self.FIELDS]
        # (tag, lower) -> rules, for one-token rules that test TAG and/or LOWER for equality.
        self.lookup: dict[tuple[str | None, str | None], list[int]] = {}
        # Every other rule: (rule index, its patterns, each a list of per-token tests).
        self.tested: list[tuple[int, list[list[_TokenTest]]]] = []
        for index, rule in enumerate(ruler.patterns):
            patterns = rule["patterns"]
            if all(_equality_only(pattern) for pattern in patterns):
                for (token,) in patterns:
                    key = (token.get("TAG"), token.get("LOWER"))
                    self.lookup.setdefault(key, []).append(index)
            else:
                tests = [[_TokenTest(token, self.FIELDS) for token in p] for p in patterns]
                self.tested.append((index, tests))
        self._tested_by_index = dict(self.tested)
        # Token field hashes -> (one-token rules that hold, sorted; (rule, pattern, slot)
        # of the longer rules that hold).
        self._cache: dict[tuple[int, ...], tuple[tuple[int, ...], frozenset[Any]]] = {}
        # Matched rule indices -> what they write (``_plan``).
        self._plans: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], dict[int, int]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _rules_for(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], frozenset[Any]]:
        found = self._cache.get(key)
        if found is not None:
            return found
        strings = self.vocab.strings
        tag, lower, dep = (strings[h] for h in key[:3])
        values = (tag, lower, dep, bool(key[3]))
        lookup = self.lookup
        single = {
            *lookup.get((tag, None), ()),
            *lookup.get((None, lower), ()),
            *lookup.get((tag, lower), ()),
        }
        slots = set()
        for index, patterns in self.tested:
            for number, tests in enumerate(patterns):
                for slot, test in enumerate(tests):
                    if test(values):
                        if len(tests) == 1:
                            single.add(index)
                        else:
                            slots.add((index, number, slot))
        found = (tuple(sorted(single)), frozenset(slots))
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = found
        return found

    def _plan(self, rules: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], dict[int, int]]:
        """The matched rules' attributes merged in order (later rules win): the (column,
        value) pairs of the arrays, and the other attributes."""
        plan = self._plans.get(rules)
        if plan is None:
            merged: dict[int, int] = {}
            for index in rules:
                merged.update(self.attrs[index])
            columns = self.columns
            updates = tuple((columns.index(a), v) for a, v in merged.items() if a in columns)
            plan = (updates, {a: v for a, v in merged.items() if a not in columns})
            self._plans[rules] = plan
        return plan

    def set_annotations(self, doc: Doc) -> None:
        import numpy as np
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return
        found = [self._rules_for(tuple(key)) for key in doc.to_array(self.fields).tolist()]
        rules = [single for single, _ in found]
        for start, (_, slots) in enumerate(found):
            for index, number, slot in slots:
                if slot != 0:
                    continue
                width = len(self._tested_by_index[index][number])
                if start + width <= len(found) and all(
                    (index, number, j) in found[start + j][1] for j in range(1, width)
                ):
                    at = range(start, start + width)[self.indices[index]]
                    rules[at] = tuple(sorted({*rules[at], index}))
        columns = self.columns
        values: list[list[int]] = doc.to_array(columns).tolist()
        others: list[tuple[int, dict[int, int]]] = []
        for i, matched in enumerate(rules):
            if matched:
                updates, other = self._plan(matched)
                row = values[i]
                for column, value in updates:
                    row[column] = value
                if other:
                    others.append((i, other))
        array: Any = np.array(values, dtype=np.uint64)
        doc.from_array(columns, array)
        for i, attrs in others:
            set_token_attrs(doc[i], attrs)


def _equality_only(pattern: list[dict[str, Any]]) -> bool:
    """One token, tested for an equal TAG and/or LOWER only."""
    return (
        len(pattern) == 1
        and bool(pattern[0])
        and set(pattern[0]) <= {"TAG", "LOWER"}
        and all(isinstance(v, str) for v in pattern[0].values())
    )


class _TokenTest:
    """A Matcher token pattern as a test of (tag, lower, dep, is_space) values: equal, IN,
    NOT_IN or REGEX, as spaCy's Matcher tests them (REGEX with ``re.search``)."""

    def __init__(self, spec: dict[str, Any], fields: tuple[str, ...]) -> None:
        self.checks: list[tuple[int, str, Any]] = []
        for name, wanted in spec.items():
            if name not in fields:
                raise ValueError(f"attribute rule tests {name}, not one of {fields}")
            at = fields.index(name)
            if not isinstance(wanted, dict):
                self.checks.append((at, "==", wanted))
                continue
            ((op, arg),) = wanted.items()
            if op in ("IN", "NOT_IN"):
                self.checks.append((at, op, frozenset(arg)))
            elif op == "REGEX":
                self.checks.append((at, op, re.compile(arg)))
            else:
                raise ValueError(f"attribute rule operator {op} is not supported")

    def __call__(self, values: tuple[Any, ...]) -> bool:
        for at, op, arg in self.checks:
            value = values[at]
            if op == "==":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            else:
                ok = arg.search(value) is not None
            if not ok:
                return False
        return True


class CachedLemmatizer:
    """spaCy's rule lemmatizer with its result remembered per (word, POS, morphology).

    ``Lemmatizer.rule_lemmatize`` depends on the token's text, POS and morphology only, and
    caches what it computes, but ``__call__`` still sets every lemma through a Python
    ``Token`` and leaves uncached the words it returns early (base forms, proper nouns),
    most of news. Here each distinct (word, POS, morphology) is lemmatized once by spaCy's
    own code and the lemmas are written as one array.
    """

    CACHE_SIZE = 200_000

    def __init__(self, lemmatizer: Any) -> None:
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
            raise ValueError("only a rule lemmatizer that keeps existing lemmas is cached")
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:  # the first doc: spaCy checks its tables
            return lemmatizer(doc)
        if not len(doc):
            return doc
        lemmas = self._lemmas
        strings = self.vocab.strings
        out = []
        for i, (orth, pos, morph, lemma) in enumerate(
            doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        ):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = lemmas.get(key)
                if lemma is None:
                    lemma = strings.add(lemmatizer.lemmatize(doc[i])[0])
                    if len(lemmas) >= self.CACHE_SIZE:
                        lemmas.clear()
                    lemmas[key] = lemma
            out.append(lemma)
        array: Any = np.array(out, dtype=np.uint64)
        doc.from_array([LEMMA], array)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
