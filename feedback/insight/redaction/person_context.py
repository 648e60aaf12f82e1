"""More context that says a word is a person: "her surname is Smith-Jones", "I emailed
Heather", "Grace and I", "thank you brook for", "W. Hepworth", "kevs the only carer",
"Chukwuemeka Obi (we call him Emeka)", "June from Age UK". `name_rules.NameRules` builds on
these; each asks for context a place, a medicine or an ordinary word seldom has.
"""

from __future__ import annotations

import re

from .context import CommentWords
from .tokens import Token
from .words import (
    CALENDAR,
    DETERMINERS,
    HONORIFICS,
    NAME_ADVERBS,
    PLACE_AFTER,
    PUBLIC_TITLES,
    ROLES,
    STOP_CAPS,
    words,
)

# Months and seasons that are also given names: "my carer Summer", "our nurse May".
CALENDAR_NAMES = words("may june april august summer autumn")
# A date, not a person, follows or comes before: "in May", "since June", "May 2024".
DATE_BEFORE = words(
    """
    in on since until till by from of during last next this early late mid every each before
    after through throughout around about for the end start beginning middle
    """
)
# "her surname is Smith-Jones", "his name's Kev", "known as Bobby", "we call him Emeka".
NAME_NOUNS = words("name names surname surnames forename nickname")
NAME_IS = words("is was 's")
CALL_HIM = words("call calls called")
PRONOUN_OBJECTS = words("him her them")
KNOWN_GOES = words("known goes go")
KNOWN_AS = words("as by")
# Verbs whose object is a person: "I emailed Heather", "we rang Hope", "texted Xiaoling".
CONTACT_VERBS = words(
    """
    emailed texted messaged phoned rang thanked emailing texting messaging phoning ringing
    thanking
    """
)
# Look-alikes that are also firms people ring or go with: "I rang Sky", "went with Ford".
FIRMS = words("sky ford mercedes royal sage virgin")
# Honorifics still one in lower case ("mr singh"); "miss" and "dr" (drive) are words too.
LOWER_HONORIFICS = words("mr mrs ms mx")
OUR = words("our")
IN_AT = words("in at to from near into")
WITH = words("with")
# Going somewhere with a person: "went with Grace"; "problems with Sky" is a company.
GOING_WITH = words(
    """
    went go goes going came come comes coming out sat sit sits sitting stay stays stayed
    staying live lives lived living walk walks walked walking along together shopping
    """
)
PAIR_AND = words("and &")
# Words a thank-you is given to that are no names: "thank you all for", "thanks again for".
THANKED_WORDS = words(
    """
    all both everyone everybody guys girls ladies lads folks team staff people again so very
    ever kindly lots loads once too much you x xx xxx
    """
)
THANK_YOU = words("thank thanks")
# Given names whose plural is an ordinary word, a place or a firm: "bits and bobs", "Lloyds",
# "Achilles" (a tendon).
PLURAL_WORDS = words(
    "bobs jacks traces dales wales dees mays fays mels sids toms lloyds phillips barclays harveys"
    " achilles"
)
# "(we call him Emeka)", "(my great niece)", "(she is the manager)": a person in brackets.
PERSON_PARENTHESIS = re.compile(
    r" \((?:(?:we call (?:him|her)|known as|aka)\b"
    r"|(?:my|our|his|her|their|the) (?:great[ -]|step[ -]?)?([a-z-]{2,20})"
    # a job alone: "D'Souza (OT)", "Nowak (social worker)"
    r"|(?:[a-z-]{2,20} )?([a-z-]{2,20})\))",
    re.IGNORECASE,
)
# An initial then a listed surname: "W. Hepworth", "J Smith"; "A" and "I" are words.
INITIAL = re.compile(r"[B-HJ-Z]")


