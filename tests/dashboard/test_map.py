import re

from django.urls import reverse

from dashboard.maps import projected_map


def map_of(html: str) -> str:
    return html[html.index('<figure class="map">') : html.index("</figure>")]


def test_the_map_has_a_shape_for_each_of_the_22_regencies():
    shapes = projected_map().shapes

    assert len(shapes) == 22
    assert all(shape.path.startswith("M") for shape in shapes.values())


def test_each_shape_links_to_its_regency_page_with_a_tooltip(client, reference_data):
    svg = map_of(client.get(reverse("dashboard:home"), {"tahun": 2022}).content.decode())

    assert svg.count('class="map-area"') == 22
    assert '<a href="/wilayah/kabupaten-kupang/" class="map-area"><title>Kabupaten Kupang: 1,85 (Cukup)</title>' in svg
    assert "<title>Kabupaten Ende: tidak dievaluasi</title>" in svg
    assert "<title>Kabupaten Alor: belum ada data</title>" in svg


def test_regencies_with_data_take_their_predikat_colour_and_the_others_are_hatched(client, reference_data):
    svg = map_of(client.get(reverse("dashboard:home"), {"tahun": 2022}).content.decode())

    fills = re.findall(r'fill="([^"]+)"></path>', svg)
    assert fills.count("#f9d38c") == 2
    assert fills.count("url(#map-no-data)") == 20


def test_the_map_legend_names_every_predikat_and_the_hatching(client, reference_data):
    svg = map_of(client.get(reverse("dashboard:home")).content.decode())

    for name in ("Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"):
        assert f"</span>{name}</li>" in svg
    assert "belum ada data atau tidak dievaluasi" in svg
