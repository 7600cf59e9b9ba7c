"""Replies to a meeting invitation: coming, not coming or maybe (the guests are counted in guests.py)."""
from __future__ import annotations

import re

from .corrections import CORRECTION_RE
from .definitions import Meeting
from .guests import (
    POSSESSIVE_NOUN_RE,
    alone_said_last,
    companion_form,
    companion_spelling,
    count_guests,
    gloss,
    is_party_list,
    named_companions,
    unaccounted_people,
)
from .intents import LIFE_EVENT_RE, asks_staff, is_question, is_remark
from .evidence import doubted
from .language import is_foreign, language_of
from .reading import Rsvp
from .text import fold, phrase_regex, sentences, standard_words, words

_MAYBE_RE = re.compile(
    r"\b(?:maaske|maske|mske|muligvis|maybe|i\s+tvivl|usikker|ved\s+(?:det\s+)?(?:ikke|ikk|ik)\s+(?:endnu|helt|om|rigtig)|"
    r"ved\s+ikke(?=\s*(?:[.!,;]|$))|veed\s+ikke|(?:skriver|svarer|melder\s+tilbage|giver\s+lyd)\s+(?:igen\s+)?senere|"
    r"melder\s+tilbage|giver\s+(?:jer\s+)?lyd|hvis\s+(?:jeg|vi|det)\s+(?:kan|naar|faar|har|ikke|bliver)|afhaenger\s+af|"
    r"kommer\s+an\s+paa|vender\s+tilbage|skal\s+lige\s+(?:se|tjekke|hoere|undersoege)|tjekke\s+min\s+kalender|"
    r"hvis\s+tiden|hvis\s+muligt|svarer\s+senere|giver\s+besked\s+senere|maaske|"
    r"(?:det\s+)?ved\s+(?:jeg|vi)\s+(?:ikke|ik|ikk)\s+(?:endnu|helt|rigtig|om)|"
    r"kan\s+(?:jeg|vi)\s+(?:ikke|ikk|ik)\s+(?:love|sige\s+endnu|sige\s+helt)|"
    r"(?:kommer|deltager)\s+nok(?!\s+(?:ikke|ikk|ik))|(?<!skal )nok\s+(?:at\s+)?(?:komme|deltage))\b")
# A yes said with a hedge is a maybe, never a yes (checked after the yes/no reading: "kan ikke, men prøver
# at komme næste gang" stays a no): "ikke sikker på at jeg kan nå det", "vil prøve at komme", "håber at kunne
# komme", "regner med at komme, men ...", "kan nok godt", "sandsynligvis", "medmindre ..."
_HEDGE_RE = re.compile(
    r"\b(?:(?:ikke|ik|ikk)\s+(?:helt\s+|100\s*%?\s*|helt\s+100\s*%?\s*|saa\s+)?(?:sikker|sikkert|sikre|bekraeftet)|"
    r"proev(?:e|er)?\s+(?:om\s+|at\s+)|forsoeg(?:e|er)?\s+(?:om\s+|at\s+)|"
    r"haab(?:e|er|et)?\s+(?:paa\s+)?(?:at\s+)?(?:jeg\s+|vi\s+)?(?:kan|kunne|naar|naa|faar|komme|deltage|vaere\s+med)\b|"
    r"haaber\s+(?:jeg\s+|vi\s+)?(?:det|paa\s+det)(?=\s*[,.!;]|$)|(?<!\w)haaber(?=\s*[,.!;]|$)|forhaabentlig|"
    r"sandsynligvis|formentlig|formodentlig|antageligvis|vist\s+nok|"
    r"tror\s+(?:nok\s+|godt\s+)?(?:at\s+)?(?:jeg|vi)\s+(?:godt\s+)?(?:kan|kommer|naar|deltager|er\s+med|faar)\b|"
    r"(?:det|jeg|vi)\s+tror\s+(?:jeg|vi)(?=\s*[,.!;]|$|\s+(?:nok|godt|da)\b)|satser\s+paa|medmindre|med\s+mindre|afvent\w*|"
    r"(?:burde|skulle\s+gerne)\s+(?:kunne|have\s+tid|naa)|"
    r"regner\s+med\s+(?:at\s+)?\w+(?:\s+\w+)?\s*[,.]?\s+men\b|"
    r"(?:kan|vil)\s+(?:jeg|vi)\s+nok\s+(?:godt\s+|gerne\s+)?(?:komme|deltage|vaere\s+med|naa\s+det)\b|"
    r"(?:jeg|vi)\s+(?:kan|vil|bliver|er)\s+nok\s+(?:godt\s+|gerne\s+)?(?:komme|deltage|vaere\s+med|naa\s+det|med)\b|"
    r"(?:evt|eventuelt)\b|se[rs]?\s+om\s+(?:jeg|vi|det)\b)\b")
