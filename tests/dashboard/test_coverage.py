"""How much of a year is known, said wherever the year is shown, and what a visitor can do when little is."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory, StaffUserFactory

HOME = reverse("dashboard:home")


def test_the_ranking_says_how_many_regencies_have_a_value(client, reference_data):
    response = client.get(HOME, {"tahun": 2024})

    assertContains(response, "<strong>nilai terpublikasi: 1 dari 22 kabupaten/kota</strong>", html=True)


def test_the_year_picker_shows_each_years_count(client, reference_data):
    response = client.get(HOME, {"tahun": 2024})

    assertContains(response, '<option value="2024" selected>2024 (1 dari 22 bernilai)</option>', html=True)
    for year in (2021, 2022, 2023):
        assertContains(response, f'<option value="{year}">{year} (2 dari 22 bernilai)</option>', html=True)


def test_a_year_with_few_values_points_to_a_fuller_year_and_the_method(client, reference_data):
    html = client.get(HOME, {"tahun": 2024}).content.decode()

    coverage = html[html.index('id="cakupan"') : html.index("</div>", html.index('id="cakupan"'))]
    assert "?tahun=2023#peringkat" in coverage
    assert f'href="{reverse("dashboard:method")}"' in coverage
    assert "bukan bernilai nol" in coverage


@pytest.mark.django_db
def test_a_year_where_most_regencies_have_a_value_gives_no_advice(client):
    framework = FrameworkFactory()
    for _ in range(3):
        ResultFactory(regency=RegencyFactory(), year=2023, framework=framework)

    response = client.get(HOME)

    assertContains(response, "nilai terpublikasi: 3 dari 3 kabupaten/kota")
    assertNotContains(response, "bukan bernilai nol")


def test_staff_see_which_regencies_lack_the_latest_result_and_where_it_comes_from(client, reference_data):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("dashboard:overview"))

    html = response.content.decode()
    section = html[html.index('id="belum-ada-hasil"') : html.index("Tertinggal dari target")]
    assert "Belum ada hasil resmi 2024" in section
    assert "nilai terpublikasi: 1 dari 22 kabupaten/kota" in section
    assert "keputusan Menteri PANRB tentang hasil evaluasi SPBE" in section
    assert section.count("<li>") == 21
    assert "Kabupaten Kupang" in section
    assert "Kabupaten Manggarai Barat" not in section
