"""The words of signatures, by language: mail programs' own lines and people's closings.

Tables only; `signatures.py` applies them.

A client's line is a small grammar, not a list of sentences:
"<sent> <from/with/via> [<my>] <device or app>" ("Sendt fra min iPhone",
"Sendt med Spark", "Skickat från min Huawei", "Hentet fra Outlook til iOS",
"Sent from Mail for Windows"), the German order "<from> <my> <device>
<sent>" ("Von meinem iPhone gesendet"), and the app's advertisement "<get>
<app> [<for> <platform>]" ("Hent Outlook til Android", "Få Outlook til iOS").

A closing is "[med] [<adjective>...] <greeting noun>" ("Med venlig hilsen",
"Med sportslig hilsen", "Vänliga hälsningar", "Viele Grüße", "Kind regards")
or an abbreviation ("Mvh", "Vh", "MfG"), followed by a name at most.
"""
from __future__ import annotations

# "Sendt", "Skickat", "Gesendet", ...: the participle of a client's line.
SENT_VERBS = {
    "da": ["sendt", "send", "hentet"], "no": ["sendt"], "sv": ["skickat", "skickad", "skickades", "sänt"],
    "de": ["gesendet", "versendet", "verschickt", "gesandt"], "en": ["sent"], "nl": ["verzonden", "verstuurd"],
    "fr": ["envoyé", "envoye"], "es": ["enviado"], "it": ["inviato"],
}
# "Hent", "Få", "Get", ...: the imperative of an app's advertisement.
GET_VERBS = {
    "da": ["hent", "få"], "no": ["hent", "få", "last"], "sv": ["hämta", "skaffa", "få"],
    "de": ["holen", "hol", "laden"], "en": ["get", "download"], "fr": ["obtenir", "télécharger"],
    "es": ["descarga", "obtener"], "it": ["scarica"], "nl": ["download", "haal"],
}
# "fra", "med", "via": where a line was sent from or with.
SOURCE_PREPOSITIONS = {
    "da": ["fra", "med", "via"], "no": ["fra", "med", "via"], "sv": ["från", "med", "via"],
    "de": ["von", "vom", "mit", "über", "via"], "en": ["from", "with", "via", "using"],
    "nl": ["vanaf", "van", "met", "via"], "fr": ["de", "depuis", "avec"], "es": ["desde", "de", "con"],
    "it": ["da", "con"],
}
# "til", "for", "på": the platform an app is for ("Outlook til iOS", "Yahoo Mail på Android").
PLATFORM_PREPOSITIONS = {
    "da": ["til", "for", "på"], "no": ["til", "for", "på"], "sv": ["för", "till", "på"], "de": ["für", "auf"],
    "en": ["for", "on"], "nl": ["voor", "op"], "fr": ["pour", "sur"], "es": ["para"], "it": ["per"],
}
POSSESSIVES = {
    "da": ["min", "mit", "mine"], "no": ["min", "mitt", "mine"], "sv": ["min", "mitt", "mina"],
    "de": ["mein", "meinem", "meiner", "meinen"], "en": ["my"], "nl": ["mijn"], "fr": ["mon", "ma"],
    "es": ["mi"], "it": ["mio", "mia"],
}
# Devices, platforms and mail apps by name: enough on their own after "<sent> <from>".
BRANDS = [
    "iphone", "ipad", "ipod", "apple", "mac", "macbook", "imac", "watch", "ios", "ipados", "macos", "android",
    "windows", "samsung", "galaxy", "huawei", "honor", "xiaomi", "redmi", "oneplus", "pixel", "fairphone",
    "sony", "xperia", "nokia", "motorola", "moto", "blackberry", "oppo", "vivo", "realme", "doro", "surface",
    "outlook", "gmail", "yahoo", "aol", "spark", "bluemail", "protonmail", "proton", "tutanota", "tuta", "gmx",
    "airmail", "edison", "newton", "fairemail", "thunderbird", "hotmail", "icloud", "mail.com", "web.de",
]
# Mail apps advertised by name ("Hent Outlook til Android"): the only things a <get> line may name.
ADVERTISED_APPS = ["outlook", "yahoo", "gmail", "spark", "bluemail", "protonmail", "proton", "edison", "gmx"]
# Words for a device or a mail program in general: enough after "<sent> <from>" too.
DEVICE_WORDS = [
    "mobil", "mobilen", "mobiltelefon", "mobiltelefonen", "telefon", "telefonen", "smartphone", "smartphonen",
    "tablet", "tablette", "phone", "mobile", "handy", "mobiltelefon", "mobiel", "telefoon", "mail", "e-mail",
    "email", "mailprogram", "app", "appen", "mail-app", "mail-appen",
]

# Closings.  "Med venlig hilsen": an optional lead, adjectives, a greeting noun (or a compound of one).
CLOSING_LEADS = ["med", "de", "og", "mange", "with", "mit", "und", "and", "&", "och", "og", "met"]
CLOSING_ADJECTIVES = {
    "da": ["venlig", "venlige", "venligst", "bedste", "kærlig", "kærlige", "hjertelig", "hjertelige", "god",
           "gode", "glade", "varme", "søde", "mange", "sommer", "jule", "forårs", "efterårs"],
    "no": ["vennlig", "vennlige", "beste", "hjertelig", "god", "gode", "varme"],
    "sv": ["vänlig", "vänliga", "bästa", "varma", "hjärtliga", "glada", "många", "kärleksfulla"],
    "de": ["freundlichen", "freundliche", "liebe", "lieben", "viele", "beste", "besten", "herzliche",
           "herzlichen", "schöne", "schönen", "sonnige", "sonnigen"],
    "en": ["kind", "kindest", "best", "warm", "warmest", "many", "warm", "fond"],
    "nl": ["vriendelijke", "hartelijke"],
}
# Endings that make a word an adjective in a closing ("sportslig", "solrige", "maritime", "fröhliche").
# After "Med" any one or two words will do ("Med maritime hilsner").
CLOSING_ADJECTIVE_ENDINGS = ["lig", "lige", "ig", "ige", "ste", "liga", "iga", "lichen", "liche", "lichste",
                             "sten", "igen", "e"]
CLOSING_NOUNS = {
    "da": ["hilsen", "hilsener", "hilsner"], "no": ["hilsen", "hilsener", "helsing", "helsinger"],
    "sv": ["hälsning", "hälsningar", "hälsningen"], "de": ["grüße", "grüßen", "gruß", "grüsse", "grüssen", "gruss"],
    "en": ["regards", "wishes", "greetings"], "nl": ["groet", "groeten"], "fr": ["salutations"],
    "es": ["saludos"],
}
CLOSING_ABBREVIATIONS = [
    "mvh", "m.v.h", "vh", "v.h", "kh", "k.h", "knus", "mfg", "lg", "cheers", "sincerely",
    "yours sincerely", "yours truly", "all the best", "cordialement", "bien à vous", "regards",
]

# Lines after a closing that are a legal notice, not words to a person.
DISCLAIMER_WORDS = [
    "fortrolig", "confidential", "tiltænkt", "intended", "modtager", "recipient", "disclaimer", "virus",
    "udskriv", "print", "miljø", "privileged", "gdpr", "persondata", "behandler", "vertraulich", "konfidentiell",
]

# A reply that is one of these is an answer, never a signature (whatever the sender is called).
ANSWER_WORDS = ["ja", "nej", "ja tak", "nej tak", "jo", "nå", "ok", "okay", "måske", "yes", "no", "maybe",
                "nein", "vielleicht", "nej desværre", "gerne"]