# Someone coming in the invited person's place: whose seat, which name on the list?
_SUBSTITUTE_RE = re.compile(r"\bi\s+(?:mit|vores|hans|hendes)\s+sted\b|\bi\s+stedet\s+for\s+(?:mig|os)\b|"
                            r"\binstead\s+of\s+(?:me|us)\b|\bin\s+my\s+place\b|\ban\s+meiner\s+stelle\b|"
                            r"\bstatt\s+(?:mir|meiner)\b")
# "jeg kan ikke se det på kortet": a can't about something other than coming is no RSVP
_NOT_ATTEND_VERBS = (r"se|finde|forstaa|laese|aabne|huske|hoere|klikke|logge|printe|downloade|"
                     r"faa\s+(?:adgang|linket|kortet|siden)|tyde|overskue|gennemskue|svare\s+paa")
_NO_RE = re.compile(
    r"\btror\s+(?:ikke|ik|ikk)\s+(?:at\s+)?(?:jeg|vi)\s+(?:kan|naar|kommer|faar|deltager)\b|"
    r"^(?:nej|nix|nope|nae|no|naeh)\b|"
    # "Nåe nej, ...": an interjection before the no
    r"^(?:naa|naae|naah|naaeh|aa|aah|aaeh|oev|aev|hmm|hov|ups|ej)\s*,?\s*nej\b|"
    r"\b(?:det\s+)?kan\s+(?:jeg|vi)\s+(?:desvaerre\s+|altsaa\s+|nok\s+)?(?:ikke|ikk|ik)\b"
    r"(?!\s+(?:love|sige|svare|vide|" + _NOT_ATTEND_VERBS + r")\b)|"

    r"\b(?:kan|kommer|komer|deltager|naar|faar|har)\s+(?:(?:desvaerre|altsaa|nok|alligevel|jo|bare|heller|"
    r"faktisk|saa|da|sgu|nu)\s+){0,2}(?:ikke|ikk|ik|ej)\b"
    r"(?!\s+(?:" + _NOT_ATTEND_VERBS + r")\b)|"
    r"\b(?:melde|melder|meldt)\s+(?:afbud|fra)\b|\bafbud\b|\bforhindret\b|\bikke\s+mulighed\b|"
    r"\bnej\s+tak\b|\bikke\s+denne\s+gang\b|\bmaa\s+(?:desvaerre\s+)?(?:melde\s+fra|sige\s+nej|takke\s+nej)\b|"
    r"\btakker\s+nej\b|\bikke\s+(?:komme|deltage|vaere\s+med(?=\s+(?:til|paa|i)\s+(?:moedet|arrangementet|det|den)\b|\s*$))\b|"
    r"^(?:af|fra)meld\s+(?:mig\s+)?(?:til\s+|fra\s+)?(?:moedet|arrangementet|workshoppen|aftenen)\b|"
    # "jeg vil gerne afmelde mig mødet": it names the meeting
    r"\b(?:af|fra)meld(?:e|er)?\s+(?:mig|os)\s+(?:til\s+|fra\s+)?(?:moedet|arrangementet|workshoppen|aftenen|"
    r"borgermoedet)\b|\bbortrejst\b|\bdesvaerre\b|"
    # "Det bliver et nej herfra", "et nej fra os"
    r"\b(?:bliver|er)\s+(?:et|en)\s+(?:klart\s+)?nej\b|\bet\s+nej\s+(?:herfra|fra\s+(?:mig|os))\b|"
    r"\b(?:naar|naa|klarer|kan\s+naa)\s+det\s+(?:nok\s+|desvaerre\s+|altsaa\s+)?(?:ikke|ikk|ik)\b")
