"""A NUL character in what a browser sends never reaches PostgreSQL, which refuses it in a query (a 500): run
with DATABASE_URL pointing at PostgreSQL to see the difference."""

import pytest
from django.urls import reverse

from tests.entry_helpers import build_scenario, result_post

NUL = "\x00"


@pytest.fixture
def scenario(db):
    return build_scenario()


def test_a_posted_framework_with_a_nul_character_gets_the_form_back(client, scenario):
    client.force_login(scenario.admin)

    response = client.post(
        reverse("entry:result_create"), result_post(framework=f"{scenario.framework.code}{NUL}", value="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_status_flag_form_for_a_regency_code_with_a_nul_character_opens_empty(client, scenario):
    client.force_login(scenario.staff)

    response = client.get(reverse("entry:status_flag_create"), {"wilayah": f"53.01{NUL}"})

    assert response.status_code == 200
    assert response.context["form"]["regency"].value() is None
