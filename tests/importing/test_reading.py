"""Reading a CSV file of panelists (pure: bytes in, rows and rejected lines out)."""
from __future__ import annotations

from datetime import date

import pytest

from engagement.panel import importing
from engagement.panel.importing import read_panelists_csv

TODAY = date(2025, 6, 1)

HEADER_DA = "E-mail;Navn;Mobil;Fødselsår;Køn;Postnummer;Uddannelse;Bolig;Beskæftigelse;Sprog;Kanal"


def read(data: bytes):
    return read_panelists_csv(data, today=TODAY)


def reasons(parsed) -> dict[int, str]:
    return {line.line: line.reason for line in parsed.rejected}


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_reads_rows_with_either_delimiter(csv_bytes, delimiter):
    data = csv_bytes(["email;navn;postnummer", "anna@example.dk;Anna Hansen;5000",
                      "bo@example.dk;Bo Jensen;5200"], delimiter=delimiter)
    parsed = read(data)
    assert parsed.delimiter == delimiter
    assert [(row.line, row.email, row.name, row.postcode) for row in parsed.rows] == [
        (2, "anna@example.dk", "Anna Hansen", "5000"), (3, "bo@example.dk", "Bo Jensen", "5200")]
    assert parsed.rejected == []


def test_windows_1252_with_danish_labels_and_letters(csv_bytes):
    data = csv_bytes([HEADER_DA,
                      "søren.ærø@example.dk;Søren Ærø Åberg;20 12 34 56;1961;Mand;5000;"
                      "Lang videregående uddannelse;Andelsbolig;Pensionist eller efterlønner;dansk;Både e-mail og SMS",
                      "ase@example.dk;Åse Øster;;1990;Kvinde;5200;Erhvervsfaglig uddannelse;Privat lejebolig;"
                      "I arbejde;;"], encoding="cp1252")
    assert b"\xf8" in data  # really Windows-1252, not UTF-8
    parsed = read(data)
    assert parsed.encoding == "cp1252"
    assert parsed.rejected == []
    first, second = parsed.rows
    assert (first.email, first.name, first.phone) == ("søren.ærø@example.dk", "Søren Ærø Åberg", "+4520123456")
    assert (first.birth_year, first.gender, first.education, first.housing, first.employment) == (
        1961, "male", "lvu", "andel", "pensionist")
    assert (first.language, first.channel) == ("da", "both")
    assert (second.name, second.gender, second.education, second.housing, second.channel) == (
        "Åse Øster", "female", "erhvervsfaglig", "privat-leje", "email")


def test_utf8_with_bom_and_english_headers_in_any_case(csv_bytes):
    data = csv_bytes(["EMAIL,Name,PHONE,Birth_Year,gender,PostCode,Language,Channel",
                      "ib@example.dk,Ib Ørsted,+4530123456,1985,female,8000,en,sms"], delimiter=",", bom=True)
    parsed = read(data)
    assert parsed.encoding == "utf-8-sig"
    assert parsed.columns["email"] == "EMAIL"  # the BOM is not part of the first column's name
    row, = parsed.rows
    assert (row.name, row.phone, row.birth_year, row.gender, row.postcode, row.language, row.channel) == (
        "Ib Ørsted", "+4530123456", 1985, "female", "8000", "en", "sms")


