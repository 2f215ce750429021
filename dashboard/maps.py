"""The choropleth of the ranking page, drawn on the server as inline SVG: no JavaScript, no tile server.

The GeoJSON is read and projected once per process; a page only chooses colours and links.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

GEOJSON_PATH = Path(__file__).resolve().parent / "data" / "ntt_regencies.geojson"
# Width of the SVG coordinate space; at NTT's extent one unit is about 700 m, finer than the geometry itself.
MAP_WIDTH = 1000


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class ProjectedMap:
    width: int
    height: int
    shapes: dict[str, Shape]


@dataclass(frozen=True)
class MapArea:
    """One regency on the map as a page shows it: fill None means no data (drawn hatched)."""

    code: str
    path: str
    url: str
    title: str
    fill: str | None


@lru_cache(maxsize=1)
def projected_map() -> ProjectedMap:
    """Equirectangular projection scaled by the cosine of the mean latitude: at 8–11° S the distortion of a
    plain projection is small, and it keeps the file free of any GIS dependency."""
    features = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))["features"]
    polygons = {feature["properties"]["kemendagri_code"]: _polygons(feature["geometry"]) for feature in features}
    points = [point for shapes in polygons.values() for polygon in shapes for ring in polygon for point in ring]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    x_scale = math.cos(math.radians((min_y + max_y) / 2))
    scale = MAP_WIDTH / ((max_x - min_x) * x_scale)
    height = round((max_y - min_y) * scale)

    def project(point):
        return round((point[0] - min_x) * x_scale * scale), round((max_y - point[1]) * scale)

    shapes = {}
    for feature in features:
        code = feature["properties"]["kemendagri_code"]
        shapes[code] = Shape(
            code=code, name=feature["properties"]["name"], path=_svg_path(polygons[code], project=project)
        )
    return ProjectedMap(width=MAP_WIDTH, height=height, shapes=shapes)


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _svg_path(polygons: list, *, project) -> str:
    """Each ring as its first point, then each step from the point before (`l`, written once: the numbers after it
    repeat it, and a minus sign separates two numbers by itself). The same points as absolute `L x y` pairs, in
    about 40 % fewer bytes: the outlines are most of the ranking page's weight on a phone."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            projected = []
            for point in ring:
                xy = project(point)
                if not projected or projected[-1] != xy:
                    projected.append(xy)
            # A speck that collapses to fewer than three distinct points cannot be seen at this scale.
            if len(set(projected)) < 3:
                continue
            steps = [number for (x, y), (next_x, next_y) in pairwise(projected) for number in (next_x - x, next_y - y)]
            numbers = "".join(f"{number}" if number < 0 or at == 0 else f" {number}" for at, number in enumerate(steps))
            parts.append(f"M{projected[0][0]} {projected[0][1]}l{numbers}z")
    return "".join(parts)


def map_areas(*, colours: dict[str, str | None], titles: dict[str, str], urls: dict[str, str]) -> list[MapArea]:
    """The areas keyed by Kemendagri code, each with its fill (None: no data), tooltip and link."""
    return [
        MapArea(
            code=code,
            path=shape.path,
            url=urls.get(code, ""),
            title=titles.get(code, shape.name),
            fill=colours.get(code),
        )
        for code, shape in sorted(projected_map().shapes.items())
    ]
