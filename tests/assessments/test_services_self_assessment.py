"""The self-assessment services: one indicator saved at a time with its own version, evidence files checked by
extension and content, and the submit that turns a complete workspace into the year's self-assessment Result.
Every refusal writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import scoring, services
from assessments.models import (
    EvidenceFile,
    IndicatorAssessment,
    Result,
    ResultKind,
    ReviewState,
)
from assessments.services.self_assessment import version_total
from entry.selectors.workspace import workspace
from tests.factories import ResultFactory
from tests.workspace_helpers import (
    JPEG_BYTES,
    PNG_BYTES,
    build_workspace,
    odt_bytes,
    office_bytes,
    self_rows,
    upload,
)


@pytest.fixture
def ws(db):
    return build_workspace()


def save(ws, number=1, *, level=3, explanation="Perbup 12/2023.", by=None, version=0, year=2023, uploads=()):
    indicators = ws.indicators if year >= 2021 else ws.old_indicators
    return services.save_indicator_assessment(
        regency=ws.regency,
        year=year,
        indicator=indicators[number - 1],
        level=level,
        explanation=explanation,
        by=by or ws.admin,
        version=version,
        uploads=uploads,
    )


def fill_all(ws, year=2023, levels=(3, 4, 2)):
    for number, level in enumerate(levels, 1):
        save(ws, number, level=level, year=year)


def test_a_first_save_creates_the_row_with_its_own_version(ws):
    row = save(ws)

    assert (row.level, row.explanation, row.version, row.stage) == (3, "Perbup 12/2023.", 1, "self")
    assert row.updated_by == ws.admin
    assert row.history.first().history_user == ws.admin


def test_a_save_names_the_version_it_read(ws):
    row = save(ws)

    again = save(ws, level=4, version=row.version)

    assert (again.pk, again.level, again.version) == (row.pk, 4, 2)


def test_a_stale_version_is_refused_with_the_row_as_it_stands(ws):
    row = save(ws)
    save(ws, level=4, version=row.version, by=ws.colleague)

    with pytest.raises(services.ConcurrentEdit) as conflict:
        save(ws, level=1, version=row.version)

    assert conflict.value.current.level == 4
    assert IndicatorAssessment.objects.get().level == 4


def test_a_first_save_after_someone_else_created_the_row_is_a_conflict(ws):
    save(ws, by=ws.colleague)

    with pytest.raises(services.ConcurrentEdit):
        save(ws, level=5, version=0)

    assert IndicatorAssessment.objects.get().level == 3


def test_two_people_on_different_indicators_never_overwrite_each_other(ws):
    save(ws, 1, level=2, version=0, by=ws.admin)
    save(ws, 2, level=5, version=0, by=ws.colleague)

    assert dict(self_rows(ws.regency, 2023).values_list("indicator__number", "level")) == {1: 2, 2: 5}


def test_another_regencys_admin_is_refused_and_nothing_is_written(ws):
    with pytest.raises(PermissionDenied):
        save(ws, by=ws.other_admin)

    assert not IndicatorAssessment.objects.exists()


def test_staff_may_save_for_any_regency(ws):
    assert save(ws, by=ws.staff).updated_by == ws.staff


def test_an_indicator_of_another_framework_is_refused(ws):
    with pytest.raises(ValidationError) as error:
        services.save_indicator_assessment(
            regency=ws.regency,
            year=2023,
            indicator=ws.old_indicators[0],
            level=3,
            explanation="",
            by=ws.admin,
            version=0,
        )

    assert "bukan bagian dari kerangka UJI-2020" in error.value.messages[0]
    assert not IndicatorAssessment.objects.exists()


def test_a_year_without_framework_is_refused(ws):
    with pytest.raises(ValidationError, match="Tidak ada kerangka evaluasi yang berlaku untuk tahun 2020"):
        save(ws, year=2020)


@pytest.mark.parametrize(
    ("year", "level", "accepted"),
    [(2019, 0, True), (2019, 5, True), (2023, 0, False), (2023, 1, True), (2023, 6, False), (2019, 6, False)],
)
def test_the_level_range_is_the_frameworks(ws, year, level, accepted):
    if accepted:
        assert save(ws, year=year, level=level).level == level
        return
    with pytest.raises(ValidationError) as error:
        save(ws, year=year, level=level)

    indicator = (ws.indicators if year >= 2021 else ws.old_indicators)[0]
    scale = "0 dan 5" if year == 2019 else "1 dan 5"
    expected = f"{indicator.aspect.framework.short_name}: Tingkat kematangan harus antara {scale}."
    assert expected in error.value.messages
    assert not IndicatorAssessment.objects.exists()


def test_a_level_can_be_left_open_and_saving_nothing_at_all_is_refused(ws):
    assert save(ws, level=None, explanation="Masih dikumpulkan.").level is None
    with pytest.raises(ValidationError, match="Pilih tingkat, tulis penjelasan atau lampirkan bukti"):
        save(ws, 2, level=None, explanation="  ")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("keputusan.pdf", None),
        ("layar.png", PNG_BYTES),
        ("foto.JPG", JPEG_BYTES),
        ("laporan.docx", office_bytes("word")),
        ("anggaran.xlsx", office_bytes("xl")),
        ("paparan.pptx", office_bytes("ppt")),
        ("notulen.odt", odt_bytes()),
    ],
)
def test_every_accepted_kind_of_evidence_is_stored_under_a_random_name(ws, media_root, name, content):
    row = save(ws, uploads=[upload(name, content) if content else upload(name)])

    evidence = row.evidence_files.get()
    assert evidence.original_name == name
    assert evidence.regency == ws.regency
    extension = name.rsplit(".", 1)[1].lower()
    assert evidence.file.name == f"evidence/{evidence.token.hex}.{extension}"
    assert (media_root / evidence.file.name).exists()


def test_several_files_are_kept_for_one_indicator(ws):
    row = save(ws, uploads=[upload("a.pdf"), upload("b.png", PNG_BYTES)])

    assert sorted(row.evidence_files.values_list("original_name", flat=True)) == ["a.pdf", "b.png"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "program.exe",
            b"MZ",
            "program.exe: jenis berkas tidak diterima; gunakan PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT.",
        ),
        ("palsu.pdf", PNG_BYTES, "palsu.pdf: isi berkas tidak sesuai dengan jenisnya (.pdf)."),
        ("palsu.docx", b"%PDF-1.4 bukan zip", "palsu.docx: isi berkas tidak sesuai dengan jenisnya (.docx)."),
        ("salah.xlsx", office_bytes("word"), "salah.xlsx: isi berkas tidak sesuai dengan jenisnya (.xlsx)."),
        ("kosong.pdf", b"", "kosong.pdf: berkas kosong."),
    ],
)
def test_a_refused_file_stores_nothing_and_saves_nothing(ws, media_root, name, content, message):
    with pytest.raises(ValidationError) as error:
        save(ws, uploads=[upload("baik.pdf"), upload(name, content)])

    assert error.value.message_dict["evidence"] == [message]
    assert not IndicatorAssessment.objects.exists()
    assert not EvidenceFile.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(ws, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024

    with pytest.raises(ValidationError) as error:
        save(ws, uploads=[upload("besar.pdf", b"%PDF-" + b"0" * (1024 * 1024))])

    assert error.value.message_dict["evidence"] == ["besar.pdf: berkas terlalu besar; paling besar 1 MB."]


def test_at_most_ten_files_per_indicator(ws):
    row = save(ws, uploads=[upload(f"{n}.pdf") for n in range(10)])

    with pytest.raises(ValidationError) as error:
        save(ws, version=row.version, uploads=[upload("11.pdf")])

    assert error.value.message_dict["evidence"] == ["Paling banyak 10 berkas bukti per indikator; sudah ada 10."]
    assert EvidenceFile.objects.count() == 10


def test_deleting_one_evidence_file_removes_it_after_commit(ws, media_root, django_capture_on_commit_callbacks):
    row = save(ws, uploads=[upload("a.pdf"), upload("b.pdf")])
    first = row.evidence_files.get(original_name="a.pdf")
    path = media_root / first.file.name
    read = row.version

    with django_capture_on_commit_callbacks(execute=True):
        after = services.delete_indicator_evidence(evidence=first, version=read, by=ws.admin)

    assert after.version == IndicatorAssessment.objects.get().version == read + 1
    assert list(row.evidence_files.values_list("original_name", flat=True)) == ["b.pdf"]
    assert not path.exists()


def test_deleting_with_a_stale_version_or_for_another_regency_is_refused(ws):
    row = save(ws, uploads=[upload("a.pdf")])
    evidence = row.evidence_files.get()
    save(ws, level=4, version=row.version, by=ws.colleague)

    with pytest.raises(services.ConcurrentEdit):
        services.delete_indicator_evidence(evidence=evidence, version=row.version, by=ws.admin)
    with pytest.raises(PermissionDenied):
        services.delete_indicator_evidence(evidence=evidence, version=row.version + 1, by=ws.other_admin)

    assert EvidenceFile.objects.count() == 1


def test_the_index_as_it_stands_is_marked_incomplete(ws):
    save(ws, 1, level=3)
    save(ws, 3, level=5)

    data = workspace(regency=ws.regency, year=2023, framework=ws.new)

    # (10 × 3 + 10 × 0 + 10 × 5) / 30 = 2,666… → 2,67; indicators 1–2 are domain 1, indicator 3 domain 2.
    assert data.breakdown.index == Decimal("2.67")
    assert (data.breakdown.filled, data.breakdown.total, data.breakdown.complete) == (2, 3, False)
    assert data.breakdown.domains == {1: Decimal("1.50"), 2: Decimal("5.00")}
    assert not data.can_submit


def test_submitting_an_incomplete_workspace_is_refused(ws):
    save(ws, 1, level=3)
    save(ws, 2, level=None, explanation="Belum.")

    with pytest.raises(ValidationError) as error:
        services.submit_self_assessment(
            regency=ws.regency, year=2023, seen_versions=version_total(self_rows(ws.regency, 2023)), by=ws.admin
        )

    assert error.value.messages == ["Semua 3 indikator harus diisi sebelum diajukan; belum diisi: 2."]
    assert not Result.objects.exists()


def submit(ws, year=2023, by=None):
    return services.submit_self_assessment(
        regency=ws.regency, year=year, seen_versions=version_total(self_rows(ws.regency, year)), by=by or ws.admin
    )


def test_submitting_a_complete_workspace_makes_and_submits_the_self_assessment_result(ws):
    fill_all(ws, levels=(3, 4, 2))

    result = submit(ws)

    expected = scoring.compute_scores(
        levels={1: 3, 2: 4, 3: 2}, indicators=ws.new.indicator_specs(), level_range=range(1, 6)
    )
    assert result.value == expected.index == Decimal("3.00")
    assert (result.kind, result.state, result.framework, result.submitted_by) == (
        ResultKind.SELF_ASSESSMENT,
        ReviewState.SUBMITTED,
        ws.new,
        ws.admin,
    )
    assert dict(IndicatorAssessment.objects.filter(result=result).values_list("indicator__number", "level")) == {
        1: 3,
        2: 4,
        3: 2,
    }


def test_a_2019_workspace_submits_level_0(ws):
    save(ws, 1, level=0, year=2019)
    save(ws, 2, level=2, year=2019)

    result = submit(ws, year=2019)

    assert result.value == Decimal("1.00")
    assert result.framework == ws.old
    assert sorted(result.indicator_levels.values_list("level", flat=True)) == [0, 2]


def test_the_workspace_is_read_only_while_it_awaits_review(ws):
    fill_all(ws)
    submit(ws)
    row = self_rows(ws.regency, 2023).get(indicator__number=1)

    with pytest.raises(services.WrongState, match="menunggu verifikasi"):
        save(ws, 1, level=5, version=row.version)
    with pytest.raises(services.WrongState, match="menunggu verifikasi"):
        submit(ws)

    assert self_rows(ws.regency, 2023).get(indicator__number=1).level == 3
    assert Result.objects.count() == 1


def test_a_submit_after_someone_changed_a_level_is_refused(ws):
    fill_all(ws)
    seen = version_total(self_rows(ws.regency, 2023))
    row = self_rows(ws.regency, 2023).get(indicator__number=2)
    save(ws, 2, level=1, version=row.version, by=ws.colleague)

    with pytest.raises(services.WrongState, match="berubah sejak Anda membuka"):
        services.submit_self_assessment(regency=ws.regency, year=2023, seen_versions=seen, by=ws.admin)

    assert not Result.objects.exists()


def test_a_submit_by_another_regencys_admin_is_refused(ws):
    fill_all(ws)

    with pytest.raises(PermissionDenied):
        submit(ws, by=ws.other_admin)

    assert not Result.objects.exists()


def test_a_return_opens_the_workspace_and_the_resubmit_updates_the_same_result(ws):
    fill_all(ws)
    result = submit(ws)
    services.return_result(result=result, version=result.version, by=ws.staff, comment="Lengkapi bukti 2.")
    row = self_rows(ws.regency, 2023).get(indicator__number=2)

    save(ws, 2, level=5, version=row.version)
    again = submit(ws)

    assert again.pk == result.pk
    assert again.state == ReviewState.SUBMITTED
    assert again.value == Decimal("3.33")
    assert Result.objects.count() == 1


def test_a_submit_after_verification_starts_a_revision_of_the_published_result(ws):
    published = ResultFactory(
        regency=ws.regency, year=2023, kind=ResultKind.SELF_ASSESSMENT, framework=ws.new, value=Decimal("2.00")
    )
    fill_all(ws)

    revision = submit(ws)

    assert revision.pk != published.pk
    assert revision.revises == published
    assert revision.state == ReviewState.SUBMITTED
