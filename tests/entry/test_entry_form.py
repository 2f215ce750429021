"""The entry form: each validation message next to its field, the preview, and nothing written on bad input."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments import scoring
from assessments.models import Framework, IndicatorAssessment, Result, ReviewState, Target
from regencies.models import Regency
from tests.entry_helpers import PDF_BYTES, result_post
from tests.factories import regency_admin

KUPANG = "53.01"


@pytest.fixture
def kupang_admin(client, reference_data):
    admin = regency_admin(Regency.objects.get(code=KUPANG))
    client.force_login(admin)
    return admin


@pytest.fixture
def framework(reference_data):
    return Framework.objects.get(code="PermenPANRB-59-2020")


def all_levels(level_of) -> dict[str, str]:
    return {f"level_{number}": str(level_of(number)) for number in range(1, 48)}


def post_create(client, **fields):
    regency = Regency.objects.get(code=KUPANG)
    return client.post(reverse("entry:result_create"), result_post(regency=str(regency.pk), **fields))


def error_next_to(html: str, field: str, message: str) -> bool:
    """The message is rendered right after the field's own input, inside the same field block."""
    start = html.find(f'id="id_{field}"')
    if start < 0:
        return False
    block_end = html.find("</div>", start)
    return message in html[start:block_end]


def test_value_outside_0_to_5_is_refused_next_to_the_field(client, kupang_admin):
    response = post_create(client, value="5,10")

    assert error_next_to(response.content.decode(), "value", "Nilai indeks harus antara 0 dan 5.")
    assert not Result.objects.filter(regency__code=KUPANG, year=2023).exists()


def test_value_with_more_than_two_decimals_is_refused(client, kupang_admin):
    response = post_create(client, value="2,455")

    assert error_next_to(response.content.decode(), "value", "Indeks paling banyak dua angka di belakang koma.")


def test_year_in_the_future_is_refused_for_a_result(client, kupang_admin):
    next_year = timezone.localdate().year + 1

    response = post_create(client, year=str(next_year))

    assert error_next_to(response.content.decode(), "year", "Tahun hasil evaluasi tidak boleh di masa depan.")


def test_year_outside_the_frameworks_years_is_refused(client, kupang_admin, framework):
    response = post_create(client, year="2019", framework=framework.code)

    # The message names the framework the year is evaluated with, and the one whose indicators the form shows.
    assert error_next_to(
        response.content.decode(),
        "year",
        "Tahun 2019 dinilai dengan PermenPANRB 5/2018, bukan PermenPANRB 59/2020 yang indikatornya ada di formulir "
        "ini; buka formulir tahun 2019.",
    )


def test_a_result_that_already_exists_for_the_regency_year_and_kind_is_refused(client, kupang_admin):
    response = post_create(client, year="2022")

    existing = Result.objects.get(regency__code=KUPANG, year=2022)
    assert error_next_to(
        response.content.decode(),
        "year",
        f'Hasil evaluasi resmi 2022 untuk Kabupaten Kupang sudah ada — <a href="/entri/hasil/{existing.pk}/">buka</a>',
    )
    assert Result.objects.filter(regency__code=KUPANG, year=2022).count() == 1


def test_an_indicator_level_outside_1_to_5_is_refused_next_to_it(client, kupang_admin):
    levels = all_levels(lambda number: 3)
    levels["level_12"] = "6"

    response = post_create(client, value="", **levels)

    assert error_next_to(response.content.decode(), "level_12", "Tingkat kematangan harus antara 1 dan 5.")
    assert not IndicatorAssessment.objects.exists()


def test_a_direct_index_that_disagrees_with_the_complete_levels_is_refused(client, kupang_admin):
    response = post_create(client, value="2,00", **all_levels(lambda number: 3))

    assert error_next_to(
        response.content.decode(),
        "value",
        "Indeks yang diisi (2,00) tidak sama dengan indeks dari tingkat indikator (3,00).",
    )


def test_an_incomplete_set_of_levels_is_refused_with_the_missing_numbers(client, kupang_admin):
    levels = all_levels(lambda number: 3)
    del levels["level_47"]
    del levels["level_5"]

    response = post_create(client, value="", **levels)

    assert "Isi tingkat semua 47 indikator" in response.content.decode()
    assert "Belum diisi: 5, 47." in response.content.decode()


def test_neither_value_nor_levels_asks_for_one_of_them(client, kupang_admin):
    response = post_create(client, value="")

    assert error_next_to(response.content.decode(), "value", "Isi indeks, atau isi tingkat semua indikator di bawah.")


def test_preview_shows_the_computed_index_and_domain_scores_without_saving(client, kupang_admin, framework):
    levels = {number: 2 if number <= 20 else 4 for number in range(1, 48)}
    expected = scoring.compute_scores(
        levels=levels, indicators=framework.indicator_specs(), level_range=framework.levels
    )

    response = post_create(client, value="", aksi="pratinjau", **{f"level_{n}": str(v) for n, v in levels.items()})

    html = response.content.decode()
    assert f'data-testid="computed-index">{expected.index:.2f}'.replace(".", ",") in html
    for score in expected.domains.values():
        assert f"{score:.2f}".replace(".", ",") in html
    assert not Result.objects.filter(regency__code=KUPANG, year=2023).exists()


