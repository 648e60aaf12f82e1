"""Flag a comment that may disclose abuse, neglect or a risk of self-harm.

A flag is a prompt for the safeguarding duty team to read the comment the same day, not a
judgement. Missing a disclosure is far worse than a false alarm, so the phrases are broad;
they are written to need a person as the object ("hit her", not "hit the ground running")
and figures of speech ("the wait nearly killed me") are removed before matching.

Each category is one regular expression built from bounded pieces, so matching is linear
in the length of the comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SAFEGUARDING_VERSION = "1.0"

CATEGORIES = (
    "physical",
    "sexual",
    "psychological",
    "domestic",
    "financial",
    "neglect",
    "self-neglect",
    "discriminatory",
    "organisational",
    "modern-slavery",
    "self-harm",
    "abuse-unspecified",
)


@dataclass(frozen=True)
class Safeguarding:
    flagged: bool
    categories: tuple[str, ...]
    reasons: tuple[str, ...]


# Shorthands used inside the patterns below.
_NT = r"(?:n'?t|\snot)"  # didn't, didnt, did not
_FAMILY = (
    r"(?:mum|mam|mother|dad|father|nan|nana|gran|grandma|grandad|husband|wife|partner|son"
    r"|daughter|brother|sister|aunt|uncle|friend|neighbour|child|children|kids?)"
)
_POSS = r"(?:her|his|my|their|our|mum's|dad's|nan's|the)"

PATTERNS: dict[str, tuple[str, ...]] = {
    "neglect": (
        r"\b(?:left|lying|lay|laid|stuck|sat|sitting|found|fell|fallen|spent)\s(?:\w+\s){0,3}on\sthe"
        r"\s(?:bathroom\s|bedroom\s|kitchen\s)?floor",
        r"\bon\sthe\sfloor\s(?:all\snight|for\s(?:hours|\d+|two|three|several)|overnight|until)",
        r"\b(?:in|with)\s(?:her|his|their)\sown\s(?:urine|faeces|mess|waste|wee|poo)",
        r"\b(?:soiled|dirty|wet)\s(?:pads?|beds?|sheets|clothes|nappy|nappies)",
        r"\b(?:wet|soiled|soiling)\s(?:her|him)sel(?:f|ves)",
        r"\bpressure\s(?:sores?|ulcers?)\b",
        r"\bbed\s?sores?\b",
        r"\bsores\son\s(?:her|his)\b",
        r"\b(?:no|without)\s(?:any\s)?(?:food|drinks?|water|fluids?)\b",
        r"\bnothing\sto\s(?:eat|drink)\b",
        r"\b(?:not|never|wasn't|isn't)\s(?:been\s)?(?:fed|given\s(?:a\s|anything\sto\s)?drink)",
        r"\bdid" + _NT + r"\s(?:feed|give\s(?:her|him)\s(?:any|a\s)?(?:food|drink|dinner))",
        r"\b(?:dehydrated|malnourished|starving|hungry|wasting\saway|lost\s\d+\sstone|very\sthin)\b",
        r"\b(?:he|she|he's|she's|mum|dad|nan)\s(?:is\s|has\s(?:been\s)?)?(?:losing|lost)\s(?:\w+\s)?"
        r"weight",
        r"\b(?:missed|missing|didn't\s(?:get|give)|did\snot\s(?:get|give)|forgot)\s(?:\w+\s){0,2}"
        r"(?:medication|meds|medicine|tablets|insulin)\b",
        r"\b(?:without|no)\s(?:his\s|her\s|their\s|any\s)?(?:medication|meds|tablets|insulin)\b"
        r"(?!\s\(?without)",
        r"\bwrong\s(?:medication|tablets|food|dose)\b",
        r"\bleft\s(?:\w+\s){0,2}(?:alone|on\s(?:her|his|their)\sown|unattended|in\sthe\sdark"
        r"|unwashed|in\sbed|in\s(?:her|his|the)\schair)\b",
        r"\b(?:nobody|no\sone|no-one|noone)\s(?:has\s)?(?:came|come|been|checked|turned\sup|covered)"
        r"\s(?:\w+\s){0,4}(?:for|in)\s(?:days|a\sweek|\d+\sdays|two\sdays|24\shours|the\sweekend)",
        r"\b(?:all|for)\s(?:day|night|days|\d+\sdays|two\sdays|the\sweekend|24\shours)\swithout\b",
        r"\bcould" + _NT + r"\s(?:get\sto|reach)\s(?:the\s|her\s|his\s)?(?:toilet|phone|door|bed)",
        r"\bstuck\s(?:in|there)\s(?:\w+\s){0,2}(?:all\sday|all\snight|for\shours)",
        r"\b(?:all\sday|all\snight|for\sdays)\sin\sthe\ssame\s(?:clothes|pad|position)",
        r"\bsame\s(?:clothes|position|pad)\sfor\s(?:days|hours)",
        r"\bunwashed\b",
        r"\bnegl[ie]ct(?:ed|ing|ful)?\b",
        r"\b(?:choked|choking|found\scollapsed|wandered\sout|freezing\shouse|no\sheating)\b",
        r"\b(?:got|developed|ended\sup\swith)\ssepsis\b",
        r"\bdischarged\s(?:\w+\s){0,2}(?:with\sno|without\s(?:any\s)?)\scare",
        r"\bcatheter\s(?:wasn't|was\snot|not)\schanged",
        r"\bdoor\s(?:open|unlocked)\sall\snight",
    ),
    "self-neglect": (
        r"\b(?:not|isn't|stopped|won't|refuses\sto|refusing\sto)\s(?:\w+\s)?(?:eating|washing|eat"
        r"|wash)\b.{0,40}\b(?:won't|refus\w*|isn't|not|wash\w*|eat\w*|doctor|help)",
        r"\bliving\sin\s(?:squalor|filth|a\stip|dirt)",
        r"\bhoard(?:er|ing|s)?\b",
        r"\b(?:house|flat|home|place)\s(?:is\s)?full\sof\s(?:rubbish|mess|dog\smess|junk)",
        r"\brefus(?:es|ed|ing)\s(?:all\s)?(?:help|services|care|support|to\slet\s(?:anyone|carers"
        r"|us|them))\b",
        r"\bwon't\s(?:let\sanyone\s(?:in|help)|accept\s(?:any\s)?help)",
        r"\brats\b",
    ),
    "financial": (
        r"\b(?:take|takes|took|taking|taken|stole|stolen|steals?|stealing|using|spending|spends"
        r"|helping\s(?:him|her)self\sto|controls?|has\sgot|had)\s(?:all\s)?(?:of\s)?"
        + _POSS
        + r"?\s?(?:pension|money|savings|benefits|bank\scards?|cards?\sand\spin|cash|purse"
        r"|wallet|jewellery|accounts?|wages)\b",
        r"\b(?:money|cash|jewellery|valuables)\s(?:\w+\s)?(?:has\s|had\s)?(?:gone|going|went)"
        r"\smissing",
        r"\bmissing\s(?:money|cash)",
        r"\bborrow(?:ed|ing|s)?\s(?:£|money|cash)",
        r"\b(?:asking|asks|asked)\sfor\s(?:loans?|money)",
        r"\bscam(?:s|med|mers?)?\b",
        r"\bcon(?:ned)?\sout\sof\b",
        r"\bfraud\w*",
        r"\bpretending\sto\sbe\sfrom\sthe\sbank",
        r"\bsent\smoney\sto\b",
        r"\bsign(?:ed)?\sover\s(?:the|her|his)\s(?:house|home|flat|property)",
        r"\bchanged\s(?:her|his|dad's|mum's)\swill\b",
        r"\bfinancial(?:ly)?\s(?:abuse|abused|exploit)",
        r"\bhand\sover\s(?:her|his)\s(?:money|pension|cash)",
        r"\btaking\sadvantage\sof\s(?:him|her|me)",
        r"\bcontrols\sall\s(?:her|his|my)\smoney",
    ),
    "physical": (
        r"\b(?:hit|hits|hitting|slap|slaps|slapped|punch|punched|punches|kick|kicks|kicked"
        r"|pinch|pinched|pinches|beat|beats|beaten|beating|threw|thrown|shoved|pushed|push)"
        r"\s(?:me|her|him|them|a\sresident|residents?|mum|dad|nan|over|my\s" + _FAMILY + r")\b",
        r"\bpushed\s(?:\w+\s)?over\b",
        r"\b(?:grabbed|grabs|yanked)\s(?:her|his|my)\s(?:arm|wrist|hand|hair)",
        r"\bbruis\w*\s(?:\w+\s){0,6}(?:carers?|staff|nobody\scan\sexplain|after|frightened"
        r"|scared|respite)",
        r"\b(?:covered\sin|unexplained)\sbruis\w*",
        r"\bblack\seye\b",
        r"\brough\swith\s(?:me|her|him)\b|\bis\srough\b",
        r"\bhurts?\s(?:me|her|him)\b|\bhurt\s(?:her|his|my)\s(?:arm|leg|back|hand|wrist)",
        r"\b(?:tied|strapped)\s(?:her|him|them|me)\s(?:to|in|down)",
        r"\b(?:holding|held|hold)\s(?:her|him|me|them)\sdown",
        r"\bforce[sd]?\s(?:her|his|him|me)\b",
        r"\bass?a?ul?t(?:ed|ing|s)?\b",
        r"\bphysical(?:ly)?\s(?:abuse|abused|abusive|harm)",
        r"\bheavy\shanded\b",
        r"\bthrew\s(?:him|her)\b",
    ),
    "sexual": (
        r"\btouch(?:ed|ing|es)?\s(?:her|him|me|them)\s(?:inappropriately|up|there|intimately)",
        r"\b(?:been|keeps|kept|was|is)\stouching\s(?:her|him|me)\b",
        r"\btouch\w*\s(?:her|his|my|their)\s(?:private|breasts?|bottom|bum|genitals|groin)",
        r"\bprivate\sparts\b",
        r"\bsexual(?:ly)?\s(?:assault|assaulted|abuse|abused|comments?|messages?|photos|advances"
        r"|touching)",
        r"\brap(?:e|ed|ing)\b",
        r"\bexpos(?:ed|ing)\s(?:him|her)self",
        r"\bfondl\w*|\bgrop\w*",
        r"\btried\sto\skiss\b",
        r"\bindecent\w*",
        r"\bsexually\b",
    ),
    "psychological": (
        r"\b(?:shouts?|shouted|shouting|screams?|screamed|swears?|swore|swearing)\sat\s(?:me|her"
        r"|him|them|mum|dad|my\s\w+|residents?)",
        r"\bcall(?:s|ed|ing)?\s(?:me|her|him)\s(?:stupid|names|useless|thick|a\s\w+)",
        r"\bthreat\w*\s(?:to\s(?:put|take|send|hurt|hit|leave|stop|kill)|me|her|him)\b",
        r"\b(?:humiliat|belittl|intimidat|degrad)\w*",
        r"\bbull(?:y|ys|ies|ied|ying)\b",
        r"\bmock(?:s|ed|ing)?\b",
        r"\blaugh(?:s|ed|ing)?\sat\s(?:him|her|me|them)\b",
        r"\b(?:scared|frightened|terrified|afraid)\sof\s(?:him|her|them|the\s(?:\w+\s)?(?:carers?"
        r"|staff|workers?|man)|my\s\w+|the\scarers?|his\s\w+|her\s\w+)",
        r"\bshakes\swhen\b",
        r"\bno\s(?:one|body)\swill\sbelieve\s(?:me|her|him)",
        r"\bwon't\slet\s(?:me|her|him)\s(?:see|go|leave|out|have)",
        r"\b(?:checks|takes|took)\s(?:my|her|his)\sphone",
        r"\bfeel\sworthless|\bmakes?\s(?:me|her|him)\sfeel\s(?:worthless|stupid|useless)",
        r"\bemotional(?:ly)?\s(?:abuse|abused|abusive)",
        r"\bpsychological(?:ly)?\s(?:abuse|abused)",
        r"\btells?\s(?:her|him|me)\s(?:she'll|he'll|i'll)\sbe\sput\sin\sa\shome",
    ),
    "domestic": (
        r"\b(?:husband|wife|partner|boyfriend|girlfriend|ex|son|daughter)\s(?:\w+\s){0,3}(?:hits"
        r"|hit|hitting|beats|beat|violent|abusive|kicks|punched|punches|hurts)\b",
        r"\babusive\srelationship",
        r"\bdomestic\s(?:abuse|violence)",
        r"\bfrightened\sin\smy\sown\shome|\bscared\sin\smy\sown\shome",
        r"\bcontrols\severything\b",
        r"\bwon't\slet\s(?:her|me)\sleave\sthe\shouse",
        r"\b(?:abused|violent|unsafe)\sat\shome\b",
    ),
    "discriminatory": (
        r"\bracis[tm]\w*|\bracial(?:ly)?\s(?:abuse|abused|slur)",
        r"\b(?:homophobic|transphobic|islamophobic|xenophobic)\b",
        r"\bbecause\s(?:i'm|im|i\sam|he's|he\sis|she's|she\sis|they're)\s(?:gay|lesbian|trans"
        r"|muslim|black|asian|polish|disabled|deaf|blind|jewish|a\swoman|foreign|roma)",
        r"\b(?:won't|wouldn't|don't|not|refuse\w*)\s(?:\w+\s){0,4}\W?people\slike\s(?:him|her|me|us"
        r"|them)\b",
        r"\bmock\w*\s(?:his|her|my)\s(?:accent|speech|disability)",
        r"\bnot\snatural\b",
        r"\bdiscriminat\w*",
        r"\bcall(?:s|ed)?\s(?:him|her|me)\snames",
    ),
    "organisational": (
        r"\block(?:s|ed)?\s(?:the\s)?(?:residents|people|them|her|him)\sin\b",
        r"\blocked\sin\s(?:their|her|his)\srooms?",
        r"\bput\sto\sbed\sat\s\d",
        r"\b(?:take|took|taking|takes)\s(?:their|the|her|his)\scall\sbells?\saway",
        r"\bdon't\slet\sresidents\b|\bnot\sallowed\sa\sdrink",
        r"\bshort[\s-]staffed\b.{0,60}\b(?:not\sbeing|left|wet|fed|changed)",
        r"\blike\sa\sprison\b",
        r"\b(?:residents|people)\s(?:are|were)\s(?:left|put|kept)\b",
        r"\bsame\sbedtime\b",
        r"\binstitutional\sabuse",
    ),
    "modern-slavery": (
        r"\bpassports?\b",
        r"\bwork(?:s|ing|ed)?\s(?:\w+\s){0,3}for\sno\s(?:money|pay|wages)",
        r"\bno\spay\b|\btakes?\stheir\swages",
        r"\bexploit(?:ed|ing|ation)?\b",
        r"\bgangs?\b",
        r"\bcuckoo\w*",
        r"\b(?:carry|carrying|sell|selling|deal|dealing)\sdrugs",
        r"\bowes?\s(?:them\s)?a\sdebt\b|\bdebt\she\scan\snever",
        r"\bforc(?:ed|ing|es)\s(?:him|her|them|me)?\s?to\swork",
        r"\bmade\sto\swork\b",
        r"\bliving\sin\s(?:a|his|their|the)\s(?:shed|garage|outbuilding)",
        r"\btraffick\w*|\bmodern\sslavery|\bslave\b",
    ),
    "self-harm": (
        r"\bi\s(?:really\s)?(?:do" + _NT + r"|dont)\swant\sto\s(?:be\shere|live|be\salive|go\son"
        r"|carry\son|wake\sup)",
        r"\bwant(?:s|ed)?\sto\s(?:die|end\s(?:it|my\slife|his\slife|her\slife|things))",
        r"\b(?:can't|cant|cannot|can\snot)\s(?:go\son|carry\son|cope)(?:\slike\sthis|\sany\s?more"
        r"|\s?[.,!]|$)",
        r"\bbetter\soff\s(?:dead|without\sme)",
        r"\bend(?:ing)?\s(?:it\sall|my\slife|his\slife|her\slife)",
        r"\btak(?:e|ing)\smy\sown\slife",
        r"\bkill(?:ing)?\s(?:myself|himself|herself|themselves)",
        r"\bsu?ic?id\w*",
        r"\bself[\s-]?harm\w*",
        r"\bcutting\s(?:myself|himself|herself)",
        r"\boverdose",
        r"\b(?:take|took|taking)\sall\s(?:my|his|her)\s(?:tablets|pills)",
        r"\bstockpil\w*",
        r"\b(?:no|what\sis\sthe|what's\sthe|whats\sthe)\spoint\s(?:in\s|of\s)?(?:living|carrying\son"
        r"|going\son|being\shere|anymore|any\smore)",
        r"\bnot\swake\sup\b",
        r"\blife\s(?:isn't|is\snot|not)\sworth\sliving",
        r"\bhad\senough\sof\slife",
        r"\bwant\sit\sto\s(?:all\s)?stop",
        r"\bburden\sto\severyone",
        r"\bdon't\ssee\sthe\spoint\sin\sliving|\bdont\ssee\sthe\spoint",
    ),
    "abuse-unspecified": (
        r"\babus(?:e|ed|es|ing|ive)\b",
        r"\bharm(?:ed|ing)\s(?:her|him|me)\b",
        r"\bunsafe\sat\shome\b",
    ),
}

# Figures of speech and ordinary uses removed before matching.
NOT_A_DISCLOSURE = re.compile(
    r"(?:nearly|almost|could\shave|would\shave)\s(?:killed|finished)\s(?:me|us|him|her)"
    r"|killing\s(?:me|us)\swith\skindness|(?:could|would)\s(?:have\s)?murder(?:ed)?\sa\b"
    r"|(?:i'd|i\swould)\skill\sfor|dying\s(?:for|to)|to\sdie\sfor|died\slaughing"
    r"|sick\sto\sdeath|hit\sthe\sground|daylight\srobbery|rob\speter|hungry\shorse"
    r"|starving\shungry|forms?\s(?:is|are)\s(?:torture|killing)|killer\squeues?"
    r"|(?:paperwork|forms?|phone\smenu|waiting|wait)\s(?:is|are|was)\s(?:killing|torture)"
    r"|years\sago\sbut\sthey're\sfine|dog\smess\sin\sthe\spark"
    r"|abuse\sof\s(?:the\s)?(?:system|process)|verbal\sabuse\sfrom\s(?:other\s)?patients"
    r"|(?:never|not|wasn't|weren't|didn't)\s(?:\w+\s)?(?:felt\s|feel\s)?neglected"
    r"|(?:away\sfrom|safe\sfrom|protected\sfrom)\s(?:any\s)?(?:kind\sof\s)?(?:harm\sor\s)?abuse"
    r"|abusive\s(?:patients?|to\s(?:all\s|the\s)?(?:staff|nhs|services|nurses))",
    re.IGNORECASE,
)

# "didnt", "dont", "cant" are common on cards; spell them the one way the patterns expect.
CONTRACTION = re.compile(
    r"\b(did|does|do|could|would|should|was|were|is|are|has|have|had|wo|ca)nt\b"
)

_COMPILED = {
    slug: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    for slug, patterns in PATTERNS.items()
}


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"\s+", " ", text)
    text = CONTRACTION.sub(lambda m: m.group(1) + "n't", text)
    return NOT_A_DISCLOSURE.sub(" ", text)


def check_safeguarding(text: str) -> Safeguarding:
    """Flag `text` if it may disclose harm; say which kinds and which phrases matched."""
    clean = _normalise(text)
    categories: list[str] = []
    reasons: list[str] = []
    for slug, pattern in _COMPILED.items():
        matches = [m.group().strip() for m in pattern.finditer(clean)]
        if matches:
            categories.append(slug)
            reasons.extend(m for m in matches if m not in reasons)
    return Safeguarding(bool(categories), tuple(categories), tuple(reasons))
