"""How many people come with a panelist: "min mand og jeg", "vi er tre", "+1", "med to børn"."""
from __future__ import annotations

import re

from .definitions import Meeting
from .numbers import NUMBER_WORDS
from .text import edit_distance, fold, words

_COMPANIONS = {
    "mand", "kone", "hustru", "aegtefaelle", "kaereste", "partner", "samlever", "sambo", "soen", "datter",
    "barn", "barnebarn", "nabo", "naboer", "ven", "veninde", "kammerat", "kollega", "far", "mor", "bror",
    "soester", "svigermor", "svigerfar", "svigersoen", "svigerdatter", "ledsager", "hjaelper", "gaest",
    "mor", "fader", "moder", "nevoe", "niece", "fætter", "faetter", "kusine", "onkel", "tante", "dreng",
    "pige", "pårørende", "paaroerende", "underbo", "genbo", "bedre halvdel", "frue", "herre", "mormor",
    "morfar", "farmor", "farfar", "oldemor", "ven", "bekendt", "hjemmehjaelper", "plejer",
    "boern", "soenner", "doetre", "venner", "veninder", "kolleger", "kollegaer", "boernebo", "barnebarn",
    "boerneboern", "naboer", "brødre", "broedre", "soestre", "gaester", "foraeldre", "svigerforaeldre",
    "bedsteforaeldre", "drenge", "piger", "unger", "teenagere", "sambo", "baby", "spaedbarn",
    "svoger", "svigerinde", "stedfar", "stedmor", "stedsoen", "steddatter", "bonussoen", "bonusdatter",
    "bonusbarn", "bedstemor", "bedstefar", "oldebarn", "barnebarn", "fyr", "veninde", "bofaelle", "roommate",
    "kollega", "makker", "nabokone", "nabo", "vaerge", "kontaktperson", "stoetteperson", "handicaphjaelper",
    "ledsager", "tolk", "chauffoer", "svigerinder", "svogre", "soeskende", "oldeboern", "bonusboern"}
_PLURAL_COMPANIONS = {"boern", "soenner", "doetre", "venner", "veninder", "kolleger", "kollegaer", "naboer",
                      "broedre", "soestre", "gaester", "drenge", "piger", "unger", "teenagere", "boerneboern",
                      "svigerinder", "svogre", "soeskende", "oldeboern", "bonusboern"}
# plural nouns that still tell how many
_PAIRS = {"foraeldre": 2, "svigerforaeldre": 2, "bedsteforaeldre": 2}
_NUM = r"(\d{1,2}|en|et|een|to|tre|fire|fem|seks|syv|otte|ni|ti)"


# "min kone bliver hjemme": a person who explicitly stays away is no guest
_STAYS_HOME = r"\b(?:bliver|blive|blir|forbliver)\s+(?:\w+\s+)?(?:hjemme|vaek|derhjemme)\b"

_PARTY_WORDS = {"jeg", "mig", "og", "samt", "plus", "min", "mit", "mine", "hans", "hendes", "vores", "en", "et",
                "selv", "ja", "tak", "med"}


def is_party_list(text: str) -> bool:
    """A reply that only names who comes: the panelist and companions."""
    toks = words(text.replace("+", " og "))
    if len(toks) >= 4 and toks[0] in ("min", "mit", "vores") and ("jeg" in toks or "mig" in toks) and all(
            t in _PARTY_WORDS or t in _COMPANIONS or t in NUMBER_WORDS for t in toks):
        return True  # "min søster og jeg plus hendes datter"
    return len(toks) >= 3 and toks[0] in ("jeg", "mig") and toks[1] in ("og", "samt", "plus", "med") and any(
        t in _COMPANIONS for t in toks) and all(t in _PARTY_WORDS or t in _COMPANIONS or t in NUMBER_WORDS
                                                or t.isdigit() for t in toks)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


