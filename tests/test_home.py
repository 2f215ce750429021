import pytest
from django.urls import reverse

from .factories import FrameworkFactory, RegencyFactory, ResultFactory, StatusFlagFactory, TargetFactory


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


def test_home_lists_every_regency_with_its_latest_published_value(client, reference_data):
    html = client.get(reverse("assessments:home")).content.decode()

    kupang = row_of(html, "Kabupaten Kupang")
    assert "1,85" in kupang
    assert "3,86" in kupang
    assert "Cukup" in kupang
    assert "2022" in kupang
    assert "Manggarai Barat" in html
    assert "3,47" in row_of(html, "Kabupaten Manggarai Barat")
    assert html.count("<tr") == 1 + 23


def test_home_shows_not_evaluated_and_no_data_never_zero(client, reference_data):
    html = client.get(reverse("assessments:home")).content.decode()

    assert "tidak dievaluasi" in row_of(html, "Kabupaten Ende")
    assert "belum ada data" in row_of(html, "Kabupaten Alor")
    assert "0,00" not in html


def test_home_shows_the_latest_flag_with_its_date(client, reference_data):
    html = client.get(reverse("assessments:home")).content.decode()

    assert "Sesuai penilaian pusat" in row_of(html, "Kota Kupang")
    assert "10 Feb 2025" in row_of(html, "Kota Kupang")
    assert "Masih menyesuaikan indikator pusat" in row_of(html, "Kabupaten Kupang")


def test_home_is_indonesian_whatever_the_browser_language(client, reference_data):
    html = client.get(reverse("assessments:home"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()

    assert '<html lang="id">' in html
    assert "1,85" in row_of(html, "Kabupaten Kupang")


def test_the_language_switch_gives_english_number_format(client, reference_data):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = client.get(reverse("assessments:home")).content.decode()

    assert '<html lang="en">' in html
    assert "1.85" in row_of(html, "Kabupaten Kupang")


@pytest.mark.django_db
def test_home_runs_the_same_queries_whatever_the_data_size(client, django_assert_num_queries):
    def grow(regency_count):
        framework = FrameworkFactory()
        for _ in range(regency_count):
            regency = RegencyFactory()
            for year in (2021, 2022, 2023):
                ResultFactory(regency=regency, year=year, framework=framework)
                TargetFactory(regency=regency, year=year)
            StatusFlagFactory(regency=regency)

    grow(2)
    with django_assert_num_queries(5):
        client.get(reverse("assessments:home"))
    grow(20)
    with django_assert_num_queries(5):
        assert client.get(reverse("assessments:home")).status_code == 200


def test_regency_page_lists_results_targets_flags_and_sources(client, reference_data):
    html = client.get(reverse("regencies:detail", kwargs={"slug": "kabupaten-kupang"})).content.decode()

    assert "<h1>Kabupaten Kupang</h1>" in html
    for value in ("1,60", "1,85", "2,13", "3,86"):
        assert value in html
    assert "ANTARA" in html
    assert "Masih menyesuaikan indikator pusat" in html


def test_unknown_regency_is_404(client, reference_data):
    assert client.get(reverse("regencies:detail", kwargs={"slug": "atlantis"})).status_code == 404


def test_regency_page_queries_are_fixed(client, reference_data, django_assert_num_queries):
    with django_assert_num_queries(5):
        client.get(reverse("regencies:detail", kwargs={"slug": "kabupaten-kupang"}))
