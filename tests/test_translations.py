"""The English catalogue is complete and the committed .mo is compiled from the committed .po.

A fresh machine needs no gettext: Django reads the .mo. These tests fail when a string was added to the .po
without a translation, left fuzzy, or when the .po changed and `manage.py compilemessages` was not run."""

import ast
import gettext
import re
from pathlib import Path

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
