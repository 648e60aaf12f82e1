"""The word lists (feedback/insight/data/) and the small word sets the rules share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .tokens import plain

DATA_DIR = Path(__file__).parent.parent / "data"


def read_list(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class WordLists:
    given: frozenset[str]
    # A longer list of given names from many countries, read as names when capitalised only:
    # in lower case too many are slips of the keyboard ("benn", "S ide note").
    more_given: frozenset[str]
    surnames: frozenset[str]
    person_first: frozenset[str]
    word_first: frozenset[str]
    # Look-alikes that are still a name in lower case after a role: "my carer sue".
    lower_case_ok: frozenset[str]
    common_words: frozenset[str]
    # Given names that are also lower-case words ("jack", "carol"): need context in lower case.
    given_words: frozenset[str]
    # Packaged keep terms: places, organisations, days and months, public figures.
    keep_terms: frozenset[str]
    # Towns and districts, as written: the end of an address ("7 Elm Close, Bramley").
    places: tuple[str, ...] = ()

    def misspelt_given(self, lower: str) -> bool:
        """A given name spelled as heard or with a slip: a doubled letter ("Kaaren",
        "Phillipa") or an "ie"/"y"/"i" ending swapped ("Jacky", "Kerri"). Only for words
        on no list and no common word."""
        if len(lower) < 5 or lower in self.common_words or not lower.isalpha():
            return False
        return any(v in self.given for v in _spellings(lower))

    def is_name_word(self, lower: str) -> bool:
        """On a list of given names, either plainly or as a look-alike ("Will", "Hope")."""
        return (
            lower in self.given
            or lower in self.more_given
            or lower.split("-")[0] in self.given
            or lower in self.person_first
            or lower in self.word_first
        )


@cache
def _spellings(lower: str) -> frozenset[str]:
    """Near spellings of a word: each doubled letter single, or doubled at another letter
    ("Phillipa", "Philippa"), all of them single, and the ending swapped between "ie", "y",
    "i" and "ee"."""
    out = set()
    for k in range(1, len(lower)):
        if lower[k] == lower[k - 1]:
            one = lower[:k] + lower[k + 1 :]
            out.add(one)
            out.update(one[: j + 1] + one[j:] for j in range(len(one)) if j != k - 1)
    single = "".join(c for k, c in enumerate(lower) if k == 0 or c != lower[k - 1])
    out.add(single)
    for word in (lower, single):
        for end in ("ie", "ee", "y", "i"):
            if word.endswith(end):
                stem = word[: -len(end)]
                out.update(stem + other for other in ("ie", "y", "i", "ee") if other != end)
    out.discard(lower)
    return frozenset(out)


@cache
def word_lists() -> WordLists:
    sections: dict[str, set[str]] = {}
    current = ""
    for line in read_list("name_lookalikes.txt"):
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, set()).add(plain(line.lower()))
    return WordLists(
        given=frozenset(
            plain(w.lower())
            for name in ("given_names.txt", "short_forms.txt", "given_names_communities.txt")
            for w in read_list(name)
        ),
        more_given=frozenset(plain(w.lower()) for w in read_list("given_names_more.txt")),
        surnames=frozenset(
            plain(w.lower()) for w in read_list("surnames.txt") + read_list("surnames_more.txt")
        ),
        person_first=frozenset(sections.get("person-first", ())),
        word_first=frozenset(sections.get("word-first", ())),
        lower_case_ok=frozenset(sections.get("lower-case-ok", ())),
        common_words=frozenset(read_list("common_words.txt")),
        given_words=frozenset(read_list("given_name_words.txt")),
        keep_terms=frozenset(
            read_list("keep_terms.txt") + read_list("public_figures.txt") + read_list("places.txt")
        ),
        places=tuple(dict.fromkeys(read_list("places.txt"))),
    )


def words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


HONORIFICS = words(
    """
    mr mrs ms miss mx dr sir dame prof professor rev revd cllr councillor
    mme mlle madame monsieur herr frau senhor senhora señor señora signor signora
    """
)
_KIN = words(
    """
    son daughter husband wife partner brother sister mum mam mom mother dad father nan nana
    nanna nanny gran grandma granny grandmother grandmum grandad granddad grandpa grandfather
    grandson granddaughter grandchild grandkid aunt auntie aunty uncle nephew niece cousin
    child kid twin twins sibling fiance fiancee fiancé fiancée
    """
)
# "my step-dad Gary", "her great-aunt Mabel", "my son-in-law Dev", "his godmother Rita".
FAMILY = (
    _KIN
    | frozenset(f"{pre}{w}" for w in _KIN for pre in ("step", "step-", "great-", "great-great-"))
    | frozenset(f"{w}-in-law" for w in _KIN)
    | frozenset(f"{w}s-in-law" for w in _KIN)
    | words(
        """
        godmother godfather godson goddaughter godchild godparent neighbour neighbor friend
        lodger boyfriend girlfriend flatmate housemate hubby missus mate pal bestie bezzie
        """
    )
)
ROLES = FAMILY | words(
    """
    worker carer carers ot physio physiotherapist therapist nurse doctor gp manager
    officer assessor advocate coordinator co-ordinator befriender volunteer receptionist
    handyman driver lady man gentleman woman girl lad chap guy colleague boss keyworker
    psychologist psychiatrist cpn consultant paramedic pharmacist dietitian podiatrist
    cleaner chef warden caretaker housekeeper hairdresser matron midwife optician dentist
    chiropodist solicitor advisor adviser counsellor navigator assistant supervisor lead
    leader practitioner organiser administrator dietician surveyor technician fitter
    engineer electrician plumber postman gardener helper mentor chaplain vicar priest imam
    pastor interpreter translator enabler
    """
)
# Roles that name one person, so "X the carer" is X's job ("the carers" is not).
SINGLE_ROLES = ROLES - words("carers lady man gentleman woman girl lad chap guy")
NAMING_VERBS = frozenset({"called", "named", "is", "was"})
CALLED = frozenset({"called", "named"})
AND = frozenset({"and", "n"})  # "gracie n lil"
PERSON_VERBS = words(
    """
    listened listens phoned rang rings said says told came comes visited visits explained
    helped helps sorted arranged called asked spoke answered advised understood smiled
    laughed talked chatted organised rang apologised promised emailed emails texted texts
    messaged popped dropped replied mentioned suggested reassured rung picked chased booked
    wrote sent handled dealt deserves deserved assessed reviewed fitted noticed notices
    spotted reported turned dressed bathed showered fed ignored refused
    shouted plays pops
    """
)
# One word that may stand between a name and its verb: "Rob always stays", "Frank never
# turned up".
NAME_ADVERBS = words("always never often also just really kindly even still usually then")
# Verbs whose object is a person: "mum adores Grace", "we miss Hope", "I met Joy".
OBJECT_VERBS = words("adore adores adored miss misses missed met meet meets hug hugged praised")
# "get Sunny to ring me", "tell Hope to call": a person asked to do something.
ASK_TO_VERBS = words("get got ask asked tell told let want wants wanted")
# "send Faith again", "have Dawn back": a person wanted back.
WANT_BACK_VERBS = words("send have bring keep want wants wanted")
WANT_BACK = words("again back round over")
# Further verbs a person does, read after a look-alike only where it cannot open the
# sentence as an ordinary word ("Mum says Joy brings her joy", but "Little gets done").
MORE_PERSON_VERBS = words(
    """
    brings brought makes made gets got goes needs wants knows knew loves loved keeps kept
    understands explains lets seemed seems
    takes took gives gave forgets forgot remembers remembered reads cares cared works worked
    lives lived stays stayed tries tried leaves left fixed cooked cleaned washed put puts
    checked sorts visited does did checks washes dresses bathes showers feeds
    sang sings loses hugged hugs held holds sat sits waited waits cried danced
    """
)
# What is said of a person after "is" or "was": "Joy is a star", "Hope was lovely", "Joy is
# the only one who...". Said of hope, joy or grace the word, these are rare.
PERSON_PREDICATES = words(
    """
    star angel gem diamond treasure saint legend godsend lifesaver asset credit sweetheart
    lovely brilliant amazing fantastic wonderful excellent kind patient caring helpful
    fabulous fab superb marvellous angels stars gems diamonds treasures saints legends
    favourite favorite
    """
)
# "a star", "an angel", "the only one", "the best": the words between "is" and the praise.
PREDICATE_LEADS = words(
    "a an the only best absolutely so really very always just such her his my our mums dads"
)
BE_VERBS = frozenset({"was", "is", "has", "had", "did", "does", "went", "from", "at", "in"})
# What a person does after being named in passing: "Mark the carer was", "... came".
PAST_OR_BE = (PERSON_VERBS - words("listens rings says comes visits helps")) | words(
    "was is has had did always never"
)
CALENDAR = words(
    """
    may june april august march january february july september october november december
    monday tuesday wednesday thursday friday saturday sunday summer autumn christmas
    easter
    """
)
# Look-alikes that are also verbs opening a sentence: "Hope the carers come", "Will the ...".
VERB_LOOKALIKES = words("will may hope trust mark grant pat bill rob sue drew")
PLACE_AFTER = words(
    """
    road street lane avenue close drive way crescent grove court place terrace gardens
    house lodge centre center ward unit hospital hospice home surgery clinic school
    college award hall park street view walk rise hill mews square row green grange manor
    """
)
STOP_CAPS = words(
    """
    i the a an and but or so if we he she they it my our his her their you your this that
    these those there here when then what who why how where very thank thanks thankyou
    please yes no not all also just great good excellent lovely brilliant ot gp cpn nhs
    team service services surgery centre office hospital council department ward unit home
    house day night morning evening always never has had was is were are would could
    should did does dob nhs ni ref after before since during with without from for at by
    on in of to about over under everyone everybody nobody someone social care carer
    carers staff dept meanwhile afterward anyhow nevertheless nonetheless furthermore
    moreover whereas tonight besides
    """
)
DETERMINERS = words("the our my your his her their a")
# "ask for Sue", "spoke to Hope": a person is named after these.
ASKING = words("ask asked asking asks")
SPEAKING = words("speak spoke spoken speaking talk talked talking chat chatted chatting")
# "Grace at the front door", "Hope from reablement": where a person works.
WORKPLACES = words(
    """
    council office surgery hospital hospice reablement reception front centre charity
    library clinic practice pharmacy agency department team ward jobcentre helpline social
    services housing adult carers finance billing payments brokerage commissioning
    safeguarding duty hub desk panel complaints
    """
)
# Public office: "King Charles", "the MP Sarah ...", "... MP". Public figures are kept.
PUBLIC_TITLES = words(
    "king queen prince princess mp mep msp mayor minister chancellor secretary president pope"
)
PUBLIC_AFTER = words("mp mep msp")
# "Special mention to Naz", "shout out to Bev", "credit to Tayo": thanks by another name.
PRAISE_TO = words("thank thanks mention credit kudos shoutout out praise")
# After "X and Y": "Rose and Grace are angels", "Kath and Mags were brilliant".
PLURAL_PREDICATES = words("are were have both")
# Verbs of contact: "Mark can be contacted on", "Sue can be reached".
CONTACTED = words("contacted reached rung phoned emailed")
# The words that introduce a vehicle registration: "Reg" there is not a man's name.
INTRODUCERS = words("reg registration plate")