# another plan that day: "den dag skal jeg til fødselsdag", "der er vi på ferie" (a no unless a yes is also said)
_PLAN_RE = re.compile(
    r"\b(?:den\s+dag|den\s+aften|der|da|det\s+tidspunkt|paa\s+det\s+tidspunkt)\s+(?:skal|er)\s+(?:jeg|vi)\s+"
    r"(?:desvaerre\s+|altsaa\s+|allerede\s+|nok\s+)?(?:til|paa|ude|ud|bortrejst|optaget|afsted|vaek|i\s+udlandet)\b"
    r"(?!\s+(?:moedet|arrangementet|det|jer|borgermoedet|moede))|"
    # busy or ill: "har en anden aftale", "er syg", "skal arbejde", "må melde pas"
    r"\b(?:har|fik|faaet)\s+(?:en\s+)?(?:anden\s+)?aftale\b|\bmaa\s+melde\s+pas\b|\bmelder\s+pas\b|"
    r"\b(?:jeg|vi)\s+er\s+(?:desvaerre\s+)?(?:syg|syge|paa\s+arbejde|paa\s+ferie|ude\s+at\s+rejse)\b|"
    r"^(?:er\s+)?(?:syg|paa\s+arbejde|paa\s+ferie)\b|"
    r"\b(?:jeg|vi)\s+skal\s+(?:desvaerre\s+)?(?:arbejde|paa\s+arbejde)\b|^skal\s+(?:arbejde|paa\s+arbejde)\b")
_YES_RE = re.compile(
    r"\b(?:jeg|vi)\s+skal\s+(?:nok\s+|sgu\s+|helt\s+sikkert\s+)?(?:komme|deltage|vaere\s+(?:der|med))\b"
    r"(?!\s+(?:\w+\s+)?(?:ikke|ikk|ik)\b)|"
    r"\b(?:jeg|vi)\s+kan\s+(?:godt|alligevel|sagtens|faktisk|nu\s+godt)\b(?!\s+(?:\w+\s+)?(?:ikke|ikk|ik)\b)|"
    r"\bkan\s+(?:jeg|vi)\s+(?:godt|alligevel|sagtens)\b(?!\s+(?:\w+\s+)?(?:ikke|ikk|ik)\b)|"
    r"^(?:ja|jo|jep|jeps|jah|jaa|yes|yep|jada|joda|klart|selvfoelgelig|absolut|gerne)\b(?!\s+(?:tak\s+)?for\b)|"
    r"\b(?:bliver|er)\s+(?:et|en)\s+(?:klart\s+)?ja\b|\bet\s+ja\s+(?:herfra|fra\s+(?:mig|os))\b|"
    r"\b(?:kommer|komer|kommmer|deltager|deltger|deltage[rt]?|deltag)\b(?!\s+(?:(?:desvaerre|altsaa|nok|"
    r"alligevel|jo|bare|heller|faktisk|saa|da|sgu|nu)\s+){0,2}(?:ikke|ikk|ik)\b)|"
    r"\btilmeld(?:er)?\s+(?:mig|os)\b|\b(?:hermed\s+)?(?:min|vores)\s+tilmelding\b|\bhermed\s+tilmelding\b|\bkigger\s+(?:forbi|ind)\b|\bdukker\s+op\b|\btael\s+(?:mig|os)\s+med\b|"
    r"\bskriv\s+(?:mig|os)\s+(?:paa|op)\b|\bregner\s+med\s+at\s+(?:komme|deltage)\b|\b(?:jeg|vi)\s+er\s+med\b|\bglaeder\s+(?:mig|os)\b|\bvi\s+ses\b|"
    r"\bvil\s+(?:rigtig\s+)?gerne\s+(?:vaere\s+med|deltage|komme)\b|\bregn\s+med\s+(?:mig|os)\b|\bja\s+tak\b|"
    r"\bsaetter\s+kryds\b|\bjeg\s+er\s+der\b|\bvi\s+(?:er|bliver)\s+" + r"(?:\d{1,2}|to|tre|fire|fem|seks)\b|"
    r"\btager\s+(?:\w+\s+){1,3}med\b|^(?:jeg|mig)\s*\+\s*(?:\d|en|een|et)\b|\bdet\s+vil\s+(?:jeg|vi)\s+(?:rigtig\s+)?gerne\b|"
    # "så jeg når det fint", "det kan jeg godt nå": making it in time is coming
    r"\b(?:jeg|vi)\s+(?:naar|klarer|kan\s+(?:godt\s+|sagtens\s+|fint\s+)?naa)\s+det\b(?!\s+(?:\w+\s+)?(?:ikke|ikk|ik)\b)|"
    r"\bdet\s+(?:naar|kan)\s+(?:jeg|vi)\s+(?:godt\s+|sagtens\s+|fint\s+)?(?:naa\b|godt\b|sagtens\b)(?!\s+(?:ikke|ikk|ik)\b)")


