"""The profile's index chart is drawn on the server too, so it shows at once and without JavaScript."""

import re

from django.urls import reverse

KUPANG = reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})


def svg_of(html: str) -> str:
    start = html.index('<svg class="index-svg"')
    return html[start : html.index("</svg>", start)]


def test_the_profile_carries_the_index_chart_as_svg_with_every_value(client, reference_data):
    svg = svg_of(client.get(KUPANG).content.decode())

    # Kabupaten Kupang (ANTARA, 29 Jul 2023): 1,60 against 2,13 in 2021, 1,85 against 3,86 in 2022.
    assert svg.count("<circle") == 2
    assert "2021: 1,60 (resmi)" in svg
    assert "2022: 1,85 (resmi)" in svg
    assert "2021: 2,13 (target)" in svg
    assert "2022: 3,86 (target)" in svg
    assert "<polyline" in svg
    for band in ("Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"):
        assert f">{band}</text>" in svg


def test_svg_coordinates_use_a_decimal_point_in_every_language(client, reference_data):
    client.get(reverse("switch_language", args=["id"]))
    svg = svg_of(client.get(KUPANG).content.decode())

    coordinates = re.findall(r' (?:cx|cy|x1|x2|y1|y2|y|height)="([^"]+)"', svg)
    assert coordinates
    assert all("," not in value for value in coordinates)


def test_higher_values_are_drawn_higher(client, reference_data):
    svg = svg_of(client.get(KUPANG).content.decode())

    ys = [float(y) for y in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', svg)]
    assert ys[1] < ys[0]  # 1,85 in 2022 sits above 1,60 in 2021 (SVG y grows downwards)


def test_a_regency_without_published_values_has_no_chart(client, reference_data):
    html = client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-sumba-barat"})).content.decode()

    assert "index-svg" not in html


def test_the_embed_carries_the_svg_too(client, reference_data):
    html = client.get(reverse("dashboard:embed", kwargs={"slug": "kabupaten-kupang"})).content.decode()

    assert "2022: 1,85 (resmi)" in svg_of(html)
