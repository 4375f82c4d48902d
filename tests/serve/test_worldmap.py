"""The offline world outline: every point on the canvas, and places land where they are."""

from __future__ import annotations

import pytest

from newsdesk.serve import worldmap


@pytest.mark.parametrize("name", sorted(worldmap.LAND) + sorted(worldmap.WATER))
def test_outline_points_are_coordinates(name: str) -> None:
    outline = {**worldmap.LAND, **worldmap.WATER}[name]
    assert len(outline) >= 4
    for lon, lat in outline:
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        x, y = worldmap.project(lat, lon)
        assert 0 <= x <= worldmap.WIDTH and 0 <= y <= worldmap.HEIGHT


def inside(point: tuple[float, float], outline: worldmap.Outline) -> bool:
    """Ray casting on (lon, lat): is the point inside the polygon?"""
    lon, lat = point
    found = False
    for (x1, y1), (x2, y2) in zip(outline, outline[1:] + outline[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


@pytest.mark.parametrize(
    ("city", "lon", "lat", "land"),
    [
        ("Kyiv", 30.52, 50.45, "Eurasia"),
        ("Paris", 2.35, 48.85, "Eurasia"),
        ("Beijing", 116.4, 39.9, "Eurasia"),
        ("Nairobi", 36.8, -1.3, "Africa"),
        ("Austin", -97.7, 30.3, "North America"),
        ("Sao Paulo", -46.6, -23.5, "South America"),
        ("Sydney", 151.0, -33.8, "Australia"),
        ("London", -0.1, 51.5, "Great Britain"),
        ("Tokyo", 139.7, 35.7, "Honshu"),
    ],
)
def test_cities_fall_on_their_land(city: str, lon: float, lat: float, land: str) -> None:
    assert inside((lon, lat), worldmap.LAND[land]), city


@pytest.mark.parametrize(("sea", "lon", "lat"), [("Black Sea", 34.0, 43.0)])
def test_seas_are_drawn_over_the_land(sea: str, lon: float, lat: float) -> None:
    assert inside((lon, lat), worldmap.WATER[sea])
    assert inside((lon, lat), worldmap.LAND["Eurasia"])


@pytest.mark.parametrize(("lon", "lat"), [(-30.0, 40.0), (-150.0, 0.0), (80.0, -20.0)])
def test_oceans_are_not_land(lon: float, lat: float) -> None:
    assert not any(inside((lon, lat), outline) for outline in worldmap.LAND.values())
