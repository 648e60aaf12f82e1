"""Names that look like personal data but must stay: places, organisations, public figures.

The packaged terms live in feedback/insight/data/keep_terms.txt and public_figures.txt. A
council adds its own (a local advocacy service, a day centre) in a file read by
`load_keep_terms`, checked once at start-up, and passes the terms to `Redactor(keep=...)`.

Keep terms only stop the name rules: a phone number or postcode inside a kept phrase is
still removed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .identifiers import find_structured
from .words import word_lists

MAX_TERM_LENGTH = 100
NON_WORD = re.compile(r"[^A-Za-z]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class KeepTermsError(ValueError):
    """The keep-terms file is not valid; the message names the file and the line."""


def check_term(term: str) -> str | None:
    """Why `term` cannot be a keep term, or None when it can."""
    if CONTROL.search(term):
        return "contains a control character"
    if len(term) > MAX_TERM_LENGTH:
        return f"is longer than {MAX_TERM_LENGTH} characters"
    if sum(c.isalpha() for c in term) < 2:
        return "needs at least two letters"
    if term.startswith("[") or "=" in term:
        return "looks like TOML; give the file a .toml name, or write one term per line"
    found = find_structured(term)
    if found:
        return f"looks like personal data ({found[0].kind}), which is always removed"
    lower = term.lower()
    if not NON_WORD.search(term) and word_lists().is_name_word(lower):
        return (
            "is a given name on its own, so everyone called that would be left in; "
            f"write the whole name of the place or organisation (for example '{term} Centre')"
        )
    return None


def load_keep_terms(path: str | Path) -> frozenset[str]:
    """Read a council's keep terms: a .toml file of string lists, or plain text, one a line.

    Plain text: blank lines and lines starting with '#' are skipped. TOML: every key holds a
    list of strings, at the top level or in one level of tables, for example
    `organisations = ["Cloverleaf Advocacy"]`. Raises KeepTermsError (a ValueError) naming
    the file and the line of the first problem.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise KeepTermsError(f"{path}: cannot be read: {error.strerror or error}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise KeepTermsError(f"{path}: line {line}: is not UTF-8 text") from error
    pairs = _toml_terms(path, text) if path.suffix.lower() == ".toml" else _text_terms(text)
    terms = []
    for line, term in pairs:
        reason = check_term(term)
        if reason:
            where = f"line {line}" if line else "an entry"
            raise KeepTermsError(f"{path}: {where}: {term!r} {reason}")
        terms.append(term)
    return frozenset(terms)


def _text_terms(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        term = " ".join(line.split())
        if term and not term.startswith("#"):
            yield number, term


def _toml_terms(path: Path, text: str) -> list[tuple[int | None, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends "(at line 3, column 7)" or "(at end of document)".
        last = f"at line {text.count(chr(10)) + 1}, the end of the file"
        message = str(error).replace("at end of document", last)
        raise KeepTermsError(f"{path}: not valid TOML: {message}") from error
    found: list[tuple[int | None, str]] = []
    for key, value in data.items():
        tables = value.items() if isinstance(value, dict) else [(None, value)]
        for inner, terms in tables:
            name = f"{key}.{inner}" if inner else key
            line = _line_of(text, inner or key)
            if not isinstance(terms, list):
                raise KeepTermsError(
                    f"{path}: line {line}: '{name}' must be a list of names, "
                    'like organisations = ["Cloverleaf Advocacy"]'
                )
            for term in terms:
                if not isinstance(term, str):
                    raise KeepTermsError(
                        f"{path}: line {line}: '{name}' holds {term!r}; every entry must be "
                        "a quoted name"
                    )
                found.append((_line_of(text, term) or line, " ".join(term.split())))
    return found


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


class KeepList:
    """Compiled once per set of terms: phrases matched as a whole, and single words."""

    def __init__(self, terms: Iterable[str]) -> None:
        terms = {" ".join(t.split()) for t in terms if t.strip()}
        pattern = _alternation([t for t in terms if NON_WORD.search(t)])
        self.words = frozenset(t.lower() for t in terms if not NON_WORD.search(t))
        self.phrases = (
            re.compile(rf"(?<![\w'’])(?:{pattern})(?![\w])", re.IGNORECASE) if pattern else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.phrases is None:
            return []
        return [(m.start(), m.end()) for m in self.phrases.finditer(text)]


def _alternation(phrases: list[str]) -> str:
    """One regular expression for many phrases, sharing their beginnings ("Age UK", "Age UK
    Rotherham", "Age Concern"), so matching costs about one phrase, not hundreds. Where one
    phrase begins another, the longer is tried first."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(trie)


def _branch(node: dict[str, dict]) -> str:
    branches = [
        (r"\s{1,3}" if char == " " else re.escape(char)) + _branch(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
