"""The data-and-method page: every public source, every framework's bands and structure, the trend thresholds
and the workflow, in Indonesian and in English, with a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments import trends
from assessments.models import Framework, PredikatBand, ReviewState, Source
from dashboard.selectors import public_sources
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorFactory,
    ResultFactory,
    SourceFactory,
    TargetFactory,
)

METHOD = reverse("dashboard:method")


def english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


@pytest.fixture(params=["id", "en"])
def method_html(request, client, reference_data):
    if request.param == "en":
        english(client)
    response = client.get(METHOD)
    assert response.status_code == 200
    return request.param, response.content.decode()


def test_method_page_is_public_and_linked_from_the_footer(client, reference_data):
    home = client.get(reverse("dashboard:home")).content.decode()

    footer = home[home.index('<footer class="site-footer">') :]
    assert f'<a href="{METHOD}">Data dan metode</a>' in footer


def test_method_page_lists_every_source_of_the_reference_data(method_html):
    _language, html = method_html

    sources = list(Source.objects.all())
    # the five of the first files, the provisional value's portal page and the six national_reference.csv cites
    assert len(sources) == 12
    for source in sources:
        assert escape(source.title) in html
        assert escape(source.publisher) in html
        assert f'datetime="{source.published_on:%Y-%m-%d}"' in html


def test_method_page_lists_every_band_of_every_framework(method_html):
    _language, html = method_html

    for band in PredikatBand.objects.select_related("framework"):
        assert f'<span class="badge" style="--band: {band.color}">{band.name}</span>' in html
    for framework in Framework.objects.all():
        assert escape(framework.name) in html


@pytest.mark.parametrize(
    ("language", "counts"), [("id", "4 domain, 8 aspek, 47 indikator"), ("en", "4 domains, 8 aspects, 47 indicators")]
)
def test_method_page_counts_the_2020_framework_from_the_database(client, reference_data, language, counts):
    if language == "en":
        english(client)

    html = client.get(METHOD).content.decode()

    assert counts in html


def test_method_page_states_the_trend_thresholds_from_the_trend_code(method_html):
    language, html = method_html
    on_track = f"{(trends.ON_TRACK_SHARE * 100).normalize():f}"
    moderate = f"{(trends.MODERATE_SHARE * 100).normalize():f}"

    if language == "id":
        assert f"paling sedikit {on_track}% dari kebutuhan: sesuai jalur" in html
        assert f"paling sedikit {moderate}% dari kebutuhan: naik sedang" in html
    else:
        assert f"at least {on_track}% of what is needed: on track" in html
        assert f"at least {moderate}% of what is needed: moderate progress" in html


def test_method_page_follows_the_thresholds_when_they_change(client, reference_data, monkeypatch):
    monkeypatch.setattr(trends, "MODERATE_SHARE", Decimal("0.4"))

    html = client.get(METHOD).content.decode()

    assert "paling sedikit 40% dari kebutuhan: naik sedang" in html


def test_method_page_explains_the_workflow_and_the_missing_values(method_html):
    language, html = method_html

    if language == "id":
        for words in ("Draf", "Diajukan", "Terverifikasi", "Dikembalikan", "belum ada data", "tidak dievaluasi"):
            assert words in html
        assert '<html lang="id">' in html
        assert "<h1>Data dan metode</h1>" in html
    else:
        for words in ("Draft", "Submitted", "Verified", "Returned", "no data yet", "not evaluated"):
            assert words in html
        assert '<html lang="en">' in html
        assert "<h1>Data and method</h1>" in html


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED])
def test_a_source_cited_only_by_unpublished_entries_is_not_listed(client, reference_data, state):
    ResultFactory(source=SourceFactory(title="Dokumen Draf Rahasia"), state=state)
    TargetFactory(source=SourceFactory(title="Target Draf Rahasia"), state=state)

    html = client.get(METHOD).content.decode()

    assert "Rahasia" not in html


@pytest.mark.django_db
def test_public_sources_include_published_results_targets_and_flags_once_each():
    shared = SourceFactory()
    ResultFactory(source=shared)
    TargetFactory(source=shared)
    ResultFactory(source=shared, year=2021)

    assert public_sources() == [shared]


@pytest.mark.django_db
def test_method_page_runs_the_same_queries_whatever_the_data_size(client, django_assert_num_queries):
    def grow(count):
        for _ in range(count):
            framework = FrameworkFactory()
            for _domain in range(2):
                aspect = AspectFactory(domain=DomainFactory(framework=framework))
                IndicatorFactory(aspect=aspect)
                IndicatorFactory(aspect=aspect)
            ResultFactory(framework=framework)
            TargetFactory()

    grow(1)
    # Issue 22: and the national references with their sources (one).
    with django_assert_num_queries(7):
        client.get(METHOD)
    grow(5)
    with django_assert_num_queries(7):
        assert client.get(METHOD).status_code == 200


def test_method_page_names_the_copies_the_level_criteria_come_from(method_html):
    language, html = method_html

    for copy in ["dindarestika/SPBE", "putuokky/monev-spbe-dps", "lembanoyoga/spbe", "alfiyansys/eval-spbe"]:
        assert copy in html
    criteria = html[html.index('id="criteria-heading"') :]
    if language == "en":
        assert "Maturity levels 0 to 5: this framework scores from level 0" in criteria
        assert "Maturity levels 1 to 5. Criteria texts loaded: 235; without criteria text: 0; without " in criteria
        assert "without supporting-evidence text: 1;" in criteria
        assert "Indicators 1–35: no level names were found in any copy" in criteria
        assert "59/2020 indicator 9, level 3: no supporting-evidence text was found." in criteria
    else:
        assert "Tingkat kematangan 0 sampai 5: kerangka ini menilai mulai tingkat 0" in criteria
        assert "Teks kriteria dimuat: 210; tanpa teks kriteria: 0; tanpa teks bukti dukung: 210;" in criteria
        assert "Teks kriteria dimuat: 235; tanpa teks kriteria: 0; tanpa teks bukti dukung: 1;" in criteria
        assert "Indikator 1–35: nama tingkat tidak ditemukan dalam salinan mana pun" in criteria
        assert "59/2020 indikator 9, tingkat 3: teks bukti dukung tidak ditemukan." in criteria


def test_method_page_lists_the_level_names_of_each_indicator_run(method_html):
    language, html = method_html

    caption = "Level names, indicators" if language == "en" else "Nama tingkat, indikator"
    process = html.index(f"{caption} 1–31")
    service = html.index(f"{caption} 32–47")
    for level, name in enumerate(["Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum"], 1):
        assert f'<td class="num">{level}</td><th scope="row">{name}</th>' in html[process:service]
    for level, name in enumerate(["Informasi", "Interaksi", "Transaksi", "Kolaborasi", "Optimalisasi"], 1):
        assert f'<td class="num">{level}</td><th scope="row">{name}</th>' in html[service:]


def test_method_page_reads_the_pemdi_band_bounds_and_level_names_from_the_data(method_html):
    """The prose refers to the framework tables; the cut points and level names come from the bands' rows, so a
    corrected band file changes the page with no template edit."""
    _language, html = method_html
    pemdi = Framework.objects.get(code="PermenPANRB-8-2026")
    for band in pemdi.bands.all():
        assert escape(band.alias) in html
    assert "Kurang di bawah 1,50" not in html
    assert "Kurang below 1.50" not in html