# "hele familien" is a party of unknown size; "hele aftenen", "hele tiden" is how long
_NOT_A_SPAN = (r"(?!(?:tiden|aftenen|dagen|eftermiddagen|formiddagen|natten|ugen|weekenden|moedet|arrangementet|"
               r"programmet|forloebet|workshoppen|vejen)\b)")
_POSSESSIVES = r"(?:min|mit|mine|vores|hans|hendes|deres|sin|sit|sine)"
POSSESSIVE_NOUN_RE = re.compile(r"\b(" + _POSSESSIVES + r")\s+([a-z]{3,})\b")
# words between a possessive and its noun ("min lille søster", "min gamle mor")
_NOUN_ADJECTIVES = {"lille", "store", "gamle", "unge", "aeldste", "yngste", "nye", "bedste", "kaere", "soede",
                    "egen", "eget", "egne", "voksne", "to", "tre", "fire", "fem", "bedre"}
# things a panelist brings that are no guests
_NOT_PEOPLE = {"bil", "bilen", "cykel", "cyklen", "rollator", "rollatoren", "koerestol", "koerestolen", "kalender",
               "kalenderen", "hund", "hunden", "madpakke", "computer", "telefon", "mobil", "hoereapparat",
               "stok", "krykker", "arbejde", "side", "mening", "tid"}


def companion_spelling(m: re.Match) -> str:
    """A companion word misspelt by one letter after a possessive ("hendes man", "min kærste", "min søste")."""
    word = m.group(2)
    if companion_form(word) is not None or word in _NOUN_ADJECTIVES or word in _NOT_PEOPLE:
        return m.group(0)
    near = {c for c in _COMPANIONS if " " not in c and abs(len(c) - len(word)) <= 1 and len(c) >= 3
            and edit_distance(word, c, 1) <= 1}
    if len(near) == 1 or (near and len({c in _PLURAL_COMPANIONS for c in near}) == 1 and len(word) >= 5):
        return m.group(1) + " " + sorted(near)[0]
    return m.group(0)


_NAME_LINK_RE = re.compile(r"(?:\b(?:med|og|plus|samt|tager)|\+)\s+([A-ZÆØÅ][a-zæøåé]+)\b")


def named_companions(text: str) -> int:
    """A floor on the guests: the companions a reply names one by one in clauses that say who comes
    ("min mand, mig og vores nabo": 2; "forældrene": 2).  Counted apart from the party reading, so that a
    reading that misses one is caught."""
    n = 0
    for clause in re.split(r"[.;!]|\bmen\b", _CONSULTS_RE.sub(" ", text)):
        if re.search(r"\b(?:ikke|ikk|ik|ej|desvaerre|aldrig|uden|maaske|muligvis|evt)\b|" + _STAYS_HOME, clause):
            continue
        toks = re.findall(r"\+|[a-z0-9]+", clause)
        for i, t in enumerate(toks):
            form = companion_form(t)
            if form is None or t in _PEOPLE_NOUNS:
                continue
            k = i - 1
            while k >= 0 and toks[k] in _NOUN_ADJECTIVES and toks[k] not in ("to", "tre", "fire", "fem"):
                k -= 1
            prev = toks[k] if k >= 0 else ""
            if prev not in ("min", "mit", "vores", "hans", "hendes", "deres", "sin", "sit", "en", "et", "med", "og",
                            "plus", "+", "samt") and t == form[0]:
                continue
            if not _in_party(toks, i):
                continue  # "det handler om min søns skole", "om min mand kan hente børnene": not coming along
            noun, plural = form
            if noun in _PAIRS:
                n += _PAIRS[noun]
            elif not plural:
                n += 1
    return n


