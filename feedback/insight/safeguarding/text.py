"""A comment as sentences of plain lower-case words, the way the concepts expect them.

People write on phones and cards without apostrophes ("dont", "im"), with capitals anywhere
and with everyday misspellings, so every spelling is brought to one form before matching:
"didn't", "didnt" and "did not" all become the words "did not".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? (before a space or the end), a semicolon or a new line;
# "£8.50" and "2.30pm" stay whole.
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|[;\n]+|\s[-–—]\s")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*|£")

# "wont" and "cant" are nearly always "won't" and "can't" in feedback.
NO_APOSTROPHE = {
    "dont": ("do", "not"),
    "didnt": ("did", "not"),
    "doesnt": ("does", "not"),
    "wont": ("will", "not"),
    "cant": ("can", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "hasnt": ("has", "not"),
    "havent": ("have", "not"),
    "hadnt": ("had", "not"),
    "aint": ("is", "not"),
    "mustnt": ("must", "not"),
    "neednt": ("need", "not"),
    "cannot": ("can", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "theyre": ("they", "are"),
    "theyve": ("they", "have"),
    "youre": ("you", "are"),
    "hes": ("he", "is"),
    "shes": ("she", "is"),
    "thats": ("that", "is"),
    "theres": ("there", "is"),
    "whats": ("what", "is"),
}
NT_BASE = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
IS_BEFORE_S = frozenset({"he", "she", "it", "that", "there", "who", "what", "where", "here"})
ENDINGS = {"m": "am", "ve": "have", "ll": "will", "d": "would", "re": "are"}

# Misspellings seen on cards and phones, spelt the way the concepts spell them.
SPELLING = {
    "assulted": "assaulted",
    "asaulted": "assaulted",
    "assalted": "assaulted",
    "bruses": "bruises",
    "bruisses": "bruises",
    "brusing": "bruising",
    "bruized": "bruised",
    "bullys": "bullies",
    "bullyed": "bullied",
    "slaped": "slapped",
    "hited": "hit",
    "kiked": "kicked",
    "puched": "punched",
    "punshed": "punched",
    "shoutted": "shouted",
    "screamt": "screamed",
    "frightend": "frightened",
    "fritened": "frightened",
    "frighted": "frightened",
    "terrifed": "terrified",
    "scard": "scared",
    "scarred": "scared",
    "scaired": "scared",
    "afriad": "afraid",
    "pention": "pension",
    "pentions": "pensions",
    "benifits": "benefits",
    "mony": "money",
    "monies": "money",
    "theif": "thief",
    "theives": "thieves",
    "stollen": "stolen",
    "stoled": "stole",
    "neglegted": "neglected",
    "negleted": "neglected",
    "neglet": "neglect",
    "abbused": "abused",
    "abussed": "abused",
    "abuseing": "abusing",
    "abuzed": "abused",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "sucidal": "suicidal",
    "suicidle": "suicidal",
    "suisidal": "suicidal",
    "tablits": "tablets",
    "medecine": "medicine",
    "medicaton": "medication",
    "medcation": "medication",
    "nieghbour": "neighbour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "naybour": "neighbour",
    "grandaughter": "granddaughter",
    "carors": "carers",
    "carres": "carers",
    "inapropriately": "inappropriately",
    "innapropriately": "inappropriately",
    "inappropiately": "inappropriately",
    "innapropriate": "inappropriate",
    "inapropriate": "inappropriate",
    "pasport": "passport",
    "passprt": "passport",
    "racest": "racist",
    "rasist": "racist",
    "harrased": "harassed",
    "harrassed": "harassed",
    "harrassment": "harassment",
    "threatend": "threatened",
    "thretened": "threatened",
    "threatning": "threatening",
    "humiliaited": "humiliated",
    "overdoze": "overdose",
    "paracetemol": "paracetamol",
    "paracetomol": "paracetamol",
    "agressive": "aggressive",
    "agression": "aggression",
    "aggresive": "aggressive",
    "vunerable": "vulnerable",
    "vulnrable": "vulnerable",
    "hungary": "hungry",
    "cloths": "clothes",
    "urin": "urine",
    "allways": "always",
    "allowd": "allowed",
    "aloud": "allowed",
    "alowed": "allowed",
    "sumone": "someone",
    "some1": "someone",
    "any1": "anyone",
    "no1": "nobody",
    "ppl": "people",
    "u": "you",
    "ur": "your",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "wen": "when",
    "nite": "night",
}


@dataclass(frozen=True)
class Sentence:
    text: str  # as written, trimmed
    words: tuple[str, ...]
    capitals: tuple[bool, ...]  # the word began with a capital letter as written


def _expand(raw: str) -> tuple[str, ...]:
    word = raw.lower()
    if "'" in word:
        head, _, tail = word.partition("'")
        if tail == "t" and head.endswith("n"):
            base = head[:-1]
            return (NT_BASE.get(base, base), "not")
        if tail == "s":
            return (head, "is") if head in IS_BEFORE_S else (head,)
        if tail in ENDINGS:
            return (head, ENDINGS[tail])
        word = head + tail  # o'clock, o'neill
    if word in NO_APOSTROPHE:
        return NO_APOSTROPHE[word]
    return (SPELLING.get(word, word),)


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences of normalised words. The concepts, the model and the
    language check each read a comment this way, so the last few comments are remembered."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    found = []
    for part in SENTENCE_END.split(text):
        words: list[str] = []
        capitals: list[bool] = []
        for match in WORD.finditer(part):
            raw = match.group()
            expanded = _expand(raw)
            words.extend(expanded)
            capitals.extend([raw[0].isupper()] + [False] * (len(expanded) - 1))
        if words:
            found.append(Sentence(part.strip(), tuple(words), tuple(capitals)))
    return tuple(found)