def test_saving_levels_stores_them_and_the_computed_index_as_a_draft(client, kupang_admin, framework):
    response = post_create(client, value="", target="3,00", **all_levels(lambda number: 4))

    result = Result.objects.get(regency__code=KUPANG, year=2023)
    assert response.status_code == 302
    assert result.value == Decimal("4.00")
    assert result.state == ReviewState.DRAFT
    assert result.indicator_levels.count() == 47
    assert Target.objects.get(regency__code=KUPANG, year=2023).state == ReviewState.DRAFT


def test_a_direct_index_with_its_cited_decree_is_saved_with_the_source(client, kupang_admin):
    post_create(
        client,
        value="2,31",
        source_title="KepmenPANRB 1/2024",
        source_date="2024-01-31",
        source_publisher="Kementerian PANRB",
    )

    result = Result.objects.get(regency__code=KUPANG, year=2023)
    assert result.value == Decimal("2.31")
    assert result.source.title == "KepmenPANRB 1/2024"


def test_a_source_title_without_its_date_asks_for_the_date(client, kupang_admin):
    response = post_create(client, source_title="KepmenPANRB 1/2024")

    assert error_next_to(response.content.decode(), "source_date", "Isi tanggal sumber.")


def test_evidence_that_is_not_a_pdf_is_refused(client, kupang_admin):
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    regency = Regency.objects.get(code=KUPANG)

    response = client.post(reverse("entry:result_create"), {**result_post(regency=str(regency.pk)), "evidence": fake})

    assert error_next_to(response.content.decode(), "evidence", "Bukti dukung harus berkas PDF.")
    assert not Result.objects.filter(regency__code=KUPANG, year=2023).exists()


def test_evidence_larger_than_the_limit_is_refused(client, kupang_admin, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("bukti.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf")
    regency = Regency.objects.get(code=KUPANG)

    response = client.post(reverse("entry:result_create"), {**result_post(regency=str(regency.pk)), "evidence": big})

    assert error_next_to(response.content.decode(), "evidence", "Berkas terlalu besar; paling besar 1 MB.")


def test_a_pdf_is_kept_under_an_unguessable_name_and_served_only_to_its_regency(client, kupang_admin, tmp_path):
    pdf = SimpleUploadedFile("SK Bupati.pdf", PDF_BYTES, content_type="application/pdf")
    regency = Regency.objects.get(code=KUPANG)

    client.post(reverse("entry:result_create"), {**result_post(regency=str(regency.pk)), "evidence": pdf})

    evidence = Result.objects.get(regency__code=KUPANG, year=2023).evidence
    assert evidence.original_name == "SK Bupati.pdf"
    assert "SK" not in evidence.file.name
    assert len(evidence.file.name.split("/")[-1]) == len(evidence.token.hex) + len(".pdf")
    response = client.get(reverse("entry:evidence", kwargs={"token": evidence.token}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.logout()
    assert client.get(reverse("entry:evidence", kwargs={"token": evidence.token})).status_code == 302


def test_the_entry_form_runs_the_same_queries_whatever_the_number_of_results(
    client, kupang_admin, framework, django_assert_num_queries
):
    from tests.factories import ResultFactory

    with django_assert_num_queries(QUERIES_FOR_THE_FORM):
        client.get(reverse("entry:result_create"))
    for year in (2021, 2023, 2024):
        ResultFactory(regency=Regency.objects.get(code="53.02"), year=year, framework=framework)
    cache.clear()  # cold again, as the first: the framework's reference is read, not kept
    with django_assert_num_queries(QUERIES_FOR_THE_FORM):
        assert client.get(reverse("entry:result_create")).status_code == 200


# A fixed number: session, user, membership and its regency, staff group, frameworks, the regency choices, and
# the framework's reference read cold (the publication version, domains, aspects and indicators, level names,
# criteria and bands: seven queries, one once it is kept; entry/selectors/structure.py), and the sources on file
# once for each of the two source lists (the result's and the target's).
QUERIES_FOR_THE_FORM = 17


def test_not_evaluated_is_saved_without_a_value_never_zero(client, kupang_admin):
    post_create(
        client,
        value="",
        not_evaluated="on",
        source_title="Pos Kupang 22 Feb 2023",
        source_date="2023-02-22",
        source_publisher="Pos Kupang",
    )

    result = Result.objects.get(regency__code=KUPANG, year=2023)
    assert (result.evaluated, result.value) == (False, None)


def test_not_evaluated_with_a_value_is_refused(client, kupang_admin):
    response = post_create(client, value="2,00", not_evaluated="on")

    assert error_next_to(
        response.content.decode(), "value", "Kosongkan indeks dan tingkat indikator bila wilayah tidak dievaluasi."
    )


def test_levels_are_scored_against_the_framework_the_form_showed_when_frameworks_overlap(client, kupang_admin):
    from tests.factories import AspectFactory, DomainFactory, FrameworkFactory, IndicatorFactory

    # A second framework open from 2018 on, as an administrator might add before closing the old one's years.
    small = FrameworkFactory(first_year=2018)
    aspect = AspectFactory(domain=DomainFactory(framework=small, weight=Decimal("100")), weight=Decimal("100"))
    IndicatorFactory(aspect=aspect, number=1, weight=Decimal("100"))

    response = post_create(client, framework=small.code, year="2024", value="", level_1="4")

    assert response.status_code == 302
    result = Result.objects.get(regency__code=KUPANG, year=2024)
    assert result.framework == small
    assert result.value == Decimal("4.00")