def unaccounted_people(text: str, body: str, meeting: Meeting) -> bool:
    """Someone named as coming along whom the count cannot place: a person by name ("med Peter") or a
    noun after a possessive that is no known companion ("med min nabodame"): ask rather than count low."""
    known = set(words(" ".join([meeting.title or "", getattr(meeting, "location", "") or ""])))
    for m in _NAME_LINK_RE.finditer(body):
        name = fold(m.group(1))
        if name not in known and name not in NUMBER_WORDS and name not in ("jeg", "mig", "vi", "min", "mit",
                                                                            "mine", "vores", "tak", "ja"):
            return True
    for clause in re.split(r"[,.;!]|\bmen\b", text):
        if re.search(r"\b(?:ikke|ikk|ik|ej|desvaerre|aldrig|uden)\b|" + _STAYS_HOME, clause):
            continue
        toks = re.findall(r"\+|[a-z0-9]+", clause)
        for i, t in enumerate(toks):
            if t not in ("min", "mit", "mine", "vores", "hans", "hendes", "deres", "sin", "sit", "sine"):
                continue
            j = i + 1
            while j < len(toks) and (toks[j] in _NOUN_ADJECTIVES or toks[j].isdigit()):
                j += 1
            if j >= len(toks):
                continue
            noun = toks[j]
            linked = i > 0 and toks[i - 1] in ("med", "og", "plus", "+", "samt", "tager") or "med" in toks[j + 1:j + 3]
            if linked and companion_form(noun) is None and noun not in _PEOPLE_NOUNS and noun not in _NOT_PEOPLE:
                return True
    return False


def _head_counts(text: str) -> list[int]:
    """Numbers in a reply that may count people (not times, dates, ages, minutes)."""
    out = []
    for m in re.finditer(r"(?<![\w.:])(\d{1,2}|to|tre|fire|fem|seks|syv|otte)(?![\w:]|\.\d)", text):
        before, after = text[:m.start()], text[m.end():]
        if re.search(r"\b(?:kl|klokken|den|til|paa|fra|efter|om|ca|inden|foer)\.?\s*$", before):
            continue
        if re.match(r"^\s*(?:\.|min|minutter|timer?|aar|km|dage?|uger?|gange)", after):
            continue
        out.append(_count(m.group(1)))
    return out


# People counted by a number: "2 voksne og 2 børn", "de 2 unger"
_PEOPLE_NOUNS = {"voksne", "voksen", "boern", "barn", "unger", "unge", "personer", "person", "pers", "mennesker",
                 "drenge", "piger", "teenagere", "gaester", "gaest", "boerneboern", "venner", "veninder",
                 "naboer", "kolleger", "kollegaer", "soenner", "doetre", "stk", "styk", "ledsagere", "ledsager"}


def companion_form(word: str) -> tuple[str, bool] | None:
    """(companion, plural) for a companion noun in any form: "konen", "børnene", "vores barnebarn"."""
    if word in _PAIRS:
        return word, True
    if word in _COMPANIONS:
        return word, word in _PLURAL_COMPANIONS
    for end in ("ene", "erne", "ne", "en", "et", "n"):
        if word.endswith(end):
            base = word[:-len(end)]
            for b in (base, base[:-1] if len(base) > 3 and base[-1] == base[-2] else base, base + "e", base + "er"):
                if b in _COMPANIONS:
                    return b, b in _PLURAL_COMPANIONS or end in ("ene", "erne", "ne") and b not in ("kone", "mand")
    return None


_PARTY_LINKS = {"og", "med", "plus", "+", "samt", "tager", "kommer", "mig", "jeg", "vi", "ja", "tak", "ogsaa"}


def _in_party(toks: list[str], i: int) -> bool:
    """Is the companion noun at i one of the people who come ("mig og børnene", "kommer med konen",
    "tager min søn med"), rather than someone mentioned ("skal hente ungerne først")?"""
    j = i - 1
    while j >= 0 and (toks[j] in ("min", "mit", "mine", "vores", "hans", "hendes", "de", "en", "et", "lille",
                                  "store", "to", "tre", "fire") or toks[j] in _NOUN_ADJECTIVES or toks[j].isdigit()):
        j -= 1
    if j < 0 or toks[j] in _PARTY_LINKS or toks[j] in (",", "."):
        return True
    return "med" in toks[i + 1:i + 3] or toks[i + 1:i + 3] in (["og", "jeg"], ["og", "mig"])


