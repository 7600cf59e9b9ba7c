#!/usr/bin/env python3
"""Build held-out set 5 of labelled citizen replies (cases.jsonl).

Only the content is here: definitions.json (a survey on rainwater, sewers
and cloudbursts, a survey on volunteering and associations, a citizens'
meeting about a new bridge with max_guests 1 and a youth workshop on leisure
with max_guests 0), the invitation texts in INV and every reply below.  The
machinery (clients, quoting, charsets, auto-replies, bounces, validation,
output) is ../corpusgen.py, shared with the other held-out sets.

Standard library only (Python 3.11).  Usage:

    python3 make_heldout5.py          # writes cases.jsonl next to this file
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
    "vand": {
        "subject": "Borgerpanelet: Regnvand, kloak og skybrud",
        "sent": datetime(2027, 2, 2, 9, 45, 3, tzinfo=CET),
        "intro": [
            "Kommunen og Nørrevig Forsyning arbejder på at gøre byen bedre rustet til",
            "skybrud. Vi vil gerne høre om dine erfaringer med regnvand og kloak.",
            "Det tager kun et par minutter.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "mandag den 15. februar 2027",
    },
    "frivillig": {
        "subject": "Borgerpanelet: Frivillighed og foreningsliv",
        "sent": datetime(2027, 2, 8, 14, 5, 41, tzinfo=CET),
        "intro": [
            "Foreningslivet i Nørrevig bygger på frivillige kræfter. Vi vil gerne vide,",
            "hvordan kommunen bedst kan støtte frivillige og foreninger.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 21. februar 2027",
    },
    "bromoede": {
        "subject": "Invitation: Borgermøde om ny bro over Vigen",
        "sent": datetime(2027, 2, 15, 11, 20, 17, tzinfo=CET),
        "intro": [
            "Kommunen vil bygge en ny bro over Vigen mellem Nørrevig og Søby.",
            "Ingeniørerne viser de tre forslag til broens placering, og der er god tid",
            "til spørgsmål og debat. Der serveres kaffe.",
        ],
    },
    "ungeworkshop": {
        "subject": "Invitation: Ungeworkshop om fritid",
        "sent": datetime(2027, 2, 22, 15, 30, 2, tzinfo=CET),
        "intro": [
            "Hvad skal der til, for at unge i Nørrevig får en bedre fritid? På",
            "workshoppen arbejder vi i små grupper med jeres idéer, og der er pizza",
            "og sodavand. Workshoppen er for panelets medlemmer mellem 15 og 25 år.",
        ],
    },
}

# A phrase of each survey's quoted invitation that no text answer may contain.
QUOTE_FRAGMENT = {"vand": "Hvad kan kommunen gøre bedre, når det regner kraftigt",
                  "frivillig": "Hvad kan kommunen gøre for at hjælpe foreningerne"}

corpus = Corpus(HERE, INV, QUOTE_FRAGMENT, seed=20270202, id_prefix="ho5")
mail, sms, autoreply, bounce = corpus.mail, corpus.sms, corpus.autoreply, corpus.bounce

# ===========================================================================
# The cases.  Each one is a different person writing in their own way.
# ===========================================================================

def survey_answers_by_email():
    # ------------------------------------------------------------------ vand
    mail("vand", W("Kasper Mølholm", "kasper.molholm@gmail.com"),
         ANS(tryghed=2, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer", "sandsaekke"], toender=1,
             forbedring=TXT("rens kloakristene oftere", no=["Mvh Kasper"])),
         top="1: 2\n2: ja\n3: A\n4: A, B og D\n5: 1\n"
             "6: Rens kloakristene oftere, især på Engvej hvor vandet står højt hver gang\n\nMvh Kasper")

    mail("vand", W("Poul Erik Kjærgaard", "pek@kjaergaard-raadgivning.dk"),
         ANS(tryghed=2, kaelder="yes", varsling="dmi", tiltag=["kloakroer", "raadgivning"], toender=0,
             forbedring=TXT("separatkloakering i den gamle bydel", no=["Kjærgaard Rådgivning", "98 76 54 32"])),
         client="outlook", sendt=0, prefix="SV: ",
         top="Hej Borgerpanel\n\nHermed mine svar:\n\n1) to\n2) Ja, i 2022 og igen sidste sommer\n3) DMI's app\n"
             "4) Renovering af gamle kloakrør og rådgivning om sikring af huset\n5) ingen\n"
             "6) Separatkloakering i den gamle bydel burde have været lavet for længe siden.\n\n"
             "Med venlig hilsen\n\nPoul Erik Kjærgaard\nIngeniør\nKjærgaard Rådgivning ApS\nTlf. 98 76 54 32")

    mail("vand", W("Sidsel Ravn", "sidsel.ravn@icloud.com"),
         ANS(tryghed=4, kaelder="no", varsling="dmi", tiltag=["regnbede"], toender=2,
             forbedring=TXT("plant flere træer", no=["Sendt fra min iPhone"])),
         client="iphone", top="4\nNej\nB\nC\n2\nPlant flere træer")

    mail("vand", W("Mogens Friis", "mogens.friis58@gmail.com"),
         ANS(tryghed=3, kaelder="no", varsling="naboer", tiltag=["bassiner", "regnbede"], toender=0),
         inline={1: "3", 2: "Nej heldigvis ikke", 3: "D - vi har en fb gruppe på vejen", 4: "A og C",
                 5: "0, men vi overvejer at købe en"})

    mail("vand", W("Henny Ravnkilde", "henny.ravnkilde@me.com"),
         ANS(tryghed=1, kaelder="yes", varsling="radio",
             tiltag=["bassiner", "kloakroer", "regnbede", "sandsaekke", "raadgivning"], toender=0,
             forbedring=TXT("brønden på hjørnet løber over", no=["Henny Ravnkilde"])),
         client="apple",
         top="Hej\n\n1. Slet ikke tryg. Vi har haft vand i kælderen tre gange!\n2. Ja\n3. Radio\n4. Alle sammen\n"
             "5. 0\n6. Kom ud og se på det selv, når det regner. Brønden på hjørnet løber over hver gang.\n\n"
             "Venlig hilsen\nHenny Ravnkilde")

    mail("vand", W("Jakob Thorup", "jakob.thorup@outlook.dk"),
         ANS(tryghed=5, kaelder="no", varsling="sms", tiltag=["raadgivning"], toender=3,
             forbedring=TXT("I gør det godt", no=["Sendt fra Outlook til Android"])),
         client="android", top="1: 5\n2: nej\n3: a\n4: e\n5: 3\n6: Ikke noget, I gør det godt")

    mail("vand", W("Conni Westergaard", "conni.w@hotmail.com"),
         ANS(tryghed=3, kaelder="no", varsling="sms", tiltag=["bassiner", "regnbede"], toender=2),
         client="samsung",
         top="Jeg er nogenlunde tryg så 3. Vi har aldrig haft vand i kælderen. Jeg får besked via sms fra "
             "kommunen. Pengene skal bruges på regnvandsbassiner og regnbede. Vi har 2 tønder.")

    mail("vand", W("Ole Brøndum", "ole@broendum.net"),
         ANS(tryghed=5, kaelder="no", varsling="dmi", tiltag=["kloakroer", "sandsaekke"], toender=4,
             forbedring=TXT("låne sandsække gratis", no=["Venlig hilsen\nOle"])),
         client="thunderbird",
         inline={1: "Meget tryg", 2: "Nej", 3: "B", 4: "B og D", 5: "4",
                 6: "Lad folk låne sandsække gratis ved genbrugspladsen, inden det går løs."},
         bottom="Venlig hilsen\nOle")

    mail("vand", W("Birgitte Lykkegaard", "birgitte@lykkegaard-tegnestue.dk"),
         ANS(tryghed=2, kaelder="yes", varsling="naboer", tiltag=["bassiner"], toender=1,
             forbedring=TXT("bedre varsling om natten", no=["Birgitte"])),
         client="roundcube", fmt="html", entities=True,
         bottom="1: 2\n2: ja\n3: D\n4: A\n5: 1\n6: Bedre varsling om natten – jeg sov, da kælderen blev "
                "oversvømmet\n\nBirgitte")

    mail("vand", W("Frank Vestergaard", "frank.vestergaard@yahoo.dk"),
         ANS(tryghed=4, kaelder="no", varsling="sms", tiltag=["regnbede"], toender=0),
         client="yahoo", top="Hej. 1) 4 2) nej 3) SMS 4) grønne tage 5) 0 6) -")

    mail("vand", W("Jørn Tastesen", "jorn.tastesen@gmail.com"),
         ANS(tryghed=3, kaelder="yes", varsling="sms", tiltag=["kloakroer"], toender=3),
         top="1: 3\n2: ja\n3: A\n4: B\n5: 2 - nej vent, det er 3, vi fik en ny i sommer\n\nHilsen Jørn")

    mail("vand", W("Lisbeth Kirkegaard", "lisbeth.kirkegaard@gmail.com"),
         ANS(unclear=["toender"], tryghed=4, kaelder="no", varsling="dmi", tiltag=["regnbede", "raadgivning"]),
         top="1: 4\n2: nej\n3: B\n4: C og E\n5: 12 (vi samler regnvand til drivhuset)\n\nLisbeth")

    mail("vand", W("Arne Bisgaard", "arne.bisgaard@mail.dk"),
         ANS(unclear=["varsling"], tryghed=2, kaelder="yes", tiltag=["bassiner"], toender=0),
         client="outlook", cs="iso-8859-1", sendt=2, prefix="Sv: ",
         top="1: 2\n2: ja\n3: A og B\n4: A\n5: 0\n\nMvh Arne Bisgaard")

    mail("vand", W("Anja Mikkelsen", "anja.mikkelsen@gmail.com"),
         ANS(tryghed=1, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer"], toender=0),
         top="1: 1\n2: ja\n3: A\n4: A og B\n5: 0\n\nHvornår kan man se resultaterne af undersøgelsen?\n\n"
             "Mvh Anja og Peter")

    mail("vand", W("Claus Høeg", "claus.hoeg@icloud.com"),
         ANS(kaelder="yes"),
         client="iphone",
         top="Jeg springer de fleste over. Men til spm 2: ja, vi havde 20 cm vand i kælderen i august.")

    mail("vand", W("Inger Lund", "inger.lund@post.tele.dk"),
         ANS(tryghed=2, kaelder="yes", varsling="radio", tiltag=["sandsaekke"], toender=0,
             forbedring=TXT("husk de ældre", no=["Inger Lund", "Mange hilsner"])),
         client="outlook", cs="iso-8859-1", sendt=1, prefix="SV: ",
         top="Kære Borgerpanel\n\n1. Jeg er ikke særlig tryg, vil sige 2\n2. Ja desværre\n3. Radioen\n4. Sandsække\n"
             "5. ingen\n6. Husk de ældre, vi kan ikke selv bære sandsække ned i kælderen.\n\n"
             "Mange hilsner\nInger Lund")

    mail("vand", W("Rasmus Kold", "rasmus.kold@gmail.com"),
         ANS(tryghed=4, kaelder="no", varsling="dmi", tiltag=["bassiner", "kloakroer"], toender=1),
         quote=False, top="tryghed: 4, kælder: nej, varsling: DMI, tiltag: bassiner + kloakrør, tønder: 1")

    mail("vand", W("Tanja Holt", "tanja.holt@icloud.com"),
         ANS(tryghed=2, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer", "sandsaekke"], toender=0,
             forbedring=TXT("tøm rendestenene", no=["ABD 0"])),
         client="iphone", mobile_sig=False, top="2 ja A ABD 0 Tøm rendestenene")

    mail("vand", W("Bjarne Isaksen", "bjarne.isaksen@gmail.com"),
         ANS(tryghed=2, kaelder="yes", varsling="sms", tiltag=["bassiner", "regnbede"], toender=0,
             forbedring=TXT("stop med at give byggetilladelser", no=["Hilsen Bjarne"])),
         top="1: 2\n2: ja\n3: A\n4: A og C\n5: 0\n6: Stop med at give byggetilladelser i lavningerne ved åen!\n\n"
             "Hilsen Bjarne")

    mail("vand", W("Lene Dahl", "lene.dahl@dahl-fysioterapi.dk"),
         ANS(tryghed=5, kaelder="no", varsling="sms", tiltag=["sandsaekke", "raadgivning"], toender=0),
         client="outlook", sendt=2,
         top="Svar:\n1 - 5 Meget tryg\n2 - Nej\n3 - A\n4 - D & E\n5 - 0\n\nMvh Lene\nDahl Fysioterapi")

    mail("vand", W("Kaj Overby", "kaj.overby@gmail.com"),
         ANS(tryghed=3, kaelder="yes", varsling="radio", tiltag=["kloakroer"], toender=2),
         top="1: 3\n2: nej... jo faktisk, der kom lidt vand i kælderen i 2021\n3: C\n4: B\n5: 2\n\nKaj")

    mail("vand", W("Gitte Brandt", "gitte.brandt@outlook.com"),
         ANS(tryghed=3, kaelder="no", varsling="naboer", tiltag=["bassiner", "sandsaekke"], toender=0),
         client="android", top="1 3\n2 nej\n3 naboerne\n4 flere bassiner og gratis sandsække\n5 0")

    mail("vand", W("Tove Lindberg", "tove.lindberg@gmail.com"),
         ANS(tryghed=2, kaelder="no", varsling="dmi", tiltag=["kloakroer"], toender=0),
         top="Hej, jeg synes ikke helt, at kommunen er klar - 2 ud af 5. Vi har ikke haft vand i kælderen, men "
             "naboen har. Jeg hører om det på DMI. Brug pengene på kloakrørene. Vi har ingen regnvandstønde.\n\n"
             "Mvh Tove")

    mail("vand", W("Erik Damgaard", "erik.damgaard@me.com"),
         ANS(forbedring=TXT("grøften langs Skovvejen skal renses op", no=["Erik"])),
         client="apple",
         top="Jeg har kun ét svar, til nr. 6: Grøften langs Skovvejen skal renses op, den er groet helt til.\n\n"
             "Erik")

    mail("vand", W("Dorte Würtz", "dorte.wurtz@gmail.com"),
         ANS(unclear=["tryghed"], kaelder="no", varsling="dmi", tiltag=["regnbede"], toender=1),
         top="1: 2 eller 3\n2: nej\n3: B\n4: C\n5: 1\n\nDorte")

    mail("vand", W("Hussein Ali", "hussein.ali@hotmail.com"),
         ANS(tryghed=1, kaelder="yes", varsling="naboer", tiltag=["kloakroer", "raadgivning"], toender=0,
             forbedring=TXT("svar på telefonen", no=["Sendt fra min Galaxy"])),
         client="samsung",
         top="1. 1\n2. Ja, to gange\n3. Naboer\n4. Kloakrør og rådgivning\n5. Ingen\n"
             "6. Svar på telefonen når vi ringer til forsyningen om natten")

    # ------------------------------------------------------------- frivillig
    mail("frivillig", W("Louise Brask", "louise.brask@gmail.com"),
         ANS(anbefal=8, stoette=4, aktiv="yes", omraade="boernunge", timer=12,
             hjaelp=TXT("gratis lokaler til møder", no=["Mvh Louise"])),
         top="1: 8\n2: 4\n3: ja\n4: B\n5: 12\n6: Gratis lokaler til møder\n\nMvh Louise")

    mail("frivillig", W("Torben Mikkelsen", "torben.mikkelsen@nrv-spejder.dk"),
         ANS(anbefal=10, stoette=4, aktiv="yes", omraade="boernunge", timer=20,
             hjaelp=TXT("mindre bureaukrati", no=["Kasserer", "1. Nørrevig Gruppe"])),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\n1) 10\n2) Delvist enig\n3) Ja, i spejderne\n4) Børn og unge\n5) 20\n"
             "6) Mindre bureaukrati, når man søger tilskud.\n\nVenlig hilsen\nTorben Mikkelsen\n"
             "Kasserer, 1. Nørrevig Gruppe")

    mail("frivillig", W("Pia Sommer", "pia.sommer@icloud.com"),
         ANS(anbefal=7, stoette=2, aktiv="no", omraade="social", timer=0),
         client="iphone", top="7\nUenig\nNej\nA\n0")

    mail("frivillig", W("Jens Peder Hviid", "jp.hviid@gmail.com"),
         ANS(anbefal=0, stoette=1, aktiv="no", omraade="lokalraad", timer=0,
             hjaelp=TXT("betal de frivillige trænere", no=["JP"])),
         top="1: 0 – jeg ville aldrig anbefale det, man bliver brændt ud\n2: helt uenig\n3: ikke længere\n4: D\n"
             "5: 0\n6: Betal de frivillige trænere lidt, så de bliver\n\nJP")

    mail("frivillig", W("Vivi Clausen", "vivi.clausen@mail.dk"),
         ANS(anbefal=7, stoette=3, aktiv="yes", omraade="social", timer=8),
         client="outlook", cs="iso-8859-1", sendt=0, prefix="SV: ",
         top="Hej\n\n1: syv\n2: hverken enig eller uenig\n3: ja\n4: socialt arbejde\n5: otte\n\nVenlig hilsen\nVivi")

    mail("frivillig", W("Nikolaj Bruun", "nikolaj.bruun@gmail.com"),
         ANS(unclear=["anbefal"], stoette=4, aktiv="yes", omraade="natur", timer=5),
         top="1: 11!! Det er det bedste jeg har gjort\n2: 4\n3: ja\n4: C\n5: 5\n\nNikolaj")

    mail("frivillig", W("Karen Margrethe Due", "km.due@gmail.com"),
         ANS(unclear=["stoette"], anbefal=6, aktiv="no", omraade="lokalraad"),
         top="1. 6\n2. 0 - de gør ingenting\n3. nej\n4. D\n\nKaren Margrethe")

    mail("frivillig", W("Martin Skov", "martin.skov@outlook.com"),
         ANS(unclear=["anbefal"], stoette=3, aktiv="yes", omraade="boernunge", timer=10),
         client="android", top="1: 6-7\n2: 3\n3: Ja\n4: B\n5: 10")

    mail("frivillig", W("Hanne Bøgelund", "hanne.bogelund@gmail.com"),
         ANS(anbefal=9, stoette=4, aktiv="yes", omraade="natur", timer=6),
         top="1: 9\n2: 4\n3: ja\n4: A\n5: 6\n\nRettelse: spm 4 skal være C, ikke A.\n\nHanne")

    mail("frivillig", W("Søren Aaskov", "soren.aaskov@gmail.com"),
         ANS(unclear=["timer"], anbefal=8, stoette=2, aktiv="yes", omraade="social"),
         top="1: 8\n2: 2\n3: ja\n4: A\n5: 2 om ugen\n\nSøren")

    mail("frivillig", W("Lone Qvist", "lone.qvist@me.com"),
         ANS(anbefal=9, stoette=2, aktiv="yes", omraade="social", timer=10),
         client="apple",
         top="Hej\n\nJeg er selv frivillig i Røde Kors, så ja. Jeg bruger 10 timer om måneden. Jeg vil helst "
             "arbejde med det sociale. Anbefale det til en ven? Klart, 9 ud af 10. Om kommunen støtter nok: "
             "delvist uenig.\n\nVenlig hilsen\nLone")

    mail("frivillig", W("Mehmet Yilmaz", "mehmet.yilmaz@gmail.com"),
         ANS(anbefal=8, stoette=4, aktiv="yes", omraade="boernunge", timer=15,
             hjaelp=TXT("børneattester", no=["Mehmet"])),
         top="1) 8\n2) enig\n3) det er jeg\n4) B\n5) 15\n"
             "6) Gør det nemmere at få børneattester, det tager alt for lang tid\n\nMvh Mehmet")

    mail("frivillig", W("Birthe Aagaard", "birthe.aagaard@gmail.com"),
         ANS(anbefal=5, stoette=3, aktiv="no", omraade="natur", timer=0),
         top="1: 5\n2: 3\n3: nej, ikke endnu\n4: C\n5: 0\n\nHvor kan jeg læse mere om Frivilligcentret?\n\n"
             "Mvh Birthe")

    mail("frivillig", W("Carl Emil Lund", "carlemil.lund@nrv-lokalraad.dk"),
         ANS(hjaelp=TXT("fast kontaktperson på rådhuset", no=["Formand for Søby Lokalråd", "20 30 40 50"])),
         client="outlook", sendt=2,
         top="Jeg springer tallene over, men til spørgsmål 6:\n\nVi har brug for en fast kontaktperson på "
             "rådhuset. Hver gang vi ringer, bliver vi sendt videre.\n\nMed venlig hilsen\nCarl Emil Lund\n"
             "Formand for Søby Lokalråd\nTlf. 20 30 40 50")

    mail("frivillig", W("Ulla Bech", "ulla.bech@gmail.com"),
         ANS(anbefal=10, stoette=5, aktiv="yes", omraade="social", timer=30,
             hjaelp=TXT("flere penge til besøgsvennerne", no=["Ulla"])),
         client="thunderbird",
         inline={1: "10", 2: "Helt enig", 3: "Ja", 4: "A", 5: "30",
                 6: "Flere penge til besøgsvennerne, så vi kan tage de ældre med på tur."},
         bottom="Venlig hilsen\nUlla")

    mail("frivillig", W("Frederik Hald", "frederik.hald@outlook.com"),
         ANS(anbefal=6, stoette=2, aktiv="no", omraade="lokalraad", timer=0,
             hjaelp=TXT("bedre information om hvilke foreninger", no=["Sendt fra Outlook til Android"])),
         client="android",
         top="1. 6\n2. Uenig\n3. Nej\n4. Beboer- og lokalråd\n5. 0\n"
             "6. Bedre information om hvilke foreninger der mangler hjælp")

    mail("frivillig", W("Susanne Lauritsen", "sus.lauritsen@hotmail.com"),
         ANS(anbefal=9, stoette=4, aktiv="yes", omraade="natur", timer=6,
             hjaelp=TXT("flere penge til materialer", no=["Sendt fra min Galaxy"])),
         client="samsung", top="9, enig, ja, natur og miljø, 6, flere penge til materialer")

    mail("frivillig", W("Preben Juul", "preben.juul@yahoo.dk"),
         ANS(anbefal=3, stoette=1, aktiv="no", timer=0),
         client="yahoo",
         top="1: 3\n2: Meget uenig. Vores forening fik afslag tre år i træk\n3: Nej, jeg stoppede sidste år\n"
             "5: 0\n\nPreben")

    mail("frivillig", W("Amalie Storm", "amalie.storm@gmail.com"),
         ANS(anbefal=8, stoette=3, aktiv="yes", omraade="boernunge", timer=4),
         top="1: 8 tror jeg\n2: 3\n3: ja, i lektiecaféen\n4: Børn og unge\n5: 4\n\nAmalie")

    mail("frivillig", W("Klaus Winther", "klaus@winther-vvs.dk"),
         ANS(anbefal=7, stoette=4, aktiv="yes", omraade="lokalraad", timer=3),
         client="roundcube", bottom="1: 7\n2: 4\n3: Ja\n4: D\n5: 3\n\nKlaus Winther\nWinther VVS")

    mail("frivillig", W("Else Fog", "else.fog@icloud.com"),
         ANS(anbefal=10, aktiv="yes", timer=40),
         client="iphone",
         top="Jeg er frivillig i genbrugsbutikken 40 timer om måneden og kan varmt anbefale det, 10!")

    mail("frivillig", W("Rikke Thygesen", "rikke.thygesen@gmail.com"),
         ANS(anbefal=4, stoette=3, aktiv="no", omraade="natur", timer=0,
             hjaelp=TXT("kortere møder", no=["Rikke"])),
         inline={1: "4", 2: "Hverken enig eller uenig", 3: "Nej", 4: "Natur", 5: "Ingen",
                 6: "Kortere møder og mere handling"},
         bottom="Rikke")

    mail("frivillig", W("Ib Kristoffersen", "ib.kristoffersen@post.tele.dk"),
         ANS(anbefal=8, stoette=2, aktiv="yes", omraade="social", timer=16),
         client="outlook", cs="iso-8859-1", sep="orig", sendt=1, prefix="SV: ",
         top="1 = 8\n2 = 2\n3 = Ja, i Ældresagen\n4 = A\n5 = 16\n\nIb")


def survey_answers_by_sms():
    # ---- vand, one question at a time
    sms("vand", "2", ANS(tryghed=2), awaiting="tryghed")
    sms("vand", "slet ikke tryg", ANS(tryghed=1), awaiting="tryghed")
    sms("vand", "Meget tryg 😊", ANS(tryghed=5), awaiting="tryghed")
    sms("vand", "4 ud af 5", ANS(tryghed=4), awaiting="tryghed")
    sms("vand", "3 nej vent 2", ANS(tryghed=2), awaiting="tryghed")
    sms("vand", "ja desværre", ANS(kaelder="yes"), awaiting="kaelder")
    sms("vand", "Nej, heldigvis", ANS(kaelder="no"), awaiting="kaelder")
    sms("vand", "Det har vi, to gange", ANS(kaelder="yes"), awaiting="kaelder")
    sms("vand", "B", ANS(varsling="dmi"), awaiting="varsling")
    sms("vand", "dmi appen", ANS(varsling="dmi"), awaiting="varsling")
    sms("vand", "Det er tit naboerne der fortæller det", ANS(varsling="naboer"), awaiting="varsling")
    sms("vand", "A+C", ANS(tiltag=["bassiner", "regnbede"]), awaiting="tiltag")
    sms("vand", "sandsække og rådgivning", ANS(tiltag=["sandsaekke", "raadgivning"]), awaiting="tiltag")
    sms("vand", "ingen", ANS(toender=0), awaiting="toender")
    sms("vand", "1 stk", ANS(toender=1), awaiting="toender")
    sms("vand", "Tøm rendestenene for blade om efteråret",
        ANS(forbedring=TXT("tøm rendestenene for blade")), awaiting="forbedring")
    # ---- vand, all in one
    sms("vand", "3 ja A AB 1 flere regnbede i byen",
        ANS(tryghed=3, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer"], toender=1,
            forbedring=TXT("flere regnbede i byen", no=["AB 1"])))
    sms("vand", "1:2 2:nej 3:b 4:c,d 5:0",
        ANS(tryghed=2, kaelder="no", varsling="dmi", tiltag=["regnbede", "sandsaekke"], toender=0))
    sms("vand", "4, nej, radio, bassiner, 2",
        ANS(tryghed=4, kaelder="no", varsling="radio", tiltag=["bassiner"], toender=2))
    sms("vand", "1) 1 2) ja 3) D 4) ABCDE 5) 0 6) I må gerne komme og rense brønden på Vestergade",
        ANS(tryghed=1, kaelder="yes", varsling="naboer",
            tiltag=["bassiner", "kloakroer", "regnbede", "sandsaekke", "raadgivning"], toender=0,
            forbedring=TXT("rense brønden på Vestergade", no=["5) 0"])))
    sms("vand", "5 nej B E 3\nrettelse: spm 1 er 4",
        ANS(tryghed=4, kaelder="no", varsling="dmi", tiltag=["raadgivning"], toender=3))
    sms("vand", "1: 2 og 2: ja", ANS(tryghed=2, kaelder="yes"))
    sms("vand", "Fire. Nej. SMS. Bassiner og kloakrør. To.",
        ANS(tryghed=4, kaelder="no", varsling="sms", tiltag=["bassiner", "kloakroer"], toender=2))
    sms("vand", "6 ja A A 1",
        ANS(unclear=["tryghed"], kaelder="yes", varsling="sms", tiltag=["bassiner"], toender=1))

    # ---- frivillig, one question at a time
    sms("frivillig", "8", ANS(anbefal=8), awaiting="anbefal")
    sms("frivillig", "10/10", ANS(anbefal=10), awaiting="anbefal")
    sms("frivillig", "nul", ANS(anbefal=0), awaiting="anbefal")
    sms("frivillig", "hverken enig eller uenig", ANS(stoette=3), awaiting="stoette")
    sms("frivillig", "delvist uenig", ANS(stoette=2), awaiting="stoette")
    sms("frivillig", "Meget enig!", ANS(stoette=5), awaiting="stoette")
    sms("frivillig", "Ja, i 12 år", ANS(aktiv="yes"), awaiting="aktiv")
    sms("frivillig", "nej ikke p.t.", ANS(aktiv="no"), awaiting="aktiv")
    sms("frivillig", "børn og unge", ANS(omraade="boernunge"), awaiting="omraade")
    sms("frivillig", "natur", ANS(omraade="natur"), awaiting="omraade")
    sms("frivillig", "4 timer", ANS(timer=4), awaiting="timer")
    sms("frivillig", "ingen lige nu", ANS(timer=0), awaiting="timer")
    sms("frivillig", "Hjælp til regnskab og bestyrelsesarbejde. Hilsen Bodil",
        ANS(hjaelp=TXT("hjælp til regnskab og bestyrelsesarbejde", no=["Hilsen Bodil"])), awaiting="hjaelp")
    sms("frivillig", "Stop med at skære i tilskuddene til de små foreninger",
        ANS(hjaelp=TXT("stop med at skære i tilskuddene")), awaiting="hjaelp")
    # ---- frivillig, all in one
    sms("frivillig", "8 4 ja B 10",
        ANS(anbefal=8, stoette=4, aktiv="yes", omraade="boernunge", timer=10))
    sms("frivillig", "1: 9 2: enig 3: ja 4: A 5: 15 6: Flere frivillige til lektiehjælp",
        ANS(anbefal=9, stoette=4, aktiv="yes", omraade="social", timer=15,
            hjaelp=TXT("flere frivillige til lektiehjælp", no=["5: 15"])))
    sms("frivillig", "10, helt enig, ja, børn og unge, 30, gratis haller om aftenen",
        ANS(anbefal=10, stoette=5, aktiv="yes", omraade="boernunge", timer=30,
            hjaelp=TXT("gratis haller om aftenen", no=["30"])))
    sms("frivillig", "5 uenig nej C 0",
        ANS(anbefal=5, stoette=2, aktiv="no", omraade="natur", timer=0))
    sms("frivillig", "1. 7\n2. 3\n3. Nej\n4. D\n5. 0\n6. Mere synlighed om hvilke foreninger der mangler folk",
        ANS(anbefal=7, stoette=3, aktiv="no", omraade="lokalraad", timer=0,
            hjaelp=TXT("mere synlighed om hvilke foreninger der mangler folk", no=["5. 0"])))
    sms("frivillig", "0 helt uenig nej", ANS(anbefal=0, stoette=1, aktiv="no"))
    sms("frivillig", "7 eller 8, enig, ja", ANS(unclear=["anbefal"], stoette=4, aktiv="yes"))
    sms("frivillig", "8 4 ja E 5", ANS(unclear=["omraade"], anbefal=8, stoette=4, aktiv="yes", timer=5))


def rsvps():
    # -------------------------------------------------------- bromoede, email
    mail("bromoede", W("Lars Mortensen", "lars.mortensen@gmail.com"), RSVP("yes"),
         top="Jeg kommer gerne.\n\nHilsen Lars")
    mail("bromoede", W("Jette Rasmussen", "jette.rasmussen@mail.dk"), RSVP("yes", 1),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg deltager sammen med min mand.\n\nVenlig hilsen\nJette Rasmussen\nStrandvejen 41, Søby")
    mail("bromoede", W("Mikael Dyhr", "mikael.dyhr@icloud.com"), RSVP("yes", 1),
         client="iphone", top="Vi er to der kommer 👍")
    mail("bromoede", W("Annette Fabricius", "annette.fabricius@me.com"), RSVP("no"),
         client="apple",
         top="Kære Borgerpanel\n\nDesværre, vi er ude at rejse hele marts.\n\nVenlig hilsen\nAnnette Fabricius")
    mail("bromoede", W("Brian Kjeldgaard", "brian.kjeldgaard@outlook.com"), RSVP("no"),
         client="android", top="Kan ikke den dag")
    mail("bromoede", W("Stine Lauesen", "stine.lauesen@gmail.com"), RSVP("maybe"),
         top="Måske – jeg har aftenvagt i den uge og kender ikke vagtplanen endnu.\n\nStine")
    mail("bromoede", W("Erling Haahr", "erling.haahr@post.tele.dk"), RSVP("yes", 1),
         client="outlook", cs="iso-8859-1", sendt=0,
         top="Ja tak. Jeg tager min nabo med, han bor helt ude ved vandet og er meget berørt af broen.\n\n"
             "Mvh Erling Haahr")
    mail("bromoede", W("Dennis Krogh", "dennis@krogh-maler.dk"), RSVP("yes"),
         client="roundcube", bottom="Jeg kommer alene.\n\nDennis")
    mail("bromoede", W("Maja Lindholm", "maja@lindholm.net"), RSVP("maybe"),
         client="thunderbird",
         bottom="Jeg kommer, hvis jeg kan få passet børnene. Jeg giver besked i næste uge.\n\nMaja")
    mail("bromoede", W("Allan Bech", "allan.bech@hotmail.com"), RSVP("yes", 1),
         client="samsung", top="Ja + 1")
    mail("bromoede", W("Hanne Skou", "hanne.skou@gmail.com"), RSVP("yes", 1),
         top="Ja - 2 personer.\n\nHanne Skou")
    mail("bromoede", W("Per Falkenberg", "per.falkenberg@gmail.com"), RSVP("yes"),
         top="Jeg kommer. Bliver der mulighed for at se tegningerne af de tre forslag før mødet?\n\nPer")
    mail("bromoede", W("Bodil Kragh", "bodil.kragh@nrv-advokat.dk"), RSVP("no"),
         client="outlook", sendt=2,
         top="Jeg må desværre melde fra, da jeg er til møde i Aarhus. Men send gerne materialet.\n\n"
             "Med venlig hilsen\nBodil Kragh\nAdvokat")
    mail("bromoede", W("Viggo Holst", "viggo.holst@gmail.com"), RSVP("no"),
         top="Jeg vil gerne afmelde mig mødet, jeg skal på sygehuset den dag.\n\nViggo")
    mail("bromoede", W("Grete Munch", "grete.munch@icloud.com"), RSVP("yes", 1),
         client="iphone", top="Min mand og jeg kommer")
    mail("bromoede", W("Tommy Sand", "tommy.sand@gmail.com"), RSVP("yes"),
         top="Jeg kommer, men min kone bliver hjemme med børnene.\n\nTommy")
    mail("bromoede", W("Ruth Bonde", "ruth.bonde@me.com"), RSVP("no"),
         client="apple", top="Hverken jeg eller min mand kan desværre komme.\n\nRuth")
    mail("bromoede", W("Jesper Olsen", "jesper.olsen@soeby-baadlaug.dk"), RSVP("yes", 1),
         client="outlook", sendt=0,
         top="Tilmelder mig hermed. Jeg kommer sammen med en kollega fra Søby Bådlaug.\n\nMvh\nJesper Olsen\n"
             "Formand, Søby Bådlaug")
    mail("bromoede", W("Yvonne Frandsen", "yvonne.frandsen@yahoo.dk"), RSVP("maybe"),
         client="yahoo", top="Kommer nok, men kan ikke love noget.\n\nYvonne")
    mail("bromoede", W("Kurt Bach", "kurt.bach@gmail.com"), RSVP("yes"),
         top="Ja. Men stop nu det projekt, broen er alt for dyr og ingen har bedt om den!\n\nKurt Bach")

    # ---------------------------------------------------- ungeworkshop, email
    mail("ungeworkshop", W("Emma Lykke", "emma.lykke07@gmail.com"), RSVP("yes"),
         top="Ja jeg kommer!!")
    mail("ungeworkshop", W("Mathias Holm", "mathias.holm@icloud.com"), RSVP("no"),
         client="iphone", top="Jeg kan ikke, har håndbold den dag")
    mail("ungeworkshop", W("Sara Nielsen", "sara.nielsen@outlook.dk"), RSVP("maybe"),
         client="android", top="Måske hvis jeg kan bytte min vagt i Netto")
    mail("ungeworkshop", W("Oliver Kjær", "oliver.kjaer@gmail.com"), RSVP("yes"),
         top="Jeg kommer, er det ok at jeg går kl. 19?\n\n/Oliver")
    mail("ungeworkshop", W("Freja Dam", "freja.dam@gmail.com"), RSVP("yes"),
         top="Jeg deltager 😊 Er der også vegetarpizza?\n\nFreja")
    mail("ungeworkshop", W("Noah Andersen", "noah.andersen@hotmail.com"), RSVP("no"),
         client="samsung", top="Nej tak, det er ikke lige mig.")
    mail("ungeworkshop", W("Ida Marie Sørensen", "idamarie.s@me.com"), RSVP("yes"),
         client="apple", top="Kommer alene 🙂")
    mail("ungeworkshop", W("Jonas Winther", "jonas.winther@nrv-gym.dk"), RSVP("no"),
         client="outlook", sendt=1,
         top="Hej\n\nJeg kan desværre ikke deltage. Held og lykke med workshoppen.\n\nJonas Winther\n3.g, Nørrevig Gymnasium")
    mail("ungeworkshop", W("Alberte Kock", "alberte.kock@gmail.com"), RSVP("no"),
         top="Jeg må desværre afmelde, jeg er på skiferie med min familie i uge 11.\n\nAlberte")

    # ---------------------------------------------------------- bromoede, SMS
    sms("bromoede", "ja", RSVP("yes"))
    sms("bromoede", "Ja tak, vi er 2", RSVP("yes", 1))
    sms("bromoede", "kommer m. min kæreste", RSVP("yes", 1))
    sms("bromoede", "Nej", RSVP("no"))
    sms("bromoede", "Kan ikke desværre", RSVP("no"))
    sms("bromoede", "måske", RSVP("maybe"))
    sms("bromoede", "Jeg + 1", RSVP("yes", 1))
    sms("bromoede", "Kommer, men må stoppe kl 20.30", RSVP("yes"))
    sms("bromoede", "ikke denne gang", RSVP("no"))
    sms("bromoede", "det ved jeg ikke endnu", RSVP("maybe"))
    sms("bromoede", "JEP", RSVP("yes"))
    sms("bromoede", "Jeg kommer, men ikke min mand", RSVP("yes"))
    sms("bromoede", "Ja og min bror", RSVP("yes", 1))
    sms("bromoede", "nej tak, er på ferie", RSVP("no"))
    sms("bromoede", "Måske, afhænger af vejret 🌧", RSVP("maybe"))
    sms("bromoede", "Selvfølgelig kommer jeg. Broen skal ligge ved Kalkværket! /Søren", RSVP("yes"))

    # ------------------------------------------------------ ungeworkshop, SMS
    sms("ungeworkshop", "ja", RSVP("yes"))
    sms("ungeworkshop", "jaaa kommer 🙌", RSVP("yes"))
    sms("ungeworkshop", "nej", RSVP("no"))
    sms("ungeworkshop", "kan ik", RSVP("no"))
    sms("ungeworkshop", "måske", RSVP("maybe"))
    sms("ungeworkshop", "deltager gerne", RSVP("yes"))
    sms("ungeworkshop", "nope", RSVP("no"))
    sms("ungeworkshop", "Ved ikk endnu, skal se om jeg har træning", RSVP("maybe"))
    sms("ungeworkshop", "ja men kommer lidt senere", RSVP("yes"))


def unsubscribes():
    sms("vand", "STOP", INTENT("unsubscribe"))
    sms("frivillig", "afmeld", INTENT("unsubscribe"))
    sms("ungeworkshop", "meld mig ud", INTENT("unsubscribe"))
    sms("vand", "Slet mig", INTENT("unsubscribe"), awaiting="toender")
    sms("frivillig", "Jeg gider ikke flere af de her beskeder. Fjern mit nummer", INTENT("unsubscribe"))
    sms("bromoede", "Stop. Ønsker ikke flere beskeder", INTENT("unsubscribe"))
    sms("vand", "stop stop stop", INTENT("unsubscribe"))

    mail("vand", W("Gert Lorentzen", "gert.lorentzen@gmail.com"), INTENT("unsubscribe"),
         top="Meld mig ud af borgerpanelet tak.\n\nGert")
    mail("frivillig", W("Lisbet Harder", "lisbet.harder@nrv-tandlaege.dk"), INTENT("unsubscribe"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg ønsker ikke længere at deltage i borgerpanelet. Venligst slet mine oplysninger.\n\n"
             "Med venlig hilsen\nLisbet Harder\nTandlæge")
    mail("bromoede", W("Kenneth Boye", "kenneth.boye@icloud.com"), INTENT("unsubscribe"),
         client="iphone", top="Jeg er flyttet til Odense, så I kan fjerne mig fra panelet.")
    mail("ungeworkshop", W("Victor Juhl", "victor.juhl@gmail.com"), INTENT("unsubscribe"),
         top="Jeg er 26 nu og gider ikke være med i panelet mere. Slet mig")
    mail("vand", W("Ruth Kirkebæk", "ruth.kirkebaek@post.tele.dk"), INTENT("unsubscribe"),
         client="outlook", cs="iso-8859-1", sep="orig", sendt=0, prefix="SV: ",
         top="Til Borgerpanelet\n\nMin mor, Ruth Kirkebæk, er flyttet på plejehjem og kan ikke længere svare. "
             "Vil I venligst fjerne hende fra listen?\n\nVenlig hilsen\nAnne Kirkebæk (datter)")
    mail("frivillig", W("Henrik Dall", "henrik.dall@yahoo.dk"), INTENT("unsubscribe"),
         client="yahoo", top="AFMELD")
    mail("bromoede", W("Karl Aagesen", "karl.aagesen@gmail.com"), INTENT("unsubscribe"),
         quote=False, thread=False, subject="Udmeldelse",
         top="Hej, jeg vil gerne udmeldes af borgerpanelet. Tak for nu.\n\nKarl Aagesen")
    mail("vand", W("Dorthe Quist", "dorthe.quist@hotmail.com"), INTENT("unsubscribe"),
         client="samsung", top="Jeg trækker mig fra panelet. Der sker alligevel ikke noget med det vi svarer.")


def auto_replies():
    autoreply("vand", W("Torben Ladefoged", "tl@ladefoged-entreprise.dk"),
              "Tak for din mail.\n\nJeg er på vinterferie til og med 14. februar og har ikke adgang til mail. I "
              "akutte sager kan du kontakte Susanne Kring på sk@ladefoged-entreprise.dk eller 70 44 55 66.\n\n"
              "Venlig hilsen\nTorben Ladefoged\nProjektleder",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All"),
                       ("X-MS-Exchange-Inbox-Rules-Loop", "tl@ladefoged-entreprise.dk")),
              cte="base64")
    autoreply("frivillig", W("Marianne Holt", "marianne.holt@gmail.com"),
              "Hej\n\nJeg er på ferie i Thailand og er tilbage den 1. marts. Jeg læser ikke mails imens.\n\nMarianne",
              system="gmail", subject="Ferie – tilbage 1. marts",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("bromoede", W("Steffen Bay", "steffen.bay@nrv-forsyning.dk"),
              "Jeg er på kursus til og med 19. februar og har begrænset adgang til mail. Henvendelser om "
              "vandforsyning kan rettes til kundeservice på 72 10 20 30.\n\nMed venlig hilsen\nSteffen Bay",
              subject_prefix="Fraværende: ", headers=(), cs="iso-8859-1", thread=False)
    autoreply("ungeworkshop", W("Laura Friis", "laura.friis@mail.dk"),
              "Jeg er på udveksling og tjekker ikke denne mail før i juni.\n\nHilsen Laura",
              system="webmail", subject_prefix="Autosvar: ",
              headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")))
    autoreply("vand", W("Nørrevig VVS", "kontakt@nrv-vvs.dk"),
              "Tak for din henvendelse til Nørrevig VVS.\n\nVi besvarer mails inden for 2 hverdage. Ved akut "
              "vandskade ring døgnvagten på 75 99 88 77.\n\nDette er et automatisk svar.",
              system="webmail", subject="Tak for din henvendelse",
              headers=(("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")))
    autoreply("frivillig", W("Anne-Mette Krarup", "amk@nrv-skoler.dk"),
              "Jeg er på barsel frem til 1. januar 2028.\n\nHenvendelser om skolebestyrelsen kan rettes til "
              "skolens kontor på 72 55 66 77.\n\nVenlig hilsen\nAnne-Mette Krarup",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")))
    autoreply("bromoede", W("Thomas Riber", "thr@baltic-shipping.dk"),
              "I am out of the office until 22 February with limited access to email.\n\n"
              "Jeg er ikke på kontoret før 22. februar og har begrænset adgang til mail.\n\n"
              "Best regards / Venlig hilsen\nThomas Riber",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cs="windows-1252")
    autoreply("vand", W("Jytte Lund", "jytte.lund@youmail.dk"),
              "Ja tak for din mail. Jeg er bortrejst til og med den 10. februar og svarer, når jeg er hjemme "
              "igen.\n\nMvh Jytte",
              system="webmail", subject_prefix="Autosvar: ", headers=(), thread=False)
    autoreply("ungeworkshop", W("Magnus Toft", "magnus.toft@nrv-ungdomsskole.dk"),
              "Denne mailadresse lukkes, da jeg er stoppet på Ungdomsskolen. Skriv fremover til "
              "magnus.toft@gmail.com.\n\nDenne mail er genereret automatisk.",
              system="webmail", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("frivillig", W("Eva Rosendahl", "eva.rosendahl@nrv-bank.dk"),
              "Jeg er syg i dag og læser ikke mails. Jeg forventer at være tilbage på mandag.\n\n"
              "Venlig hilsen\nEva Rosendahl",
              headers=(("Auto-Submitted", "auto-replied"),), cs="windows-1252")
    autoreply("bromoede", W("Kirsten Bro", "kirsten.bro@icloud.com"),
              "Tak for din mail. Jeg er på vandreferie uden netadgang frem til 5. marts.\n\nKirsten",
              system="icloud", subject_prefix="Re: ", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("vand", W("Niels Ebbesen", "niels.ebbesen@ebbesen-landinspektoer.dk"),
              "Jeg har fri til og med 12. februar. Mails bliver ikke læst i perioden – kontakt venligst "
              "kontoret på 86 33 22 11.\n\nNiels Ebbesen\nLandinspektør",
              subject_prefix="Fraværende: ", headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")),
              cs="windows-1252", html_body=True)

    sms("frivillig", "Jeg kører bil med Fokus slået til. Jeg ser din besked, når jeg er fremme.",
        INTENT("auto_reply"), awaiting="anbefal")
    sms("bromoede", "Tak for din sms. Dette er et automatisk svar: Klinikken har lukket i vinterferien og "
                    "åbner igen mandag. Mvh Søby Fysioterapi", INTENT("auto_reply"))
    sms("vand", "Autosvar: Jeg er på ferie til og med 14/2 og læser ikke sms. Ring til kontoret på 70 20 30 40.",
        INTENT("auto_reply"))


def bounces():
    bounce("vand", W("Mette Skov", "mette.skov1969@gmail.com"), "postfix-unknown")
    bounce("vand", W("Poul Kirk", "poul.kirk@youmail.dk"), "postfix-quota")
    bounce("vand", W("Gudrun Hald", "gudrun.hald@mail.tele.dk"), "danish-isp", after_min=2)
    bounce("frivillig", W("Sune Bak", "sune.bak@gmial.com"), "postfix-nxdomain")
    bounce("frivillig", W("Tina Lynge", "tina_lynge@hotmail.com"), "outlookcom-unknown")
    bounce("bromoede", W("Hans Jørgen Friis", "hjf@friis-byg.dk"), "exchange-quota", after_min=3)
    bounce("bromoede", W("Knud Aabo", "knud@aabo-el.dk"), "postfix-timeout", after_min=5 * 24 * 60 + 11)
    bounce("ungeworkshop", W("Jonathan Krag", "jonathan.krag@stofanet.dk"), "exim-unknown", after_min=1)
    bounce("ungeworkshop", W("Asta Lund", "asta.lund@nrvnet.dk"), "sendmail-unknown")


def unclear_replies():
    mail("vand", W("Bent Ulrik", "bent.ulrik@gmail.com"), UNCLEAR(), top="?")
    mail("frivillig", W("Vagn Elmer", "vagn.elmer@elmer-auto.dk"), UNCLEAR(),
         client="outlook", sendt=0, top="Det har jeg ingen mening om.\n\nMvh\nVagn")
    mail("vand", W("Lillian Berg", "lillian.berg@icloud.com"), UNCLEAR(), client="iphone", top="")
    # more guests than the meeting allows: ask again
    mail("bromoede", W("Ove Rask", "ove.rask@soeby-grundejer.dk"), UNCLEAR(),
         client="yahoo",
         top="Hej\n\nVi kommer 3 fra bestyrelsen i Søby Grundejerforening.\n\nMvh Ove Rask\nFormand")
    mail("bromoede", W("Jan Helmer", "jan.helmer@outlook.com"), UNCLEAR(),
         client="android", top="Jeg kommer med min svigerfar og min søn")
    mail("ungeworkshop", W("Lærke Bendixen", "laerke.bendixen@gmail.com"), UNCLEAR(),
         top="Jeg kommer og tager min kæreste med, han er også 19.\n\nLærke")

    sms("bromoede", "Afmeld mig", UNCLEAR())
    sms("ungeworkshop", "frameld mig", UNCLEAR())
    sms("bromoede", "Ja, 2", UNCLEAR())
    sms("bromoede", "Vi kommer 4", UNCLEAR())
    sms("ungeworkshop", "Kommer med min veninde", UNCLEAR())
    sms("vand", "15", UNCLEAR("toender"), awaiting="toender")
    sms("vand", "nr. 2", UNCLEAR("varsling"), awaiting="varsling")
    sms("frivillig", "7-8", UNCLEAR("anbefal"), awaiting="anbefal")
    sms("frivillig", "Både ja og nej", UNCLEAR("aktiv"), awaiting="aktiv")
    sms("frivillig", "20 timer om ugen", UNCLEAR("timer"), awaiting="timer")


def other_messages():
    mail("bromoede", W("Hans Otto Dreyer", "ho.dreyer@gmail.com"), INTENT("other"),
         top="Hej\n\nHvor præcis skal broen ligge? Jeg kan ikke se det på kortet på jeres hjemmeside.\n\n"
             "Mvh Hans Otto")
    mail("bromoede", W("Agnes Riis", "agnes.riis@icloud.com"), INTENT("other"),
         client="iphone", top="Er der parkering ved Medborgerhuset? Jeg går dårligt.")
    mail("ungeworkshop", W("William Berg", "william.berg@gmail.com"), INTENT("other"),
         top="Må jeg tage min ven med? Han er ikke med i panelet.")
    mail("vand", W("Signe Udsen", "signe.udsen@nrv-revision.dk"), INTENT("other"),
         client="outlook", cs="iso-8859-1", sendt=2,
         top="Jeg bor i lejlighed på 3. sal. Giver det mening, at jeg svarer?\n\nVenlig hilsen\nSigne Udsen")
    mail("frivillig", W("Anders Lund", "anders.lund@me.com"), INTENT("other"),
         client="apple", top="Kan jeg få resultaterne tilsendt, når I er færdige?\n\nAnders")
    mail("frivillig", W("Birgit Holmsted", "birgit.holmsted@gmail.com"), INTENT("other"),
         top="Hvordan afmelder jeg mig nyhedsbrevet fra Frivilligcentret? Jeg vil gerne blive i panelet.\n\n"
             "Birgit")
    mail("vand", W("Mads Kvist", "mads.kvist@gmail.com"), INTENT("other"),
         top="Tak for en god undersøgelse. Jeg svarer i weekenden, når jeg har tjekket kælderen.\n\nMads")
    mail("ungeworkshop", W("Laura Vinding", "laura.vinding@hotmail.com"), INTENT("other"),
         client="samsung", top="Jeg er 31, er jeg ikke for gammel til en ungeworkshop? 😅")

    sms("bromoede", "Hvad tid er det?", INTENT("other"))
    sms("vand", "Hvem står bag det her?", INTENT("other"))
    sms("frivillig", "Hvad menes der med frivillig? Tæller det at hjælpe i kirken?", INTENT("other"),
        awaiting="aktiv")
    sms("ungeworkshop", "Hvor er lokale 12?", INTENT("other"))
    sms("vand", "Kan I ringe til mig i stedet? Jeg er ikke god til sms", INTENT("other"))
    sms("bromoede", "Bliver mødet optaget, så man kan se det bagefter?", INTENT("other"))


if __name__ == "__main__":
    sys.exit(corpus.main(survey_answers_by_email, survey_answers_by_sms, rsvps, unsubscribes,
                         auto_replies, bounces, unclear_replies, other_messages))
