"""Read the concept file (concepts.toml) into lookup tables, once.

A *group* is a list of entries: a word ("hit"), a word start ("slap*" matches slapped,
slapping), a phrase ("bank card*"), "_" for any one word inside a phrase, or "@other" to
include another group. A *concept* is a list of parts, each a group ("@who") or literal
entries ("on the floor|onto the floor"), found in that order (or any order) within one
sentence with at most `gap` words between neighbouring parts.

Every word of a comment is looked up once in a table keyed by the word, so the work per
comment grows with its length, not with the number of concepts.
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONCEPT_FILE = Path(__file__).with_name("concepts.toml")
GIVEN_NAMES = Path(__file__).parent.parent / "data" / "given_names.txt"

TIERS = ("alert", "review")
# Groups the matcher itself relies on (see matcher.py).
SPECIAL_GROUPS = (
    "negator", "negator_near", "not_negating", "figure", "past", "resolved", "settled", "ongoing",
)  # fmt: skip
SEEN_LIMIT = 20_000  # words remembered per trie node before it starts afresh
NAME = "NAME"  # built in: a capitalised given name, or a title and a capitalised word


class ConceptError(ValueError):
    """The concept file is not valid; the message names the bad entry."""


@dataclass(frozen=True)
class Concept:
    id: str
    categories: tuple[str, ...]  # the first is the main one
    tier: str
    orders: tuple[tuple[str, ...], ...]  # the parts, in each order allowed
    gap: int
    needs: tuple[str, ...]  # each must be somewhere in the sentence
    unless: tuple[str, ...]  # none may be anywhere in the sentence
    unless_before: tuple[str, ...]  # none in the `near` words before the match
    unless_after: tuple[str, ...]  # none in the `near` words after it
    near: int  # words before the match that unless_before looks at
    near_after: int  # words after it that unless_after looks at
    negatable: bool
    downgrade_past: bool
    required: frozenset[str]  # the parts and needs: all must be in the sentence


class Node:
    """A trie of entries, one word per level; `keys` are the groups an entry ending here
    belongs to."""

    __slots__ = ("exact", "prefixes", "wild", "keys", "_seen")

    def __init__(self) -> None:
        self.exact: dict[str, Node] = {}
        self.prefixes: dict[str, Node] = {}
        self.wild: Node | None = None
        self.keys: tuple[str, ...] = ()
        self._seen: dict[str, tuple[Node, ...]] = {}  # children(word), remembered

    def add(self, words: list[str], keys: set[str]) -> None:
        node = self
        for word in words:
            if word == "_":
                node.wild = node.wild or Node()
                node = node.wild
            elif word.endswith("*"):
                node = node.prefixes.setdefault(word[:-1], Node())
            else:
                node = node.exact.setdefault(word, Node())
        node.keys = tuple(sorted(set(node.keys) | keys))  # sorted: the same order every run

    def children(self, word: str) -> tuple[Node, ...]:
        """The nodes `word` leads to. Remembered per word, since a word recurs across
        comments and a node may hold hundreds of word starts to test it against."""
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) >= SEEN_LIMIT:
                self._seen.clear()
            found = self._seen[word] = self._children(word)
        return found

    def _children(self, word: str) -> tuple[Node, ...]:
        found = []
        child = self.exact.get(word)
        if child is not None:
            found.append(child)
        for prefix, node in self.prefixes.items():
            if word.startswith(prefix):
                found.append(node)
        if self.wild is not None:
            found.append(self.wild)
        return tuple(found)


@dataclass(frozen=True)
class Lexicon:
    root: Node
    concepts: tuple[Concept, ...]
    by_key: dict[str, tuple[Concept, ...]]  # a group → concepts whose first part it is
    given_names: frozenset[str]
    name_groups: frozenset[str]  # groups that include @NAME, and NAME itself
    categories: tuple[str, ...]


def _flatten(name: str, groups: dict[str, list[str]], seen: tuple[str, ...] = ()) -> list[str]:
    """Every entry of a group, its included groups' too; "@NAME" is kept as a marker."""
    if name in seen:
        raise ConceptError(f"group @{name} includes itself: {' > '.join(seen + (name,))}")
    if name not in groups:
        raise ConceptError(f"unknown group @{name}")
    found: list[str] = []
    for entry in groups[name]:
        entry = entry.strip()
        if entry == "@" + NAME:
            found.append(entry)
        elif entry.startswith("@"):
            found.extend(_flatten(entry[1:], groups, seen + (name,)))
        elif not entry or entry.startswith(("*", "_")):
            raise ConceptError(f"group @{name} has an entry that cannot start a match: {entry!r}")
        else:
            found.append(" ".join(entry.lower().split()))
    return found