def _party_count(text: str) -> tuple[int, bool] | None:
    """Guests from the people a reply names, added up: "vi er 2 voksne og 2 børn" (3),
    "min kone og jeg plus vores barnebarn" (2), "kommer med konen og de 2 unger" (3),
    "vi kommer to + min søn" (2).  None when the reply names no party this way."""
    parts = re.split(r"[,.;!]|\bmen\b", text)
    for c in parts:
        if re.search(r"\b(?:maaske|muligvis|evt|eventuelt|maske)\b", c) and any(
                companion_form(w) for w in re.findall(r"[a-z]+", c)):
            return 0, False  # "og måske vores søn": one guest or two?
    if re.search(r"\b(?:familie|familien|familier|familierne|flokken|banden|hele\s+" + _NOT_A_SPAN + r"\w+|de\s+smaa)\b",
                 text):
        return 0, False  # "med familien", "to familier": how many?
    # "min mand kan ikke, men jeg kommer med vores 2 børn": who does not come is no guest
    # and "min mand er syg" names no one who comes: a part counts when it says who comes along
    text = " , ".join(c for c in parts if not re.search(r"\b(?:ikke|ikk|ik|ej|desvaerre|aldrig|uden)\b|" + _STAYS_HOME, c)
                      and re.search(r"\+|\b(?:kommer|komme|med|tager|deltager|jeg|mig|vi|plus|samt|og|ja|ogsaa)\b", c))
    toks = re.findall(r"\+|[a-z0-9]+|[,.]", text)  # a clause boundary starts a party of its own
    people = 0          # named besides a "vi N" count
    groups = 0          # counted groups ("2 voksne")
    singles = 0         # companions named one by one
    uncountable = False
    base = None         # "vi kommer to": people in all, the writer included
    we_groups = False   # "vi er 2 voksne og 2 børn": the writer is among the groups
    linked = False      # "+", "plus", "samt": the names come on top of a count
    i = 0
    while i < len(toks):
        t = toks[i]
        n = _count(t) if (t.isdigit() and len(t) <= 2) or t in NUMBER_WORDS and t not in ("en", "et", "ingen") else None
        if n is not None and i + 1 < len(toks) and (toks[i + 1] in _PEOPLE_NOUNS or (
                i + 2 < len(toks) and toks[i + 2] in _PEOPLE_NOUNS and toks[i + 1] not in ("og", "plus", "+"))):
            people += n
            groups += 1
            if i >= 2 and toks[i - 2] == "vi" or i >= 3 and toks[i - 3] == "vi":
                we_groups = True
            i += 2
            continue
        if n is not None and i >= 2 and toks[i - 2] == "vi" and toks[i - 1] in ("er", "kommer", "bliver", "deltager"):
            base = n
            i += 1
            continue
        if t in ("+", "plus", "samt"):
            linked = True
        form = companion_form(t)
        if form is not None and t not in _PEOPLE_NOUNS and not _in_party(toks, i):
            form = None  # "ska bare lige hente ungerne først": not coming along
        if form is not None and t not in _PEOPLE_NOUNS:
            k = i - 1
            while k > 0 and toks[k] in _NOUN_ADJECTIVES and toks[k] not in ("to", "tre", "fire", "fem"):
                k -= 1  # "min lille søster"
            prev = toks[k] if i else ""
            noun, plural = form
            if noun in _PAIRS:
                people += _PAIRS[noun]
                singles += 1
            elif plural:
                uncountable = True  # "mig og børnene": how many?
            elif prev in ("min", "mit", "vores", "hans", "hendes", "deres", "sin", "sit", "en", "et", "med", "og", "plus",
                          "+", "samt") or (
                    t != noun):
                people += 1
                singles += 1
        i += 1
    if not (groups or singles or uncountable):
        return None
    if uncountable:
        return 0, False
    if base is not None:
        if not groups and not linked and base == people + 1:
            return base - 1, True  # "vi kommer 3 (mig, min mand og vores datter)": the same three
        if groups or not linked:
            return 0, False  # "vi kommer 3, mig og min mand": the same people twice, or more?
        return base - 1 + people, True
    if we_groups:
        return people - 1, True
    if groups and not linked and not re.search(r"\b(?:jeg|mig|kommer\s+med|tager\s+\w+\s+med|med)\b", text):
        return None
    return people, True