def test_bad_rows_are_rejected_with_line_numbers_and_reasons(csv_bytes):
    data = csv_bytes([
        "email;navn;mobil;fødselsår;køn;postnummer;uddannelse;kanal",
        "god@example.dk;God;;1980;Kvinde;5000;lvu;",             # 2 ok
        "ikke-en-mail;Dårlig;;1980;;;;",                        # 3 bad email
        "",                                                     # 4 blank: skipped, still counted
        ";Uden mail;;;;;;",                                     # 5 no email
        "aar@example.dk;År;;19x0;;;;",                          # 6 bad birth year
        "ung@example.dk;Ung;;2020;;;;",                         # 7 too young
        "koen@example.dk;Køn;;;hest;;;",                        # 8 unknown gender
        "post@example.dk;Post;;;;12;;",                         # 9 bad postcode
        "sms@example.dk;Sms;;;;;;sms",                          # 10 sms without a phone
        "tlf@example.dk;Tlf;12345678;;;;;",                     # 11 not a valid number
        "udd@example.dk;Udd;;;;;Hattemager;",                   # 12 unknown education
        "mange@example.dk;Mange;;;;;;;ekstra",                  # 13 more fields than the header
        "flere@example.dk;Flere;;1800;hest;;;",                 # 14 two problems
        "\"citat@example.dk\";\"To\nlinjer\";;;;;;",            # 15-16 a quoted field over two lines
        "sidst@example.dk;Sidst;;;;;;",                         # 17 ok: line numbers follow the file
    ])
    parsed = read(data)
    assert [row.line for row in parsed.rows] == [2, 15, 17]
    assert parsed.rows[1].name == "To linjer"
    found = reasons(parsed)
    assert sorted(found) == [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    assert found[3] == "E-mail »ikke-en-mail« ser ikke rigtig ud."
    assert found[5] == "Mangler e-mail."
    assert found[6] == "Fødselsår »19x0« ser ikke rigtig ud."
    assert found[7] == "Fødselsår »2020« ser ikke rigtig ud."
    assert found[8] == "Køn »hest« kendes ikke."
    assert found[9] == "Postnummer »12« ser ikke rigtig ud."
    assert found[10] == "Kanalen er SMS, men der er intet mobilnummer."
    assert found[11] == "Mobil »12345678« ser ikke rigtig ud."
    assert found[12] == "Uddannelse »Hattemager« kendes ikke."
    assert found[13].startswith("Linjen har 9 felter, men overskriften har 8.")
    assert "Fødselsår »1800«" in found[14] and "Køn »hest«" in found[14]
    assert parsed.line_count == 14


def test_the_same_email_twice_in_a_file_rejects_the_second(csv_bytes):
    parsed = read(csv_bytes(["email;navn", "anna@example.dk;Anna", "bo@example.dk;Bo",
                             "ANNA@Example.DK;Anna igen", "anna@example.dk;Anna tredje gang"]))
    assert [row.name for row in parsed.rows] == ["Anna", "Bo"]
    assert reasons(parsed) == {4: "Samme e-mail som linje 2.", 5: "Samme e-mail som linje 2."}


@pytest.mark.parametrize("raw, field, expected", [
    ("K", "gender", "female"), ("m", "gender", "male"), ("KVINDE", "gender", "female"),
    ("Vil ikke oplyse", "gender", None), ("-", "education", None),
    ("Mellemlang videregående uddannelse (inkl. bachelor)", "education", "mvu"),
    ("kvu", "education", "kvu"), ("Privat udlejning", "housing", "privat-leje"),
    ("Almen bolig", "housing", "almen"), ("Selvstændig", "employment", "selvstaendig"),
])
def test_values_as_codes_labels_and_common_spellings(csv_bytes, raw, field, expected):
    column = {"gender": "køn", "education": "uddannelse", "housing": "bolig", "employment": "beskæftigelse"}[field]
    parsed = read(csv_bytes([f"email;{column}", f"a@example.dk;{raw}"]))
    assert parsed.rejected == []
    assert getattr(parsed.rows[0], field) == expected


def test_unknown_columns_are_ignored_and_named(csv_bytes):
    parsed = read(csv_bytes(["Email;CPR;Navn;Bemærkning", "a@example.dk;x;A;y"]))
    assert parsed.ignored_columns == ["CPR", "Bemærkning"]
    assert parsed.rows[0].name == "A"


def test_a_file_with_only_an_email_column(csv_bytes):
    parsed = read(csv_bytes(["e-mail", "a@example.dk", "b@example.dk"]))
    assert [row.email for row in parsed.rows] == ["a@example.dk", "b@example.dk"]


@pytest.mark.parametrize("data, error", [
    (b"", importing.EmptyFile),
    (b"  \r\n\r\n", importing.EmptyFile),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", importing.NotText),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", importing.SpreadsheetFile),
    (b"navn;postnummer\r\nAnna;5000\r\n", importing.NoEmailColumn),
    (b"email;navn\r\na@example.dk;\x81\x8d\x8f\r\n", importing.Undecodable),
    (b"email;navn\r\na@example.dk;Anna\x00\r\n", importing.NotText),
])
def test_unreadable_files(data, error):
    with pytest.raises(error) as raised:
        read(data)
    assert isinstance(raised.value, importing.UnreadableFile)
    assert str(raised.value.message)  # a Danish reason to show


def test_danish_labels_match_on_an_english_page(app, csv_bytes):
    with app.test_request_context("/?lang=en"):
        from flask_babel import get_locale
        assert str(get_locale()) == "en"
        parsed = read(csv_bytes(["email;køn;uddannelse", "a@example.dk;Kvinde;Lang videregående uddannelse"]))
    assert (parsed.rows[0].gender, parsed.rows[0].education) == ("female", "lvu")


TRICKY_EMAILS = [
    "Anna.Hansen@Example.DK", "anna..hansen@example.dk", ".anna@example.dk", "anna.@example.dk",
    "anna hansen@example.dk", '"anna hansen"@example.dk', "søren@example.dk", "anna@eksempel-ø.dk",
    "a" * 64 + "@example.dk", "a" * 65 + "@example.dk", "anna@localhost", "anna@example", "anna@test",
    "anna@@example.dk", "anna@example..dk", "anna@-example.dk", "a+b=c/d@example.dk", "anna@1.2.3.4",
    "x@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".dk",
]


@pytest.mark.parametrize("raw", TRICKY_EMAILS)
def test_emails_are_read_exactly_like_signup_reads_them(csv_bytes, raw):
    """The import remembers domains it has checked; the answer must not change because of that."""
    from engagement.panel.profile import InvalidField, normalize_email

    domain = raw.rpartition("@")[2]
    lines = ["email", f"first@{domain}", raw.replace('"', '""').join('""') if '"' in raw else raw]
    parsed = read(csv_bytes(lines))
    try:
        expected = normalize_email(raw)
    except InvalidField:
        expected = None
    found = [row.email for row in parsed.rows if row.line == 3]
    assert found == ([expected] if expected else [])