# English and German replies, read with the same engine.
_EN_DE_YES_RE = phrase_regex([
    "will come", "will attend", "will be there", "are coming", "i will come", "i'll come", "ill come", "i will be there", "i'll be there", "ill be there", "we will come",
    "we'll come", "we will be there", "we'll be there", "i am coming", "i'm coming", "im coming", "we are coming",
    "we're coming", "count me in", "count us in", "see you there", "see you then", "looking forward", "i would love to",
    "i'd love to", "we'd love to", "we would love to", "love to come", "happy to come", "gladly", "i will attend", "i'll attend", "we will attend", "yes please", "sign me up", "i can come",
    "we can come", "i can make it", "we can make it", "i will join", "i'll join", "i am in", "i'm in",
    "ich komme", "wir kommen", "ich bin dabei", "wir sind dabei", "ich nehme teil", "wir nehmen teil", "ja gerne",
    "komme gerne", "kommen gerne", "bis dann", "ich werde kommen", "wir werden kommen", "bin dabei", "sind dabei"])
_EN_DE_NO_RE = phrase_regex([
    "can't come", "cant come", "cannot come", "can not come", "won't come", "wont come", "will not come",
    "can't make it", "cant make it", "cannot make it", "won't make it", "can't attend", "cannot attend",
    "won't be able", "will not be able", "not able to", "unable to", "no thanks", "no thank you", "unfortunately",
    "i'm away", "i am away", "have to decline", "must decline", "not coming", "not attending", "can't join",
    "won't be there", "will not be there", "i'm busy", "i am busy",
    "kann nicht", "koennen nicht", "kann leider nicht", "koennen leider nicht", "leider nicht", "leider",
    "komme nicht", "kommen nicht", "nein danke", "muss absagen", "sage ab", "verhindert", "keine zeit"])
_EN_DE_MAYBE_RE = phrase_regex([
    "maybe", "perhaps", "might come", "might be able", "not sure", "possibly", "probably", "hopefully",
    "i'll try", "i will try", "depends", "let you know", "tentatively", "if i can",
    "vielleicht", "weiss noch nicht", "weiss nicht", "eventuell", "mal sehen", "wahrscheinlich", "unsicher"])
# An answer about another occasion: "næste gang", "en anden gang", "next time" says nothing about this meeting.
_OTHER_OCCASION_RE = phrase_regex(["naeste gang", "en anden gang", "fremover", "i fremtiden", "next time",
                                   "another time", "naechstes mal", "ein andermal"])
# "alligevel", "har ombestemt mig": the writer changes an answer given earlier in the message
_CHANGED_MIND_RE = phrase_regex(["alligevel", "ombestemt", "har fortrudt", "changed my mind", "after all",
                                 "doch nicht", "doch"])


# A reply written for a panelist: "jeg skriver for min mor", "på vegne af min far", "on behalf of my husband"
_ON_BEHALF_RE = re.compile(r"\b(?:(?:jeg|vi|i'm|im|i\s+am|we\s+are)\s+)?(?:skriver|svarer|writing|answering|replying)\s+(?:paa\s+vegne\s+af|for|on\s+behalf\s+of)\s+"
                           r"(?:min|mit|vores|my|our)\s+\w+|\b(?:paa\s+vegne\s+af|on\s+behalf\s+of)\s+(?:min|mit|vores|my|our)\s+\w+")
_THIRD_PERSON_RE = re.compile(r"\b(?:hun|han|she|he)\b")
_PARTY_WORD_RE = re.compile(r"\b(will|'ll|can|are|would|kommen|werden|sind)\s+(?:both|definitely|certainly|surely|"
                            r"absolutely|beide)\s+")  # not "all": a party of unknown size
_APOLOGIES = {"sorry", "undskyld", "entschuldigung"}
# The answer drawn at the end, after the reasons: "Ja ... nej, jeg har jo tandlæge. Så nej."
_CONCLUSION_RE = re.compile(r"^(?:saa|altsaa|derfor|so|also|daher|therefore)\b[\s,:]*")
# Coming whatever the answer to a question: "i hvert fald", "uanset hvad", "anyway"
_REGARDLESS_RE = phrase_regex(["i hvert fald", "i hvert tilfaelde", "uanset hvad", "uanset", "under alle omstaendigheder",
                               "anyway", "either way", "regardless", "auf jeden fall", "so oder so"])


