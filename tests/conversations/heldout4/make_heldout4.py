#!/usr/bin/env python3
"""Build held-out set 4 of labelled citizen replies (cases.jsonl).

The content of this set: new definitions (definitions.json here), new
invitations (INV) and all-new hand-written replies: other surveys, meetings
and writers than dev.jsonl.  The machinery (clients, quoting, charsets,
auto-replies, bounces, validation, output) is ../corpusgen.py, shared with
the other held-out sets.

Standard library only (Python 3.11).  Usage:

    python3 make_heldout4.py          # writes cases.jsonl next to this file
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # ../corpusgen.py, whatever the working directory

from corpusgen import ANS, CET, INTENT, RSVP, TXT, UNCLEAR, W, Corpus  # noqa: E402

# ---------------------------------------------------------------------------
# The invitations that the replies answer
# ---------------------------------------------------------------------------

INV = {
    "erhverv": {
        "subject": "Borgerpanelet: Erhverv og handel i midtbyen",
        "sent": datetime(2027, 2, 9, 9, 30, 11, tzinfo=CET),
        "intro": [
            "Byrådet vil gerne styrke handelslivet i midtbyen, og derfor vil vi høre,",
            "hvordan du bruger butikker, caféer og service i centrum. Det tager højst",
            "fem minutter.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 5\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "mandag den 22. februar 2027",
    },
    "digital": {
        "subject": "Borgerpanelet: Hvordan er det at bruge kommunen digitalt?",
        "sent": datetime(2027, 2, 16, 14, 5, 42, tzinfo=CET),
        "intro": [
            "Vi arbejder på at gøre kommunens hjemmeside og selvbetjening lettere at",
            "bruge. Dine erfaringer er vigtige for os, uanset om du bruger computeren",
            "meget eller lidt.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 28. februar 2027",
    },
    "budgetmoede": {
        "subject": "Invitation: Dialogmøde om budget 2028",
        "sent": datetime(2027, 2, 22, 11, 0, 3, tzinfo=CET),
        "intro": [
            "Byrådet skal i gang med budgettet for 2028, og vi vil gerne høre, hvad",
            "du synes, kommunen skal prioritere. Borgmesteren og økonomiudvalget",
            "deltager, og der serveres kaffe og kage.",
        ],
    },
    "appfokus": {
        "subject": "Invitation: Fokusgruppe om kommunens nye borger-app",
        "sent": datetime(2027, 2, 24, 15, 45, 20, tzinfo=CET),
        "intro": [
            "Kommunen udvikler en app, hvor du kan booke tider, melde fejl og følge",
            "dine sager. Vi søger 8 borgere, der vil afprøve en tidlig udgave og",
            "fortælle os, hvad der virker, og hvad der ikke gør.",
        ],
    },
}

# A phrase of each survey's quoted invitation that no text answer may contain.
QUOTE_FRAGMENT = {"erhverv": "Hvad skal der til for at gøre midtbyen mere levende",
                  "digital": "Hvad kan vi gøre bedre i den digitale borgerservice"}

corpus = Corpus(HERE, INV, QUOTE_FRAGMENT, seed=20270209, id_prefix="ho4")
mail, sms, autoreply, bounce = corpus.mail, corpus.sms, corpus.autoreply, corpus.bounce

# ===========================================================================
# The cases.  Each one is a different person writing in their own way.
# ===========================================================================

def survey_answers_by_email():
    # ---------------------------------------------------------------- erhverv
    mail("erhverv", W("Karina Westergaard", "karina.westergaard@gmail.com"),
         ANS(handelsliv=5, handler_lokalt="yes", forbedring="parkering", tilbud=["dagligvarer", "restauranter"],
             besoeg=12, ideer=TXT("flere boder og torvedage om lørdagen", no=["Mvh Karina"])),
         top="1: 5\n2: ja\n3: A\n4: A og D\n5: 12\n6: Flere boder og torvedage om lørdagen\n\nMvh Karina")

    mail("erhverv", W("Palle Iversen", "pi@iversen-maskiner.dk"),
         ANS(handelsliv=3, handler_lokalt="no", forbedring="aabningstider", tilbud=["dagligvarer", "service"],
             besoeg=4, ideer=TXT("butikkerne lukker kl. 17.30", no=["Salgskonsulent", "98 76 54 32"])),
         client="outlook", sendt=0, prefix="SV: ",
         top="Hej\n\n1) 3\n2) Nej\n3) Længere åbningstider\n4) Dagligvarebutikker, frisør\n5) fire\n"
             "6) Butikkerne lukker kl. 17.30, så jeg når det aldrig efter arbejde.\n\n"
             "Med venlig hilsen\nPalle Iversen\nSalgskonsulent\nIversen Maskiner A/S\nTlf. 98 76 54 32")

    mail("erhverv", W("Sofie Lauesen", "sofie.lauesen@icloud.com"),
         ANS(handelsliv=6, handler_lokalt="yes", forbedring="byrum", tilbud=["toej", "restauranter"], besoeg=20,
             ideer=TXT("mere grønt og bænke på torvet", no=["Sendt fra min iPhone"])),
         client="iphone", top="6\nJa\nE\nB D\n20\nMere grønt og bænke på torvet")

    mail("erhverv", W("Jonna Skjødt", "jonna.skjodt@gmail.com"),
         ANS(handelsliv=2, handler_lokalt="yes", forbedring="parkering", tilbud=["dagligvarer"], besoeg=8,
             ideer=TXT("gratis den første time", no=["Hilsen Jonna"])),
         top="Jeg har skrevet mine svar ind nedenunder.",
         inline={1: "2", 2: "Ja desværre, der er ikke andre steder at handle", 3: "A", 4: "A", 5: "8",
                 6: "Gør parkeringen gratis den første time, så kommer folk igen.\n\nHilsen Jonna"})

    mail("erhverv", W("Erling Dalgaard", "erling.dalgaard@mail.dk"),
         ANS(handelsliv=2, handler_lokalt="no", forbedring="specialbutikker", tilbud=["service"], besoeg=3),
         client="apple", fmt="plain", crlf=False,
         top="Hej\n\nJeg synes ærligt talt, at handelslivet i midtbyen er ret sølle, så det får en 2'er. "
             "Jeg handler ikke i midtbyen hver uge. Det, der kunne trække mig derind, er flere specialbutikker. "
             "Af tilbuddene bruger jeg kun frisøren, og jeg har været derinde tre gange den sidste måned.\n\n"
             "Venlig hilsen\nErling Dalgaard")

    mail("erhverv", W("Henning Brøndum", "henning@broendum.net"),
         ANS(handelsliv=4, handler_lokalt="yes", forbedring="cafeer", tilbud=["toej", "service", "restauranter"],
             besoeg=6),
         client="thunderbird", crlf=False,
         inline={1: "-> 4", 2: "-> ja", 3: "-> D", 4: "-> B, C og D", 5: "-> 6"},
         bottom="Mvh Henning")

    mail("erhverv", W("Bjarne Kofoed", "bjarne.kofoed@gmail.com"),
         ANS(handelsliv=4, handler_lokalt="yes", forbedring="aabningstider", tilbud=["dagligvarer"], besoeg=10,
             ideer=TXT("et overdækket torv", no=["Bjarne"])),
         top="1: 4\n2: ja\n3: B\n4: A\n5: 15 – rettelse: 10\n6: Et overdækket torv\n\nBjarne")

    mail("erhverv", W("Tove Abildgaard", "tove.abildgaard@outlook.dk"),
         ANS(handelsliv=6, handler_lokalt="yes", forbedring="cafeer", tilbud=["restauranter"], besoeg=9),
         client="android", top="1. 6\n2. Ja\n3. C, nej vent, D\n4. D\n5. 9\n\nMvh Tove")

    mail("erhverv", W("Rasmus Fjord", "rasmus.fjord@gmail.com"),
         ANS(unclear=["handelsliv"], handler_lokalt="yes", forbedring="byrum", tilbud=["dagligvarer", "toej"],
             besoeg=14),
         top="1: 8 – det er blevet meget bedre!\n2: ja\n3: E\n4: A, B\n5: 14\n\nRasmus")

    mail("erhverv", W("Kirstine Holm", "kirstine.holm@stofanet.dk"),
         ANS(unclear=["handelsliv"], handler_lokalt="no", forbedring="parkering", tilbud=["dagligvarer"], besoeg=2,
             ideer=TXT("flere p-pladser ved Bispegade", no=["Kirstine"])),
         client="samsung",
         top="1: 3 eller 4\n2: nej\n3: A\n4: A\n5: 2\n6: Flere p-pladser ved Bispegade\n\nKirstine")

    mail("erhverv", W("Leo Hartvig", "leo.hartvig@gmail.com"),
         ANS(handler_lokalt="yes", besoeg=25),
         top="2: Ja\n5: 25\n\nDe andre springer jeg over, har ikke tid lige nu.\n\nLeo")

    mail("erhverv", W("Anni Brogaard", "anni_brogaard@yahoo.dk"),
         ANS(handelsliv=7, handler_lokalt="yes", forbedring="byrum",
             tilbud=["dagligvarer", "toej", "service", "restauranter"], besoeg=30,
             ideer=TXT("behold julebelysningen hele vinteren", no=["Kh Anni"])),
         client="yahoo",
         top="Hej,\n\n1. Meget godt\n2. Ja\n3. Hyggeligere gader og pladser\n4. Alle fire\n5. 30\n"
             "6. Behold julebelysningen hele vinteren\n\nKh Anni")

    mail("erhverv", W("Dennis Lund", "dennis.lund@hotmail.com"),
         ANS(handelsliv=4, handler_lokalt="yes", forbedring="aabningstider", tilbud=["dagligvarer", "toej"],
             besoeg=7, ideer=TXT("flere arangementer paa torvet", no=["Sendt fra min Galaxy"])),
         client="samsung",
         top="1: 4\n2: ja\n3: langere abningstider\n4: dagligvare og toj\n5: 7\n"
             "6: flere arangementer paa torvet om sommeren fx musik")

    mail("erhverv", W("Gustav Kragh", "gustav.kragh@outlook.com"),
         ANS(handelsliv=1, handler_lokalt="no", forbedring="parkering", besoeg=0,
             ideer=TXT("Midtbyen er død", no=["Sendt fra Outlook til Android"])),
         client="android",
         top="1 - 1\n2 - nej\n3 - a\n4 - ingen af dem\n5 - 0\n"
             "6 - Jeg bor i Skovby og handler i Vejle. Midtbyen er død, der er intet at komme efter.")

    mail("erhverv", W("Ulrik Dahlgaard", "ulrik@dahlgaard-byg.dk"),
         ANS(unclear=["besoeg"], handelsliv=5, handler_lokalt="yes", forbedring="aabningstider",
             tilbud=["dagligvarer", "service"], ideer=TXT("gratis wifi i hele gågaden", no=["Mvh Ulrik"])),
         client="roundcube",
         bottom="1: 5\n2: jo\n3: B\n4: A+C\n5: 10-12\n6: Gratis wifi i hele gågaden\n\nMvh Ulrik")

    mail("erhverv", W("Ragnhild Østergaard", "ragnhild.oestergaard@post.tele.dk"),
         ANS(handelsliv=5, handler_lokalt="yes", forbedring="parkering", tilbud=["dagligvarer", "service"], besoeg=8,
             ideer=TXT("flere bænke, så man kan hvile sig", no=["Ragnhild"])),
         client="outlook", fmt="html", sendt=1,
         top="Kære Borgerpanel\n\nHermed mine svar.\n\nSpørgsmål 1: 5\nSpørgsmål 2: Ja\n"
             "Spørgsmål 3: Flere gratis parkeringspladser, jeg kan ikke gå så langt\n"
             "Spørgsmål 4: Dagligvarebutikker og frisør\nSpørgsmål 5: 8\n"
             "Spørgsmål 6: Flere bænke, så man kan hvile sig\n\nMed venlig hilsen\nRagnhild Østergaard")

    mail("erhverv", W("Malthe Bruun", "malthe.bruun@gmail.com"),
         ANS(handelsliv=3, handler_lokalt="no", forbedring="byrum", tilbud=["restauranter"], besoeg=2,
             ideer=TXT("mere liv om aftenen")),
         top="3, nej, E, D, 2, mere liv om aftenen")

    mail("erhverv", W("Lisbeth Stær", "lisbeth@staer-interieur.dk"),
         ANS(handelsliv=4, handler_lokalt="yes", forbedring="cafeer", tilbud=["dagligvarer", "restauranter"],
             besoeg=16, ideer=TXT("flere udendørs serveringer", no=["Hvornår kommer resultaterne"])),
         client="apple",
         top="1: 4\n2: ja\n3: D\n4: A, D\n5: 16\n6: Flere udendørs serveringer\n\n"
             "Hvornår kommer resultaterne? Jeg driver selv en butik på Torvegade.\n\nMvh Lisbeth")

    mail("erhverv", W("Jens Ove Kjærsgaard", "jensove.kjaersgaard@gmail.com"),
         ANS(handelsliv=4, handler_lokalt="yes", forbedring="parkering", tilbud=["dagligvarer", "service"], besoeg=8),
         top="Hej\n\nA syns handelen i æ midtby er sådan en 4'er. Jow, a handler der hver uge. Det der sku' "
             "til er gratis parkering. A handler i æ Brugs og går til æ frisør. A har vær derinde 8 gange "
             "sidste måned.\n\nHilsen Jens Ove")

    mail("erhverv", W("Yasmin Haddad", "yasmin.haddad@gmail.com"),
         ANS(handelsliv=6, handler_lokalt="yes", forbedring="cafeer", tilbud=["toej", "restauranter"], besoeg=20,
             ideer=TXT("streetfood-marked i den gamle busgarage", no=["yo"])),
         top="yo\n1: 6\n2: ja ja\n3: D, flere fede caféer for fanden\n4: B og D\n5: 20\n"
             "6: Streetfood-marked i den gamle busgarage!!")

    mail("erhverv", W("Niels Bach Hvidt", "nbh@hvidt-revision.dk"),
         ANS(handelsliv=3, handler_lokalt="no", forbedring="aabningstider", tilbud=["service"], besoeg=3,
             ideer=TXT("stoppe med at give tilladelse til flere tomme butikslokaler", no=["Revisor"])),
         client="outlook", sendt=2, prefix="SV: ",
         top="Svarene står med rødt nedenfor.\n\nMvh\nNiels Bach Hvidt\nRevisor",
         inline={1: "3", 2: "Nej", 3: "B", 4: "C", 5: "3",
                 6: "Kommunen bør stoppe med at give tilladelse til flere tomme butikslokaler"})

    mail("erhverv", W("Aksel Winding", "aksel.winding@me.com"),
         ANS(forbedring="specialbutikker", ideer=TXT("ordentlig fiskehandler igen", no=["Vh Aksel"])),
         client="apple",
         top="Hej\n\nJeg har kun svar på et par af dem:\n\n3) Specialbutikker\n"
             "6) En ordentlig fiskehandler igen, som da jeg var barn\n\nVh Aksel")

    mail("erhverv", W("Freja Damgaard", "freja.damgaard@icloud.com"),
         ANS(handelsliv=7, handler_lokalt="yes", forbedring="specialbutikker",
             tilbud=["dagligvarer", "toej", "service", "restauranter"], besoeg=22,
             ideer=TXT("mere af det samme")),
         client="iphone", mobile_sig=False, top="1 7\n2 ja\n3 c\n4 abcd\n5 22\n6 Mere af det samme, det går godt")

    mail("erhverv", W("Villy Rasmussen", "villy.rasmussen@live.dk"),
         ANS(handelsliv=1, handler_lokalt="no", forbedring="parkering", tilbud=["dagligvarer"], besoeg=1),
         top="1: meget dårligt\n2: næ\n3: A\n4: A\n5: 1\n6: -\n\nVilly")

    # ---------------------------------------------------------------- digital
    mail("digital", W("Mette Clausen", "mette.clausen@gmail.com"),
         ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=3,
             forbedringer=TXT("send en sms når min sag er færdigbehandlet", no=["Mvh Mette"])),
         top="1: 4\n2: ja\n3: nej\n4: B\n5: 3\n6: Send en sms når min sag er færdigbehandlet\n\nMvh Mette")

    mail("digital", W("Gert Sand", "gert.sand@sand-logistik.dk"),
         ANS(let_at_bruge=2, mitid="yes", hjaelp="yes", kontakt="telefon", henvendelser=6,
             forbedringer=TXT("søgefunktionen på hjemmesiden virker ikke", no=["Indkøbschef"])),
         client="outlook", sendt=0, prefix="SV: ",
         top="1. Delvist uenig\n2. Ja\n3. Ja\n4. Telefon\n5. 6\n"
             "6. Det er svært at finde de rigtige blanketter. Søgefunktionen på hjemmesiden virker ikke.\n\n"
             "Med venlig hilsen\n\nGert Sand\nIndkøbschef\nSand Logistik ApS")

    mail("digital", W("Astrid Winther", "astrid.winther@post.tele.dk"),
         ANS(mitid="no", kontakt="fremmoede", henvendelser=2),
         client="outlook", cs="iso-8859-1", sep="orig", sendt=1, prefix="SV: ",
         top="Kære Kommune\n\nJeg er 84 år og har ikke MitID. Jeres hjemmeside har jeg aldrig brugt, så det første "
             "spørgsmål kan jeg ikke svare på. Jeg vil helst komme ned i Borgerservice og tale med et menneske. "
             "Jeg har kontaktet jer 2 gange det sidste år.\n\nVenlig hilsen\nAstrid Winther")

    mail("digital", W("Oliver Sejersen", "oliver.sejersen@icloud.com"),
         ANS(let_at_bruge=5, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=1,
             forbedringer=TXT("det fungerer fint", no=["Sendt fra min iPhone"])),
         client="iphone", top="Helt enig\nJa\nNej\nMail\n1\nIntet, det fungerer fint")

    mail("digital", W("Hanne Bitsch", "hanne.bitsch@gmail.com"),
         ANS(let_at_bruge=3, mitid="yes", hjaelp="yes", kontakt="fremmoede", henvendelser=4),
         inline={1: "Hverken enig eller uenig", 2: "Ja",
                 3: "Ja, min nabo hjalp mig med at søge om boligstøtte", 4: "C", 5: "4"})

    mail("digital", W("Poul Toft", "poul.toft@mail.dk"),
         ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="telefon", henvendelser=0),
         client="apple", top="1: 4\n2: nej... eller jo, det gør jeg faktisk\n3: nej\n4: A\n5: 0\n\nPoul")

    mail("digital", W("Lene Kjeldgaard", "lene@kjeldgaard-dagpleje.dk"),
         ANS(unclear=["henvendelser"], let_at_bruge=2, mitid="yes", hjaelp="yes", kontakt="digital",
             forbedringer=TXT("en fast kontaktperson", no=["Lene"])),
         top="1: 2\n2: ja\n3: ja\n4: B\n5: over 100, jeg er dagplejemor og skriver med jer hele tiden\n"
             "6: En fast kontaktperson\n\nLene")

    mail("digital", W("Bo Thygesen", "bo.thygesen@gmail.com"),
         ANS(let_at_bruge=5, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=3),
         top="1: fem\n2: ja\n3: nej\n4: b\n5: tre\n\nBo")

    mail("digital", W("Susanne Krogh", "susanne.krogh@outlook.dk"),
         ANS(unclear=["kontakt"], let_at_bruge=3, mitid="yes", hjaelp="no", henvendelser=5),
         client="android", top="1: 3\n2: ja\n3: nej\n4: A eller B, det kommer an på sagen\n5: 5")

    mail("digital", W("Morten Lykkegaard", "morten@lykkegaard.net"),
         ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=4,
             forbedringer=TXT("se status på sin sag online", no=["Hilsen\nMorten"])),
         client="thunderbird",
         bottom="Hej\n\nJeg er enig i, at det er let at finde rundt på hjemmesiden. Jeg bruger MitID hver dag. "
                "Hjælp har jeg ikke haft brug for. Jeg skriver helst via digital post, og jeg har skrevet til "
                "jer 4 gange det seneste år.\n\nJeg vil foreslå, at man kan se status på sin sag online.\n\n"
                "Hilsen\nMorten")

    mail("digital", W("Emil Vestergaard", "emil.vestergaard@outlook.com"),
         ANS(let_at_bruge=5, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=2,
             forbedringer=TXT("lav en app i stedet for den hjemmeside", no=["Sendt fra Outlook til Android"])),
         client="android", top="1: 5 easy\n2: ja ofc\n3: nej\n4: B\n5: 2\n6: lav en app i stedet for den hjemmeside")

    mail("digital", W("Bent Riis", "bentriis47@gmail.com"),
         ANS(let_at_bruge=2, mitid="yes", hjaelp="yes", kontakt="fremmoede", henvendelser=7,
             forbedringer=TXT("uden at vente i en time", no=["mvh Bent"])),
         top="1: uenig\n2: ja\n3: ja jeg skulle have hjælp til at sökke om pention\n4: personligt\n5: 7\n"
             "6: at man kan ringe og få fat i nogen uden at vente i en time\n\nmvh Bent")

    mail("digital", W("Susanne Ibsen", "susanne.ibsen@gmail.com"),
         ANS(let_at_bruge=2, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=5,
             forbedringer=TXT("afmelde min søns fritidsplads", no=["Mvh Susanne"])),
         top="1: 2\n2: ja\n3: nej\n4: B\n5: 5\n"
             "6: Jeg kunne ikke finde ud af at afmelde min søns fritidsplads på hjemmesiden, det tog tre "
             "opkald.\n\nMvh Susanne")

    mail("digital", W("Jytte Mogensen", "jytte@mogensen-frisor.dk"),
         ANS(let_at_bruge=1, mitid="no", hjaelp="yes", kontakt="telefon", henvendelser=12,
             forbedringer=TXT("luk ikke for telefonerne kl. 12 om fredagen", no=["Jytte"])),
         client="roundcube",
         bottom="1) Helt uenig\n2) Nej\n3) Ja\n4) Telefon\n5) 12\n6) Luk ikke for telefonerne kl. 12 om fredagen\n\nJytte")

    mail("digital", W("Ahmed Yilmaz", "ahmed.yilmaz@hotmail.com"),
         ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="fremmoede", henvendelser=1),
         client="samsung", top="1: 4, 2: ja, 3: nej, 4: C, 5: 1")

    mail("digital", W("Charlotte Kirk", "charlotte.kirk@nrv-hr.dk"),
         ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=3),
         client="outlook", fmt="html", sendt=2, prefix="Re: ",
         top="Hej\n\n1: Enig\n2: Ja\n3: Nej\n4: B\n5: 3\n\nVenlig hilsen\nCharlotte Kirk\nHR-konsulent\n"
             "Tlf. 55 44 33 22")

    mail("digital", W("Kurt Staal", "kurt.staal@icloud.com"),
         ANS(forbedringer=TXT("åbent en aften om ugen", no=["Sendt fra min iPhone"])),
         client="iphone", crlf=False,
         top="Til spørgsmål 6: Borgerservice burde have åbent en aften om ugen for os der arbejder.")

    mail("digital", W("Ida Marie Friis", "idamarie.friis@me.com"),
         ANS(let_at_bruge=5, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=2,
             forbedringer=TXT("tak for en god service")),
         client="apple",
         inline={1: "5", 2: "Jep", 3: "Nope", 4: "B", 5: "2", 6: "Tak for en god service 👍"})

    mail("digital", W("Vibeke Hald", "vibeke.hald@gmail.com"),
         ANS(let_at_bruge=3, mitid="yes", hjaelp="no", kontakt="telefon", henvendelser=4),
         top="1: hverken eller\n2: ja\n3: nej\n4: A\n5: 3, nej vent, det var 4\n\nVibeke")

    mail("digital", W("Birte Overby", "birte.overby@yahoo.dk"),
         ANS(let_at_bruge=1, mitid="no", hjaelp="yes", kontakt="fremmoede", henvendelser=9,
             forbedringer=TXT("gør hjemmesiden enklere", no=["Hilsen Birte"])),
         client="yahoo",
         top="Hej\n\n1. 1 – jeg kan ALDRIG finde noget\n2. Nej, jeg har ikke fået det endnu\n3. Ja\n4. C\n5. 9\n"
             "6. Gør hjemmesiden enklere, der er alt for mange menuer\n\nHilsen Birte")

    mail("digital", W("Frank Holmsted", "frank.holmsted@gmail.com"),
         ANS(let_at_bruge=4, mitid="yes", hjaelp="yes", kontakt="digital", henvendelser=2),
         top="1: 4\n2+3: ja\n4: B\n5: 2\n\nFrank")

    mail("digital", W("Kaj Ipsen", "kaj.ipsen@rnnet.dk"),
         ANS(let_at_bruge=3, mitid="yes", hjaelp="no", kontakt="telefon", henvendelser=2),
         client="outlook", cs="iso-8859-1", sendt=0,
         top="Goddaw\n\n1: 3\n2: Jå\n3: Naj\n4: Telefon, dæ e nemmest\n5: 2\n\nHilsner fra Rønne\nKaj")

    mail("digital", W("Inger Bisgaard", "inger.bisgaard@gmail.com"),
         ANS(let_at_bruge=5, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=0),
         top="1: 5\n2: Det gør jeg\n3: Det har jeg ikke\n4: B\n5: 0\n\nInger")

    mail("digital", W("Søren Mathiesen", "soren.mathiesen@outlook.dk"),
         ANS(unclear=["kontakt"], let_at_bruge=4, mitid="yes", hjaelp="no", henvendelser=6),
         client="android", top="1: 4\n2: ja\n3: nej\n4: 2\n5: 6")


def survey_answers_by_sms():
    # ---- erhverv, one question at a time
    sms("erhverv", "5", ANS(handelsliv=5), awaiting="handelsliv")
    sms("erhverv", "seks", ANS(handelsliv=6), awaiting="handelsliv")
    sms("erhverv", "Meget godt faktisk", ANS(handelsliv=7), awaiting="handelsliv")
    sms("erhverv", "en 3'er", ANS(handelsliv=3), awaiting="handelsliv")
    sms("erhverv", "ja hver lørdag", ANS(handler_lokalt="yes"), awaiting="handler_lokalt")
    sms("erhverv", "næ, kører til Aarhus", ANS(handler_lokalt="no"), awaiting="handler_lokalt")
    sms("erhverv", "B", ANS(forbedring="aabningstider"), awaiting="forbedring")
    sms("erhverv", "gratis parkering!!", ANS(forbedring="parkering"), awaiting="forbedring")
    sms("erhverv", "hyggeligere gader", ANS(forbedring="byrum"), awaiting="forbedring")
    sms("erhverv", "Dagligvarer og restauranter", ANS(tilbud=["dagligvarer", "restauranter"]), awaiting="tilbud")
    sms("erhverv", "a, c", ANS(tilbud=["dagligvarer", "service"]), awaiting="tilbud")
    sms("erhverv", "alt undtagen tøj", ANS(tilbud=["dagligvarer", "service", "restauranter"]), awaiting="tilbud")
    sms("erhverv", "12 gange", ANS(besoeg=12), awaiting="besoeg")
    sms("erhverv", "ingen", ANS(besoeg=0), awaiting="besoeg")
    sms("erhverv", "Et loppemarked hver søndag på torvet",
        ANS(ideer=TXT("et loppemarked hver søndag på torvet")), awaiting="ideer")
    sms("erhverv", "Stop med at lukke butikkerne kl 14 om lørdagen",
        ANS(ideer=TXT("lukke butikkerne kl 14 om lørdagen")), awaiting="ideer")
    # ---- digital, one question at a time
    sms("digital", "4", ANS(let_at_bruge=4), awaiting="let_at_bruge")
    sms("digital", "delvist enig", ANS(let_at_bruge=4), awaiting="let_at_bruge")
    sms("digital", "Helt uenig!!", ANS(let_at_bruge=1), awaiting="let_at_bruge")
    sms("digital", "Stop med at spørge om det samme hele tiden, svaret er 3", ANS(let_at_bruge=3),
        awaiting="let_at_bruge")
    sms("digital", "Ja", ANS(mitid="yes"), awaiting="mitid")
    sms("digital", "nej har ik mitid", ANS(mitid="no"), awaiting="mitid")
    sms("digital", "jow", ANS(hjaelp="yes"), awaiting="hjaelp")
    sms("digital", "nej aldrig", ANS(hjaelp="no"), awaiting="hjaelp")
    sms("digital", "C", ANS(kontakt="fremmoede"), awaiting="kontakt")
    sms("digital", "ringer helst", ANS(kontakt="telefon"), awaiting="kontakt")
    sms("digital", "digital post", ANS(kontakt="digital"), awaiting="kontakt")
    sms("digital", "to gange", ANS(henvendelser=2), awaiting="henvendelser")
    sms("digital", "aldrig", ANS(henvendelser=0), awaiting="henvendelser")
    sms("digital", "Hjemmesiden skal virke ordentligt på mobilen",
        ANS(forbedringer=TXT("hjemmesiden skal virke ordentligt på mobilen")), awaiting="forbedringer")
    sms("digital", "Bedre chat /Hanne", ANS(forbedringer=TXT("bedre chat", no=["Hanne"])), awaiting="forbedringer")
    # ---- erhverv, everything in one SMS
    sms("erhverv", "4 ja A AD 10 flere p-pladser",
        ANS(handelsliv=4, handler_lokalt="yes", forbedring="parkering", tilbud=["dagligvarer", "restauranter"],
            besoeg=10, ideer=TXT("flere p-pladser", no=["AD 10"])))
    sms("erhverv", "1:6 2:nej 3:e 4:b 5:5 6:Blomster i gågaden",
        ANS(handelsliv=6, handler_lokalt="no", forbedring="byrum", tilbud=["toej"], besoeg=5,
            ideer=TXT("blomster i gågaden", no=["5:5"])))
    sms("erhverv", "3, ja, D, A og D, 8",
        ANS(handelsliv=3, handler_lokalt="yes", forbedring="cafeer", tilbud=["dagligvarer", "restauranter"], besoeg=8))
    sms("erhverv", "2 nej A A 1\nUps 5 skal vaere 2",
        ANS(handelsliv=2, handler_lokalt="no", forbedring="parkering", tilbud=["dagligvarer"], besoeg=2))
    sms("erhverv", "7 ja C ABCD 30 mere af det hele",
        ANS(handelsliv=7, handler_lokalt="yes", forbedring="specialbutikker",
            tilbud=["dagligvarer", "toej", "service", "restauranter"], besoeg=30,
            ideer=TXT("mere af det hele", no=["ABCD 30"])))
    sms("erhverv", "9 ja B A 4",
        ANS(unclear=["handelsliv"], handler_lokalt="yes", forbedring="aabningstider", tilbud=["dagligvarer"],
            besoeg=4))
    sms("erhverv", "Fem. Nej. Parkering. Tøj og sko. Tre. Få gang i torvet igen",
        ANS(handelsliv=5, handler_lokalt="no", forbedring="parkering", tilbud=["toej"], besoeg=3,
            ideer=TXT("få gang i torvet igen", no=["Tre."])))
    # ---- digital, everything in one SMS
    sms("digital", "4 ja nej B 2 mere selvbetjening",
        ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=2,
            forbedringer=TXT("mere selvbetjening", no=["B 2"])))
    sms("digital", "1: 5 2: ja 3: ja 4: a 5: 10",
        ANS(let_at_bruge=5, mitid="yes", hjaelp="yes", kontakt="telefon", henvendelser=10))
    sms("digital", "enig, ja, nej, mail, 3",
        ANS(let_at_bruge=4, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=3))
    sms("digital", "helt enig\nja\nnej\nC\n0\nfint som det er",
        ANS(let_at_bruge=5, mitid="yes", hjaelp="no", kontakt="fremmoede", henvendelser=0,
            forbedringer=TXT("fint som det er")))
    sms("digital", "2 nej ja A 60",
        ANS(unclear=["henvendelser"], let_at_bruge=2, mitid="no", hjaelp="yes", kontakt="telefon"))
    sms("digital", "1) 3 2) ja 3) nej 4) B 5) 4 6) Hurtigere svar på mails",
        ANS(let_at_bruge=3, mitid="yes", hjaelp="no", kontakt="digital", henvendelser=4,
            forbedringer=TXT("hurtigere svar på mails", no=["5) 4"])))
    sms("digital", "3 ja ja b 5\nrettelse: spm 1 er 4",
        ANS(let_at_bruge=4, mitid="yes", hjaelp="yes", kontakt="digital", henvendelser=5))


def rsvps():
    # ------------------------------------------------------ budgetmoede, email
    mail("budgetmoede", W("Poul Erik Bonde", "poulerik.bonde@gmail.com"), RSVP("yes"),
         top="Jeg kommer gerne.\n\nMvh Poul Erik")
    mail("budgetmoede", W("Allan Brask", "allan.brask@skovby-grundejer.dk"), RSVP("yes", 2),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg kommer sammen med min kone og min svigerfar.\n\nVenlig hilsen\nAllan Brask\n"
             "Kasserer, Skovby Grundejerforening")
    mail("budgetmoede", W("Jannik Skov", "jannik.skov@icloud.com"), RSVP("yes", 2),
         client="iphone", top="Vi kommer 3")
    mail("budgetmoede", W("Kirsten Bach", "kirsten.bach@me.com"), RSVP("no"),
         client="apple",
         top="Kære Borgerpanel\n\nJeg må desværre melde afbud, jeg er på kursus i Odense den uge.\n\n"
             "Venlig hilsen\nKirsten Bach")
    mail("budgetmoede", W("Tobias Wendt", "tobias.wendt@outlook.com"), RSVP("yes", 1),
         client="android", top="Vi er to")
    mail("budgetmoede", W("Sara Lindgren", "sara.lindgren@gmail.com"), RSVP("maybe"),
         top="Måske. Det kommer an på, om min mand kan hente børnene.\n\nSara")
    mail("budgetmoede", W("Johannes Møller", "jm@nrv-handel.dk"), RSVP("yes", 2),
         client="outlook", cs="iso-8859-1", sendt=0,
         top="Tak for invitationen. Jeg deltager med 2 gæster fra Handelsstandsforeningen.\n\n"
             "Med venlig hilsen\nJohannes Møller\nFormand")
    mail("budgetmoede", W("Per Hedegaard", "per.hedegaard@hotmail.com"), RSVP("no"),
         client="samsung", top="Nej tak, ikke interesseret")
    mail("budgetmoede", W("Vagn Eskildsen", "vagn@eskildsen.net"), RSVP("yes", 1),
         client="thunderbird",
         bottom="Jeg kommer. Min nabo vil også gerne med, hvis det er i orden.\n\nVagn")
    mail("budgetmoede", W("Irene Holst", "irene.holst@one.dk"), RSVP("yes"),
         client="roundcube", bottom="Ja tak, jeg kommer alene.\n\nIrene")
    mail("budgetmoede", W("Lene Kjærgaard", "lene.og.kurt@gmail.com"), RSVP("yes", 1),
         top="Ja, vi kommer begge to. Er der parkering ved rådhuset, eller skal vi tage bussen?\n\n"
             "Mvh Lene og Kurt")
    mail("budgetmoede", W("Frede Thomsen", "frede.thomsen@yahoo.dk"), RSVP("yes"),
         client="yahoo",
         top="Hej\n\nJeg vil meget gerne deltage, men jeg kan først være der ved halv otte. Er det okay?\n\n"
             "Hilsen Frede")
    mail("budgetmoede", W("Lotte Graversen", "lotte.graversen@nrv-skole.dk"), RSVP("maybe"),
         client="outlook", sendt=2,
         top="Jeg regner med at komme, men det er ikke helt sikkert endnu.\n\nMvh\nLotte Graversen")
    mail("budgetmoede", W("Sonja Dreyer", "sonja.dreyer@icloud.com"), RSVP("no"),
         client="iphone", top="Nej desværre. God fornøjelse med mødet!")
    mail("budgetmoede", W("Rikke Elmelund", "rikke.elmelund@gmail.com"), RSVP("yes", 2),
         top="Jeg kommer og tager min mand og vores søn på 17 med 😊\n\nRikke")
    mail("budgetmoede", W("Torben Aagaard", "torben.aagaard@yahoo.dk"), RSVP("no"),
         client="yahoo",
         top="Jeg kan ikke komme den dag, men bliver mødet optaget, så man kan se det bagefter?\n\nTorben")

    # ------------------------------------------------------ budgetmoede, SMS
    sms("budgetmoede", "Ja", RSVP("yes"))
    sms("budgetmoede", "ja +2", RSVP("yes", 2))
    sms("budgetmoede", "Kommer med konen", RSVP("yes", 1))
    sms("budgetmoede", "vi kommer 3", RSVP("yes", 2))
    sms("budgetmoede", "nej tak", RSVP("no"))
    sms("budgetmoede", "a ka it, er på arbejde", RSVP("no"))
    sms("budgetmoede", "Jå, a kommer", RSVP("yes"))
    sms("budgetmoede", "maaske", RSVP("maybe"))
    sms("budgetmoede", "kommer sgu, bror", RSVP("yes"))
    sms("budgetmoede", "Jeg komer og min søster og hendes man", RSVP("yes", 2))
    sms("budgetmoede", "Jeg deltager, men kan først fra kl 20", RSVP("yes"))
    sms("budgetmoede", "Kan ikke den dag desværre men tak", RSVP("no"))
    sms("budgetmoede", "Jeg vil prøve at komme", RSVP("maybe"))
    sms("budgetmoede", "Ja tak, 2 personer", RSVP("yes", 1))
    sms("budgetmoede", "Ja, jeg og to venner", RSVP("yes", 2))

    # ------------------------------------------------------ appfokus, email
    mail("appfokus", W("Amalie Brink", "amalie.brink@gmail.com"), RSVP("yes"),
         top="Ja tak, det vil jeg gerne.\n\nMvh Amalie")
    mail("appfokus", W("Nikolaj Berg", "nikolaj.berg@berg-ux.dk"), RSVP("yes"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg deltager gerne. Jeg arbejder selv med apps, så det bliver spændende.\n\n"
             "Venlig hilsen\nNikolaj Berg\nUX-designer")
    mail("appfokus", W("Camilla Hjort", "camilla.hjort@icloud.com"), RSVP("no"),
         client="iphone", top="Kan desværre ikke")
    mail("appfokus", W("Linda Fogh", "linda.fogh@me.com"), RSVP("maybe"),
         client="apple",
         top="Jeg er ikke sikker på, at jeg kan nå det fra arbejde. Kan jeg give besked i næste uge?\n\nLinda")
    mail("appfokus", W("Mads Rytter", "mads.rytter@outlook.com"), RSVP("yes"),
         client="android", top="Jeg kommer 👍")
    mail("appfokus", W("Erik Borup", "erik.borup@hotmail.com"), RSVP("no"),
         client="samsung", top="Nej. Jeg bruger ikke apps.")
    mail("appfokus", W("Bjørn Kastrup", "bjorn@kastrup.net"), RSVP("yes"),
         client="thunderbird", bottom="Tilmeld mig gerne.\n\nHilsen Bjørn")
    mail("appfokus", W("Hanne Sommer", "hanne.sommer@yahoo.dk"), RSVP("no"),
         client="yahoo",
         top="Det lyder spændende, men jeg er på ferie i den uge. Spørg mig gerne en anden gang.\n\nHanne")
    mail("appfokus", W("Steffen Due", "steffen@due-data.dk"), RSVP("yes"),
         client="roundcube", bottom="Jeg kommer, men må gå lidt før kl. 18.\n\nSteffen")
    mail("appfokus", W("Karen Lykke", "karen.lykke@nrv-aeldre.dk"), RSVP("yes"),
         client="outlook", fmt="html", sendt=0,
         top="Hermed min tilmelding til fokusgruppen.\n\nMed venlig hilsen\nKaren Lykke")
    mail("appfokus", W("Esben Krarup", "esben.krarup@gmail.com"), RSVP("no"),
         top="Jeg må desværre afmelde mig mødet, jeg er blevet syg.\n\nEsben")

    # ------------------------------------------------------ appfokus, SMS
    sms("appfokus", "ja", RSVP("yes"))
    sms("appfokus", "Nej tak", RSVP("no"))
    sms("appfokus", "maske", RSVP("maybe"))
    sms("appfokus", "jeg komer gerne", RSVP("yes"))
    sms("appfokus", "Nope, har ikke tid", RSVP("no"))
    sms("appfokus", "jo da, jeg er klar", RSVP("yes"))
    sms("appfokus", "Næh, det bliver ikke til noget", RSVP("no"))
    sms("appfokus", "Det ved jeg ikke endnu, skal tjekke vagtplanen", RSVP("maybe"))
    sms("appfokus", "Deltager. Mvh Grete fra Ældrerådet", RSVP("yes"))
    sms("appfokus", "Yes! Glæder mig", RSVP("yes"))
    sms("appfokus", "Jeg kommer alene", RSVP("yes"))
    sms("appfokus", "Kommer, men bliver 10 min forsinket pga bussen", RSVP("yes"))


def unsubscribes():
    sms("erhverv", "STOP", INTENT("unsubscribe"))
    sms("digital", "Afmeld", INTENT("unsubscribe"))
    sms("digital", "Meld mig ud tak", INTENT("unsubscribe"))
    sms("erhverv", "slet mig fra jeres system", INTENT("unsubscribe"), awaiting="besoeg")
    sms("appfokus", "Stop med at skrive til mig. Jeg gider ikke mere", INTENT("unsubscribe"))
    sms("digital", "jeg vil gerne frameldes borgerpanelet", INTENT("unsubscribe"), awaiting="mitid")
    sms("budgetmoede", "Stop", INTENT("unsubscribe"))
    # bare "afmeld/frameld mig" after a meeting invitation: the meeting or the panel?
    sms("budgetmoede", "afmeld mig", UNCLEAR())
    mail("appfokus", W("Tine Gram", "tine.gram@icloud.com"), UNCLEAR(), client="iphone",
         top="Frameld mig venligst")

    mail("erhverv", W("Bent Overgaard", "bent.overgaard@gmail.com"), INTENT("unsubscribe"),
         top="Afmeld venligst")
    mail("digital", W("Ole Bruun", "ole.bruun@bruun-consult.dk"), INTENT("unsubscribe"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg vil gerne meldes ud af borgerpanelet. Jeg er flyttet til Spanien.\n\nMvh\nOle Bruun")
    mail("budgetmoede", W("Hakon Lind", "hakon.lind@icloud.com"), INTENT("unsubscribe"),
         client="iphone", top="Fjern mig fra jeres liste. Jeg har aldrig bedt om at være med.")
    mail("appfokus", W("Simone Vinter", "simone.vinter@gmail.com"), INTENT("unsubscribe"),
         top="Hej. Jeg har fået nyt arbejde og har ikke længere tid til at være med i panelet. "
             "Tak for nu.\n\nSimone")
    mail("erhverv", W("Inger Sørensen", "inger.soerensen@post.tele.dk"), INTENT("unsubscribe"),
         client="outlook", cs="iso-8859-1", sep="orig", sendt=0, prefix="SV: ",
         top="Til Borgerpanelet\n\nMin mor, Inger Sørensen, er flyttet på plejehjem og kan ikke længere svare. "
             "Vil I slette hende fra panelet?\n\nVenlig hilsen\nTom Sørensen (søn)")
    mail("digital", W("Knud Hviid", "knud.hviid@yahoo.dk"), INTENT("unsubscribe"),
         client="yahoo", top="Slet mig. Jeg gider ikke flere af jeres spørgeskemaer.\n\nKnud")
    mail("budgetmoede", W("Peder Holm", "peder.holm@gmail.com"), INTENT("unsubscribe"),
         quote=False, thread=False, subject="Udmeldelse",
         top="Jeg ønsker ikke at modtage flere henvendelser fra borgerpanelet.\n\nPeder Holm")


def auto_replies():
    autoreply("erhverv", W("Jesper Bilde", "jb@bilde-auto.dk"),
              "Tak for din mail.\n\nJeg er på vinterferie i uge 8 og læser ikke mails. Ved akutte henvendelser "
              "kan du kontakte værkstedet på 86 22 33 44.\n\nVenlig hilsen\nJesper Bilde\nBilde Auto",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cte="base64")
    autoreply("digital", W("Anja Koch", "anja.koch@gmail.com"),
              "Hej\n\nJeg er på ferie og er tilbage mandag den 1. marts. Jeg svarer, når jeg er hjemme.\n\nAnja",
              system="gmail", subject="Ferie – tilbage 1. marts",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("budgetmoede", W("Claus Ejlersen", "claus.ejlersen@nrv-byg.dk"),
              "Jeg er på kursus til og med 26. februar og har begrænset adgang til mail. Henvendelser kan i "
              "mellemtiden rettes til kontor@nrv-byg.dk.\n\nMed venlig hilsen\nClaus Ejlersen",
              subject_prefix="Fraværende: ", headers=(), cs="iso-8859-1", thread=False)
    autoreply("appfokus", W("Mie Frandsen", "mie.frandsen@mail.dk"),
              "Jeg er på barsel og læser ikke denne mail. Skriv til mie.privat@mail.dk, hvis det haster.\n\nMie",
              system="webmail", subject_prefix="Autosvar: ",
              headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")))
    autoreply("erhverv", W("Bager Jensen", "info@bagerjensen-nrv.dk"),
              "Tak for din henvendelse til Bager Jensen.\n\nVi besvarer mails inden for 3 hverdage. "
              "Bestilling af lagkager skal ske telefonisk på 75 44 33 22.\n\nDette er et automatisk svar.",
              system="webmail", subject="Tak for din henvendelse",
              headers=(("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")))
    autoreply("digital", W("Jonas Krogh", "jonas.krogh@nrv-it.dk"),
              "Jeg er på orlov frem til 1. juni 2027.\n\nHenvendelser om IT-support rettes til servicedesk "
              "på 72 11 22 33.\n\nVenlig hilsen\nJonas Krogh",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")))
    autoreply("budgetmoede", W("Sarah Jessen", "sje@baltic-shipping.dk"),
              "Thank you for your email. I am travelling until 8 March with limited access to email.\n\n"
              "Tak for din mail. Jeg er på rejse til og med 8. marts og har begrænset adgang til mail.\n\n"
              "Kind regards / Venlig hilsen\nSarah Jessen",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cs="windows-1252")
    autoreply("appfokus", W("Lars Thorup", "lars.thorup@icloud.com"),
              "Tak for din besked. Jeg er på skiferie frem til 6. marts og tjekker ikke mail.\n\nLars",
              system="icloud", subject_prefix="Re: ", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("erhverv", W("Tina Ravn", "tina.ravn@ravn-regnskab.dk"),
              "Denne mailadresse lukkes den 1. marts. Skriv fremover til tina@ravnregnskab.dk.\n\n"
              "Denne mail er genereret automatisk.",
              system="webmail", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("digital", W("Ib Sommerlund", "ib.sommerlund@nrv-revision.dk"),
              "Jeg er på kursus i dag og læser først mails i morgen.\n\nVenlig hilsen\nIb Sommerlund",
              headers=(("Auto-Submitted", "auto-replied"),), cs="windows-1252", html_body=True)
    autoreply("budgetmoede", W("Karl Nymann", "karl.nymann@youmail.dk"),
              "Ja tak for din mail. Jeg er bortrejst til og med den 4. marts og svarer, når jeg kommer hjem.\n\n"
              "Mvh Karl",
              system="webmail", subject_prefix="Autosvar: ", headers=(), thread=False)

    sms("erhverv", "Jeg kører bil lige nu og svarer senere. (Automatisk svar)", INTENT("auto_reply"))
    sms("budgetmoede", "Automatisk besked: Jeg er på ferie til 20/3 og læser ikke sms. Mvh Kurt",
        INTENT("auto_reply"))
    sms("digital", "Dette er et autosvar. Jeg har slået Fokus til og får ikke notifikationer.",
        INTENT("auto_reply"), awaiting="mitid")
    sms("appfokus", "AUTOSVAR: Klinikken har lukket. Ring igen i morgen fra kl. 8. Mvh Fysioterapeut Lund",
        INTENT("auto_reply"))


def bounces():
    bounce("erhverv", W("Jens Kirkegaard", "jens.kirkegaard1968@gmail.com"), "postfix-unknown")
    bounce("erhverv", W("Mona Lisberg", "mona.lisberg@youmail.dk"), "postfix-quota")
    bounce("digital", W("Gitte Boe", "gitte.boe@mail.tele.dk"), "danish-isp", after_min=2)
    bounce("digital", W("Lise Aaby", "lise.aaby@gmial.com"), "postfix-nxdomain")
    bounce("budgetmoede", W("Karsten Mohr", "karsten_mohr@hotmail.com"), "outlookcom-unknown")
    bounce("budgetmoede", W("Anne Fisker", "anne.fisker@fisker-transport.dk"), "exchange-quota", after_min=3)
    bounce("appfokus", W("Ib Vestergaard", "ib@vestergaard-el.dk"), "postfix-timeout",
           after_min=5 * 24 * 60 + 11)
    bounce("appfokus", W("Kjeld Dyhr", "kjeld.dyhr@stofanet.dk"), "exim-unknown", after_min=1)
    bounce("erhverv", W("Bo Lund", "bo.lund@nrvnet.dk"), "sendmail-unknown")


def unclear_replies():
    # more guests than allowed / a guest count that cannot be told
    mail("budgetmoede", W("Per Winkel", "per.winkel@skovby-borger.dk"), UNCLEAR(),
         client="apple",
         top="Hej\n\nVi er 4 fra bestyrelsen i Skovby Borgerforening, der gerne vil deltage.\n\nHilsen\nPer Winkel")
    mail("budgetmoede", W("Mette Hauge", "mette.hauge@gmail.com"), UNCLEAR(),
         top="Ja, min mand kommer med, og måske også vores datter, hvis hun har fri.\n\nMette")
    mail("appfokus", W("Henrik Saxe", "henrik.saxe@nrv-it.dk"), UNCLEAR(),
         client="outlook", sendt=1,
         top="Hej\n\nJeg kommer gerne og tager min kollega fra IT-afdelingen med.\n\nMvh\nHenrik Saxe")
    sms("budgetmoede", "Ja 3", UNCLEAR())
    sms("budgetmoede", "Vi kommer hele familien", UNCLEAR())
    sms("appfokus", "Vi er 2", UNCLEAR())
    # nothing usable
    sms("erhverv", "idk", UNCLEAR())
    sms("digital", "ok", UNCLEAR())
    mail("digital", W("Rita Juhl", "rita.juhl@icloud.com"), UNCLEAR(), client="iphone", top="")
    mail("erhverv", W("Finn Lauridsen", "finn.lauridsen@gmail.com"), UNCLEAR(),
         top="Det har jeg ingen mening om.\n\nHilsen Finn")
    # one question asked by SMS, answer not readable
    sms("erhverv", "godt", UNCLEAR("handelsliv"), awaiting="handelsliv")
    sms("erhverv", "A og B", UNCLEAR("forbedring"), awaiting="forbedring")
    sms("erhverv", "40", UNCLEAR("besoeg"), awaiting="besoeg")
    sms("digital", "mange", UNCLEAR("henvendelser"), awaiting="henvendelser")
    sms("digital", "nogle gange", UNCLEAR("mitid"), awaiting="mitid")


def other_messages():
    mail("budgetmoede", W("Hans Brogaard", "hans.brogaard@gmail.com"), INTENT("other"),
         top="Hvor i rådhuset er Byrådssalen? Jeg har aldrig været der.\n\nMvh Hans")
    mail("erhverv", W("Pia Dons", "pia.dons@dons-tekstil.dk"), INTENT("other"),
         client="outlook", cs="iso-8859-1", sendt=2,
         top="Hvem står bag undersøgelsen, er det kommunen eller Handelsstandsforeningen?\n\n"
             "Venlig hilsen\nPia Dons")
    mail("digital", W("Elna Krog", "elna.krog@icloud.com"), INTENT("other"),
         client="iphone", top="Kan jeg få spørgeskemaet på papir? Jeg er ikke så god til computere.")
    mail("appfokus", W("Birgit Nørskov", "birgit.norskov@gmail.com"), INTENT("other"),
         top="Skal man have en bestemt telefon for at være med? Jeg har en gammel Nokia.\n\nBirgit")
    mail("erhverv", W("Finn Dall", "finn.dall@me.com"), INTENT("other"),
         client="apple",
         top="Hvad menes der med midtbyen? Er det kun gågaden, eller hører havnen også med?\n\nFinn")
    mail("digital", W("Tanja Holt", "tanja.holt@hotmail.com"), INTENT("other"),
         client="samsung", top="Jeg har fået nyt nummer: 22 33 44 55. Vil I opdatere det?")
    mail("budgetmoede", W("Signe Lerche", "signe.lerche@yahoo.dk"), INTENT("other"),
         client="yahoo", top="Bliver mødet streamet?\n\nSigne")

    sms("budgetmoede", "Hvad tid er det?", INTENT("other"))
    sms("appfokus", "Hvor ligger mødelokale 3?", INTENT("other"))
    sms("erhverv", "Hvem er I?", INTENT("other"))
    sms("digital", "Hvad er forskellen på B og C?", INTENT("other"), awaiting="kontakt")
    sms("erhverv", "Hvorfor skriver I til mig om søndagen?", INTENT("other"))
    sms("budgetmoede", "Kan man tage børn med?", INTENT("other"))
    sms("digital", "Jeg har svaret på mail i forvejen", INTENT("other"))
    sms("appfokus", "Får man noget for at deltage?", INTENT("other"))


if __name__ == "__main__":
    sys.exit(corpus.main(survey_answers_by_email, survey_answers_by_sms, rsvps, unsubscribes,
                         auto_replies, bounces, unclear_replies, other_messages))
