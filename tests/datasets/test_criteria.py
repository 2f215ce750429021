"""The level criteria, indicator notes and level names of shared/reference/criteria, loaded by the reference
loader: every row, idempotently, with their sources; nothing written where a copy has no text."""

import csv
import shutil

import pytest
from django.conf import settings

from assessments import publication
from assessments.models import Framework, Indicator, LevelCriterion, LevelName
from datasets.reference_data import ReferenceDataError, load_reference_data
from entry.selectors.structure import level_names_by_indicator

CRITERIA = settings.FIXTURES_DIR / "criteria"
SHARED = settings.BASE_DIR.parent / "shared" / "reference" / "criteria"


def criteria_of(code):
    return LevelCriterion.objects.filter(indicator__aspect__framework__code=code)


def test_the_fixtures_are_the_shared_copies_unchanged():
    if not SHARED.exists():
        pytest.skip("shared/reference is not beside this checkout")
    for path in SHARED.glob("*.csv"):
        assert (CRITERIA / path.name).read_bytes() == path.read_bytes(), path.name


def test_every_level_of_every_framework_is_loaded(reference_data):
    assert criteria_of("PermenPANRB-59-2020").count() == 235
    assert criteria_of("PermenPANRB-5-2018").count() == 210
    assert criteria_of("PermenPANRB-8-2026").count() == 100
    assert LevelName.objects.count() == 21
    assert reference_data.created["LevelCriterion"] == 545
    assert reference_data.created["LevelName"] == 21


def test_a_second_run_changes_nothing(reference_data):
    before = list(LevelCriterion.objects.order_by("pk").values())
    notes = list(Indicator.objects.order_by("pk").values())

    again = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert not again.changed
    assert again.unchanged["LevelCriterion"] == 545
    assert again.unchanged["LevelName"] == 21
    assert again.unchanged["Indicator notes"] == 102
    assert list(LevelCriterion.objects.order_by("pk").values()) == before
    assert list(Indicator.objects.order_by("pk").values()) == notes


def test_the_2018_framework_scores_from_level_0_and_2020_from_1(reference_data):
    level_0 = LevelCriterion.objects.get(
        indicator__aspect__framework__code="PermenPANRB-5-2018", indicator__number=1, level=0
    )

    assert level_0.criteria == "Tidak terdapat kebijakan internal terkait Tim Pengarah SPBE."
    assert level_0.fulfilment.startswith("Instansi Pusat/Pemerintah Daerah belum memiliki kebijakan internal")
    assert "tb_level" in level_0.source
    assert sorted(set(criteria_of("PermenPANRB-5-2018").values_list("level", flat=True))) == [0, 1, 2, 3, 4, 5]
    assert sorted(set(criteria_of("PermenPANRB-59-2020").values_list("level", flat=True))) == [1, 2, 3, 4, 5]


def test_criteria_evidence_fulfilment_source_and_note_are_kept_as_the_files_give_them(reference_data):
    rows = {
        (r["indicator_number"], r["level"]): r
        for r in csv.DictReader((CRITERIA / "spbe_level_criteria_2020.csv").open())
    }
    explanations = {
        (r["indicator_number"], r["level"]): r
        for r in csv.DictReader((CRITERIA / "spbe_level_explanations_2020.csv").open())
    }
    for criterion in criteria_of("PermenPANRB-59-2020").select_related("indicator"):
        key = (str(criterion.indicator.number), str(criterion.level))
        assert criterion.criteria == rows[key]["criteria"].strip()
        assert criterion.evidence_hint == rows[key]["evidence_hint"].strip()
        assert criterion.fulfilment == explanations[key]["fulfilment_explanation"].strip()
        assert criterion.source.startswith(rows[key]["source"].strip())
        assert explanations[key]["source"].strip() in criterion.source


def test_a_text_no_copy_has_stays_empty(reference_data):
    """SOURCES.md: 9.3 evidence_hint not found; the 2018 copies have no per-level evidence text."""
    gap = criteria_of("PermenPANRB-59-2020").get(indicator__number=9, level=3)

    assert gap.evidence_hint == ""
    assert gap.criteria != ""
    assert not criteria_of("PermenPANRB-5-2018").exclude(evidence_hint="").exists()


