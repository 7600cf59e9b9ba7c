"""conversations.mail, one mail phenomenon per test: the mechanism, not a sentence.

Every person, place and answer here is made up for these tests and appears
in no corpus (dev, independent A, heldout1-5): a rule that only knew the
corpora's sentences would fail them.  The quoted invitation is laid out as
the service lays it out (numbered questions, hints indented under them).
"""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from conversations.mail import Block, read_message

HERE = Path(__file__).parent / "mail"

OWN = "Jeg kommer gerne og tager min trompet med."
INVITATION = """Kære Sixten

Vil du hjælpe os? Vi vil gerne høre, hvad du mener om sejlads på Svanesøen.

1. Hvor mange gange om måneden padler du på søen?
   Svar med et tal.

2. Skal sejlklubben have en ny bådebro?
   Svar ja eller nej

3. Hvad ønsker du dig mest ved søen?
   A. Bænke
   B. Lys på grusstien
   C. Et shelter
   Du kan vælge flere.

Tak for hjælpen!
Teknik og Miljø"""
QUOTED = "\n".join(("> " + line).rstrip() for line in INVITATION.split("\n"))
INVITATION_WORDS = ["Svanesøen", "padler du", "bådebro", "Lys på grusstien", "Tak for hjælpen", "Teknik og Miljø"]


def mail(body: str, *, subtype: str = "plain", sender: str = "Sixten Ravnborg <sixten@ravnborg.example>") -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "svar+t9@borgerpanel.example.dk"
    m["Subject"] = "Re: Sejlads på Svanesøen"
    m["Message-ID"] = "<p1@ravnborg.example>"
    m.set_content(body, subtype=subtype, charset="utf-8", cte="quoted-printable")
    return bytes(m)


def own_text(raw: bytes) -> str:
    reading = read_message(raw)
    for word in INVITATION_WORDS:
        assert word not in reading.text, word
    return reading.text


# ---------------------------------------------------------------------------
# 1. The person's words right above a quote header, no blank line between
# ---------------------------------------------------------------------------

ATTRIBUTIONS = {
    "gmail da": "Den ons. 2. jun. 2027 kl. 09.12 skrev Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "gmail da wrapped": "Den ons. 2. jun. 2027 kl. 09.12 skrev Teknik og Miljø <\nsvar+t9@borgerpanel.example.dk>:",
    "gmail en": "On Wed, Jun 2, 2027 at 9:12 AM Teknik og Miljø <svar+t9@borgerpanel.example.dk> wrote:",
    "gmail en wrapped": "On Wed, Jun 2, 2027 at 9:12 AM Teknik og Miljø <\nsvar+t9@borgerpanel.example.dk> wrote:",
    "gmail verbless": "2027-06-02 9:12 GMT+02:00 Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "apple da": "Den 2. jun. 2027 kl. 09.12 skrev Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "thunderbird da": "Den 02-06-2027 kl. 09:12 skrev Teknik og Miljø:",
    "outlook 2019": "D. 02/06/2027 09.12 skrev Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "gmail de": "Am Mi., 2. Juni 2027 um 09:12 Uhr schrieb Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "gmail sv": "Den ons 2 juni 2027 kl 09:12 skrev Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "gmail no": "ons. 2. jun. 2027 kl. 09:12 skrev Teknik og Miljø <svar+t9@borgerpanel.example.dk>:",
    "name first": "Teknik og Miljø skrev den 02-06-2027 09:12:",
}


@pytest.mark.parametrize("attribution", ATTRIBUTIONS.values(), ids=ATTRIBUTIONS.keys())
def test_own_words_right_above_an_attribution_are_kept(attribution):
    assert own_text(mail(f"Hej\n{OWN}\n{attribution}\n{QUOTED}\n")) == f"Hej\n{OWN}"


@pytest.mark.parametrize("attribution", [a for a in ATTRIBUTIONS.values() if "\n" not in a][:6])
def test_own_words_on_the_attribution_line_are_kept(attribution):
    """A client that joined the last line and the attribution (format=flowed, a missing line break)."""
    assert own_text(mail(f"{OWN} {attribution}\n{QUOTED}\n")) == OWN


def test_an_everyday_line_ending_in_a_colon_above_a_quote_is_kept():
    body = f"Mine svar står herunder, Sixten skriver:\n{QUOTED}\n\n4\nja"
    assert read_message(mail(body)).text.startswith("Mine svar står herunder")