class PersonContext(CommentWords):
    """Questions about token i that read the words around it for a person."""

    def _named_as(self, i: int) -> bool:
        """ "her surname is Smith-Jones", "his name's Kev", "known as Bobby", "we call him
        Emeka": what follows is a name, written in capitals or not."""
        if not self._spaced(i) or not self._spaced(i - 1):
            return False
        named = (
            (self._is(i - 1, NAME_IS) and self._is(i - 2, NAME_NOUNS))
            # "her name really is Grace"
            or (
                self._is(i - 1, NAME_IS)
                and self._is(i - 2, NAME_ADVERBS)
                and self._is(i - 3, NAME_NOUNS)
            )
            or (self._is(i - 1, KNOWN_AS) and self._is(i - 2, KNOWN_GOES))
            or (self._is(i - 1, PRONOUN_OBJECTS) and self._is(i - 2, CALL_HIM))
            # "CARER NAME JO GOOD VERY": a known name straight after "name"
            or (
                self._is(i - 1, NAME_NOUNS)
                and self._given(self.tokens[i].lower)
                and not self._lookalike_word(self.tokens[i].lower)
            )
        )
        if not named:
            return False
        t = self.tokens[i]
        if not t.cap:
            return self._lower_name(t) or self._given_plural(t.lower)
        return (t.lower not in CALENDAR and t.lower not in STOP_CAPS) and (
            self._plausible(t) or self._surname_word(t)
        )

    def _initial_surname(self, i: int) -> bool:
        """ "W. Hepworth", "J Smith": an initial then a listed surname."""
        t = self.tokens[i]
        if len(t.word) != 1 or not t.word.isupper() or i + 1 >= len(self.tokens):
            return False
        if not INITIAL.fullmatch(t.word) and self._gap(i + 1) != ". ":
            return False  # "A Pickles" is an article; "A. Pickles" may be a name
        nxt = self.tokens[i + 1]
        if not (self._gap(i + 1) in (". ", " ") and nxt.cap and not nxt.upper):
            return False
        if nxt.lower in self.keep_words:
            return False
        # Signing off at the very end: "... could of been a disaster. A. Pickles"
        signed = i + 2 == len(self.tokens) and self._sentence_start(i) and self._gap(i + 1) == ". "
        if signed and self.text[nxt.end :].strip(" .!\n") == "":
            return True
        return (
            INITIAL.fullmatch(t.word) is not None
            and self._surname_word(nxt)
            and nxt.lower not in self.lists.common_words
        )

    def _contacted(self, i: int) -> bool:
        """ "I emailed Heather", "we rang Hope", "texted Xiaoling": a look-alike or a word on
        no list as the person contacted (a service is kept before this is asked)."""
        t = self.tokens[i]
        return (
            t.cap
            and self._is(i - 1, CONTACT_VERBS)
            and self._spaced(i)
            and not self.tokens[i - 1].cap
            and t.lower not in CALENDAR
            and t.lower not in FIRMS
            and (self._lookalike(t) or self._unknown_word(t))
        )

    def _companion(self, i: int) -> bool:
        """ "went with Grace", "Hope and I": a look-alike with a person (a word on no list
        too before "and I"); "with Dementia" is not on a list of names."""
        t = self.tokens[i]
        if not t.cap or t.lower in CALENDAR or t.lower in FIRMS:
            return False
        if self._is(i - 1, WITH) and self._is(i - 2, GOING_WITH) and self._lookalike(t):
            return self._spaced(i) and self._spaced(i - 1) and not self._next_capitalised(i)
        me = (
            self._is(i + 1, PAIR_AND)
            and i + 2 < len(self.tokens)
            and self.tokens[i + 2].word == "I"
            and self._spaced(i + 1)
            and self._spaced(i + 2)
        )
        # "my Bipolar and I", "the King and I": a thing or a title, not a companion
        owned = self._is(i - 1, DETERMINERS) or self._is(i - 1, PUBLIC_TITLES)
        # "lives in Todmorden and I live in Kent", "at Bluebell Court and I": a place
        placed = self._is(i - 1, IN_AT) or self._place_tail(i)
        return me and not owned and not placed and (self._lookalike(t) or self._unknown_word(t))

    def _place_tail(self, i: int) -> bool:
        """The last word of a place's name: "Willow Court, Ms Ward", "Bluebell Court and I"."""
        return self._is(i, PLACE_AFTER) and i > 0 and self.tokens[i - 1].cap and self._spaced(i)

    def _lower_after_honorific(self, i: int) -> bool:
        """ "mr singh", "Mrs smith", "dr patel": a surname in lower case after an honorific."""
        t = self.tokens[i]
        listed = t.lower in self.lists.surnames or t.lower in self.lists.given
        return (
            self._is(i - 1, HONORIFICS)
            and self._gap(i) in (" ", ". ")
            # "dr patel": other titles in lower case only before a listed name
            and (self.tokens[i - 1].cap or self._is(i - 1, LOWER_HONORIFICS) or listed)
            and len(t.word) > 1
            and t.lower not in self.lists.common_words
            and t.lower not in STOP_CAPS
            and t.lower not in ROLES
            and t.lower not in self.keep_words
        )

    def _our_given(self, i: int) -> bool:
        """ "our kev is her main carer": "our" before a given name means family."""
        return self._is(i - 1, OUR) and self._spaced(i) and self.tokens[i].lower in self.lists.given

    def _thanked_for(self, i: int) -> bool:
        """ "thank you brook for listening": a word in lower case thanked for something."""
        t = self.tokens[i]
        if t.cap or t.upper or len(t.word) < 3 or t.lower in THANKED_WORDS:
            return False
        thanked = self._is(i - 1, THANK_YOU) or (
            self._is(i - 1, words("you")) and self._is(i - 2, THANK_YOU)
        )
        if not (thanked and self._spaced(i) and self._is(i + 1, words("for"))):
            return False
        return self._lower_name(t) or self._lookalike(t) or self._given_plural(t.lower)

    def _given_plural(self, lower: str) -> bool:
        """ "kevs the only carer", "Daves van": a given name with an s and no apostrophe,
        for "Kev's" or "Kev is". Look-alikes ("Wills", "Marks") and words are left."""
        stem = lower[:-1]
        return (
            len(lower) > 3
            and lower[-1] == "s"
            and stem in self.lists.given
            and stem not in self.lists.common_words
            and lower not in self.lists.common_words
            and lower not in self.lists.given
            and lower not in self.lists.surnames  # "Lloyds", "Phillips" are also companies
            and lower not in PLURAL_WORDS
            and not self._lookalike_word(stem)
            and lower not in self.keep_words
        )

    def _person_parenthesis(self, i: int) -> bool:
        """ "Chukwuemeka Obi (we call him Emeka)": a person described in brackets after a
        word on no list."""
        t = self.tokens[i]
        if not self._unknown_word(t):
            return False
        m = PERSON_PARENTHESIS.match(self.text, self.tokens[self._run_end(i)].end)
        # "(my son)", "(the twins ...)", "(OT)"; but "Tramadol (my painkiller)"
        if m is None:
            return False
        role = m.group(1) or m.group(2)
        # "(OTs)": a job in the plural too
        return role is None or role.lower() in ROLES or role.lower().removesuffix("s") in ROLES

    def _calendar_person(self, i: int) -> bool:
        """ "June from Age UK", "Summer and Kath": a month or season used as a name needs
        no date around it ("in June", "May 2024", "the summer")."""
        t = self.tokens[i]
        if t.lower not in CALENDAR_NAMES or not t.cap or t.possessive:
            return False
        after = self.text[t.end : t.end + 3].lstrip(" ,")
        return not self._is(i - 1, DATE_BEFORE) and not after[:1].isdigit()

    # --- helpers
    def _lookalike(self, t: Token) -> bool:
        return self._lookalike_word(t.lower)

    def _lookalike_word(self, lower: str) -> bool:
        return lower in self.lists.person_first or lower in self.lists.word_first

    def _next_capitalised(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self.tokens[i + 1].cap and self._spaced(i + 1)

    def _run_end(self, i: int) -> int:
        """The last token of a name starting at i: "Mick Hill", "Sue Bottomley"."""
        j = i
        while j - i < 2 and self._spaced(j + 1) and self._surname_like(j + 1):
            j += 1
        return j
