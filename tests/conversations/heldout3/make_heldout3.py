#!/usr/bin/env python3
"""Build the third held-out corpus of citizen replies (cases.jsonl).

The content of this set: other surveys and meetings than the development
corpus (definitions.json in this folder: "Bolig og byudvikling", "Sundhed
og forebyggelse", a meeting on doctors in the villages and a local-plan
workshop after the change to summer time), their invitation texts (INV) and
all-new hand-written replies by other writers.  The machinery (clients,
quoting, charsets, auto-replies, bounces, validation, output) is
../corpusgen.py, shared with the other held-out sets.  Standard library only
(Python 3.11).  Usage:

    python3 make_heldout3.py          # writes cases.jsonl next to this file
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
    "bolig": {
        "subject": "Borgerpanelet: Bolig og byudvikling",
        "sent": datetime(2027, 2, 1, 9, 45, 31, tzinfo=CET),
        "intro": [
            "Kommunen er ved at lægge planer for de næste ti års boligbyggeri, og vi",
            "vil gerne vide, hvordan du bor, og hvad du savner, der hvor du bor. Det",
            "tager omkring fem minutter.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 14. februar 2027",
    },
    "sundhed": {
        "subject": "Borgerpanelet: Sundhed og forebyggelse (4 korte spørgsmål)",
        "sent": datetime(2027, 2, 8, 14, 5, 2, tzinfo=CET),
        "intro": [
            "Sundhedsafdelingen vil gerne vide, hvad der kan hjælpe flere borgere til",
            "et sundere liv. Der er kun fire spørgsmål.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 21. februar 2027",
    },
    "laegemoede": {
        "subject": "Invitation: Borgermøde om lægedækning i landdistrikterne",
        "sent": datetime(2027, 2, 15, 11, 20, 44, tzinfo=CET),
        "intro": [
            "Flere landsbyer i kommunen står uden egen læge, og kommunalbestyrelsen",
            "vil gerne drøfte løsninger med borgerne. Regionen og de praktiserende",
            "læger deltager, og der bliver serveret kaffe.",
        ],
    },
    "lokalplan": {
        "subject": "Invitation: Workshop om lokalplan for Søndre Havevej",
        "sent": datetime(2027, 3, 15, 8, 55, 13, tzinfo=CET),
        "intro": [
            "Der skal laves en ny lokalplan for området omkring Søndre Havevej i",
            "Kirkeby. På workshoppen tegner og skriver vi sammen med byplanlæggerne,",
            "og der er sandwich undervejs.",
        ],
    },
}

# A phrase of each survey's quoted invitation that no text answer may contain.
QUOTE_FRAGMENT = {"bolig": "Hvad mangler der i dit lokalområde",
                  "sundhed": "Hvad kunne få dig til at leve sundere"}

corpus = Corpus(HERE, INV, QUOTE_FRAGMENT, seed=20270201, id_prefix="ho3")
mail, sms, autoreply, bounce = corpus.mail, corpus.sms, corpus.autoreply, corpus.bounce

# ===========================================================================
# The cases.  Each one is a different person writing in their own way.
# ===========================================================================

def survey_answers_by_email():
    # ----------------------------------------------------------------- bolig
    mail("bolig", W("Mette Kjærsgaard", "mette.kjaersgaard@gmail.com"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent", "butikker"], personer=4,
             mangler=TXT("ordentlig legeplads", no=["Kh Mette"])),
         top="1: 4\n2: nej\n3: A\n4: A, D\n5: 4\n"
             "6: En ordentlig legeplads. Den ved Enghaven er rusten og halvt lukket\n\nKh Mette")

    mail("bolig", W("Henning Bruun", "henning.bruun@danlog.dk"),
         ANS(tilfredshed=2, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1,
             mangler=TXT("dagligvarebutik", no=["Lagerchef", "DanLog"])),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\n1) 2 – der er fugt i kælderen og udlejer gør intet\n2) ja\n3) lejlighed\n4) billige boliger\n"
             "5) 1\n6) En dagligvarebutik. Nærmeste Netto er 3 km væk\n\nMed venlig hilsen\nHenning Bruun\n"
             "Lagerchef\nDanLog A/S\nTlf. 40 11 22 33")

    mail("bolig", W("Camilla Øster", "camilla.oester@icloud.com"),
         ANS(tilfredshed=5, flytte="no", boligtype="raekkehus", prioriteter=["parkering", "butikker"], personer=3),
         client="iphone",
         top="Vi er rigtig glade for vores rækkehus, så 5. Vi skal ikke flytte. Vi er 3 i husstanden. "
             "Mere parkering og flere butikker tak")

    mail("bolig", W("Aksel Thomsen", "aksel.thomsen@mail.dk"),
         ANS(tilfredshed=5, flytte="no", boligtype="landejendom", prioriteter=["groent"], personer=2,
             mangler=TXT("Bredbånd", "10 Mbit", no=["Aksel Thomsen", "Skovbrynet 12"])),
         client="apple",
         top="Kære Borgerpanel\n\nHermed mine svar:\n\n1. Meget tilfreds\n2. Nej\n3. Landejendom\n4. Grønne områder\n"
             "5. 2\n6. Bredbånd. Vi har stadig kun 10 Mbit herude på Skovbrynet.\n\nMed venlig hilsen\n"
             "Aksel Thomsen\nSkovbrynet 12")

    mail("bolig", W("Rikard Stengaard", "rikard@stengaard.net"),
         ANS(unclear=["flytte"], tilfredshed=3, boligtype="raekkehus", prioriteter=["groent", "billige"], personer=3),
         client="thunderbird",
         inline={1: "3", 2: "Måske, hvis vi får flere børn", 3: "B", 4: "A og B", 5: "3"},
         bottom="Mvh\nRikard")

    mail("bolig", W("Yasmin Özdemir", "yasmin.ozdemir@hotmail.com"),
         ANS(tilfredshed=4, flytte="yes", boligtype="lejlighed", prioriteter=["billige", "parkering"], personer=2),
         client="samsung", top="1-4, 2-ja, 3-C, 4-B+C, 5-2")

    mail("bolig", W("Jakob Ryberg", "jakob.ryberg@gmail.com"),
         ANS(tilfredshed=2, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=3,
             mangler=TXT("Cykelparkering ved stationen", no=["svigermor", "Jakob"])),
         top="1: 2\n2: ja\n3: C\n4: B\n5: 2\n6: Cykelparkering ved stationen\n\n"
             "Rettelse: 5 skal være 3, min svigermor er lige flyttet ind.\n\nJakob")

    mail("bolig", W("Ditte Vinding", "ditte_vinding@yahoo.dk"),
         ANS(tilfredshed=1, flytte="yes", boligtype="parcelhus", prioriteter=["groent"], personer=5,
             mangler=TXT("Støjværn mod motorvejen", no=["Ditte"])),
         client="yahoo",
         top="Hej\n\n1: 1\n2: ja, helst i morgen\n3: A\n4: A\n5: 5\n6: Støjværn mod motorvejen!!!\n\nHilsen\nDitte")

    mail("bolig", W("Birte Overby", "birte@overby-frisor.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="lejlighed", prioriteter=["billige", "butikker"], personer=1),
         client="roundcube", bottom="1: 4\n2: nej\n3: lejlighed\n4: B og D\n5: 1\n6: -\n\nMvh Birte")

    mail("bolig", W("Palle Kristoffersen", "palle@kristoffersgaard.dk"),
         ANS(tilfredshed=3, flytte="no", boligtype="landejendom"),
         client="outlook", fmt="html", sendt=1, prefix="SV: ",
         top="Hej\n\nSvarer kun på de første tre:\n1. 3\n2. Nej\n3. D\n\nVenlig hilsen\nPalle Kristoffersen\nGårdejer")

    mail("bolig", W("Sara Bisgaard", "sara.bisgaard@gmail.com"),
         ANS(tilfredshed=4, flytte="yes", boligtype="parcelhus", prioriteter=["billige"], personer=4),
         top="Hej! Vi bor i et parcelhus med vores to børn, altså fire i alt. Vi er ret tilfredse, måske en 4'er. "
             "Vi overvejer at flytte ja, huset er blevet for lille. Kommunen burde prioritere billige boliger til "
             "unge, så de kan blive i byen.\n\nMvh Sara og Kristian")

    mail("bolig", W("Emil Haahr", "emil.haahr@outlook.com"),
         ANS(tilfredshed=5, flytte="no", boligtype="raekkehus", prioriteter=["groent", "billige", "butikker"],
             personer=2),
         client="android", top="1: 5\n2: Nej\n3: B\n4: ABD\n5: 2")

    mail("bolig", W("Nicklas Boe", "nicklas.boe@gmail.com"),
         ANS(unclear=["tilfredshed"], flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1),
         top="1: 0, det er en ruin\n2: ja\n3: C\n4: B\n5: 1")

    mail("bolig", W("Kirsten Høegh", "kirsten.hoegh@post.tele.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["parkering"], personer=2),
         client="outlook", cs="iso-8859-1", sendt=2, prefix="Sv: ",
         top="1. fire\n2. nej\n3. parcelhus\n4. parkering\n5. to\n\nVenlig hilsen\nKirsten Høegh")

    mail("bolig", W("Oliver Dam", "oliverdam@icloud.com"),
         ANS(tilfredshed=3, flytte="yes", boligtype="raekkehus", prioriteter=["groent", "parkering"], personer=3,
             mangler=TXT("bager", no=["Sendt fra min iPhone"])),
         client="iphone", top="3\nJa\nRækkehus\nGrønne områder og parkering\n3\nEn bager!")

    mail("bolig", W("Ingrid Mølholm", "ingrid.molholm@gmail.com"),
         ANS(tilfredshed=4, flytte="no", boligtype="lejlighed", prioriteter=["groent"], personer=1,
             mangler=TXT("Bænke", "hvile mig", no=["Hilsen Ingrid"])),
         top="1: 4\n2: nej\n3: C – men det er en andelslejlighed\n4: A\n5: 1\n"
             "6: Bænke. Jeg er 84 og skal hvile mig når jeg går til købmanden\n\nHilsen Ingrid")

    mail("bolig", W("Tage Frandsen", "tage.frandsen@frandsen-vvs.dk"),
         ANS(tilfredshed=2, flytte="yes", boligtype="parcelhus", prioriteter=["billige"], personer=6,
             mangler=TXT("Plads til at bygge nyt", no=["Hvornår kommer den nye lokalplan", "Tage Frandsen"])),
         client="outlook", sep="orig", sendt=0, prefix="SV: ",
         top="1: 2\n2: ja\n3: A\n4: B\n5: 6\n6: Plads til at bygge nyt. Vi har søgt om at udstykke grunden i to år\n\n"
             "Hvornår kommer den nye lokalplan for Nordmarken egentlig?\n\nMvh\nTage Frandsen")

    mail("bolig", W("Lars Hedegaard", "lars.hedegaard@me.com"),
         ANS(unclear=["tilfredshed"], flytte="no", boligtype="raekkehus", prioriteter=["groent"], personer=2),
         client="apple", top="1: 3 eller 4\n2: nej\n3: B\n4: A\n5: 2\n\nMvh Lars")

    mail("bolig", W("Anne-Mette Skou", "annemette.skou@gmail.com"),
         ANS(tilfredshed=5, flytte="no", boligtype="parcelhus", prioriteter=["groent"], personer=2,
             mangler=TXT("Ingenting", no=["Anne-Mette"])),
         top="1: 5\n2: nej\n3: A\n4: A\n5: 2\n6: Ingenting, vi har alt hvad vi skal bruge 😊\n\nAnne-Mette")

    mail("bolig", W("Dennis Kragelund", "dennis.kragelund@hotmail.com"),
         ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", prioriteter=["groent"], personer=1),
         client="samsung",
         top="Jeg bor alene i lejlighed, er nogenlunde tilfreds 3 ud af 5, vil gerne flytte i hus. "
             "Prioriter grønne områder")

    mail("bolig", W("Jens Ole Vestergaard", "jov@vestergaard-biler.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["parkering"], personer=3,
             mangler=TXT("Fortov på Kirkevej", no=["Salgschef", "fortrolige"])),
         client="outlook", sendt=0, prefix="SV: ",
         top="1. 4\n2. Nej\n3. A\n4. C\n5. 3\n6. Fortov på Kirkevej, børnene går på kørebanen\n\n"
             "Med venlig hilsen\nJens Ole Vestergaard\nSalgschef\n\nDenne e-mail og eventuelle vedhæftede filer "
             "er fortrolige og kun beregnet for modtageren.")

    mail("bolig", W("Rasmus Eeg", "rasmus.eeg@gmail.com"),
         ANS(tilfredshed=2, flytte="yes", boligtype="raekkehus", prioriteter=["billige"], personer=5,
             mangler=TXT("forsamlingshus", no=["Rasmus"])),
         top="1. to\n2. ja\n3. B\n4. B\n5. fem\n6. Et forsamlingshus hvor man kan holde fester\n\nRasmus")

    mail("bolig", W("Poul Kirkeskov", "poul@kirkeskov.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent", "butikker"], personer=2),
         client="thunderbird", crlf=False,
         top="1: 4\n2: nej\n3: parcelhus\n4: Grønne områder, butikker og service\n5: 2\n\nVenlig hilsen\nPoul")

    mail("bolig", W("Lykke Abildgaard", "lykke.abildgaard@mac.com"),
         ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", personer=2),
         client="apple", fmt="plain",
         top="1: 3\n2: Nej. Eller jo, vi har faktisk snakket om det\n3: C\n5: 2\n\nLykke")

    mail("bolig", W("Verner Holt", "verner.holt@gmail.com"),
         ANS(mangler=TXT("en læge i Kirkeby", no=["Resten har jeg ikke lyst"])),
         top="Jeg vil bare sige til spørgsmål 6 at vi mangler en læge i Kirkeby.\n\n"
             "Resten har jeg ikke lyst til at svare på.")

    mail("bolig", W("Bitten Lauesen", "bitten.lauesen@yahoo.dk"),
         ANS(unclear=["personer"], tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent"]),
         client="yahoo",
         top="1: 4\n2: nej\n3: A\n4: A\n5: 2-3 (min søn bor hjemme en gang imellem)\n\nVh Bitten")

    mail("bolig", W("Åse Bøgelund", "aase@boegelund.dk"),
         ANS(tilfredshed=5, flytte="no", boligtype="landejendom", prioriteter=["groent", "parkering"], personer=4,
             mangler=TXT("vedligeholdelse af grusvejene", no=["Hilsen fra Åse"])),
         client="roundcube", fmt="html", entities=True,
         bottom="1: 5\n2: nej\n3: D\n4: A og C\n5: 4\n6: Bedre vedligeholdelse af grusvejene\n\nHilsen fra Åse på Bøgelund")

    mail("bolig", W("Mikala Juhl", "mikalajuhl@gmail.com"),
         ANS(tilfredshed=4, flytte="no", boligtype="lejlighed", prioriteter=["groent", "billige"], personer=2),
         top="1: 4 👍\n2: nej\n3: c\n4: a+b\n5: 2")

    # --------------------------------------------------------------- sundhed
    mail("sundhed", W("Karl Henningsen", "karl.henningsen@gmail.com"),
         ANS(indsats=2, laege="yes", tilbud="kost",
             ideer=TXT("Billigere frugt og grønt i kantinen", no=["Mvh Karl"])),
         top="1: 2\n2: ja\n3: B\n4: Billigere frugt og grønt i kantinen på rådhuset\n\nMvh Karl")

    mail("sundhed", W("Malou Riis", "malou.riis@kirkeby-vand.dk"),
         ANS(indsats=3, laege="yes", tilbud="stress",
             ideer=TXT("Kortere ventetid hos psykologen", no=["HR-konsulent"])),
         client="outlook", sendt=2,
         top="1. Hverken enig eller uenig\n2. Ja\n3. C\n4. Kortere ventetid hos psykologen\n\nVenlig hilsen\n"
             "Malou Riis\nHR-konsulent")

    mail("sundhed", W("Freja Lind", "freja.lind@icloud.com"),
         ANS(indsats=5, laege="no", tilbud="rygestop",
             ideer=TXT("min kæreste også stopper med at ryge", no=["Sendt fra min iPhone"])),
         client="iphone", top="Helt enig\nNej\nRygestop\nAt min kæreste også stopper med at ryge 😅")

    mail("sundhed", W("Erna Bjerre", "erna.bjerre@me.com"),
         ANS(indsats=2, laege="yes", tilbud="motion",
             ideer=TXT("gåhold om formiddagen", no=["Erna Bjerre"])),
         client="apple",
         top="Hej\n\n1: delvist uenig. Der sker ikke meget i vores ende af kommunen\n2: ja, flere gange\n3: D\n"
             "4: Et gåhold om formiddagen for os der ikke arbejder mere\n\nHilsen\nErna Bjerre")

    mail("sundhed", W("Bjarne Høst", "bjarne@hoest.dk"),
         ANS(indsats=4, laege="no", tilbud="rygestop"),
         client="thunderbird", inline={1: "Enig", 2: "Nej", 3: "A"},
         bottom="Jeg springer 4 over.\n\nBjarne")

    mail("sundhed", W("Jimmi Skaarup", "jimmi.skaarup@outlook.dk"),
         ANS(indsats=1, laege="no", tilbud="kost",
             ideer=TXT("læge der tog imod nye patienter", no=["Sendt fra Outlook til Android"])),
         client="android",
         top="1: 1\n2: nej har ikke nogen læge lige nu\n3: B\n4: Hvis der var en læge der tog imod nye patienter")

    mail("sundhed", W("Lærke Vind", "laerke.vind@gmail.com"),
         ANS(indsats=1, laege="yes", tilbud="stress", ideer=TXT("mere fri", no=["Lærke"])),
         top="1) meget uenig\n2) ja\n3) stresshåndtering\n4) mere fri 😂\n\nLærke")

    mail("sundhed", W("Hans Jørgen Lund", "hj.lund@post.tele.dk"),
         ANS(unclear=["indsats"], laege="yes", tilbud="motion"),
         client="outlook", cs="iso-8859-1", sendt=0, prefix="SV: ",
         top="1: 6 (I gør det rigtig godt)\n2: ja\n3: D\n\nVenlig hilsen\nHans Jørgen Lund")

    mail("sundhed", W("Solveig Krarup", "solveig.krarup@yahoo.dk"),
         ANS(indsats=4, laege="yes", tilbud="kost",
             ideer=TXT("svømmehal der har åbent om aftenen", no=["Mvh Solveig"])),
         client="yahoo",
         top="Hej\n\nJeg er enig i at kommunen gør nok. Jeg var hos lægen i september. Jeg ville nok vælge "
             "kostvejledning. Det der ville hjælpe mig mest er en svømmehal der har åbent om aftenen.\n\nMvh Solveig")

    mail("sundhed", W("Ronja Falk", "ronja.falk@gmail.com"),
         ANS(indsats=3, laege="yes", tilbud="rygestop"),
         client="samsung", top="3, ja, A")

    mail("sundhed", W("Tobias Lyngby", "tobias.lyngby@gmail.com"),
         ANS(indsats=2, laege="no", tilbud="stress", ideer=TXT("Færre møder efter kl. 16", no=["/Tobias"])),
         top="1: 4, nej vent, 2\n2: nej\n3: C\n4: Færre møder efter kl. 16\n\n/Tobias")

    mail("sundhed", W("Fatima Khalil", "fatima@khalil-import.dk"),
         ANS(unclear=["tilbud"], indsats=3, laege="yes", ideer=TXT("Bedre skolemad til børnene", no=["Fatima"])),
         client="roundcube",
         bottom="1: hverken eller\n2: ja\n3: B eller C\n4: Bedre skolemad til børnene\n\nMvh\nFatima")

    mail("sundhed", W("Brian Kjeldgaard", "brian.kjeldgaard@kirkeby-beton.dk"),
         ANS(indsats=1, laege="yes", tilbud="motion",
             ideer=TXT("fitnesscentret i Kirkeby ikke lukker", no=["Værkfører", "Vh Brian"])),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej,\n\nHer er mine svar.\n\n1. Helt uenig\n2. Ja\n3. Motion i fællesskab\n"
             "4. At fitnesscentret i Kirkeby ikke lukker\n\nVh Brian Kjeldgaard\nVærkfører")

    mail("sundhed", W("Mona Ravn", "mona.ravn@icloud.com"),
         ANS(indsats=4, laege="yes", tilbud="kost",
             ideer=TXT("diætist der kan komme hjem", no=["Sendt fra min iPhone"])),
         client="iphone", top="1 enig 2 ja 3 kost 4 en diætist der kan komme hjem til en")

    mail("sundhed", W("René Saxild", "rene.saxild@gmail.com"),
         ANS(laege="no", ideer=TXT("lægen havde åbent om lørdagen", no=["René"])),
         top="2: Nej, det er vist tre år siden\n4: Hvis lægen havde åbent om lørdagen\n\nRené")

    mail("sundhed", W("Dorte Kamp", "dorte.kamp@me.com"),
         ANS(indsats=3, laege="yes", tilbud="rygestop"),
         client="apple", top="1: 3\n2: Ja\n3: Rygestop (for min mand, haha)\n4: –\n\nDorte")

    mail("sundhed", W("Nikolaj Brøns", "nikolaj.brons@gmail.com"),
         ANS(indsats=2, laege="yes", tilbud="motion",
             ideer=TXT("Cykelstier hele vejen til arbejdet", no=["Hilsen Nikolaj"])),
         inline={1: "2", 2: "ja", 3: "D", 4: "Cykelstier hele vejen til arbejdet"}, bottom="Hilsen Nikolaj")

    mail("sundhed", W("Charlotte Due", "charlotte.due@kirkeby.dk"),
         ANS(indsats=5, laege="no", tilbud="stress"),
         client="outlook", fmt="html", sendt=2,
         top="1. 5\n2. Nej\n3. C\n\nMvh\nCharlotte Due\nTeamleder, Borgerservice")

    mail("sundhed", W("Kasper Munch", "kasper.munch@outlook.com"),
         ANS(indsats=2, laege="yes", tilbud="kost"),
         client="android",
         top="Jeg synes ikke kommunen gør nok, så uenig. Har været ved lægen ja. Kostvejledning lyder godt")

    mail("sundhed", W("Grete Fog", "grete.fog@gmail.com"),
         ANS(unclear=["laege"], indsats=4, tilbud="motion", ideer=TXT("Mere tid", no=["Grete"])),
         top="1: 4\n2: Det kan jeg ikke huske\n3: D\n4: Mere tid\n\nGrete")

    mail("sundhed", W("Ove Lindegaard", "ove.lindegaard@yahoo.dk"),
         ANS(indsats=5, laege="yes", tilbud="rygestop",
             ideer=TXT("rygeforbudszoner ved busstoppestederne", no=["Venlig hilsen"])),
         client="yahoo",
         top="1: Helt enig\n2: Ja\n3: A\n4: Flere rygeforbudszoner ved busstoppestederne\n\nVenlig hilsen\nOve")

    mail("sundhed", W("Martin Aabye", "martin@aabye.net"),
         ANS(indsats=3, laege="no", tilbud="kost",
             ideer=TXT("Gratis frugt på arbejdspladserne", no=["martin@aabye.net", "Martin Aabye"])),
         client="thunderbird",
         top="1-3, 2-nej, 3-B, 4-Gratis frugt på arbejdspladserne\n\n-- \nMartin Aabye\nmartin@aabye.net")


def survey_answers_by_sms():
    # ---- bolig, one question at a time (awaiting)
    sms("bolig", "3'er", ANS(tilfredshed=3), awaiting="tilfredshed")
    sms("bolig", "Meget tilfreds ☺️", ANS(tilfredshed=5), awaiting="tilfredshed")
    sms("bolig", "2 ud af 5, for lydt", ANS(tilfredshed=2), awaiting="tilfredshed")
    sms("bolig", "nej vi bliver her til vi dør", ANS(flytte="no"), awaiting="flytte")
    sms("bolig", "Ja, forhåbentlig snart", ANS(flytte="yes"), awaiting="flytte")
    sms("bolig", "rækkehus", ANS(boligtype="raekkehus"), awaiting="boligtype")
    sms("bolig", "D", ANS(boligtype="landejendom"), awaiting="boligtype")
    sms("bolig", "Vi har et parcelhus", ANS(boligtype="parcelhus"), awaiting="boligtype")
    sms("bolig", "lejlighed på 3. sal", ANS(boligtype="lejlighed"), awaiting="boligtype")
    sms("bolig", "B og D", ANS(prioriteter=["billige", "butikker"]), awaiting="prioriteter")
    sms("bolig", "grønt og parkering", ANS(prioriteter=["groent", "parkering"]), awaiting="prioriteter")
    sms("bolig", "Billige boliger!!", ANS(prioriteter=["billige"]), awaiting="prioriteter")
    sms("bolig", "bor alene", ANS(personer=1), awaiting="personer")
    sms("bolig", "os to", ANS(personer=2), awaiting="personer")
    sms("bolig", "fire", ANS(personer=4), awaiting="personer")
    sms("bolig", "En ordentlig busforbindelse ind til byen",
        ANS(mangler=TXT("busforbindelse ind til byen")), awaiting="mangler")
    sms("bolig", "Hundeskov!! Mvh Jette", ANS(mangler=TXT("Hundeskov", no=["Mvh Jette"])), awaiting="mangler")
    # ---- bolig, everything in one SMS
    sms("bolig", "4 nej A AD 3 flere stier i skoven",
        ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent", "butikker"], personer=3,
            mangler=TXT("flere stier i skoven", no=["AD 3"])))
    sms("bolig", "1:2 2:ja 3:C 4:B 5:1 6:billigere husleje",
        ANS(tilfredshed=2, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1,
            mangler=TXT("billigere husleje", no=["5:1"])))
    sms("bolig", "5, nej, rækkehus, grønne områder, 2",
        ANS(tilfredshed=5, flytte="no", boligtype="raekkehus", prioriteter=["groent"], personer=2))
    sms("bolig", "3 ja lejlighed billige boliger og parkering 2",
        ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", prioriteter=["billige", "parkering"], personer=2))
    sms("bolig", "1) 4 2) nej 3) D 4) A 5) 6 6) mobildækning",
        ANS(tilfredshed=4, flytte="no", boligtype="landejendom", prioriteter=["groent"], personer=6,
            mangler=TXT("mobildækning", no=["5) 6"])))
    sms("bolig", "Tilfreds 4, flytter ikke, parcelhus, 4 personer",
        ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", personer=4))
    sms("bolig", "2 ja c b 1\nrettelse: spm 1 er 3",
        ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1))

    # ---- sundhed, one question at a time
    sms("sundhed", "Delvist enig", ANS(indsats=4), awaiting="indsats")
    sms("sundhed", "helt uenig!", ANS(indsats=1), awaiting="indsats")
    sms("sundhed", "3", ANS(indsats=3), awaiting="indsats")
    sms("sundhed", "uenig", ANS(indsats=2), awaiting="indsats")
    sms("sundhed", "Jo", ANS(laege="yes"), awaiting="laege")
    sms("sundhed", "nej, aldrig syg 💪", ANS(laege="no"), awaiting="laege")
    sms("sundhed", "Ja det har jeg", ANS(laege="yes"), awaiting="laege")
    sms("sundhed", "stress", ANS(tilbud="stress"), awaiting="tilbud")
    sms("sundhed", "motion", ANS(tilbud="motion"), awaiting="tilbud")
    sms("sundhed", "b", ANS(tilbud="kost"), awaiting="tilbud")
    sms("sundhed", "Mindre stress på jobbet", ANS(ideer=TXT("mindre stress på jobbet")), awaiting="ideer")
    # ---- sundhed, all in one
    sms("sundhed", "4 ja B mere tid til at lave mad",
        ANS(indsats=4, laege="yes", tilbud="kost", ideer=TXT("mere tid til at lave mad", no=["ja B"])))
    sms("sundhed", "1: enig 2: nej 3: C 4: En park med udendørs fitness",
        ANS(indsats=4, laege="no", tilbud="stress", ideer=TXT("park med udendørs fitness", no=["3: C"])))
    sms("sundhed", "helt uenig, ja, rygestop", ANS(indsats=1, laege="yes", tilbud="rygestop"))
    sms("sundhed", "3 nej D", ANS(indsats=3, laege="no", tilbud="motion"))
    sms("sundhed", "1. 5\n2. ja\n3. A\n4. at cigaretter blev dyrere",
        ANS(indsats=5, laege="yes", tilbud="rygestop", ideer=TXT("cigaretter blev dyrere", no=["3. A"])))
    sms("sundhed", "2 ja d gratis svømning for pensionister /Oda",
        ANS(indsats=2, laege="yes", tilbud="motion", ideer=TXT("gratis svømning for pensionister", no=["Oda"])))
    sms("sundhed", "1: 3 og 2: nej", ANS(indsats=3, laege="no"))
    sms("sundhed", "Hverken enig eller uenig. Ja. Kostvejledning.",
        ANS(indsats=3, laege="yes", tilbud="kost"))
    sms("sundhed", "7 ja a", ANS(unclear=["indsats"], laege="yes", tilbud="rygestop"))


def rsvps():
    # ------------------------------------------------------ laegemoede, email
    mail("laegemoede", W("Poul Ravnkilde", "poul.ravnkilde@gmail.com"), RSVP("yes"),
         top="Jeg kommer.\n\nHilsen Poul")
    mail("laegemoede", W("Finn Lassen", "finn.lassen@lystrup-borgerforening.dk"), RSVP("yes", 1),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nMin kone og jeg kommer begge to.\n\nMvh\nFinn Lassen\nFormand, Lystrup Borgerforening")
    mail("laegemoede", W("Tina Bagger", "tina.bagger@icloud.com"), RSVP("no"),
         client="iphone", top="Desværre, vi er i Thailand i marts 🌴")
    mail("laegemoede", W("Gerda Lund", "gerda.lund@me.com"), RSVP("yes", 1),
         client="apple",
         top="Kære Borgerpanel\n\nTak for invitationen. Jeg vil meget gerne deltage, og jeg tager min nabo Erik "
             "med, da han ikke selv har fået invitationen.\n\nVenlig hilsen\nGerda Lund")
    mail("laegemoede", W("Stine Hvass", "stine.hvass@outlook.com"), RSVP("maybe"),
         client="android", top="Måske. Har aftenvagt den uge men prøver at bytte")
    mail("laegemoede", W("Hakon Berg", "hakon.berg@gmail.com"), RSVP("no"),
         top="Nej tak, jeg har min egen læge i Aarhus og er ikke berørt.\n\nHakon")
    mail("laegemoede", W("Jannie Thorup", "jannie.thorup@hotmail.com"), RSVP("yes", 1),
         client="samsung", top="Jeg kommer sammen med min datter")
    mail("laegemoede", W("Rosa Engel", "rosa@engel-keramik.dk"), RSVP("yes"),
         client="thunderbird", bottom="Jeg kommer alene, min mand er syg.\n\nHilsen\nRosa")
    mail("laegemoede", W("Arne Kold", "arne.kold@mail.tele.dk"), RSVP("no"),
         client="outlook", cs="iso-8859-1", sendt=0,
         top="Jeg har desværre en anden aftale den 11. marts.\n\nVenlig hilsen\nArne Kold")
    mail("laegemoede", W("Alice Strøm", "alice.strom@yahoo.dk"), RSVP("yes"),
         client="yahoo", top="Hej\nJa, det vil jeg gerne. Kommer der nogen fra regionen?\n\nAlice")
    mail("laegemoede", W("Ejvind Kjeldsen", "ejvind@kjeldsen-tag.dk"), RSVP("yes", 1),
         client="roundcube", bottom="Vi kommer to fra Lystrup.\n\nMvh Ejvind")
    mail("laegemoede", W("Mogens Brink", "mogens.brink@gmail.com"), RSVP("maybe"),
         top="Tja, det ved jeg ikke lige. Jeg giver lyd hvis jeg kan.\n\nMogens")
    mail("laegemoede", W("Susanne Kaas", "sk@laegehuset-vestergade.dk"), RSVP("yes"),
         client="outlook", fmt="html", sendt=2,
         top="Deltager gerne.\n\nMed venlig hilsen\nSusanne Kaas\nPraktiserende læge, Lægehuset Vestergade")
    mail("laegemoede", W("Jonna Hald", "jonna.hald@icloud.com"), RSVP("no"),
         client="iphone", top="Kan ikke komme, men send gerne et referat")
    mail("laegemoede", W("Vivi Sand", "vivi.sand@gmail.com"), RSVP("yes", 1),
         top="Ja, og så tager jeg min søster med hvis der er plads\n\nVivi")

    # ------------------------------------------------------- lokalplan, email
    mail("lokalplan", W("Søren Glud", "soren.glud@gmail.com"), RSVP("yes"),
         top="Jeg deltager 👍\n\nSøren")
    mail("lokalplan", W("Lene Kjær", "lene.kjaer@kirkeby-apotek.dk"), RSVP("yes"),
         client="outlook", sendt=2,
         top="Hej\n\nJeg kommer gerne, men først kl. 17, jeg har arbejde til 16.30.\n\nMvh\nLene Kjær")
    mail("lokalplan", W("Morten Ahl", "morten.ahl@me.com"), RSVP("no"),
         client="apple", top="Nej, desværre. Jeg er på kursus i Odense hele den uge.\n\nVh Morten")
    mail("lokalplan", W("Jasmin Holm", "jasmin.holm@outlook.dk"), RSVP("maybe"),
         client="android", top="Ved ikke endnu")
    mail("lokalplan", W("Peter Vind", "peter.vind@icloud.com"), RSVP("yes"),
         client="iphone", top="Ja!")
    mail("lokalplan", W("Hanne Grib", "hanne.grib@hotmail.com"), RSVP("no"),
         client="samsung", top="Jeg kan ikke d. 14. april")
    mail("lokalplan", W("Knud Aage Boel", "knudaage@boel.dk"), RSVP("yes"),
         client="thunderbird",
         bottom="Jeg vil gerne deltage. Jeg bor selv på Søndre Havevej og har en del at sige.\n\nHilsen\nKnud Aage")
    mail("lokalplan", W("Cecilie Worm", "cecilie.worm@yahoo.dk"), RSVP("maybe"),
         client="yahoo",
         top="Det lyder spændende, men jeg ved ikke om jeg kan få passet børn. Sæt mig på som måske.\n\nCecilie")
    mail("lokalplan", W("Frank Juel", "frank.juel@outlook.com"), RSVP("no"),
         client="android", top="Kommer ikke. Tak.")
    mail("lokalplan", W("Vagn Mørup", "vagn@moerup.dk"), RSVP("yes"),
         client="roundcube", bottom="Tilmeld mig gerne.\n\nMvh\nVagn")
    mail("lokalplan", W("Birgitte Nør", "birgitte.noer@gmail.com"), RSVP("yes"),
         top="Jeg kommer, og jeg håber der bliver tid til at tale om parkeringen.\n\nBirgitte")
    mail("lokalplan", W("Claus Winding", "claus.winding@kirkeby-skole.dk"), RSVP("no"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Det bliver et nej herfra, vi har forældremøde den aften.\n\nVenlig hilsen\nClaus Winding")

    # --------------------------------------------------------- laegemoede, SMS
    sms("laegemoede", "ja", RSVP("yes"))
    sms("laegemoede", "Jeg kommer + min mand", RSVP("yes", 1))
    sms("laegemoede", "Vi bliver 2", RSVP("yes", 1))
    sms("laegemoede", "nej tak ikke interesseret", RSVP("no"))
    sms("laegemoede", "kan ik komme", RSVP("no"))
    sms("laegemoede", "måske hvis vejret er ok", RSVP("maybe"))
    sms("laegemoede", "Ja jeg kommer, og min svoger", RSVP("yes", 1))
    sms("laegemoede", "JA TAK 2 PERSONER", RSVP("yes", 1))
    sms("laegemoede", "Jeg kommer selv", RSVP("yes"))
    sms("laegemoede", "Er bortrejst. Nej", RSVP("no"))
    sms("laegemoede", "ja ja, ses", RSVP("yes"))
    sms("laegemoede", "Nej tak. Mvh Hanne", RSVP("no"))
    sms("laegemoede", "Det ved jeg ikk endnu", RSVP("maybe"))
    sms("laegemoede", "kommer m. min kone", RSVP("yes", 1))
    sms("laegemoede", "Ja, jeg tager min ven med", RSVP("yes", 1))
    # "2 stk" counts heads, like "2 personer": two people in all, one guest
    sms("laegemoede", "Ja 2 stk", RSVP("yes", 1))

    # ----------------------------------------------------------- lokalplan, SMS
    sms("lokalplan", "Ja tak", RSVP("yes"))
    sms("lokalplan", "Deltager", RSVP("yes"))
    sms("lokalplan", "nej", RSVP("no"))
    sms("lokalplan", "Kan desværre ikke, har vagt", RSVP("no"))
    sms("lokalplan", "Måske 🤔", RSVP("maybe"))
    sms("lokalplan", "jeg kommer", RSVP("yes"))
    sms("lokalplan", "Jeg kommer men bliver kun til kl 18", RSVP("yes"))
    sms("lokalplan", "Nej tak, men held og lykke med det", RSVP("no"))
    sms("lokalplan", "Kommer hvis jeg når hjem fra arbejde", RSVP("maybe"))
    sms("lokalplan", "Jaaa", RSVP("yes"))
    sms("lokalplan", "ja jeg kommer alene", RSVP("yes"))
    sms("lokalplan", "Jeg skal desværre arbejde", RSVP("no"))
    sms("lokalplan", "Ved ikke. Skriver senere", RSVP("maybe"))


def unsubscribes():
    sms("sundhed", "STOP", INTENT("unsubscribe"))
    sms("lokalplan", "Stop", INTENT("unsubscribe"))
    sms("bolig", "Afmeld", INTENT("unsubscribe"))
    sms("laegemoede", "meld mig ud", INTENT("unsubscribe"))
    sms("sundhed", "slet mig tak", INTENT("unsubscribe"))
    sms("bolig", "Gider ikke flere sms'er fra jer. Stop.", INTENT("unsubscribe"))
    sms("sundhed", "Jeg vil ikke være med i jeres panel længere", INTENT("unsubscribe"), awaiting="laege")

    mail("bolig", W("Torben Haslund", "torben.haslund@gmail.com"), INTENT("unsubscribe"),
         top="Meld mig ud af borgerpanelet.\n\nTorben")
    mail("sundhed", W("Gudrun Vestergaard", "gudrun.vestergaard@kirkeby-revision.dk"), INTENT("unsubscribe"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg har været med i panelet i tre år, men nu synes jeg det er nok. Vil I slette mig?\n\n"
             "Venlig hilsen\nGudrun Vestergaard")
    mail("laegemoede", W("Allan Fisker", "allan.fisker@icloud.com"), INTENT("unsubscribe"),
         client="iphone", top="Fjern mig fra jeres liste. Jeg har aldrig bedt om at være med.")
    mail("lokalplan", W("Line Hjort", "line.hjort@me.com"), INTENT("unsubscribe"),
         client="apple",
         top="Jeg har fået job i kommunens planafdeling og må derfor ikke deltage i panelet længere. "
             "Afmeld mig venligst panelet.\n\nMvh\nLine")
    mail("bolig", W("Orla Brøgger", "orla.brogger@yahoo.dk"), INTENT("unsubscribe"),
         client="yahoo", top="STOP STOP STOP")
    mail("sundhed", W("Hedvig Mikkelsen", "hedvig@mikkelsen-tekstil.dk"), INTENT("unsubscribe"),
         client="roundcube",
         bottom="Jeg ønsker ikke at modtage flere henvendelser fra Borgerpanelet.\n\nH. Mikkelsen")
    mail("laegemoede", W("Frode Gram", "frode.gram@post.tele.dk"), INTENT("unsubscribe"),
         client="outlook", cs="iso-8859-1", quote=False, thread=False, subject="Udmeldelse",
         top="Undertegnede ønsker hermed at udtræde af borgerpanelet.\n\nMed venlig hilsen\nFrode Gram")


def auto_replies():
    autoreply("bolig", W("Henrik Dalby", "hd@dalby-ejendomme.dk"),
              "Tak for din mail.\n\nJeg holder vinterferie i uge 7 og er tilbage mandag den 22. februar. "
              "Haster det, kan du ringe til kontoret på 86 44 55 66.\n\nVenlig hilsen\nHenrik Dalby\n"
              "Ejendomsadministrator",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cte="base64")
    autoreply("sundhed", W("Pernille Staun", "pernille.staun@gmail.com"),
              "Hej!\n\nJeg er ude at rejse indtil 1. marts og læser kun mails en gang imellem.\n\nPernille",
              system="gmail", subject="Ferie indtil 1. marts",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("laegemoede", W("Ib Rosenkvist", "ib.rosenkvist@lystrup-vand.dk"),
              "Jeg er på kursus til og med fredag den 19. februar og har begrænset adgang til mail. "
              "Driftsforstyrrelser meldes til vagttelefonen 70 10 20 30.\n\nMed venlig hilsen\nIb Rosenkvist",
              subject_prefix="Fraværende: ", headers=(), cs="iso-8859-1", thread=False)
    autoreply("lokalplan", W("Sanne Gylling", "sanne.gylling@mail.dk"),
              "Jeg har fået ny mailadresse og læser ikke denne postkasse længere. Skriv i stedet til "
              "sannegylling@gmail.com.\n\nHilsen Sanne",
              system="webmail", subject_prefix="Autosvar: ",
              headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")))
    autoreply("bolig", W("Kirkeby Boligservice", "info@kirkeby-boligservice.dk"),
              "Tak for din henvendelse til Kirkeby Boligservice.\n\nVi behandler din mail hurtigst muligt og "
              "senest inden for 3 arbejdsdage. Akut skade på lejemålet: ring 70 22 33 44 (døgnvagt).\n\n"
              "Dette er et automatisk genereret svar.",
              system="webmail", subject="Tak for din henvendelse",
              headers=(("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")))
    autoreply("sundhed", W("Maja Søndergaard", "maja.sondergaard@kirkeby-skoler.dk"),
              "Jeg er på forældreorlov frem til 1. oktober 2027.\n\nSpørgsmål om sundhedsplejen kan rettes til "
              "Sundhedsplejen på 72 40 50 60.\n\nVenlig hilsen\nMaja Søndergaard\nSundhedsplejerske",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")))
    autoreply("laegemoede", W("Thomas Kjærbye", "tkj@nordjysk-transport.dk"),
              "Thank you for your email. I am travelling until 22 February with limited access to email.\n\n"
              "Tak for din mail. Jeg er på rejse indtil 22. februar med begrænset adgang til mail.\n\n"
              "Kind regards / Venlig hilsen\nThomas Kjærbye",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cs="windows-1252")
    autoreply("lokalplan", W("Gitte Aaen", "gitte.aaen@icloud.com"),
              "Tak for din besked. Jeg er i Spanien til den 5. april og svarer, når jeg er hjemme igen.\n\nGitte",
              system="icloud", subject_prefix="Re: ", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("bolig", W("Bent Lykkegaard", "bent.lykkegaard@youmail.dk"),
              "Jeg holder fri til og med den 10. februar. Din mail bliver ikke videresendt.\n\nMvh Bent",
              system="webmail", html_body=True, headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("sundhed", W("Anders Bukh", "anders.bukh@bukh-arkitekter.dk"),
              "Jeg er sygemeldt og læser ikke mails i øjeblikket. Kontakt venligst kontoret på 86 77 88 99.\n\n"
              "Anders Bukh\nArkitekt MAA",
              subject_prefix="Fraværende: ", headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")),
              cs="windows-1252", html_body=True)
    autoreply("laegemoede", W("Lægehuset Lystrup", "post@laegehuset-lystrup.dk"),
              "Tak for din mail til Lægehuset Lystrup.\n\nDenne postkasse bruges ikke til konsultationer. "
              "Bestil tid via app eller ring 86 99 00 11 hverdage kl. 8-10.\n\nMed venlig hilsen\nLægehuset Lystrup",
              system="webmail", subject="Tak for din mail",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("lokalplan", W("Jesper Mørk", "jesper.mork@kirkeby-el.dk"),
              "Jeg er på ferie fra den 15. til den 22. marts. Jeg ser din mail, når jeg er tilbage.\n\n"
              "Venlig hilsen\nJesper Mørk\nKirkeby El-service",
              headers=(("Auto-Submitted", "auto-replied"),), cte="base64")

    sms("sundhed", "Hej, jeg kan ikke tage telefonen lige nu. Jeg ringer tilbage hurtigst muligt. "
                   "(Automatisk besked)", INTENT("auto_reply"))
    sms("lokalplan", "Automatisk svar: Jeg er på barsel og tjekker ikke beskeder. Kontakt Kirkeby Tandklinik "
                     "på 86 12 12 12.", INTENT("auto_reply"))
    sms("bolig", "Jeg kører bil lige nu og ser din besked senere. (Sendt automatisk)",
        INTENT("auto_reply"), awaiting="tilfredshed")


def bounces():
    bounce("bolig", W("Lone Fischer", "lone.fischer1968@gmail.com"), "postfix-unknown")
    bounce("bolig", W("Poul Brandt", "poul.brandt@youmail.dk"), "postfix-quota")
    bounce("sundhed", W("Gunver Holm", "gunver.holm@mail.tele.dk"), "danish-isp", after_min=2)
    bounce("sundhed", W("Erik Sejr", "erik.sejr@hotmial.com"), "postfix-nxdomain")
    bounce("bolig", W("Annika Thrane", "annika_thrane@hotmail.com"), "outlookcom-unknown")
    bounce("laegemoede", W("Carl Berthelsen", "carl.berthelsen@lystrup-el.dk"), "exchange-quota", after_min=3)
    bounce("laegemoede", W("Birthe Kolding", "birthe@kolding-maling.dk"), "postfix-timeout",
           after_min=5 * 24 * 60 + 11)
    bounce("lokalplan", W("Keld Svane", "keld.svane@stofanet.dk"), "exim-unknown", after_min=1)
    bounce("lokalplan", W("Jette Bach", "jette.bach@kirkebynet.dk"), "sendmail-unknown")


def unclear_replies():
    mail("bolig", W("Ulrik Hammer", "ulrik.hammer@gmail.com"), UNCLEAR(),
         top="Det kommer an på så meget.\n\nUlrik")
    # more guests than the meeting allows: ask again
    mail("laegemoede", W("Bodil Stensgaard", "bodil@lystrup-lokalraad.dk"), UNCLEAR(),
         client="apple",
         top="Hej\n\nVi kommer 4 fra Lystrup Lokalråd.\n\nMed venlig hilsen\nBodil Stensgaard\nLystrup Lokalråd")
    mail("lokalplan", W("Erling Holm", "erling.holm@kirkeby-tomrer.dk"), UNCLEAR(),
         client="outlook", sendt=0,
         top="Jeg kommer og tager min kone med.\n\nMvh\nErling Holm")
    # a bare "afmeld mig" after a meeting: the meeting or the panel?
    mail("laegemoede", W("Kamilla Dyhr", "kamilla.dyhr@gmail.com"), UNCLEAR(), top="Afmeld mig")
    mail("sundhed", W("Viggo Leth", "viggo.leth@icloud.com"), UNCLEAR(), client="iphone", top="👍")
    mail("laegemoede", W("Hjalte Bro", "hjalte.bro@outlook.com"), UNCLEAR(),
         client="android", top="Ja, vi er et par stykker")

    sms("lokalplan", "afmeld mig pls", UNCLEAR())
    sms("bolig", "??", UNCLEAR())
    sms("sundhed", "ok", UNCLEAR())
    sms("lokalplan", "vi er 2", UNCLEAR())
    sms("bolig", "9", UNCLEAR("tilfredshed"), awaiting="tilfredshed")
    sms("bolig", "njaa, måske", UNCLEAR("flytte"), awaiting="flytte")
    sms("sundhed", "E", UNCLEAR("tilbud"), awaiting="tilbud")
    sms("bolig", "0", UNCLEAR("personer"), awaiting="personer")


def other_messages():
    mail("laegemoede", W("Ayse Demir", "ayse.demir@gmail.com"), INTENT("other"),
         top="Hej\n\nBliver der tolket til tyrkisk på mødet?\n\nMvh Ayse")
    mail("bolig", W("Jørn Brix", "joern.brix@brix-maskiner.dk"), INTENT("other"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hvorfor skal I vide, hvor mange der bor i min husstand? Det synes jeg er personlige oplysninger.\n\n"
             "Mvh\nJørn Brix")
    mail("sundhed", W("Karin Vad", "karin.vad@me.com"), INTENT("other"),
         client="apple", top="Jeg forstår ikke spørgsmål 1 – hvad mener I med \"nok\"?\n\nKarin")
    mail("lokalplan", W("Anton Riber", "anton.riber@icloud.com"), INTENT("other"),
         client="iphone", top="Hvor kan jeg se forslaget til lokalplanen inden workshoppen?")
    mail("bolig", W("Ib Korsgaard", "ib@korsgaard-foto.dk"), INTENT("other"),
         client="roundcube",
         bottom="Jeg er lejer hos Kirkeby Boligforening – skal jeg så svare, eller er det kun for husejere?\n\nHilsen Ib")
    mail("sundhed", W("Ellen Toft", "ellen.toft@post.tele.dk"), INTENT("other"),
         client="outlook", cs="iso-8859-1", sendt=2,
         top="Jeg er blevet opereret for nylig og vil gerne svare, men først om et par uger. Er det i orden?\n\n"
             "Venlig hilsen\nEllen Toft")
    mail("laegemoede", W("Benny Rask", "benny.rask@yahoo.dk"), INTENT("other"),
         client="yahoo", top="Koster det noget at deltage?\n\nBenny")

    mail("lokalplan", W("Signe Otte", "signe.otte@gmail.com"), INTENT("other"),
         top="Hej\n\nKan man sende sine bemærkninger til lokalplanen skriftligt i stedet for at møde op? "
             "Jeg arbejder i Aalborg på hverdage.\n\nMvh Signe")

    sms("laegemoede", "Hvor er det henne?", INTENT("other"))
    sms("lokalplan", "Er der parkering ved forsamlingshuset?", INTENT("other"))
    sms("bolig", "Hvem har givet jer mit nummer?", INTENT("other"))
    sms("sundhed", "Hvad er det for en undersøgelse?", INTENT("other"))
    sms("lokalplan", "Kan man komme selvom man ikke bor i Kirkeby?", INTENT("other"))
    sms("bolig", "Hvad hvis man bor i et bofællesskab?", INTENT("other"), awaiting="boligtype")


if __name__ == "__main__":
    sys.exit(corpus.main(survey_answers_by_email, survey_answers_by_sms, rsvps, unsubscribes,
                         auto_replies, bounces, unclear_replies, other_messages))