# ---------------------------------------------------------------------------
# 2. HTML quotes: the structure says what is quoted and what is the attribution
# ---------------------------------------------------------------------------

HTML_QUOTE = "Kære Sixten<br><br>2. Skal sejlklubben have en ny bådebro?<br>&nbsp;&nbsp;&nbsp;Svar ja eller nej"
HTML_REPLIES = {
    "thunderbird": (f'<p>{OWN}</p><div class="moz-cite-prefix">Sixten Ravnborg skrev:<br></div>'
                    f'<blockquote type="cite" cite="mid:x@b.dk">{HTML_QUOTE}</blockquote>'),
    "thunderbird, no paragraph": (f'{OWN}<div class="moz-cite-prefix">Den 02-06-2027 kl. 09:12 skrev Teknik og '
                                  f'Miljø:<br></div><blockquote type="cite">{HTML_QUOTE}</blockquote>'),
    "gmail": (f'<div dir="ltr">{OWN}</div><div class="gmail_quote gmail_quote_container"><div dir="ltr" '
              f'class="gmail_attr">Teknik og Miljø skrev:<br></div><blockquote class="gmail_quote" '
              f'style="margin:0px 0px 0px 0.8ex">{HTML_QUOTE}</blockquote></div>'),
    "apple": (f'<div>{OWN}</div><div><blockquote type="cite">Den 2. jun. 2027 kl. 09.12 skrev Teknik og Miljø '
              f'&lt;svar+t9@borgerpanel.example.dk&gt;:<br><br></blockquote></div>'
              f'<blockquote type="cite"><div>{HTML_QUOTE}</div></blockquote>'),
}


@pytest.mark.parametrize("html", HTML_REPLIES.values(), ids=HTML_REPLIES.keys())
def test_html_quote_structure_keeps_own_words_and_drops_the_attribution(html):
    reading = read_message(mail(html, subtype="html"))
    assert reading.text == OWN
    assert "skrev" not in "".join(b.text for b in reading.blocks)


def test_an_outlook_original_inside_a_quote_does_not_swallow_words_below_the_quote():
    html = (f'<div>{OWN}</div><blockquote type="cite"><div>Tidligere svar</div>'
            '<div id="divRplyFwdMsg"><b>Fra:</b> Teknik og Miljø</div><div>Kære Sixten</div></blockquote>'
            '<div>Og min bror padler med.</div>')
    assert read_message(mail(html, subtype="html")).text == f"{OWN}\n\nOg min bror padler med."


def test_thunderbird_reply_with_no_blank_line_in_either_part():
    reading = read_message((HERE / "thunderbird_tight.eml").read_bytes())
    assert reading.text == "Kajakken står i skuret. Jeg padler hver søndag, så 4 gange.\nJa tak til en bådebro"


# ---------------------------------------------------------------------------
# 3. Header blocks and separators of an un-prefixed original, by language
# ---------------------------------------------------------------------------

ORIGINAL = INVITATION
HEADER_BLOCKS = {
    "da": "Fra: Teknik og Miljø <svar+t9@b.dk>\nSendt: 2. juni 2027 09:12\nTil: Sixten Ravnborg\nEmne: Sejlads",
    "sv": "Från: Teknik og Miljø <svar+t9@b.dk>\nSkickat: den 2 juni 2027 09:12\nTill: Sixten Ravnborg\nÄmne: Sejlads",
    "no": "Fra: Teknik og Miljø <svar+t9@b.dk>\nSendt: onsdag 2. juni 2027 09:12\nTil: Sixten Ravnborg\nEmne: Sejlads",
    "de": "Von: Teknik og Miljø <svar+t9@b.dk>\nGesendet: Mittwoch, 2. Juni 2027 09:12\nAn: Sixten Ravnborg\n"
          "Betreff: Sejlads",
    "en": "From: Teknik og Miljø <svar+t9@b.dk>\nSent: Wednesday, June 2, 2027 9:12 AM\nTo: Sixten Ravnborg\n"
          "Subject: Sejlads",
    "sv bold": "*Från:* Teknik og Miljø <svar+t9@b.dk>\n*Skickat:* den 2 juni 2027 09:12\n*Till:* Sixten\n*Ämne:* Sejlads",
}
SEPARATORS = ["-----Oprindelig meddelelse-----", "-----Original Message-----", "-----Ursprüngliche Nachricht-----",
              "-----Ursprungligt meddelande-----", "-----Opprinnelig melding-----", "________________________________"]


