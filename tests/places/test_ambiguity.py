"""How the resolver chooses between namesakes, on sentences written for these tests: the
article's first-level divisions break ties inside a country, and a name the text cannot
settle falls back to the unit its readings share instead of pinning one town."""

from __future__ import annotations

import pytest

from sitroom.model import Document, Place
from sitroom.pipeline import extract_one


def _places(text: str) -> dict[str, Place]:
    return {p.name: p for p in extract_one(Document(id="t", text=text)).places}


@pytest.mark.parametrize(
    "text",
    [
        "Police in Springfield, Illinois, arrested two men on Monday.",
        "The storm moved from Chicago to Springfield and Peoria overnight.",
    ],
)
def test_the_articles_own_division_picks_the_namesake(text: str) -> None:
    place = _places(text)["Springfield"]
    assert (place.country, place.admin1, place.precision) == ("US", "Illinois", 1)
    assert "article focus Illinois" in (place.reason or "")


def test_a_name_the_text_cannot_settle_is_reported_as_the_country() -> None:
    places = _places("Police in Springfield arrested two men on Monday.")
    assert "Springfield" not in places
    country = places["United States"]
    assert country.precision == 3
    assert "ambiguous" in (country.reason or "")
    assert "Springfield" in (country.reason or "")


def test_one_clear_reading_is_kept_as_the_town() -> None:
    place = _places("Shelling hit Homs on Monday.")["Homs"]
    assert (place.country, place.precision) == ("SY", 1)


def test_the_other_places_of_the_article_choose_the_country() -> None:
    places = _places("Clashes erupted in Tripoli, in northern Lebanon, near Akkar.")
    assert places["Tripoli"].country == "LB"
    libya = _places("Militias fought in Tripoli, and later near Misrata and Benghazi.")
    assert libya["Tripoli"].country == "LY"
