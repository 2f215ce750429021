"""The trend mark in the ranking says what the numbers beside it say."""

from django.urls import reverse

from tests.dashboard.test_home import row_of

HOME = reverse("dashboard:home")


def test_a_rise_too_slow_for_the_target_is_not_called_stagnating(client, reference_data):
    # Kabupaten Kupang 2022: 1,60 → 1,85 (+0,25) against 3,86, which needed +2,01 in that year.
    kupang = row_of(client.get(HOME, {"tahun": 2022}).content.decode(), "Kabupaten Kupang")

    assert "+0,25" in kupang
    assert "naik terlalu lambat" in kupang
    assert "stagnan" not in kupang


def test_a_year_without_a_value_has_no_trend_mark(client, reference_data):
    # 2024: Manggarai Barat has a value, Kabupaten Kupang none; its 2021–2022 results say nothing about 2024.
    kupang = row_of(client.get(HOME, {"tahun": 2024}).content.decode(), "Kabupaten Kupang")

    assert "belum ada data" in kupang
    assert 'class="trend' not in kupang


def test_the_legend_names_the_new_word(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    assert "naik terlalu lambat" in html[html.index("legend-details") :]


def test_the_method_page_explains_it_in_both_languages(client, reference_data):
    assert "naik terlalu lambat" in client.get(reverse("dashboard:method")).content.decode()
    client.get(reverse("switch_language", args=["en"]))
    assert "rising too slowly" in client.get(reverse("dashboard:method")).content.decode()
