"""The review page of one regency and year: three stages side by side, scores and differences worked out by hand,
the per-indicator form, and recommendations tied to an indicator."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import AssessmentStage, FollowUp, IndicatorAssessment, ResultKind
from entry.selectors import indicator_review
from tests.entry_helpers import PDF_BYTES
from tests.factories import FollowUpFactory, IndicatorFactory, ResultFactory
from tests.indicator_review_data import OFFICIAL, PROVINCE, SELF, build_review_data, set_levels

pytestmark = pytest.mark.django_db
YEAR = 2023


@pytest.fixture
def data():
    built = build_review_data()
    set_levels(built, year=YEAR, stage=AssessmentStage.SELF, levels=SELF, explanation="Perbup sudah terbit.")
    set_levels(built, year=YEAR, stage=AssessmentStage.PROVINCE, levels=PROVINCE, explanation="Bukti kurang.")
    set_levels(built, year=YEAR, stage=AssessmentStage.OFFICIAL, levels=OFFICIAL)
    return built


def review_url(data, year=YEAR):
    return reverse("entry:indicator_review", kwargs={"slug": data.regency.slug, "year": year})


def edit_url(data, number, year=YEAR):
    return reverse("entry:indicator_review_edit", kwargs={"slug": data.regency.slug, "year": year, "number": number})


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_scores_and_differences_worked_out_by_hand(data):
    # Weights 10, 30 (domain 1) and 20, 40 (domain 2).
    # Self:     (10·3 + 30·4 + 20·2 + 40·3) / 100 = 310/100 = 3,10; domain 1 150/40 = 3,75; domain 2 160/60 = 2,67.
    # Province: (10·2 + 30·4 + 20·2 + 40·2) / 100 = 2,60; domain 1 140/40 = 3,50; domain 2 120/60 = 2,00.
    # Official: indicators 1 and 2 only: domain 1 (10·2 + 30·3)/40 = 2,75; domain 2 and the index incomplete.
    review = indicator_review.review(regency=data.regency, year=YEAR, framework=data.framework)

    overall = {score.stage: (score.value, score.filled) for score in review.overall.scores}
    assert overall == {"self": (Decimal("3.10"), 4), "province": (Decimal("2.60"), 4), "official": (None, 2)}
    (_d1, first), (_d2, second) = review.domains
    assert [score.value for score in first.scores] == [Decimal("3.75"), Decimal("3.50"), Decimal("2.75")]
    assert [score.value for score in second.scores] == [Decimal("2.67"), Decimal("2.00"), None]
    # Province − self: indicators 1 (2−3) and 4 (2−3) differ: two of four, −2 levels in all.
    # Official − self: 1 (2−3), 2 (3−4): two of two, −2. Official − province: 2 (3−4): one of two, −1.
    sums = [(item.compared, item.differing, item.total) for item in review.overall.differences]
    assert sums == [(4, 2, -2), (2, 2, -2), (2, 1, -1)]
    assert [(item.compared, item.differing, item.total) for item in first.differences] == [
        (2, 1, -1),
        (2, 2, -2),
        (2, 1, -1),
    ]
    assert [(item.compared, item.differing, item.total) for item in second.differences] == [
        (2, 1, -1),
        (0, 0, 0),
        (0, 0, 0),
    ]


def test_the_review_page_shows_the_three_stages_and_the_sums(client, data):
    client.force_login(data.staff)

    response = client.get(review_url(data))

    assert response.status_code == 200
    page = text(response)
    assert "Evaluasi mandiri 3,10 — Reviu provinsi 2,60 — Hasil resmi KemenPAN-RB belum lengkap 2/4" in page
    assert "Evaluasi mandiri 3,75 — Reviu provinsi 3,50 — Hasil resmi KemenPAN-RB 2,75" in page
    assert "Reviu provinsi − Evaluasi mandiri: 2 dari 4 indikator berbeda, jumlah selisih -2 tingkat" in page
    # A difference is marked and written, not shown by colour alone.
    assert "≠ Reviu provinsi − Evaluasi mandiri −1" in page
    assert "Perbup sudah terbit." in page
    assert "Bukti kurang." in page
    assert data.source.title in page


def test_the_review_page_links_the_evidence_of_the_self_assessment(client, data):
    row = IndicatorAssessment.objects.get(stage=AssessmentStage.SELF, indicator=data.indicators[1])
    upload = SimpleUploadedFile("perbup-spbe.pdf", PDF_BYTES, content_type="application/pdf")
    evidence = services.store_evidence(upload=upload, regency=data.regency, by=data.admin)
    evidence.indicator_assessment = row
    evidence.save()
    client.force_login(data.admin)

    response = client.get(review_url(data))

    assert f'href="{reverse("entry:evidence", args=[evidence.token])}">perbup-spbe.pdf</a>' in response.content.decode()


def test_the_regency_reads_what_came_back_but_not_another_regency(client, data):
    client.force_login(data.admin)
    page = client.get(review_url(data))
    assert page.status_code == 200
    assert "Tetapkan tingkat" not in text(page)

    client.force_login(data.other_admin)
    assert client.get(review_url(data)).status_code == 404


def test_a_year_without_framework_is_not_found(client, data):
    client.force_login(data.staff)
    assert client.get(review_url(data, year=2017)).status_code == 404


def test_the_review_page_runs_a_fixed_number_of_queries(client, data, django_assert_max_num_queries):
    client.force_login(data.staff)
    # Sixteen, and the publication version once: the framework's reference is read cold here, kept afterwards
    # (entry/selectors/structure.py).
    with django_assert_max_num_queries(17):
        assert client.get(review_url(data)).status_code == 200


def test_staff_set_the_province_level_through_the_form(client, data):
    client.force_login(data.staff)
    row = IndicatorAssessment.objects.get(stage=AssessmentStage.PROVINCE, indicator=data.indicators[3])

    response = client.post(
        edit_url(data, 3),
        {"form": "provinsi", "provinsi-level": "1", "provinsi-note": "Belum ada SOP.", "provinsi-version": row.version},
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#indikator-3")
    row.refresh_from_db()
    assert (row.level, row.explanation, row.updated_by) == (1, "Belum ada SOP.", data.staff)


def test_a_stale_form_gets_the_conflict_message_and_writes_nothing(client, data):
    client.force_login(data.staff)
    row = IndicatorAssessment.objects.get(stage=AssessmentStage.PROVINCE, indicator=data.indicators[3])
    post = {"form": "provinsi", "provinsi-level": "1", "provinsi-note": "", "provinsi-version": row.version}
    client.post(edit_url(data, 3), post)

    response = client.post(edit_url(data, 3), {**post, "provinsi-level": "5"})

    assert response.status_code == 409
    assert "sudah diubah oleh" in text(response)
    row.refresh_from_db()
    assert row.level == 1


def test_an_out_of_range_level_is_refused_by_the_form(client, data):
    client.force_login(data.staff)
    response = client.post(edit_url(data, 2), {"form": "provinsi", "provinsi-level": "7", "provinsi-version": "1"})
    assert response.status_code == 400
    assert "Tingkat kematangan harus antara 1 dan 5." in text(response)


def test_staff_enter_an_official_level_with_a_new_source(client, data):
    client.force_login(data.staff)

    response = client.post(
        edit_url(data, 4),
        {
            "form": "resmi",
            "resmi-level": "2",
            "resmi-source_title": "Hasil Evaluasi SPBE 2023 Kabupaten Uji",
            "resmi-source_publisher": "Kementerian PANRB",
            "resmi-source_kind": "decree",
            "resmi-source_reference": "B/12/2024",
            "resmi-source_date": "2024-02-01",
            "resmi-version": "0",
        },
    )

    assert response.status_code == 302
    row = IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL, indicator=data.indicators[4])
    assert (row.level, row.source.title, row.source.reference) == (
        2,
        "Hasil Evaluasi SPBE 2023 Kabupaten Uji",
        "B/12/2024",
    )


def test_an_official_level_without_source_or_with_a_future_date_is_refused(client, data):
    client.force_login(data.staff)
    before = list(IndicatorAssessment.objects.values())

    missing = client.post(edit_url(data, 4), {"form": "resmi", "resmi-level": "2", "resmi-version": "0"})
    future = client.post(
        edit_url(data, 4),
        {
            "form": "resmi",
            "resmi-level": "2",
            "resmi-source_title": "Besok",
            "resmi-source_publisher": "X",
            "resmi-source_kind": "decree",
            "resmi-source_date": "2999-01-01",
            "resmi-version": "0",
        },
    )

    assert missing.status_code == 400
    assert "Sebutkan judul sumber tingkat resmi ini, atau pilih sumber yang sudah ada." in text(missing)
    assert future.status_code == 400
    assert "Tanggal sumber tidak boleh di masa depan." in text(future)
    assert list(IndicatorAssessment.objects.values()) == before


def test_staff_pick_an_existing_source(client, data):
    client.force_login(data.staff)
    response = client.post(
        edit_url(data, 4),
        {"form": "resmi", "resmi-level": "3", "resmi-source_choice": data.source.pk, "resmi-version": "0"},
    )
    assert response.status_code == 302
    assert IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL, indicator=data.indicators[4]).source == (
        data.source
    )


def test_recommendations_tied_to_an_indicator(client, data):
    result = ResultFactory(regency=data.regency, year=YEAR, framework=data.framework, kind=ResultKind.OFFICIAL)
    FollowUpFactory(result=result)  # an existing follow-up without indicator stays valid
    client.force_login(data.staff)

    page = client.get(review_url(data)).content.decode()
    create = reverse("entry:follow_up_create", args=[result.pk])
    assert f'href="{create}?indikator=2"' in page
    form = client.get(f"{create}?indikator=2").content.decode()
    assert re.search(rf'<option value="{data.indicators[2].pk}" selected>2\. Indikator uji 2</option>', form)

    response = client.post(
        create,
        {"indicator": data.indicators[2].pk, "recommendation": "Tetapkan arsitektur SPBE.", "status": "planned"},
    )

    assert response.status_code == 302
    assert FollowUp.objects.get(indicator=data.indicators[2]).recommendation == "Tetapkan arsitektur SPBE."
    assert FollowUp.objects.filter(indicator__isnull=True).count() == 1
    assert "Tetapkan arsitektur SPBE." in text(client.get(edit_url(data, 2)))
    assert "Tetapkan arsitektur SPBE." in text(client.get(review_url(data)))


def test_an_indicator_of_another_framework_is_refused_for_a_follow_up(client, data):
    other = build_review_data()
    result = ResultFactory(regency=data.regency, year=YEAR, framework=data.framework)
    client.force_login(data.staff)

    response = client.post(
        reverse("entry:follow_up_create", args=[result.pk]),
        {"indicator": other.indicators[1].pk, "recommendation": "X.", "status": "planned"},
    )

    assert response.status_code == 200
    assert "Pilih indikator dari kerangka hasil ini." in text(response)
    assert not FollowUp.objects.exists()
    with pytest.raises(ValidationError):
        services.save_follow_up(
            result=result, by=data.staff, fields={"indicator": other.indicators[1], "recommendation": "X."}
        )
    assert not FollowUp.objects.exists()


def test_the_review_page_query_count_does_not_grow_with_indicators(client, data, django_assert_max_num_queries):
    result = ResultFactory(regency=data.regency, year=YEAR, framework=data.framework)
    aspect = data.indicators[4].aspect
    for number in range(5, 48):
        indicator = IndicatorFactory(aspect=aspect, number=number, weight=Decimal("1.00"))
        for stage in (AssessmentStage.SELF, AssessmentStage.PROVINCE):
            IndicatorAssessment.objects.create(
                regency=data.regency, year=YEAR, indicator=indicator, stage=stage, level=2, explanation="Catatan."
            )
        IndicatorAssessment.objects.create(
            regency=data.regency,
            year=YEAR,
            indicator=indicator,
            stage=AssessmentStage.OFFICIAL,
            level=1,
            source=data.source,
        )
        FollowUpFactory(result=result, indicator=indicator)
    client.force_login(data.staff)

    with django_assert_max_num_queries(17):  # as above, the framework's reference read cold
        response = client.get(review_url(data))

    assert response.content.decode().count('class="differs"') == 3 + 43


def test_a_review_row_has_its_levels_differences_and_links(client, data):
    # One row's cells and links as the page writes them (entry/views/indicator_review.py, _rows_writer).
    result = ResultFactory(regency=data.regency, year=YEAR, framework=data.framework)
    client.force_login(data.staff)

    html = client.get(review_url(data)).content.decode()

    row = html[html.index('<tr id="indikator-1"') :]
    row = row[: row.index("</tr>")]
    add = reverse("entry:follow_up_create", args=[result.pk]) + "?indikator=1"
    assert (
        f'<p class="row-actions"><a href="{edit_url(data, 1)}">Tetapkan tingkat<span class="visually-hidden"> '
        f'indikator 1</span></a> · <a href="{add}">tambah rekomendasi<span class="visually-hidden"> indikator 1'
        "</span></a></p>\n      </th>\n"
        '      <td class="num"><span class="level level-3">3</span></td>\n'
        '      <td class="num"><span class="level level-2">2</span></td>\n'
        '      <td class="num"><span class="level level-2">2</span></td>\n'
        '      <td><span class="delta"><span aria-hidden="true">≠ </span>Reviu provinsi − Evaluasi mandiri −1</span>'
        '<br><span class="delta"><span aria-hidden="true">≠ </span>Hasil resmi KemenPAN-RB − Evaluasi mandiri −1'
        "</span></td>\n"
    ) in row
    # Indicator 3 has no official level and the same self and province levels.
    row = html[html.index('<tr id="indikator-3"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="num"><span class="no-data">belum ada data</span></td>' in row
    assert '<td><span class="hint">sama atau belum dapat dibandingkan</span></td>' in row


def test_a_review_rows_details_are_escaped_and_complete(client, data):
    # The row's details: explanation with its line breaks, every evidence file, the province's
    # note, the official level's source and the recommendations with their state, all escaped.
    own = IndicatorAssessment.objects.get(stage=AssessmentStage.SELF, indicator=data.indicators[1])
    own.explanation = "Perbup <12>\nterbit & berlaku."
    own.save()
    for name in ("a.pdf", "b <c>.pdf"):
        upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
        evidence = services.store_evidence(upload=upload, regency=data.regency, by=data.admin)
        evidence.indicator_assessment = own
        evidence.save()
    result = ResultFactory(regency=data.regency, year=YEAR, framework=data.framework)
    item = FollowUpFactory(result=result, indicator=data.indicators[1], recommendation="Susun <peta> rencana.")
    client.force_login(data.staff)

    html = client.get(review_url(data)).content.decode()

    row = html[html.index('<tr id="indikator-1"') :]
    details = row[row.index("<details") : row.index("</details>")]
    files = {file.original_name: file.token for file in own.evidence_files.all()}
    source = data.source
    assert "<dd>Perbup &lt;12&gt;<br>terbit &amp; berlaku.</dd>" in details
    assert (
        f'<dd><a href="/entri/bukti/{files["a.pdf"]}/">a.pdf</a>, '
        f'<a href="/entri/bukti/{files["b <c>.pdf"]}/">b &lt;c&gt;.pdf</a></dd>'
    ) in details
    assert "<dt>Catatan reviu provinsi</dt><dd>Bukti kurang.</dd>" in details
    title = f'<a href="{source.url}" rel="noopener">{source.title}</a>' if source.url else source.title
    assert f"<dt>Sumber tingkat resmi</dt><dd>{title} ({source.publisher}, " in details
    edit = reverse("entry:follow_up_edit", args=[item.pk])
    assert f'<p>Susun &lt;peta&gt; rencana. <span class="hint">({item.get_status_display()}' in details
    assert f'<a href="{edit}">Ubah</a></p></dd>' in details
    # Indicator 3 has no official level: no source.
    row = html[html.index('<tr id="indikator-3"') :]
    assert '<dt>Sumber tingkat resmi</dt><dd><span class="no-data">belum ada data</span></dd>' in row
    assert '<dt>Bukti dukung</dt><dd><span class="no-data">belum ada</span></dd>' in row