def test_indicator_notes_are_loaded_with_their_source(reference_data):
    first = Indicator.objects.get(aspect__framework__code="PermenPANRB-59-2020", number=1)
    old = Indicator.objects.get(aspect__framework__code="PermenPANRB-5-2018", number=1)

    assert first.explanation.startswith("a. Arsitektur SPBE adalah kerangka dasar")
    assert first.assessment_note.startswith("Penilaian dilakukan terhadap pengaturan/norma")
    assert first.evidence_note.startswith("Bukti dukung tingkat kematangan dilampirkan")
    assert "lembanoyoga/spbe" in first.notes_source
    assert old.assessment_note.startswith("Pertanyaan:")
    assert "putuokky" in old.notes_source
    # Every SPBE indicator has an explanation; no copy read gives one for a Pemdi indicator (it stays empty).
    assert not Indicator.objects.filter(aspect__framework__series__code="spbe", explanation="").exists()
    assert not Indicator.objects.filter(aspect__framework__series__code="pemdi").exclude(explanation="").exists()


@pytest.mark.parametrize(
    ("code", "number", "expected"),
    [
        (
            "PermenPANRB-59-2020",
            1,
            {1: "Rintisan", 2: "Terkelola", 3: "Terdefinisi", 4: "Terpadu dan Terukur", 5: "Optimum"},
        ),
        (
            "PermenPANRB-59-2020",
            31,
            {1: "Rintisan", 2: "Terkelola", 3: "Terdefinisi", 4: "Terpadu dan Terukur", 5: "Optimum"},
        ),
        (
            "PermenPANRB-59-2020",
            32,
            {1: "Informasi", 2: "Interaksi", 3: "Transaksi", 4: "Kolaborasi", 5: "Optimalisasi"},
        ),
        (
            "PermenPANRB-59-2020",
            47,
            {1: "Informasi", 2: "Interaksi", 3: "Transaksi", 4: "Kolaborasi", 5: "Optimalisasi"},
        ),
        ("PermenPANRB-5-2018", 1, {}),
    ],
)
def test_level_names_per_indicator_group(reference_data, code, number, expected):
    framework = Framework.objects.get(code=code)

    assert level_names_by_indicator(framework, [number]) == {number: expected}


def test_the_2018_level_names_are_empty_and_say_they_were_not_found(reference_data):
    names = LevelName.objects.filter(framework__code="PermenPANRB-5-2018")

    assert names.count() == 6
    assert set(names.values_list("name", flat=True)) == {""}
    assert all(name.note.startswith("not found") for name in names)
    assert (names.get(level=0).first_indicator, names.get(level=0).last_indicator) == (1, 35)


def test_a_criteria_row_outside_the_framework_scale_writes_nothing(tmp_path, db):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    path = fixtures / "criteria" / "spbe_level_criteria_2020.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n1,1,", "\n1,0,", 1), encoding="utf-8")

    with pytest.raises(ReferenceDataError, match="level 0 is outside"):
        load_reference_data(fixtures_dir=fixtures)

    assert not LevelCriterion.objects.exists()
    assert not Framework.objects.exists()


def test_a_level_name_or_criterion_the_loader_restores_makes_cached_public_pages_stale(reference_data):
    # The public method page shows level names; neither they nor criteria are models the publication version
    # follows, so the loader announces its own changes (a deployment that corrects a name shows it at once).
    LevelName.objects.filter(framework__code="PermenPANRB-59-2020", level=3).update(name="Nama lama")
    criteria_of("PermenPANRB-59-2020").filter(level=2).update(criteria="Teks lama")
    before = publication.current_version()

    report = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert report.updated["LevelName"] >= 1
    assert publication.current_version() == before + 1


def test_a_run_that_changes_nothing_keeps_the_publication_version(reference_data):
    before = publication.current_version()

    load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert publication.current_version() == before