def _key(part: str, groups: dict[str, list[str]], literal: dict[str, list[str]]) -> str:
    """The group key for a concept part: "@who" → "who"; a mix of alternatives
    ("@family|@partner", "on the floor|onto the floor") gets a key of its own."""
    part = part.strip()
    alternatives = [a.strip() for a in part.split("|") if a.strip()]
    for alternative in alternatives:
        name = alternative[1:]
        if alternative.startswith("@") and name not in groups and name != NAME:
            raise ConceptError(f"unknown group {alternative} in {part!r}")
    if len(alternatives) == 1 and part.startswith("@"):
        return part[1:]
    literal["~" + part] = alternatives
    return "~" + part


def _concept(raw: dict, groups: dict, literal: dict, categories: tuple[str, ...]) -> Concept:
    cid = raw.get("id", "?")
    unknown = set(raw) - {
        "id", "category", "tier", "parts", "gap", "any_order", "needs", "unless",
        "unless_before", "unless_after", "near", "near_after", "negatable", "downgrade_past",
        "note",
    }  # fmt: skip
    if unknown:
        raise ConceptError(f"concept {cid}: unknown keys {sorted(unknown)}")
    named = raw.get("category")
    named = (named,) if isinstance(named, str) else tuple(named or ())
    if not named or any(c not in categories for c in named):
        raise ConceptError(f"concept {cid}: category must be one or more of {categories}")
    if raw.get("tier") not in TIERS:
        raise ConceptError(f"concept {cid}: tier must be one of {TIERS}")
    parts = tuple(_key(p, groups, literal) for p in raw.get("parts", ()))
    if not parts:
        raise ConceptError(f"concept {cid}: needs at least one part")
    orders = tuple(itertools.permutations(parts)) if raw.get("any_order") else (parts,)

    def keys(name: str) -> tuple[str, ...]:
        return tuple(_key(p, groups, literal) for p in raw.get(name, ()))

    return Concept(
        id=cid,
        categories=named,
        tier=raw["tier"],
        orders=tuple(dict.fromkeys(orders)),
        gap=int(raw.get("gap", 2)),
        needs=keys("needs"),
        unless=keys("unless"),
        unless_before=keys("unless_before"),
        unless_after=keys("unless_after"),
        near=int(raw.get("near", 3)),
        near_after=int(raw.get("near_after", raw.get("near", 3))),
        negatable=bool(raw.get("negatable", True)),
        downgrade_past=bool(raw.get("downgrade_past", True)),
        required=frozenset(parts) | frozenset(keys("needs")),
    )


def build(data: dict, given_names: frozenset[str]) -> Lexicon:
    """Check the concept data and turn it into lookup tables."""
    groups: dict[str, list[str]] = data.get("groups", {})
    missing = [g for g in SPECIAL_GROUPS if g not in groups]
    if missing:
        raise ConceptError(f"the concept file needs the groups {missing}")
    categories = tuple(data.get("categories", ()))
    literal: dict[str, list[str]] = {}
    concepts = tuple(_concept(c, groups, literal, categories) for c in data.get("concept", ()))
    ids = [c.id for c in concepts]
    if len(set(ids)) != len(ids):
        raise ConceptError(f"concept ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")

    members: dict[str, set[str]] = {}  # an entry → the group keys it belongs to
    for name in groups:
        for entry in _flatten(name, groups):
            members.setdefault(entry, set()).add(name)
    for key, alternatives in literal.items():
        for alternative in alternatives:
            if alternative == "@" + NAME:
                entries = [alternative]
            elif alternative.startswith("@"):
                entries = _flatten(alternative[1:], groups)
            elif alternative.startswith(("*", "_")):
                raise ConceptError(f"part {key[1:]!r} has an entry that cannot start a match")
            else:
                entries = [" ".join(alternative.lower().split())]
            for entry in entries:
                members.setdefault(entry, set()).add(key)
    name_groups = frozenset(members.pop("@" + NAME, ()))

    root = Node()
    for entry, keys in members.items():
        root.add(entry.split(), keys)

    by_key: dict[str, list[Concept]] = {}
    for concept in concepts:
        for first in {order[0] for order in concept.orders}:
            by_key.setdefault(first, []).append(concept)
    return Lexicon(
        root=root,
        concepts=concepts,
        by_key={k: tuple(v) for k, v in by_key.items()},
        given_names=given_names,
        name_groups=name_groups | {NAME},
        categories=categories,
    )


def _given_names() -> frozenset[str]:
    lines = GIVEN_NAMES.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip().lower() for n in lines if n.strip() and not n.startswith("#"))


@cache
def default_lexicon() -> Lexicon:
    data = tomllib.loads(CONCEPT_FILE.read_text(encoding="utf-8"))
    return build(data, _given_names())