# "vi er et par stykker", "nogle stykker", "flere af os", "en flok": a party whose size is not told
_VAGUE_PARTY_RE = re.compile(
    r"\b(?:et\s+par|nogle|flere|mange|en\s+del|en\s+flok|en\s+gruppe|a\s+few|some|several|ein\s+paar|einige)\s+"
    r"(?:\w+\s+)?(?:naboer|venner|veninder|kolleger|kollegaer|boern|unger|personer|mennesker|andre|gaester|"
    r"friends|neighbours|neighbors|people|kids|colleagues|freunde|nachbarn|leute)\b|"
    r"\b(?:et\s+par|nogle|flere|mange|en\s+del)\s+(?:stykker|styks|stk|styk|af\s+os)\b|"
    r"\bvi\s+(?:er|bliver|kommer|tager)\s+(?:nok\s+|vel\s+)?(?:nogle|flere|mange|en\s+del|et\s+par|faa|en\s+flok|"
    r"en\s+gruppe|et\s+hold|en\s+haandfuld|en\s+masse)\b|"
    r"\b(?:med|og|plus)\s+(?:en\s+flok|en\s+gruppe|et\s+hold|nogle|flere|et\s+par|en\s+del)\s+(?:venner|veninder|naboer|"
    r"kolleger|kollegaer|andre|fra\s+\w+|personer|mennesker|stykker)\b")


# A second count offered as an alternative: "eller måske to", "måske flere", "or maybe three"
_OTHER_COUNT_RE = re.compile(r"\b(?:eller|maaske|muligvis|or|maybe|oder|vielleicht)\s+(?:\w+\s+)?"
                             r"(?:to|tre|fire|fem|\d{1,2}|flere|en\s+til|two|three|four|more|zwei|drei|mehr)\b")