@pytest.mark.parametrize("blank", ["\n", ""], ids=["blank line", "no blank line"])
@pytest.mark.parametrize("header", HEADER_BLOCKS.values(), ids=HEADER_BLOCKS.keys())
def test_header_block_starts_the_original(header, blank):
    assert own_text(mail(f"{OWN}\n{blank}{header}\n\n{ORIGINAL}\n")) == OWN


@pytest.mark.parametrize("separator", SEPARATORS)
def test_separator_and_header_block_start_the_original(separator):
    header = HEADER_BLOCKS["sv"] if "Ursprungligt" in separator else HEADER_BLOCKS["de"]
    assert own_text(mail(f"{OWN}\n{separator}\n{header}\n\n{ORIGINAL}\n")) == OWN


@pytest.mark.parametrize("body", [
    "Från: mig og min bror\nVi padler begge to",
    "Von: Lergravsvej 2\nAn: Teknik og Miljø\nVi padler begge to",
    "Fra: min side er det fint\nTil: sommer padler vi igen",
])
def test_one_or_two_header_like_lines_are_everyday_text(body):
    assert read_message(mail(body)).text == body


def test_outlook_swedish_reply_with_no_blank_line():
    reading = read_message((HERE / "outlook_swedish_tight.eml").read_bytes())
    assert reading.text == "1: 2\n2: nej\n3: A og C – bænkene må gerne vende mod vandet"


# ---------------------------------------------------------------------------
# 4. Answers typed inside the quoted invitation stay own words, under their question
# ---------------------------------------------------------------------------

def _question_then_answer(blocks, question: str) -> str:
    at = next(i for i, b in enumerate(blocks) if b.quoted and question in b.text)
    assert not blocks[at + 1].quoted
    return blocks[at + 1].text


def test_answers_typed_in_an_unprefixed_original_even_under_a_question_without_hints():
    original = INVITATION.replace("2. Skal sejlklubben have en ny bådebro?\n   Svar ja eller nej",
                                  "2. Skal sejlklubben have en ny bådebro? Svar ja eller nej.")
    original = (original.replace("   Svar med et tal.\n", "   Svar med et tal.\nHver anden uge, cirka to\n")
                .replace("Svar ja eller nej.\n", "Svar ja eller nej.\nNej, den gamle holder fint\n")
                .replace("   Du kan vælge flere.\n", "   Du kan vælge flere.\nC\n"))
    body = f"Svarene står inde i teksten.\n\n{HEADER_BLOCKS['da']}\n\n{original}\n"
    blocks = read_message(mail(body)).blocks
    assert blocks[0] == Block("Svarene står inde i teksten.", False)
    assert _question_then_answer(blocks, "padler du") == "Hver anden uge, cirka to"
    assert _question_then_answer(blocks, "bådebro") == "Nej, den gamle holder fint"
    assert _question_then_answer(blocks, "Et shelter") == "C"


def test_answers_typed_inside_a_quote_keep_its_marks_but_are_own_words():
    """Apple Mail: the person typed in the blue bar, so the answers carry '>' too."""
    blocks = read_message((HERE / "apple_answers_in_quote.eml").read_bytes()).blocks
    assert _question_then_answer(blocks, "padler du") == "Tre gange, når vejret er til det"
    assert _question_then_answer(blocks, "bådebro") == "Ja"
    assert _question_then_answer(blocks, "Et shelter") == "B og C"
    assert not any("Tre gange" in b.text for b in blocks if b.quoted)


def test_a_quote_without_indented_hints_gives_no_inline_answers():
    """An invitation converted from HTML has lost its layout: nothing in it can be told apart."""
    flat = "\n".join(line.strip() for line in INVITATION.split("\n"))
    reading = read_message(mail(f"{OWN}\n\n{HEADER_BLOCKS['en']}\n\n{flat}\n"))
    assert reading.blocks == (Block(OWN, False),)


def test_an_answer_label_marks_a_typed_answer_however_it_is_laid_out():
    indented = INVITATION.replace("   Svar ja eller nej\n", "   Svar ja eller nej\n   SVAR: nej, ikke i år\n")
    flat = "\n".join(line.strip() for line in INVITATION.split("\n")).replace(
        "Svar med et tal.\n", "Svar med et tal.\nMit svar = seks\n")
    for original, question, answer in ((indented, "bådebro", "SVAR: nej, ikke i år"),
                                       (flat, "padler du", "Mit svar = seks")):
        blocks = read_message(mail(f"{OWN}\n\n{HEADER_BLOCKS['no']}\n\n{original}\n")).blocks
        assert _question_then_answer(blocks, question).strip() == answer