def _attending(s: str) -> str | None:
    """"yes", "no", "maybe" or None for one folded statement (a sentence)."""
    # "kan ikke, men kommer gerne næste gang": a clause about another occasion says nothing about this one;
    # "inden jeg tilmelder mig: ...": nor does a clause about what comes before
    s = " , ".join(c for c in re.split(r"\s*[,;:]\s*|\s+(?=men\b|but\b|aber\b)", s)
                   if not _OTHER_OCCASION_RE.search(c) and not re.match(r"(?:inden|foer|before|bevor|ellers|otherwise|"
                                                                        r"sonst)\s", c.strip()))
    if _MAYBE_RE.search(s) or _EN_DE_MAYBE_RE.search(s):
        return "maybe"
    # "we will both be there", "we will definitely come": a word between the verb's parts
    s = _PARTY_WORD_RE.sub(r"\1 ", s)
    attending = None
    clauses = [c.strip() for c in re.split(r"\s*[,;!]\s*|\s+men\s+|\s+but\s+|\s+aber\s+|\s+-\s+", s) if c.strip()]
    for clause in clauses:
        clause = re.sub(r"^(?:men|og|but|and|aber|und)\s+", "", clause)
        if re.match(r"^(?:og\s+)?(?:min|mit|mine|han|hun|de|vores|my|his|her|our|mein|meine)\b", clause) and not re.search(
                r"\b(?:jeg|vi|i|we|ich|wir)\b", clause):
            continue  # about someone else ("men min kone kan desværre ikke")
        no = _NO_RE.search(clause) or _EN_DE_NO_RE.search(clause)
        yes = _YES_RE.search(clause) or _EN_DE_YES_RE.search(clause)
        if not no and not yes and _PLAN_RE.search(clause):
            if any(_YES_RE.search(c) for c in clauses):
                break  # "der skal jeg til tandlæge, men jeg kommer bagefter": ask
            no = _PLAN_RE.search(clause)
        if no and yes:
            # "ja, men kan ikke blive hele tiden": the earlier one rules
            attending = "no" if no.start() <= yes.start() else "yes"
            if no.group(0) == "desvaerre":
                attending = "yes"
            break
        if no:
            attending = "no"
            break
        if yes:
            attending = "yes"
            break
    if attending in (None, "yes") and _HEDGE_RE.search(s) and (attending == "yes" or re.search(
            r"\b(?:komme|kommer|deltage|deltager|naa|naar|vaere\s+med|kigge|dukke)\b", s)):
        attending = "maybe"
    return attending


# "ja, hvis vejret er godt": a condition; "hvis det er i orden", "hvis jeg må": only politeness;
# "hvis der er plads (til hende)": room is the service's to decide (seat rules), not a doubt about coming
_CONDITION_RE = re.compile(r"\bhvis\b(?!\s+(?:det\s+er|det\s+passer|det\s+gaar)\s+(?:i\s+orden|ok|okay|fint|tilladt|"
                           r"muligt|godt|ogsaa\s+ok)\b|\s+(?:jeg|vi)\s+(?:maa|gerne\s+maa)\b|\s+i\s+vil\b|"
                           r"\s+der\s+er\s+(?:plads|pladser|ledige\s+pladser|stadig\s+plads)\b)|\bif\s+(?:i|we|it)\b|\bwenn\b")


def _conditional(s: str) -> str | None:
    """None, "condition" (a yes on a condition: a maybe) or "who" (the condition is about who comes)."""
    m = _CONDITION_RE.search(s)
    if not m:
        return None
    cond = s[m.start():]
    # who comes depends on the condition: "tager X med", "med min X", or another party "ellers"
    brings = re.search(r"\btager\s+(?:\w+\s+){1,3}med\b|\bmed\s+(?:min|mit|mine|vores)\s+\w+|\bplus\b|"
                       r"\bellers\b.*\b(?:alene|selv|kun\s+mig)\b|\bvi\s+(?:to|tre|fire|\d)\b", s)
    if brings and any(companion_form(w) or w in ("han", "hun", "de", "ham", "hende", "dem")
                      for w in re.findall(r"[a-z]+", cond + " " + brings.group(0))):
        return "who"  # "hvis der er plads, tager jeg min søn med", "tager min bror med hvis han har tid"
    return "condition"


