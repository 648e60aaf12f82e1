"""Remake the two derived name lists in feedback/insight/data from their sources.

    given_name_words.txt   given names that are also lower-case English words ("jack")
    given_names_more.txt   more given names, from many countries, read when capitalised
    surnames_more.txt      more surnames, from the same countries

Neither source is a dependency of the service, so this runs by hand when a list changes:

    apt-get install wbritish wbritish-large
    pip download faker==40.63.0 --no-deps -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker
    .venv/bin/python scripts/make-name-lists.py /tmp/faker

The hand-written lines at the end of given_name_words.txt (after its last comment) are kept.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "feedback" / "insight" / "data"
DICT = Path("/usr/share/dict")

# Faker's person providers for the languages and countries of the UK's communities.
LOCALES = [
    "en_GB",
    "en_IE",
    "ga_IE",
    "en_IN",
    "hi_IN",
    "bn_BD",
    "en_PK",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "lv_LV",
    "bg_BG",
    "pt_PT",
    "pt_BR",
    "it_IT",
    "es_ES",
    "fr_FR",
    "de_DE",
    "tr_TR",
    "hu_HU",
    "sk_SK",
    "cs_CZ",
    "en_NG",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "tw_GH",
    "en_KE",
    "sw",
    "zu_ZA",
    "en_NZ",
    "en_US",
]
FIRST_NAMES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
LAST_NAMES = ("last_names", "last_names_male", "last_names_female")
NAME = re.compile(r"[^\W\d_]+(-[^\W\d_]+)?")

WORDS_HEADER = """\
# Given names that are also English words in lower case ("jack", "carol", "victor").
# A given name in lower case is read as a name on its own ("thanks sarah"), unless it is on
# this list, which then needs context (a role, a thank-you, "ask for"...).
# Made from the given-name list and the lower-case words of Debian's wbritish word list
# (SCOWL, copyright Kevin Atkinson, free to use), minus the common words already listed:
# remake it with scripts/make-name-lists.py when either list changes.
"""
MORE_HEADER = """\
# More given names, from many countries, read as a name only when capitalised: in lower case
# too many of them are slips of the keyboard ("benn", "S ide note"). Made with
# scripts/make-name-lists.py from the first-name lists of Faker's person providers (MIT
# licence) for the languages and countries of the UK's communities, minus the names in
# given_names.txt and name_lookalikes.txt, the common words, the keep terms, names under
# three letters and every lower-case word of Debian's wbritish-large word list (SCOWL,
# Kevin Atkinson). See feedback/insight/EVALUATION.md.
"""
SURNAMES_HEADER = """\
# More surnames, read as surnames.txt is. Made with scripts/make-name-lists.py from the
# last-name lists of the same Faker person providers, minus the surnames and given names
# already listed, the look-alikes, the common words, the keep terms, names under three
# letters and every lower-case word of Debian's wbritish-large word list.
"""


def lower_words(name: str) -> set[str]:
    lines = (DICT / name).read_text(encoding="utf-8").splitlines()
    return {w.strip() for w in lines if w.strip().islower()}


def faker_names(faker_dir: Path, lists: tuple[str, ...]) -> set[str]:
    """The names on Faker's `lists` for every locale, in lower case and typed plainly."""
    from feedback.insight.redaction.tokens import plain

    sys.path.insert(0, str(faker_dir))
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in lists:
            for name in getattr(provider, attr, None) or ():
                if NAME.fullmatch(name) and name[0].isupper():
                    names.add(name.lower())
                    names.add(plain(name.lower()))  # "Radoslaw" for "Radosław"
    return names


def hand_lines(path: Path) -> str:
    """The lines after the file's last comment block that follows the generated words."""
    text = path.read_text(encoding="utf-8")
    start = text.rfind("\n# ", len(WORDS_HEADER))
    return text[start + 1 :] if start != -1 else ""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    sys.path.insert(0, str(ROOT))
    from feedback.insight.redaction.tokens import plain
    from feedback.insight.redaction.words import read_list, word_lists

    lists = word_lists()
    given_files = ("given_names.txt", "short_forms.txt", "given_names_communities.txt")
    given = {w.lower() for name in given_files for w in read_list(name)}
    surnames = {w.lower() for w in read_list("surnames.txt")}
    small, large = lower_words("british-english"), lower_words("british-english-large")
    words_path = DATA / "given_name_words.txt"
    words = sorted(w for w in given if w in small and w not in lists.common_words)
    words_path.write_text(
        WORDS_HEADER + "\n".join(words) + "\n" + hand_lines(words_path), encoding="utf-8"
    )

    def new(names: set[str], known: set[str]) -> list[str]:
        return sorted(
            n
            for n in names
            if n not in known
            and n not in lists.person_first
            and n not in lists.word_first
            and n not in large
            and n not in lists.common_words
            # the redactor reads "şide" as "side": a name typed plainly must be no word either
            and plain(n) not in large
            and plain(n) not in lists.common_words
            and n not in lists.keep_terms
            and len(n) > 2
        )

    faker = Path(argv[0])
    more = new(faker_names(faker, FIRST_NAMES), given)
    more_surnames = new(faker_names(faker, LAST_NAMES), surnames | given | set(more))
    for name, header, lines in (
        ("given_names_more.txt", MORE_HEADER, more),
        ("surnames_more.txt", SURNAMES_HEADER, more_surnames),
    ):
        (DATA / name).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} given names that are words; {len(more)} more given names;")
    print(f"{len(more_surnames)} more surnames")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
