"""The planner's goal is a target of the plan's own index: an SPBE target is no goal for a Pemdi plan (issue 22)."""

from decimal import Decimal

import pytest

from entry.selectors.planner import planner_data
from tests.factories import AspectFactory, IndicatorFactory, TargetFactory
from tests.two_series import two_series

pytestmark = pytest.mark.django_db


def _pemdi_structure(framework):
    aspect = AspectFactory(framework=framework, domain=None, weight=Decimal("100.00"))
    IndicatorFactory(aspect=aspect, weight=Decimal("100.00"))


def test_a_target_of_another_index_is_no_goal_for_the_plan():
    data = two_series()
    _pemdi_structure(data.pemdi)
    TargetFactory(regency=data.regency, year=2026, framework=data.spbe, value=Decimal("3.00"))

    assert planner_data(regency=data.regency, year=2026, framework=data.pemdi).target is None


def test_a_target_of_the_plans_index_is_its_goal():
    data = two_series()
    _pemdi_structure(data.pemdi)
    target = TargetFactory(regency=data.regency, year=2026, framework=data.pemdi, value=Decimal("3.00"))

    assert planner_data(regency=data.regency, year=2026, framework=data.pemdi).target == target
