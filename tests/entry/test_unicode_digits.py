"""Numbers in the workspace's addresses are written with 0–9: str.isdigit() also takes "²" and "٣", and int()
then failed on "²" (a 500) or read "٣" as 3. And they are short: int() refuses a text of more than 4 300 digits
(a 500), and gunicorn lets addresses of 8 190 bytes through."""

import pytest
from django.urls import reverse

from tests.entry_helpers import build_scenario

NOT_NUMBERS = [
    pytest.param("²", id="superscript"),
    pytest.param("٣", id="arabic-indic"),
    pytest.param("３", id="fullwidth"),
    pytest.param("1" * 5000, id="5000-digits"),
]


@pytest.fixture
def scenario(db):
    return build_scenario()


@pytest.mark.parametrize("number", NOT_NUMBERS)
def test_a_follow_up_form_opened_for_an_indicator_written_in_other_digits_opens_without_one(client, scenario, number):
    client.force_login(scenario.staff)

    response = client.get(reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk}), {"indikator": number})

    assert response.status_code == 200
    assert response.context["form"]["indicator"].value() is None


@pytest.mark.parametrize("number", NOT_NUMBERS)
def test_the_province_view_reads_a_domain_or_page_in_other_digits_as_none_given(client, scenario, number):
    client.force_login(scenario.staff)
    address = reverse("entry:province_indicators", kwargs={"year": 2023})

    plain = client.get(address).context
    for name in ("domain", "aspek", "halaman"):
        response = client.get(address, {name: number})

        assert response.status_code == 200, name
        assert response.context["view"] == plain["view"], name
        assert response.context["page"].number == 1
