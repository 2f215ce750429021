import re

from django.urls import reverse

from dashboard.maps import _svg_path, projected_map


def map_of(html: str) -> str:
    return html[html.index('<figure class="map">') : html.index("</figure>")]


def test_the_map_has_a_shape_for_each_of_the_22_regencies():
    shapes = projected_map().shapes

    assert len(shapes) == 22
    assert all(shape.path.startswith("M") for shape in shapes.values())


def absolute_points(path: str) -> list[list[tuple[int, int]]]:
    """The rings of a path of `M x y`, then relative `l` steps, each ring closed by z: each ring's points."""
    rings = []
    for ring in re.findall(r"M[^Mz]*", path):
        numbers = [int(number) for number in re.findall(r"-?[0-9]+", ring)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        rings.append(points)
    return rings


def test_a_ring_is_its_first_point_then_each_step_from_the_point_before():
    """A minus sign separates two numbers by itself; the repeated closing point is kept, as the outline has it."""
    square = [[[(0, 0), (10, 0), (10, -5), (3, -5), (0, 0)]]]

    assert _svg_path(square, project=lambda point: point) == "M0 0l10 0 0-5-7 0-3 5z"


def test_the_map_is_drawn_in_few_bytes_every_point_inside_its_frame():
    """The ranking opens with the map on a phone's data: absolute `L x y` pairs made its 22 outlines 24 KB of the
    page's 68."""
    shapes = projected_map()

    assert sum(len(shape.path) for shape in shapes.shapes.values()) < 16_000
    for shape in shapes.shapes.values():
        for ring in absolute_points(shape.path):
            assert len(ring) >= 3
            assert all(0 <= x <= shapes.width and 0 <= y <= shapes.height for x, y in ring), shape.name


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
