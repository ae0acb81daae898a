"""The one record a gazetteer lookup returns, shared by the index and the curated supplement."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to.

    `id` is what the extraction record carries: `geonames:ID` for GeoNames places,
    `admin1:CC.CODE` for first-level divisions without a GeoNames id here, or the supplement's
    own id (`sitroom:...`, `user:...`). `precision` is set only where a curated entry overrides
    the default for its feature (a single peak is a mountain of precision 1, a range is 3).
    """

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    geonameid: int | None = None
    curated: bool = False
    precision: int | None = None
