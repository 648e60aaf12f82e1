"""Tag a comment with the themes it talks about, from an editable taxonomy.

The taxonomy lives in themes.toml next to this module (or any file passed to
load_taxonomy): each theme has a slug, a name, a description, the CQC quality statements
and Making it Real themes it evidences, and terms. A term is a word or phrase matched as
whole words, case-insensitively; "kind*" matches any word starting "kind", "a|b" matches
either word, a plain word also matches its plural, and a term written in capitals
("OT", "DFG") matches only in capitals.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_TAXONOMY = Path(__file__).with_name("themes.toml")

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TERM_WORD = re.compile(r"[A-Za-z0-9'’-]+\*?")


class TaxonomyError(ValueError):
    """The theme file is not valid; the message names the file and the bad entry."""


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    cqc: tuple[str, ...]
    making_it_real: tuple[str, ...]
    terms: tuple[str, ...]
    pattern: re.Pattern[str]
    capitals: re.Pattern[str] | None


@dataclass(frozen=True)
class Taxonomy:
    version: str
    themes: tuple[Theme, ...]
    cqc: tuple[str, ...]
    making_it_real: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ThemeMatch:
    slug: str
    name: str
    terms: tuple[str, ...]


def _word_pattern(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"[\w'’-]{0,30}"
    plural = "" if word.endswith("s") or not word[-1].isalpha() else "(?:s|es)?"
    return re.escape(word).replace("'", "['’]") + plural


def term_pattern(term: str) -> str:
    """The regular expression for one term of the theme file."""
    words = []
    for token in term.split():
        options = token.split("|")
        words.append("(?:" + "|".join(_word_pattern(o) for o in options) + ")")
    return r"[\s-]{1,3}".join(words)


def _whole_words(patterns: list[str]) -> str:
    # "\b" first: the engine passes over the inside of a word at once.
    return r"\b(?<![\w'’])(?:" + "|".join(patterns) + r")(?![\w'’])"


def _is_capitals(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _strings(value: object, where: str, field: str, *, allowed: tuple[str, ...] = ()) -> tuple:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(f"{where}: '{field}' must be a non-empty list of strings")
    for v in value:
        if allowed and v not in allowed:
            raise TaxonomyError(
                f"{where}: '{field}' has {v!r}, which is not one of the [frameworks] {field} "
                f"entries: {', '.join(allowed)}"
            )
    return tuple(value)


def _theme(raw: object, index: int, source: str, frameworks: dict, seen: set[str]) -> Theme:
    where = f"{source}: theme {index}"
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where} is not a table")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise TaxonomyError(f"{where}: 'slug' must be lower-case words joined by hyphens")
    where = f"{source}: theme {index} ({slug!r})"
    if slug in seen:
        raise TaxonomyError(f"{where}: slug is used twice")
    seen.add(slug)
    unknown = set(raw) - {"slug", "name", "description", "cqc", "making_it_real", "terms"}
    if unknown:
        raise TaxonomyError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for field in ("name", "description"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise TaxonomyError(f"{where}: '{field}' must be a non-empty string")
    cqc = _strings(raw.get("cqc"), where, "cqc", allowed=frameworks["cqc"])
    mir = _strings(
        raw.get("making_it_real"), where, "making_it_real", allowed=frameworks["making_it_real"]
    )
    terms = _strings(raw.get("terms"), where, "terms")
    for term in terms:
        tokens = term.split()
        if not tokens or not all(
            all(TERM_WORD.fullmatch(option) for option in token.split("|")) for token in tokens
        ):
            raise TaxonomyError(
                f"{where}: term {term!r} may only hold words, '|' between alternatives "
                "and '*' at the end of a word"
            )
    # Plain terms are matched in lower case against the comment in lower case, which is
    # faster than matching while ignoring case.
    plain = [term_pattern(t.lower()) for t in terms if not _is_capitals(t)]
    capitals = [term_pattern(t) for t in terms if _is_capitals(t)]
    return Theme(
        slug=slug,
        name=raw["name"].strip(),
        description=raw["description"].strip(),
        cqc=cqc,
        making_it_real=mir,
        terms=terms,
        pattern=re.compile(_whole_words(plain) if plain else r"(?!)"),
        capitals=re.compile(_whole_words(capitals)) if capitals else None,
    )


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and check a theme file; the packaged themes.toml when `path` is None."""
    if path is None:
        return _default_taxonomy()
    return _load(Path(path))


@cache
def _default_taxonomy() -> Taxonomy:
    return _load(DEFAULT_TAXONOMY)


def _load(path: Path) -> Taxonomy:
    source = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TaxonomyError(f"{source}: not valid TOML: {error}") from error
    except OSError as error:
        raise TaxonomyError(f"{source}: cannot be read: {error}") from error
    frameworks = data.get("frameworks")
    if not isinstance(frameworks, dict):
        raise TaxonomyError(f"{source}: a [frameworks] table with 'cqc' and 'making_it_real'")
    checked = {
        field: _strings(frameworks.get(field), f"{source}: [frameworks]", field)
        for field in ("cqc", "making_it_real")
    }
    raw_themes = data.get("theme")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise TaxonomyError(f"{source}: no [[theme]] entries")
    seen: set[str] = set()
    themes = tuple(
        _theme(raw, i, source, checked, seen) for i, raw in enumerate(raw_themes, start=1)
    )
    return Taxonomy(
        version=str(data.get("version", "")),
        themes=themes,
        cqc=checked["cqc"],
        making_it_real=checked["making_it_real"],
        source=str(path),
    )


def tag_themes(text: str, taxonomy: Taxonomy | None = None) -> tuple[ThemeMatch, ...]:
    """The themes `text` mentions, in taxonomy order, each with the words that matched."""
    taxonomy = taxonomy or load_taxonomy()
    matches = []
    lower = text.lower()
    for theme in taxonomy.themes:
        found = [m.group() for m in theme.pattern.finditer(lower)]
        if theme.capitals:
            found += [m.group() for m in theme.capitals.finditer(text)]
        if found:
            terms = tuple(dict.fromkeys(f.lower() for f in found))
            matches.append(ThemeMatch(theme.slug, theme.name, terms))
    return tuple(matches)
