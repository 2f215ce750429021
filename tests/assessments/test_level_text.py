"""Levels read as text and made levels once per distinct text (assessments/fields.py), as LevelField reads them."""

from decimal import Decimal

import pytest

from assessments.fields import LevelField, level_text, levels_from_text
from assessments.models import IndicatorAssessment
from tests.factories import IndicatorAssessmentFactory


@pytest.mark.parametrize(
    ("text", "level"), [("3.00", 3), ("3", 3), ("0.00", 0), ("3.45", Decimal("3.45")), ("3.40", Decimal("3.4"))]
)
def test_a_text_is_the_level_the_field_reads(text, level):
    made = levels_from_text()(text)

    assert made == level
    assert type(made) is type(level)
    assert made == LevelField().from_db_value(Decimal(text), None, None)


def test_no_level_is_none():
    assert levels_from_text()(None) is None


@pytest.mark.django_db
@pytest.mark.parametrize("stored", [Decimal("4"), Decimal("3.45")])
def test_the_database_text_reads_back_as_the_stored_level(stored):
    row = IndicatorAssessmentFactory(level=stored)

    text = IndicatorAssessment.objects.filter(pk=row.pk).annotate(text=level_text()).values_list("text", flat=True)[0]

    assert levels_from_text()(text) == IndicatorAssessment.objects.get(pk=row.pk).level
