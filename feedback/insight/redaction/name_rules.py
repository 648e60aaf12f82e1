"""The context rules that say a word is used as a name: honorifics, a role before the
name ("my son John"), a thank-you, "ask for Sue", "X the carer", "X from Age UK", "Joy
Bramall, jb@example.com", and the lists of given names and look-alikes gated by
capitalisation. `names.NameFinder` walks a comment asking these questions.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import SAINT
from .person_context import CALENDAR_NAMES, LOWER_HONORIFICS, OUR, PersonContext
from .tokens import Token
from .words import (
    AND,
    ASK_TO_VERBS,
    ASKING,
    BE_VERBS,
    CALENDAR,
    CALLED,
    CONTACTED,
    DETERMINERS,
    FAMILY,
    HONORIFICS,
    MORE_PERSON_VERBS,
    NAME_ADVERBS,
    NAMING_VERBS,
    OBJECT_VERBS,
    PAST_OR_BE,
    PERSON_PREDICATES,
    PERSON_VERBS,
    PLACE_AFTER,
    PLURAL_PREDICATES,
    PRAISE_TO,
    PREDICATE_LEADS,
    ROLES,
    SINGLE_ROLES,
    SPEAKING,
    STOP_CAPS,
    VERB_LOOKALIKES,
    WANT_BACK,
    WANT_BACK_VERBS,
    WORKPLACES,
    words,
)

THANKS = frozenset({"thanks", "thankyou", "cheers", "ty", "thx", "thanx", "thnx", "tnx"})
THANK = frozenset({"thank", "thanks"})
ARTICLES = frozenset({"the", "a", "an"})
# Ranks used as a title by retired officers and the police: "Major H. Grayson".
# A ward sister or a police officer too: "Sister Okeke", "DC Hussain", "PC Morris".
# Titles in other languages and for clergy too: "Pani Kowalska", "Doamna Mihaela", "Fr Michael".
RANKS = words(
    "major captain colonel lieutenant sergeant corporal brigadier commander sister matron"
    " pc dc ds di fr father pani pan doamna domnul nurse imam rabbi pastor reverend canon"
)
NUMBER_WORDS = words("no number num plate")
RANK_FIRST = words("wing squadron flight group lance staff")  # "Wing Commander"
SUBJECTS = words("i we you they he she it just really do did")
PAST_PERSON = words(
    "came said told rang rung sent wrote spoke took gave got made brought found left went was did"
)
PARTICLES = frozenset(
    {"de", "da", "di", "van", "von", "der", "den", "le", "la", "du", "del", "bin", "mc", "mac"}
    | {"el", "ibn", "abu", "dos", "das", "ap", "ter"}
)
FOR = frozenset({"for"})
BE = frozenset({"is", "was", "'s"})
HAS = frozenset({"has", "had"})
BEEN = frozenset({"been"})
BE_BARE = frozenset({"be"})
YOU = frozenset({"you"})
TELL = frozenset({"tell", "told"})
MODALS = frozenset({"can", "could", "will", "would", "may", "might", "should"})
CALL_VERBS = frozenset({"ring", "call", "phone", "come", "visit", "contact", "email", "text"})
# Between a name and its phone number, e-mail or address: "Joy Bramall, jb@...".
CONTACT_GAPS = (", ", " - ", ": ", " on ", " at ", " here, ", " here - ", " here: ", " here on ")
TO_WITH = frozenset({"to", "with"})
FROM_AT = frozenset({"from", "at"})
# What a month or season used as a name does: "Summer did the assessment", "June rang".
CALENDAR_SUBJECT_VERBS = (
    PERSON_VERBS - frozenset({"came", "comes", "visits", "turned"})
) | frozenset({"did"})
TO_KNOW = frozenset({"to", "know"})
# Buildings and streets named after a person: "John Ryle Centre", "Mary Smith House".
NAMED_PLACES = words(
    "centre center house ward unit hospital hospice lodge court surgery clinic school college"
    " road street lane avenue close drive way building wing suite"
)
# A question about a person: "Is Hope still working there?", "Can Faith come back?"
QUESTION_VERBS = words("is was can could would will did does has")
ASKED_ABOUT_NEXT = words(
    "still allowed able going coming working back available free there or the around"
    " ring call phone come visit contact email text"
)
SINGLING_OUT = words("especially particularly notably specially esp")
# What belongs to a person, after a name with no apostrophe: "Sues team", "Marks van".
OWNED = words(
    "team husband wife partner son daughter mum dad car van shift round rota office job"
    " number phone manager sister brother"
)
# What a look-alike does when the same word is also used plainly: "Patience has the patience".
CONTRAST_VERBS = (PERSON_VERBS | MORE_PERSON_VERBS | words("has had did does")) | words(
    "covered started changed"
)
# Look-alikes that describe a person more often than name one: "my daughter happy".
ADJECTIVE_LOOKALIKES = words("happy lucky sunny precious merry jolly brave rusty sandy noble royal")
# "Okafor was great", "Kowalski is the best": a lone surname as the subject.
SUBJECT_BE = frozenset({"was", "is", "has", "had", "did", "does"})
PLACE_PREPOSITIONS = words("in at to from near into outside inside around via")
# Countries that are also surnames: "Holland was nice" is a holiday.
COUNTRIES = words(
    """
    england scotland wales ireland britain holland france germany spain italy poland jordan
    chad israel kenya india china japan jamaica ghana nigeria america canada
    """
)
ON = frozenset({"on"})
ASK = words("ask asked")
TWO_LETTER_NAMES = words("al ed jo di em vi mo si fi ty lu bo cy")
CAME = words("came comes")
TO_SEE_WORDS = words("to round out over")
ON_DUTY = words("phone phones reception duty desk switchboard helpline")
PRAISED_BE = frozenset({"is", "was", "are", "were"})
# Where a person is on the way to praise: "Faith on the phone was", "Grace and Hope on".
PERSON_PLACES = frozenset({"on", "at", "from", "in", "and", "&", "n"})
YOU_ALL = frozenset({"you", "your", "youre", "you're"})
YOU_PRAISE = frozenset({"are", "were", "have", "did", "made", "really", "truly", "always"})
FAMILY_WORDS = frozenset({"family", "families", "household"})
LIST_JOINS = frozenset({"and", "n", "&"})
PLACE_BEFORE = ARTICLES | frozenset({"at", "to", "in", "into", "from", "near", "on", "by", "of"})


class NameRules(PersonContext):
    """The questions asked about token i; NameFinder sets the state they read."""

    free: list[bool]  # outside every protected span
    in_organisation: list[bool]  # inside a kept organisation's name: "from Age UK"
    contact_starts: frozenset[int]  # where a phone number, e-mail or address starts
    lower_case: bool  # the comment has no capital letter at all

    def _surname_not_place(self, i: int) -> bool:
        """ "Julie Hall rang me", "Sarah Green was lovely": a surname that is also a place
        word, then a person's verb; but "we went to Victoria Park"."""
        if not (
            self._is(i + 1, self.lists.surnames)
            and self.tokens[i + 1].cap
            and self._spaced(i + 1)
            and not self._is(i - 1, PLACE_BEFORE)
        ):
            return False
        if self._spaced(i + 2) and self._is(i + 2, PAST_OR_BE):
            return True
        # "Eileen Ward, 4 Mill Lane": the writer's own address or number follows.
        return self._contact_follows(self.tokens[i + 1].end, (", ", " - "))

    def _contact_follows(self, end: int, gaps: tuple[str, ...]) -> bool:
        """Does a phone number, e-mail or address start one of `gaps` after `end`? The gap
        is read in any case: "RING SUE ON 07700 900123"."""
        return any(
            self.text[end : end + len(gap)].lower() == gap and end + len(gap) in self.contact_starts
            for gap in gaps
        )

    def _parenthesis_after(self, i: int) -> bool:
        end = self.tokens[self._run_end(i)].end
        return self.text[end : end + 2] == " ("

    # --- rules, strongest first
    def _after_honorific(self, i: int) -> bool:
        """ "Mrs Smith", "Dr. Khan", and in lower case "mr singh"; after a rank only a
        listed name or an initial ("Major H. Grayson"; not "Major Trauma Centre")."""
        if self._is(i - 1, RANKS) and self.tokens[i - 1].cap and self._gap(i) == " ":
            t = self.tokens[i]
            initial = len(t.word) == 1 and t.word.isupper() and t.word not in "IA"
            return initial or (t.cap and (self._known(t) or t.lower in self.lists.surnames))
        return (
            self._is(i - 1, HONORIFICS)
            and (self.tokens[i - 1].cap or self._is(i - 1, LOWER_HONORIFICS))
            and self._gap(i) in (" ", ". ", ".", "  ")
        )

    def _after_role(self, i: int) -> bool:
        """ "my son John", "a carer called Dave", "the OT, Mark," and "carer tina"."""
        t = self.tokens[i]
        if not self._adjacent(i):
            return False
        if not t.cap and not t.upper:  # "a lady called bev"
            named = self._is(i - 1, CALLED) and self._is(i - 2, ROLES)
            return self._lower_name(t) and (self._is(i - 1, ROLES) or named)
        if t.lower in CALENDAR:  # "our nurse May", "the OT was June"
            named = self._is(i - 1, NAMING_VERBS) and self._is(i - 2, ROLES)
            named = named or self._is(i - 1, CALLED)  # "the new carer is called August"
            return t.lower in CALENDAR_NAMES and (self._is(i - 1, ROLES) or named)
        plausible = self._known(t) or self._unknown_word(t)
        # two-letter names only straight after a family word: "Auntie Vi", "Uncle Al"
        plausible = plausible or (t.lower in TWO_LETTER_NAMES and self._is(i - 1, FAMILY))
        if self._is(i - 1, NAMING_VERBS):
            return plausible and (self._is(i - 2, ROLES) or self._is(i - 1, CALLED))
        return plausible and self._is(i - 1, ROLES)

    def _asked(self, i: int) -> bool:
        """ "Ask Whitaker in the duty team": a capitalised name straight after "ask"."""
        t = self.tokens[i]
        return (
            self._is(i - 1, ASK)
            and self._adjacent(i)
            and t.cap
            and not t.upper
            and (self._known(t) or self._unknown_word(t) or t.lower in self.lists.surnames)
        )

    def _after_thanks(self, i: int) -> bool:
        t = self.tokens[i]
        prev = self.tokens[i - 1].lower if i else ""
        if not self._adjacent(i) and not (prev in THANKS and self._gap(i) == " 2 "):
            return False  # "thx 2 jade"
        thanked = (
            prev in THANKS
            or (prev == "you" and self._is(i - 2, THANK))
            or (prev == "to" and self._is(i - 2, PRAISE_TO))
            or (prev == "to" and self._is(i - 2, YOU) and self._is(i - 3, THANK))
            # "tell jack thanks", "tell Sue thank you"
            or (self._is(i - 1, TELL) and self._is(i + 1, THANK) and self._spaced(i + 1))
        )
        if not t.cap:
            return thanked and not t.upper and self._lower_name(t)
        return thanked and (self._known(t) or self._unknown_word(t))

    def _introduced(self, i: int) -> bool:
        """ "ask for Sue", "asked for will" is not, "spoke to Hope", "talk with Kaz"."""
        if not self._spaced(i) or not self._spaced(i - 1):
            return False
        asked = self._is(i - 1, FOR) and self._is(i - 2, ASKING)
        spoke = self._is(i - 1, TO_WITH) and self._is(i - 2, SPEAKING)
        if not (asked or spoke):
            return False
        t = self.tokens[i]
        return self._lower_name(t) if not t.cap else self._plausible(t)

    def _appositive(self, i: int) -> bool:
        """ "Mark the carer was on time", "Tez, our handyman, fitted it"."""
        t = self.tokens[i]
        # An unfamiliar word may open the sentence: "Florin the driver"; "Meanwhile" is
        # an ordinary word, so it is not unfamiliar.
        calendar = t.lower in CALENDAR_NAMES  # "May has been my carer for four years"
        if not t.cap or not (self._plausible(t) or calendar):
            return False
        j = self._run_end(i) + 1
        linked = False
        if self._is(j, HAS) and self._is(j + 1, BEEN) and self._spaced(j + 1):
            j += 1  # "Sue has been our OT"
        if self._is(j, BE | BEEN) and self._spaced(j) and self._spaced(j + 1):
            j, linked = j + 1, True  # "Precious is a carer with Crossroads", "Sue was our OT"
        if calendar and not linked:
            return False
        if j >= len(self.tokens) or self._gap(j) not in (" ", ", ") or not self._is(j, DETERMINERS):
            return False
        role = next((k for k in (j + 1, j + 2) if self._is(k, SINGLE_ROLES)), None)
        if role is None or not all(self._spaced(k) for k in range(j + 1, role + 1)):
            return False
        if self._gap(j) == ", " and not self._closed(role):
            return False  # "Additionally, my brother has": an opening word, not a name
        if self._sentence_start(i) and t.lower in VERB_LOOKALIKES and not linked:
            # "Will the carer come?", "Hope the nurse rings": a verb, unless a person's
            # verb follows ("Mark the carer was brilliant").
            return self._is(role + 1, PAST_OR_BE) or self._is(role + 1, MORE_PERSON_VERBS)
        return True

    def _lower_appositive(self, i: int) -> bool:
        """ "big al the driver", "sue the carer": a given name in lower case with its job."""
        return (
            i + 2 < len(self.tokens)
            and self.tokens[i + 1].lower == "the"
            and self._spaced(i + 1)
            and self._spaced(i + 2)
            and self._is(i + 2, SINGLE_ROLES)
        )

    def _lower_lookalike_appositive(self, i: int) -> bool:
        """ "mark the coordinator sorted it": any look-alike in lower case with its job, when
        the job did something; "please mark the carer as absent" is a verb."""
        t = self.tokens[i]
        return (
            self._lookalike(t)
            and not self._is(i - 1, SUBJECTS)  # "i hope the nurse came"
            and self._lower_appositive(i)
            and self._spaced(i + 3)
            and self._told_in_past(i + 3)
        )

    def _told_in_past(self, k: int) -> bool:
        """A person's verb in the past tense: "sorted", "came"; a wish is in the present
        ("hope the nurse rings")."""
        if not (self._is(k, PERSON_VERBS) or self._is(k, MORE_PERSON_VERBS)):
            return self._is(k, PAST_PERSON)
        verb = self.tokens[k].lower
        return verb.endswith("ed") or verb in PAST_PERSON

    def _affiliated(self, i: int) -> bool:
        """ "Hope from Age UK", "Grace at the front door", "Joy from reablement"."""
        t = self.tokens[i]
        person = self._plausible(t) or self._calendar_person(i)  # "June from Age UK"
        if not t.cap or not person or not self._spaced(i + 1):
            return False
        j = self._run_end(i) + 1
        on = self._is(j, ON)
        if not (self._is(j, FROM_AT) or on) or not self._spaced(j + 1):
            return False
        k = j + 1
        if self._is(k, DETERMINERS) and self._spaced(k + 1):
            k += 1
        if k >= len(self.tokens):
            return False
        if on:  # "Penny on the phone said", "Joy on reception"
            return self._is(k, ON_DUTY) and (self._plausible_here(i) or self._unknown_word(t))
        if self.in_organisation[k]:  # a named organisation: "Tayo from Age UK"
            return True
        # "Paperwork from the council" opens with a noun, so a listed name (or a word on no
        # list at all, "Folasade at the hospital") is needed there.
        # "Heath from the sensory team": the workplace may come a word later; "Joy at Linden
        # House": a capitalised place.
        at_work = self._is(k, WORKPLACES) or (self._spaced(k + 1) and self._is(k + 1, WORKPLACES))
        at_work = at_work or (
            self.tokens[k].cap
            and self._spaced(k + 1)
            and self._is(k + 1, PLACE_AFTER)
            and self.tokens[k + 1].cap
        )
        return at_work and (
            self._plausible_here(i) or self._unknown_word(t) or self._calendar_person(i)
        )

    def _by_list(self, i: int) -> bool:
        t = self.tokens[i]
        lists = self.lists
        if t.lower in CALENDAR:
            # "Summer did the financial assessment", "June rang", "June came to see me": a
            # date does none of these ("June came and went").
            came_to_see = self._is(i + 1, CAME) and self._is(i + 2, TO_SEE_WORDS)
            return (
                t.cap
                and not self.shouting
                and self._calendar_person(i)
                and (self._is(i + 1, CALENDAR_SUBJECT_VERBS) or came_to_see)
                and self._gap(i + 1) == " "
                and not self._is(i - 1, ARTICLES)
            )
        if t.lower in self.keep_words:
            return False
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        lookalike = t.lower in lists.person_first or t.lower in lists.word_first
        if (
            lookalike
            and t.cap
            and t.possessive
            and not self.shouting
            and (nxt is None or not nxt.cap)
            and not self._is(i - 1, SAINT)  # "St Mark's church hall"
            and not self._is(i - 1, ARTICLES)  # "the King's coronation"
        ):
            # "Ivy's house is cold", "Heather's reviews": a place is written "Ivy House".
            return t.lower not in CALENDAR
        if self._place_follows(i) and not self._surname_not_place(i):
            return False
        if self._named_place(i):
            return False  # "John Ryle Centre", "Mary Smith House"
        first = t.lower.split("-")[0]
        if (
            t.lower in lists.given
            or t.lower in lists.more_given
            or (first in lists.given and "-" in t.lower)
            or (self._given_plural(t.lower) and not self.shouting)  # "Daves van"
            or (t.cap and not self.shouting and self._misspelt(t))  # "Phillipa was verry good"
        ):
            return t.cap and (not self.shouting or len(t.word) > 2)
        parts = t.lower.split("-")
        if (
            len(parts) == 2
            and t.cap
            and not self.shouting
            and all(self._double_barrel(p) for p in parts)
        ):
            return True  # "Much better than Hargreaves-Lowe last time"
        if self.shouting and lookalike and nxt is not None and self._spaced(i + 1):
            # "DAWN IS AN ANGEL", "RIVER HELPED WITH THE SHOPPING"
            if nxt.lower in BE and self._praised(i + 1):
                return True
            return nxt.lower in PERSON_VERBS and not self._is(i - 1, ARTICLES)
        if self.shouting or not t.cap or t.lower in CALENDAR:
            return False
        if lookalike and self._parenthesis_after(i):
            return True  # "Daisy (my great niece)", "Hope Ndlovu (social worker)"
        if self._person_parenthesis(i):
            return True  # "Chukwuemeka Obi (we call him Emeka)"
        if nxt is not None and self._gap(i + 1) == " ":
            # "Grace listened to me", "Tayo explained"; but the last word of a longer name,
            # "Willow Tree rang", "Guide Dogs came", is a service's.
            in_run = i > 0 and self.tokens[i - 1].cap and self._spaced(i)
            verb = nxt.lower
            if verb in NAME_ADVERBS and self._spaced(i + 2) and i + 2 < len(self.tokens):
                verb = self.tokens[i + 2].lower  # "Rob always stays", "Frank never turned"
            if verb in PERSON_VERBS and (lookalike or (self._unknown_word(t) and not in_run)):
                return True
            if verb in MORE_PERSON_VERBS and verb != nxt.lower and lookalike:
                return True
            if (verb in PERSON_VERBS or verb in MORE_PERSON_VERBS or verb in SUBJECT_BE) and (
                not in_run and self._lone_surname(i)
            ):
                return True  # "Okafor was great", "Kowalski always rings back"
            # "Mum says Joy brings", "Holly put"; but "Little gets done"
            if (
                nxt.lower in MORE_PERSON_VERBS
                and lookalike
                and (t.lower not in lists.common_words or not self._sentence_start(i))
            ):
                return True
            if nxt.lower in BE_VERBS and t.lower in lists.person_first:
                return True  # "Will was great", "Sue in the office"
            if nxt.lower in MODALS and t.lower in lists.person_first and t.lower != "will":
                return True  # "Pat would have written this herself", "Mark will ring"
            if (
                lookalike
                and self._lower_our(i)
                and (verb in SUBJECT_BE or verb in PERSON_VERBS or verb in MORE_PERSON_VERBS)
            ):
                return True  # "our Joy has been going to the day centre"
            if lookalike and nxt.lower in BE and self._praised(i + 1):
                return not self._is(i - 1, DETERMINERS)  # "Joy is a star"; "the Trust is"
            if nxt.lower == "who" and lookalike and not self._is(i - 1, ARTICLES):
                return True  # "Grace who came on Tuesday"
        if lookalike and self._wanted(i):
            return True  # "mum adores Grace", "get Sunny to ring me", "send Faith again"
        praised = lookalike and (self._praised_later(i) or self._addressed(i))
        if praised and not self._is(i - 1, DETERMINERS):
            return True  # "Faith on the phone was lovely", "Holly!! you are a star"
        if self.title_case:
            return False
        if t.lower not in lists.person_first:
            # "Earl Johnson needs his insulin": a listed surname then an ordinary word.
            return (
                lookalike
                and nxt is not None
                and nxt.cap
                and self._spaced(i + 1)
                and self._surname_word(nxt)
                and self._spaced(i + 2)
                and not self.tokens[i + 2].cap
            )
        if nxt is not None and nxt.cap and self._spaced(i + 1) and self._surname_word(nxt):
            return True  # "Sue Smith-Jones was my carer", even opening a sentence
        if (
            nxt is not None
            and self._spaced(i + 1)
            and self._unknown_word(nxt)
            and self._spaced(i + 2)
            and (self._is(i + 2, PERSON_VERBS) or self._is(i + 2, MORE_PERSON_VERBS))
        ):
            return True  # "Pat Henshaw deserves a medal"
        if self._sentence_start(i):
            return False
        if self._is(i - 1, ARTICLES):
            return False
        if nxt is not None and nxt.cap and self._gap(i + 1) == " ":
            return nxt.lower in lists.surnames  # "Will Smith", but "Rose Court"
        return True

    def _misspelt(self, t: Token) -> bool:
        return (
            t.lower not in self.lists.surnames
            and t.lower not in self.keep_words
            and not self._lookalike_word(t.lower)
            and self.lists.misspelt_given(t.lower)
        )

    def _named_place(self, i: int) -> bool:
        """A given name, a capitalised word and a capitalised building or street word: a
        place named after a person."""
        if not (self._spaced(i + 1) and self._spaced(i + 2)):
            return False
        if not (self.tokens[i + 1].cap and not self.tokens[i + 1].upper):
            return False
        if self._is(i + 2, NAMED_PLACES) and self.tokens[i + 2].cap:
            return True
        # "Frank Wilkinson Day Centre": one more capitalised word before the building
        return (
            i + 3 < len(self.tokens)
            and self.tokens[i + 2].cap
            and self._spaced(i + 3)
            and self._is(i + 3, NAMED_PLACES)
            and self.tokens[i + 3].cap
        )

    def _owned(self, k: int) -> bool:
        """Token k is someone's: "my daughter", "the carer", or it opens a sentence."""
        return self._is(k - 1, DETERMINERS) or (k >= 0 and self._sentence_start(k))

    def _kin_lookalike(self, i: int) -> bool:
        """ "nanna joy loves her carers", "my daughter faith rang"; not "my son will"."""
        t = self.tokens[i]
        return (
            self._is(i - 1, FAMILY)
            and self._spaced(i)
            and self._owned(i - 1)  # "makes mum ginger tea", "daughter happy with the care" are not
            and self._lookalike(t)
            and t.lower not in VERB_LOOKALIKES
            and t.lower not in CALENDAR
            and t.lower not in ADJECTIVE_LOOKALIKES
        )

    def _role_lookalike(self, i: int) -> bool:
        """ "carer hope is a ray of sunshine", "my carer precious is the best": a look-alike
        in lower case between a job and a verb it does, where no ordinary word fits."""
        t = self.tokens[i]
        be = self._is(i + 1, SUBJECT_BE)  # a verb is never followed by "is": "carer hope is"
        acts = be or (self._told_in_past(i + 1) and t.lower not in VERB_LOOKALIKES)
        return (
            self._is(i - 1, SINGLE_ROLES)
            and self._owned(i - 1)
            and self._spaced(i)
            and self._spaced(i + 1)
            and acts
            and self._lookalike(t)
            and t.lower not in CALENDAR
        )

    def _asked_about(self, i: int) -> bool:
        """ "Is Hope still working there?", "Can Faith come back?", "Would Glen or Sam be
        able to help?": a capitalised name asked about, straight after a question's verb."""
        t = self.tokens[i]
        return (
            t.cap
            and not t.upper
            and t.lower not in CALENDAR
            and self._known(t)
            and self._is(i - 1, QUESTION_VERBS)
            and self._sentence_start(i - 1)
            and self._spaced(i)
            and self._spaced(i + 1)
            and self._is(i + 1, ASKED_ABOUT_NEXT)
        )

    def _singled_out(self, i: int) -> bool:
        """ "especially Joy and Faith", "particularly Hope": a capitalised name singled out
        for thanks."""
        t = self.tokens[i]
        return (
            t.cap
            and not t.upper
            and t.lower not in CALENDAR
            and (self._known(t) or self._unknown_word(t))
            and self._is(i - 1, SINGLING_OUT)
            and self._spaced(i)
        )

    def _owner(self, i: int) -> bool:
        """ "Sues team were brilliant", "sues team were great": a name with an s and no
        apostrophe before what belongs to a person."""
        t = self.tokens[i]
        stem = t.lower[:-1]
        return (
            (t.cap or self.lower_case)
            and len(t.lower) > 3
            and t.lower.endswith("s")
            and (stem in self.lists.person_first or stem in self.lists.given)
            and stem not in CALENDAR
            and self._spaced(i + 1)
            and self._is(i + 1, OWNED)
            and not self._is(i - 1, DETERMINERS)
        )

    def _contrasted(self, i: int) -> bool:
        """ "Patience has the patience of a saint", "Faith changed that" after "lost faith":
        a capitalised look-alike doing something, with the same word in lower case elsewhere
        in the comment as the ordinary word."""
        t = self.tokens[i]
        if not t.cap or t.upper or self.shouting or not self._lookalike(t) or t.lower in CALENDAR:
            return False
        if not (self._spaced(i + 1) and self._is(i + 1, CONTRAST_VERBS)):
            return False
        return any(u.lower == t.lower and u.word.islower() for u in self.tokens if u is not t)

    def _lower_our(self, i: int) -> bool:
        """ "our Joy" in the middle of a sentence, in a comment that is not in title case:
        family. Not "Our Faith has been tested", nor a look-alike that is also a verb."""
        return (
            self._is(i - 1, OUR)
            and self.tokens[i - 1].word == "our"
            and self._spaced(i)
            and self.tokens[i].lower not in VERB_LOOKALIKES
        )

    def _double_barrel(self, part: str) -> bool:
        return (
            len(part) > 2
            and part in self.lists.surnames
            and part not in self.lists.common_words
            and part not in self.keep_words
        )

    def _lone_surname(self, i: int) -> bool:
        """A listed surname on its own that is no ordinary word, a look-alike or a place,
        and not after an article or a word of place ("in Preston is")."""
        t = self.tokens[i]
        return (
            t.lower in self.lists.surnames
            and t.lower not in self.lists.common_words
            and not self._lookalike_word(t.lower)
            and t.lower not in self.keep_words
            and not self._is(i - 1, ARTICLES)
            and not self._is(i - 1, PLACE_PREPOSITIONS)
            and t.lower not in COUNTRIES
        )

    def _praised(self, j: int) -> bool:
        """After "is" at token j, what is said of a person: "a star", "the only one who",
        "absolutely lovely"."""
        k = j + 1
        while k < len(self.tokens) and k - j <= 3 and self._spaced(k):
            word = self.tokens[k].lower
            if word in PERSON_PREDICATES or word in SINGLE_ROLES or word == "staff":
                return True  # "Joy is a star", "Precious is my best staff"
            if word == "only" and self._is(k + 1, frozenset({"one"})):
                return True  # "Joy is the only one who does"
            if word not in PREDICATE_LEADS:
                return False
            k += 1
        return False

    def _wanted(self, i: int) -> bool:
        """A look-alike as the person someone misses, asks or wants back: "we all miss
        Hope", "I met Joy", "get Sunny to ring me", "send Faith again"."""
        if not self._spaced(i) or self._sentence_start(i) or self._is(i - 1, ARTICLES):
            return False
        if self._is(i - 1, OBJECT_VERBS):
            return True
        if self._is(i - 1, ASK_TO_VERBS):
            return self._is(i + 1, TO_KNOW) and self._spaced(i + 1)
        return (
            self._is(i - 1, WANT_BACK_VERBS) and self._is(i + 1, WANT_BACK) and self._spaced(i + 1)
        )

    def _praised_later(self, i: int) -> bool:
        """ "Faith on the phone was lovely", "Grace and Hope on the night run are angels":
        a few words on, with no break, "is", "was", "are" or "were" and praise."""
        if not self._is(i + 1, PERSON_PLACES) or not self._spaced(i + 1):
            return False  # "Hope for the future is lovely"
        j = i + 2
        while j < len(self.tokens) and j - i <= 6 and self._spaced(j):
            if self.tokens[j].lower in PRAISED_BE:
                return self._praised(j)
            j += 1
        return False

    def _addressed(self, i: int) -> bool:
        """ "Holly!!! you are a star", "Grace, you were wonderful": spoken to by name."""
        if not self._sentence_start(i) or i + 1 >= len(self.tokens):
            return False
        gap = self._gap(i + 1).strip()
        if not gap or gap.strip("!,") or not self._is(i + 1, YOU_ALL):
            return False
        return "!" in gap or self._is(i + 2, YOU_PRAISE)  # "Hope, you know" is no praise

    def _named_list(self, i: int) -> bool:
        """ "Grace, Summer, Ivy and Hope", "Mark. Penny. Dawn.": three or more names listed
        together, at least two of them no month or season ("May, June and July" are
        months). In capitals a space joins a list too ("HOLLY AMBER IVY THE THREE GIRLS"),
        so there the list must open a sentence: not "I HOPE JOY WILL COME BACK"."""
        if self.shouting:
            members = self._list_run(i, self._shouted_member, ("", ",", "&"))
            return self._enough_names(members) and self._sentence_start(min(members))
        return self._enough_names(self._list_run(i, self._list_member, (",", "&", ".")))

    def _enough_names(self, members: list[int]) -> bool:
        not_dates = sum(self.tokens[m].lower not in CALENDAR for m in members)
        return len(members) >= 3 and not_dates >= 2

    def _list_member(self, k: int) -> bool:
        if k < 0 or k >= len(self.tokens) or not self.free[k]:
            return False
        t = self.tokens[k]
        if not t.cap or t.upper or t.possessive:
            return False
        return self._known(t) or self._calendar_person(k)

    def _shouted_member(self, k: int) -> bool:
        if k < 0 or k >= len(self.tokens) or not self.free[k]:
            return False
        t = self.tokens[k]
        return t.upper and len(t.word) > 2 and not t.possessive and self._known(t)

    def _list_run(self, i: int, member: Callable[[int], bool], gaps: tuple[str, ...]) -> list[int]:
        """Token i and the list members either side of it, each joined to the next by one
        of `gaps` or by "and"/"&"; empty if token i is no member."""
        if not member(i):
            return []
        members = [i]
        for step in (-1, 1):
            k = i
            while (other := self._list_neighbour(k, step, member, gaps)) is not None:
                members.append(other)
                k = other
        return members

    def _list_neighbour(
        self, k: int, step: int, member: Callable[[int], bool], gaps: tuple[str, ...]
    ) -> int | None:
        """The list member next to token k in direction `step`."""
        right = k if step < 0 else k + 1  # the gap between the two is before `right`
        if 0 < right < len(self.tokens) and self._gap(right).strip() in gaps:
            return k + step if member(k + step) else None
        joiner = k + step
        if 0 <= joiner < len(self.tokens) and self.tokens[joiner].lower in LIST_JOINS:
            other = joiner + step
            if self._spaced(max(joiner, other)) and member(other):
                return other
        return None

    def _beside_contact(self, i: int) -> bool:
        """ "Joy Bramall, jb@example.com", "Rich Evans at 3 Dale Road", "Mark can be
        contacted on ...", and a full name signing off: "... or on 07700 900123. Patience
        Okonkwo"."""
        t = self.tokens[i]
        j = self._run_end(i)
        # One unfamiliar word is more often a label: "Postcode: S60 2TB", "Landline 01709".
        if not (self._known(t) or (j > i and self._unknown_word(t))) or t.lower in CALENDAR:
            return False
        end = self.tokens[j].end
        if self._contact_follows(end, CONTACT_GAPS):
            return True
        if self._sentence_start(i) and self._contact_follows(end, (" ",)):
            return True  # signing off: "... please help. jade 07700 900123"
        if self._is(j + 1, MODALS) and self._is(j + 2, BE_BARE) and self._is(j + 3, CONTACTED):
            return True
        signed = self.text[end:].strip(" .!\n") == "" and self._sentence_start(i)
        if signed and j == i and i > 0 and t.cap and t.lower not in CALENDAR:
            # "... £81.90 a week carers allowance. Dawn"; not "No problems. Happy."
            return self._known_name(t.lower) and not self.tokens[i - 1].cap
        return (
            signed
            and j > i
            and all(
                self._known(self.tokens[k]) or self._unknown_word(self.tokens[k])
                for k in range(i, j + 1)
            )
        )

    def _asked_to_call(self, i: int) -> bool:
        """ "Can Summer ring me?", "Could Sue come earlier": a person asked to act."""
        t = self.tokens[i]
        return (
            self._is(i - 1, MODALS)
            and self._sentence_start(i - 1)
            and self._is(i + 1, CALL_VERBS)
            and self._spaced(i)
            and self._spaced(i + 1)
            and (t.lower in CALENDAR_NAMES or self._plausible(t))
        )

    def _named_pair(self, i: int) -> bool:
        """ "Rose and Grace are angels", "ROSE AND GRACE WERE BRILLIANT": two listed names
        joined by "and", then a verb that takes both; one may be a month ("Summer and
        Destiny are"), but "May and June are" is two months."""

        def named(k: int) -> bool:
            t = self.tokens[k]
            return t.cap and self._known(t) and t.lower not in CALENDAR

        def pair(first: int) -> bool:
            second = first + 2
            return (
                self._is(first + 1, AND)
                and self._is(first + 3, PLURAL_PREDICATES)
                and all(self._spaced(k) for k in (first + 1, second, first + 3))
                and (named(first) or self._calendar_person(first))
                and (named(second) or self._calendar_person(second))
                and (named(first) or named(second))
            )

        return pair(i) or (i >= 2 and pair(i - 2))

    def _unlisted(self, t: Token) -> bool:
        """A word in lower case on no list of ordinary words: in a comment with no
        capitals, a pet name ("lil") is written so."""
        return (
            len(t.word) > 2 and t.lower not in self.lists.common_words and t.lower not in STOP_CAPS
        )

    def _family_plural(self, i: int) -> bool:
        """ "the Zhangs at number 9", "the Bakers next door": a family by its surname."""
        t = self.tokens[i]
        stem = t.lower[:-1] if t.lower.endswith("s") and not t.possessive else ""
        return (
            self._is(i - 1, ARTICLES)
            and self._spaced(i)
            and stem in self.lists.surnames
            and t.lower not in self.lists.common_words
            and not (i + 1 < len(self.tokens) and self.tokens[i + 1].cap and self._spaced(i + 1))
        )

    def _family_name(self, i: int) -> bool:
        """ "the Okafor family", "the singh family next door": a surname before "family"."""
        t = self.tokens[i]
        if not self._is(i - 1, ARTICLES) or not self._is(i + 1, FAMILY_WORDS):
            return False
        if not (self._spaced(i) and self._spaced(i + 1)):
            return False
        if t.lower in self.keep_words or t.lower in self.lists.common_words:
            return False
        return t.lower in self.lists.surnames or (t.cap and self._unknown_word(t))

    def _lower_case_name(self, i: int) -> bool:
        """In a comment with no capitals: a given name that is no ordinary word ("gracie n
        lil r amazing"), one of four letters or more from the longer list ("klaudia came"),
        a look-alike that is nearly always a person before a person's verb ("jordan came"),
        or a look-alike straight before "is" or "was" ("jade is always")."""
        t = self.tokens[i]
        if self._is(i + 1, NUMBER_WORDS):
            return False  # "reg no. y d 6 7": a label, not a name
        if t.lower in self.lists.given or self._given_plural(t.lower):  # "kevs the only carer"
            return t.lower not in self.lists.common_words and len(t.word) > 2
        if t.lower in self.lists.more_given:
            return len(t.word) > 3
        if t.lower in self.lists.person_first and self._is(i + 1, PERSON_VERBS):
            return self._spaced(i + 1)  # "jordan came to assess nan"
        if self._lookalike(t) and self._is(i + 1, BE) and self._praised(i + 1):
            return not self._is(i - 1, DETERMINERS)  # "grace is lovely"
        if self._lookalike(t) and self._at_work(i):
            return True  # "ivy at reception", "angel from the night team"
        return t.lower in self.lists.lower_case_ok and self._is(i + 1, BE) and self._spaced(i + 1)

    def _at_work(self, i: int) -> bool:
        """Opening a sentence or joined by "and": where a person works follows, "from" or
        "at" then a workplace within two words ("from the night team", "at reception")."""
        if not (self._sentence_start(i) or self._is(i - 1, LIST_JOINS)):
            return False
        if not (self._is(i + 1, FROM_AT) and self._spaced(i + 1) and self._spaced(i + 2)):
            return False
        k = i + 2 + self._is(i + 2, DETERMINERS)
        return any(self._is(j, WORKPLACES) or self._is(j, ON_DUTY) for j in (k, k + 1))

    def _lower_given(self, i: int) -> bool:
        """A given name in lower case that is no English word, anywhere but after an
        article: "Who helped you? sarah and the lady", "from me and lucy". Not "a carol
        service" or "jack of all trades": those names are words too."""
        t = self.tokens[i]
        parts = t.lower.split("-")
        if len(parts) == 2 and all(p in self.lists.given for p in parts):
            return not self._is(i - 1, ARTICLES)  # "carer was jo-anne"
        return (
            len(t.word) > 2
            and t.lower in self.lists.given
            and t.lower not in self.lists.common_words
            and t.lower not in self.lists.given_words
            and not self._is(i - 1, ARTICLES)
        )