def _combine(decisions: list[tuple[str, bool]]) -> str | None:
    """One answer from the statements of a message, in order: (attending, changes an earlier answer).

    A statement that takes an earlier one back ("nej vent", "alligevel") stands; otherwise the
    statements must agree (a yes and a no with no correction word is a question, not an answer), and a
    yes beside a maybe is a maybe."""
    if not decisions:
        return None
    changed = [a for i, (a, change) in enumerate(decisions) if change and i > 0]
    if changed:
        return changed[-1]
    said = {a for a, _ in decisions}
    if len(said) == 1:
        return said.pop()
    if said == {"yes", "maybe"}:
        return "maybe"
    return "conflict"


def read_rsvp(body: str, meeting: Meeting) -> tuple[str, Rsvp | None]:
    """(intent, rsvp) of a reply to a meeting invitation."""
    # "kommer m. min kone", "m/ konen": the short forms of "med"
    body = re.sub(r"(?<![\w.])([mM])(?:\.|/)\s*(?=[a-zæøåA-ZÆØÅ0-9])", "med ", body)
    body = re.sub(r"(?<![\w.])(?<!\d )m\s+(?=[a-zæøå]{2,})", "med ", body)  # "kommer m kæresten"
    statements = []
    asks_about_someone = False  # "Må jeg tage min mand med?": whether a guest comes is the question
    for s in sentences(body):
        if s.endswith("?") or is_question(s):
            asks_about_someone = asks_about_someone or _asks_about_companion(words(fold(s)))
            s = _statement_head(s.rstrip("?") + "?")
        if s:
            statements.append(s)
    if not statements:
        return ("other" if asks_staff(body) else "unclear"), None
    normal = []
    for s in statements:
        # abbreviations keep their clause: "evt. med min kæreste" is one part, not two
        f = re.sub(r"\b(evt|ca|bl\.a|f\.eks|inkl|mht|pga)\.", r"\1", re.sub(r"\s+", " ", fold(s)))
        f = re.sub(r"([a-z])\1{2,}", r"\1", f)  # "jaaa", "neeej": drawn-out letters
        f = standard_words(f)  # "ska æ", "æ kommer": Jutlandic forms
        normal.append(POSSESSIVE_NOUN_RE.sub(companion_spelling, f))  # "hendes man", "min kærste"
    if _ON_BEHALF_RE.search(" . ".join(normal)) and not re.search(
            r"\b(?:jeg|mig|vi|os|i|me|we|us)\b", _ON_BEHALF_RE.sub("", " . ".join(normal))):
        # "Jeg skriver for min mor. Hun kan ikke komme": the one written for answers in the third person
        # (unless the writer also speaks of themselves: "..., og jeg kommer med ham")
        normal = [_THIRD_PERSON_RE.sub(lambda m: "jeg" if m.group(0) in ("hun", "han") else "i", _ON_BEHALF_RE.sub("", s))
                  for s in normal]
        normal = [s for s in normal if s.strip(" .,:;!-")]
    text = " . ".join(normal)
    if LIFE_EVENT_RE.search(text):
        return "other", None  # "min mand er død, så han kommer ikke": a person reads it, nobody is answered
    if _SUBSTITUTE_RE.search(text):
        return "unclear", None  # "min søn kommer i mit sted": someone else instead of the one invited
    clauses = [c.strip() for c in re.split(r"\s*[,.;!]\s*|\s+men\s+|\s+-\s+", text) if c.strip()]
    decisions = []
    pending = False  # a sentence that takes something back without saying the new answer ("Ups, forkert dato.")
    taken_back = False  # "Ja. Nej vent." with nothing after: the yes is taken back, and no new answer given
    doubt = False  # "Ja. Så ved jeg ikke" (``evidence.DOUBT_RE``)
    for s in normal:
        marks = list(CORRECTION_RE.finditer(s))
        if marks and marks[-1].group(0) in _APOLOGIES and _attending(s[:marks[-1].start()]) and not _attending(
                s[marks[-1].end():]):
            marks.pop()  # "Can't come sorry, we are away": an apology for the answer, which stands
        after = s[marks[-1].end():] if marks else s
        conclusion = _CONCLUSION_RE.match(s) if s is normal[-1] and len(normal) > 1 else None
        if conclusion and not marks:
            after = s[conclusion.end():]
        if marks and not after.strip(" ,.!:;-") and not s[:marks[-1].start()].strip(" ,.!:;-"):
            pending = taken_back = True  # "Nej vent, ...": the marker alone is no answer
            continue
        a = _attending(after if after.strip(" ,.!:;-") else s)
        if a == "yes" and _conditional(after if after.strip(" ,.!:;-") else s) == "who":
            return "unclear", None  # "hvis der er plads, tager jeg min søn med": who comes?
        if a == "yes" and _conditional(after if after.strip(" ,.!:;-") else s):
            a = "maybe"  # "ja, hvis vejret er godt"
        changes = bool(marks) or bool(_CHANGED_MIND_RE.search(s)) or bool(conclusion)
        if doubted(after):  # beside an answer a maybe (beside a no: which?); alone nothing
            doubt = True
            if a is None:
                continue
        if a is None:
            pending = pending or changes
            continue
        decisions.append((a, changes or pending))
        pending = taken_back = False
    attending = _combine(decisions)
    if doubt and attending == "yes":
        attending = "maybe"
    elif doubt and attending == "no":
        attending = "conflict"  # "Nej. Så ved jeg ikke": which?
    if attending == "conflict" or (taken_back and decisions):
        return "unclear", None  # "Ja tak. Jeg kan ikke.": which?
    if attending is None and is_party_list(text):
        attending = "yes"  # "jeg og min kæreste + hendes bror": who comes, so a yes
    if attending is None:
        return ("other" if asks_staff(body) or is_remark(body) or (is_foreign(body) and len(words(body)) >= 3)
                else "unclear"), None
    if attending == "no":
        return "rsvp", Rsvp("no", 0)

    language = language_of(text)
    if language != "da":
        text = gloss(text, language)
        clauses = [gloss(c, language) for c in clauses]
    if asks_about_someone and not (meeting.max_guests == 0 and _REGARDLESS_RE.search(text)):
        # who comes is what the reply asks: ask again after staff answer (unless no guest can come and the
        # writer comes whatever the answer: "Kan jeg tage min søn med? Jeg kommer i hvert fald")
        return "unclear", None
    guests, countable = count_guests(text, clauses)
    if not countable or guests > meeting.max_guests or not alone_said_last(clauses) and (
            unaccounted_people(text, body, meeting) or guests < named_companions(text)):
        return "unclear", None  # never a count lower than the people the reply names
    return "rsvp", Rsvp(attending, guests)