def test_the_next_question_and_a_wrapped_line_are_not_answers():
    quote = ("> 1. Hvor mange gange om måneden padler du på søen, når isen er væk og vandet er\n"
             "> lunt nok?\n>    Svar med et tal.\n> 2. Skal sejlklubben have en ny bådebro?\n>    Svar ja eller nej\n")
    reading = read_message(mail(f"{OWN}\n\n{quote}"))
    assert reading.text == OWN


# ---------------------------------------------------------------------------
# 5. Mail programs' own lines: <sent> <from> [<my>] <device or app>, <get> <app>
# ---------------------------------------------------------------------------

CLIENT_LINES = [
    "Sendt med Spark", "Sendt fra min Fairphone", "Sendt fra min Huawei-telefon", "Sendt fra min ZTE Blade",
    "Hentet fra Outlook til iOS<https://aka.ms/o0ukef>", "Hent Outlook til Android", "Få Outlook til iOS",
    "Skickat från min iPhone", "Skickat från Outlook för Android", "Sendt fra min Samsung Galaxy-smartphone.",
    "Von meinem iPhone gesendet", "Gesendet von meinem Tablet mit Samsung Email", "Holen Sie sich Outlook für iOS",
    "Diese Nachricht wurde von meinem Android-Mobiltelefon mit GMX Mail gesendet.",
    "Sent from Mail for Windows", "Sent from my Huawei phone", "Sent with Spark", "Get Outlook for Android",
    "Sent from Yahoo Mail for iPhone", "Sendt fra Yahoo Mail på Android",
]


@pytest.mark.parametrize("line", CLIENT_LINES)
def test_a_mail_programs_line_is_not_own_words(line):
    assert read_message(mail(f"{OWN}\n\n{line}\n")).text == OWN


@pytest.mark.parametrize("line", ["Sendt med posten i går", "Få Outlook til at virke, så svarer jeg",
                                  "Send med min bror, han padler også", "Jeg har sendt det fra min computer",
                                  "Sendt til Apple i går"])
def test_everyday_lines_with_the_same_words_are_kept(line):
    assert read_message(mail(f"{OWN}\n\n{line}\n")).text == f"{OWN}\n\n{line}"


# ---------------------------------------------------------------------------
# 6. Closings and the sender's own name
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("closing", ["Med solrig hilsen\nSixten", "Maritime hilsner fra Svanesøen",
                                     "Med vänliga hälsningar\nSixten Ravnborg", "Viele Grüße aus Kiel",
                                     "Kind regards,\nSixten", "Vennlig hilsen\nSixten R.\nKajakklubben Lommen"])
def test_closings_with_any_adjective_in_five_languages(closing):
    assert read_message(mail(f"{OWN}\n\n{closing}\n")).text == OWN


@pytest.mark.parametrize("answer", ["Ja tak", "Nej tak", "Ja tak\nSixten"])
def test_ja_tak_and_nej_tak_are_answers_not_closings(answer):
    assert read_message(mail(answer)).text == answer.split("\n")[0]


@pytest.mark.parametrize("sender, body, text", [
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"{OWN}\n\nSixten", OWN),
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"{OWN}\n\nSixten Ravnborg", OWN),
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"{OWN}\n- S. Ravnborg", OWN),
    ("sixten.ravnborg@ravnborg.example", f"{OWN}\n\nSixten", OWN),
    ("Sixten Ravnborg <sixten@ravnborg.example>", "Sixten", ""),
    ("Sixten Ravnborg <sixten@ravnborg.example>",
     f"{OWN}\n\nSixten Ravnborg\nFormand, Kajakklubben Lommen\nTlf. 31 41 59 26\nwww.lommen.example", OWN),
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"Sixten Ravnborg\n{OWN}", f"Sixten Ravnborg\n{OWN}"),
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"{OWN}\n\nSixten\nkommer kl. 15", f"{OWN}\n\nSixten\nkommer kl. 15"),
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"{OWN}\n\nElvira", f"{OWN}\n\nElvira"),
    ("Sixten Ravnborg <sixten@ravnborg.example>", f"{OWN}\n\nSixten padler", f"{OWN}\n\nSixten padler"),
    ("Ja Nej <janej@ravnborg.example>", "Ja", "Ja"),
])
def test_the_senders_own_name_and_contact_lines_under_it_are_a_signature(sender, body, text):
    assert read_message(mail(body, sender=sender)).text == text