# English and German words for who comes, glossed into the Danish the counting rules read
# ("with my wife" -> "med min kone", "wir sind zu dritt" -> "vi er tre").
_GLOSS = {
    "en": {"to": "til", "with": "med", "my": "min", "our": "vores", "and": "og", "plus": "plus", "we": "vi", "are": "er",
           "wife": "kone", "husband": "mand", "partner": "partner", "friend": "ven", "son": "soen",
           "daughter": "datter", "neighbour": "nabo", "neighbor": "nabo", "mother": "mor", "mum": "mor", "mom": "mor",
           "father": "far", "dad": "far", "sister": "soester", "brother": "bror", "kids": "boernene",
           "children": "boernene", "girlfriend": "kaereste", "boyfriend": "kaereste", "colleague": "kollega",
           "alone": "alene", "myself": "selv", "both": "begge", "i": "jeg", "me": "mig", "guest": "gaest",
           "guests": "gaester", "people": "personer", "persons": "personer",
           "colleagues": "kolleger", "friends": "venner", "neighbours": "naboer", "neighbors": "naboer",
           "one": "en", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"},
    "de": {"mit": "med", "meiner": "min", "meinem": "min", "meine": "min", "mein": "min", "unserer": "vores",
           "unserem": "vores", "unsere": "vores", "und": "og", "wir": "vi", "sind": "er", "frau": "kone",
           "mann": "mand", "freund": "ven", "freundin": "veninde", "sohn": "soen", "tochter": "datter",
           "nachbar": "nabo", "nachbarin": "nabo", "mutter": "mor", "vater": "far", "schwester": "soester",
           "bruder": "bror", "kinder": "boernene", "kindern": "boernene", "allein": "alene", "ich": "jeg",
           "beide": "begge", "personen": "personer", "gast": "gaest", "gaeste": "gaester", "kollege": "kollega",
           "kollegen": "kolleger", "freunde": "venner", "zwei": "2", "drei": "3", "vier": "4", "fuenf": "5"},
}
_OF_US_RE = re.compile(r"\b(two|three|four|five|both)\s+of\s+us\b|\bzu\s+(zweit|dritt|viert|fuenft)\b|\bwir\s+(beide)\b|"
                       r"\b(?:we|wir)\s+(?:will|would|can|are|shall|kommen|werden|sind|koennen)\s+(both|beide)\b")
_OF_US = {"both": "2", "beide": "2", "two": "2", "three": "3", "four": "4", "five": "5", "zweit": "2", "dritt": "3",
          "viert": "4", "fuenft": "5"}


def gloss(text: str, language: str) -> str:
    """A folded English or German reply's words for a party, in Danish ("with my wife" -> "med min kone")."""
    table = _GLOSS.get(language)
    if not table:
        return text
    text = re.sub(r"\b(we|i|you)'(d|ll|m|re)\b", lambda m: m.group(1) + {"d": " would", "ll": " will", "m": " am",
                                                                         "re": " are"}[m.group(2)], text)
    text = _OF_US_RE.sub(lambda m: "vi er " + _OF_US[next(g for g in m.groups() if g)], text)
    return re.sub(r"[a-z]+", lambda m: table.get(m.group(0), m.group(0)), text)


def alone_said_last(clauses: list[str]) -> bool:
    """"Jeg kommer alene", said after anything the message tells about others (a colleague, a partner)."""
    alone = [i for i, c in enumerate(clauses) if re.search(
        r"\b(?:alene|alone|allein|kun\s+mig|bare\s+mig|just\s+me|only\s+me|nur\s+ich)\b", c) and re.search(
        r"\b(?:kommer|deltager|komme|come|coming|kommen)\b", c)]
    party = [i for i, c in enumerate(clauses) if re.search(r"\b(?:vi|we|wir)\s+(?:er|bliver|kommer|are|sind)\s+\w+", c)
             or any(companion_form(w) for w in re.findall(r"[a-z]+", c))]
    return bool(alone) and (not party or alone[-1] > party[-1])


_CONSULTS_RE = re.compile(r"\b(?:hoere|hoerer|hoert|spoerge|spoerger|spurgt|snakke|snakker|snakket|tale|taler|talt|"
                          r"tjekke|tjekker|tjekket|aftale|aftaler|aftalt|asked|checked|talked|gefragt|"
                          r"ask|asks|check|talk|fragen|sprechen)\s+(?:lige\s+)?(?:med\s+|with\s+|to\s+|mit\s+)?"
                          r"(?:min|mit|mine|vores|hans|hendes|my|our|meine|meiner|meinem|mein)\s+\w+")


def count_guests(text: str, clauses: list[str]) -> tuple[int, bool]:
    """How many people come besides the panelist, and whether that can be told."""
    # "det kommer an på om min søn kan køre mig", "hvis min mand får fri": who a condition is about is no guest
    # (but "hvis der er plads": room is the service's to decide, and who comes is still said)
    condition = r"\b(?:kommer\s+an\s+paa\s+om|afhaenger\s+af\s+om|depends\s+on\s+whether|if|wenn|hvis)\b" \
                r"(?!\s+der\s+er\s+(?:plads|pladser|ledige|stadig\s+plads))"
    text = re.sub(condition + r"[^,.;]*", " ", text)
    clauses = [re.sub(condition + r".*", " ", c) for c in clauses]
    # "skal lige høre min kone", "I'll check with my husband": who is asked first is not said to come
    text = _CONSULTS_RE.sub(" ", text)
    clauses = [_CONSULTS_RE.sub(" ", c) for c in clauses]
    if _VAGUE_PARTY_RE.search(text) or _OTHER_COUNT_RE.search(text):
        return 0, False  # "et par stykker", "en ven med. Eller måske to": how many?
    if alone_said_last(clauses):
        return 0, True  # "jeg kommer alene" said last: whatever else the message tells about colleagues
    party = _party_count(text)
    if party is not None:
        return party
    if len(_head_counts(text)) >= 2:
        return 0, False  # "vi kommer 2 voksne og 2 børn": add up, or ask? ask.
    if re.search(r"\b(?:alene|selv|kun\s+mig|bare\s+mig)\b", text) and not re.search(r"\bmin|\bmit|\bmine|\bvi\b", text):
        return 0, True
    m = re.search(r"\+\s*" + _NUM + r"\b", text)
    if m:
        return _count(m.group(1)), True
    m = re.search(r"\bmed\s+" + _NUM + r"\s+(?:gaest|gaester|ledsager[e]?|ekstra|person(?:er)?)\b", text) or re.search(
        r"(?<!\bvi er )\b" + _NUM + r"\s+(?:gaest|gaester|ledsager[e]?|ekstra\s+(?:personer|gaester))\b", text)
    if m:
        return _count(m.group(1)), True  # "med 2 gæster", "ja, to gæster": guests counted as such
    m = re.search(r"\bvi\s+(?:kommer|er|bliver|deltager|kommer\s+gerne|er\s+saa)\s+" + _NUM + r"\b", text)
    if m and _count(m.group(1)) is not None:
        return max(_count(m.group(1)) - 1, 0), True
    if re.search(r"\b(?:vi\s+(?:kommer|er|deltager)\s+begge|begge\s+to|os\s+begge)\b", text):
        return 1, True  # "vi kommer begge to": two people
    m = re.search(r"\b" + _NUM + r"\s+(?:personer|pers|stk|mand|voksne)\b", text)
    if m and _count(m.group(1)) is not None:
        return max(_count(m.group(1)) - 1, 0), True
    guests = 0
    for m in re.finditer(r"\bmed\s+(?:en|et)\s+([a-z]+)", text):
        if m.group(1) in _COMPANIONS:
            guests += 1  # "jeg kommer med en ven"
    for clause in clauses:
        negative = re.search(r"\b(?:ikke|ikk|desvaerre|ej)\b|" + _STAYS_HOME, clause)
        for m in re.finditer(r"\b(min|mit|mine|vores|hans|hendes)\s+(?:" + _NUM + r"\s+)?([a-z]+)", clause):
            noun = m.group(3)
            if noun not in _COMPANIONS and not noun.rstrip("e").rstrip("r") in _COMPANIONS:
                continue
            if negative:
                continue
            if not re.search(r"\b(?:med|kommer|deltager|tager|ogsaa|og|jeg)\b", clause):
                continue
            if noun in _PAIRS and not m.group(2):
                guests += _PAIRS[noun]
            elif m.group(1) == "mine" or m.group(1) == "vores" and noun.endswith(("er", "ne", "rn", "re")) or (
                    m.group(1) in ("hans", "hendes") and noun in _PLURAL_COMPANIONS):
                if m.group(2):
                    guests += _count(m.group(2)) or 0
                else:
                    return 0, False  # "mine børn": how many?
            else:
                guests += 1
    if guests:
        return guests, True
    if re.search(r"\bvi\s+(?:kommer|deltager|er\s+med|bliver|tager|kan\s+komme|vil\s+gerne|glaeder)\b", text):
        return 0, False  # "vi kommer": how many are "we"?
    # a bare count next to the answer ("Ja 2"): two people, or two guests?
    for m in re.finditer(r"(?<![\w.:])(\d{1,2})(?![\w:]|\.\d)", text):
        before, after = text[:m.start()], text[m.end():]
        if re.search(r"(?:kl|klokken|den|til|paa|fra|efter|om|ca|inden)\.?\s*$", before):
            continue
        if re.match(r"^\s*(?:\.|min|minutter|timer?|aar|km|dage?|uger?)", after):
            continue
        return 0, False
    return 0, True


# ---------------------------------------------------------------------------
