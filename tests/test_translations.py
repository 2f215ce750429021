"""The English catalogue is complete and the committed .mo is compiled from the committed .po.

A fresh machine needs no gettext: Django reads the .mo. These tests fail when a string was added to the .po
without a translation, left fuzzy, or when the .po changed and `manage.py compilemessages` was not run."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def po_entries() -> list[dict]:
    """(msgid, msgid_plural, msgstr…, flags) of every entry but the header; enough of the format for our file."""
    entries, entry, key = [], None, None
    for line in [*(CATALOGUE / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and entry.get("msgid"):
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": ""}
        if line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) (".*")$', line):
            key = match.group(1)
            entry[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    return entries


def test_every_message_has_an_english_translation_that_is_not_fuzzy():
    entries = po_entries()

    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not any(v for k, v in e.items() if k.startswith("msgstr"))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_po_file():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for entry in po_entries():
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            got = translations.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            expected = entry["msgstr[0]"]
        elif context:
            got, expected = translations.pgettext(context, entry["msgid"]), entry["msgstr"]
        else:
            got, expected = translations.gettext(entry["msgid"]), entry["msgstr"]
        assert got == expected, entry["msgid"]


def test_a_visitor_who_chose_english_reads_the_ranking_in_english(client, reference_data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse("dashboard:home"), {"tahun": 2022}).content.decode()

    assert '<html lang="en">' in html
    assert "no data" in html
    assert "belum ada data" not in html
    assert "Sign in" in html


def test_the_language_choice_is_kept_for_a_year_not_the_browser_session(client):
    response = client.get(reverse("switch_language", args=["en"]))

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["expires"]


# Words that only one of the two languages writes: one of them in the other language's interface is a leak.
INDONESIAN_WORDS = {
    "adalah", "atau", "belum", "bukan", "dalam", "dan", "dapat", "dari", "dengan", "halaman", "ini", "kategori",
    "lihat", "nilai", "oleh", "pada", "seperti", "setiap", "skala", "sudah", "sumber", "tahun", "tidak", "untuk",
    "wilayah", "yang",
}  # fmt: skip
ENGLISH_WORDS = {
    "and", "are", "article", "been", "from", "has", "have", "is", "not", "of", "page", "read", "results", "scale",
    "source", "the", "this", "title", "was", "which", "with", "year",
}  # fmt: skip
PUBLIC_PAGES = [
    "/",
    "/?tahun=2022",
    "/?indeks=ipp&tahun=2025",
    "/?indeks=rb",
    "/?indeks=kip",
    "/wilayah/kabupaten-kupang/",
    "/wilayah/kota-kupang/",
    "/wilayah/provinsi-nusa-tenggara-timur/",
    "/wilayah/kabupaten-kupang/embed/",
    "/metode/",
    "/bandingkan/",
    "/bandingkan/?wilayah=kabupaten-kupang&wilayah=kota-kupang",
]


class InterfaceText(HTMLParser):
    """The text a page writes in its own voice: everything but what sits in an element naming its language (data
    as its source wrote it: a title, a quote, a category; the other language's name in the switch), scripts,
    styles, the document's head, and a chart's tooltips (they repeat its table's data)."""

    SKIPPED = {"head", "script", "style", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        skipped = tag in self.SKIPPED or (tag != "html" and "lang" in dict(attrs))
        self.open.append((tag, skipped or bool(self.open and self.open[-1][1])))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.open and not self.open[-1][1]:
            # Addresses and query strings are no language: "?indeks=ipp&tahun=2025".
            text = re.sub(r"\S*(?:://|\?|=|/)\S*", " ", data)
            self.words += re.findall(r"[^\W\d_]+", text.lower())


def interface_words(html: str) -> list[str]:
    parser = InterfaceText()
    parser.feed(html)
    return parser.words


@pytest.mark.parametrize(("language", "foreign"), [("en", INDONESIAN_WORDS), ("id", ENGLISH_WORDS)])
def test_public_pages_speak_one_language_outside_their_data(client, reference_data, language, foreign):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    leaks = {}
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, path
        words = interface_words(html)
        found = sorted({word for word in words if word in foreign})
        if found:
            leaks[path] = found
    assert leaks == {}


def test_an_english_source_description_is_marked_and_explained_on_an_indonesian_page(client, reference_data):
    description = "timurtoday.id article on the PEKPPP 2025 results (title not read)"
    indonesian = client.get(reverse("dashboard:home"), {"indeks": "ipp", "tahun": 2025}).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("dashboard:home"), {"indeks": "ipp", "tahun": 2025}).content.decode()

    gloss = "keterangan penyusun data dalam bahasa Inggris: judul artikelnya tidak terbaca"
    assert f'<span lang="en">{description}</span> <span class="hint">({gloss})</span>' in indonesian
    assert f'<span lang="en">{description}</span>' in english
    assert gloss not in english
    assert '<span lang="id">Sangat Baik (A-)</span>' in english  # a category as its source writes it


def test_a_related_index_is_explained_in_the_pages_language(client, reference_data):
    profile = reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})
    indonesian = client.get(profile).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(profile).content.decode()

    assert "(skala 0–5, dengan kategori huruf)" in indonesian
    assert "(scale 0–5, with letter categories)" in english
    assert "This 0–5 scale is not the SPBE index scale" in english
    assert "Skala 0–5 ini bukan skala indeks SPBE" in indonesian
    assert '<span lang="id">Indeks Pelayanan Publik (PEKPPP, Kementerian PANRB)</span>' in english