_EXISTENTIAL = {"der", "there", "es"}
_ARTICLES = {"en", "et", "nogen", "a", "an", "any", "ein", "eine", "einen"}


def _asks_about_companion(ws: list[str]) -> bool:
    """A question about someone who may come along ("Må jeg tage min mand med?", "Kan konen komme?"), not
    about what the meeting offers: "er der (en) tolk?", "is there an interpreter?" (an existential question
    whose companion noun has no article of ownership)."""
    for i, w in enumerate(ws):
        if not companion_form(w):
            continue
        j = i - 1
        while j >= 0 and ws[j] in _ARTICLES:
            j -= 1
        if j >= 0 and ws[j] in _EXISTENTIAL:
            continue
        return True
    return False


_QUESTION_START_RE = re.compile(
    r"^(?:og\s+|men\s+)?(?:hv\w+|kan|skal|maa|må|er|har|vil|bliver|kommer|findes|gaar|går|tager|faar|får|"
    r"giver|serveres|sker|starter|slutter|ved|hvis)\s+(?:jeg|du|vi|i|der|man|det|den|han|hun|de|min|mit|mine|"
    r"vores|jeres)\b|^(?:og\s+|men\s+)?hv\w+\b", re.I)


def _statement_head(sentence: str) -> str:
    """'Jeg kommer i kørestol, er der adgang?' -> 'Jeg kommer i kørestol': the
    statement before the question in a sentence that ends with one ("Kommer
    ikke, men skal ...?"). Empty when the whole sentence is a question."""
    parts = re.split(r"\s*,\s*(?:men\s+)?|\s+men\s+", sentence.rstrip("?").strip())
    head = []
    for part in parts[:-1]:
        if not part or _QUESTION_START_RE.match(fold(part)):
            break
        head.append(part)
    return ", ".join(head)
