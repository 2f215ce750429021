"""The queue's compared values (issue 26 reads only the compared rows): each submission beside its regency's latest
published result of its kind up to its year, and the year's targets, whatever else the regency has published."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ResultKind, ReviewState
from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory, StaffUserFactory, TargetFactory


def queue_rows(html: str) -> dict[str, str]:
    """{the row's result address: the row}"""
    return {
        match.group(1): match.group(0)
        for match in re.finditer(r'<tr>\s*<th scope="row"><a href="([^"]+)">.*?</tr>', html, re.S)
    }


@pytest.mark.django_db
def test_each_submission_is_compared_with_its_own_latest_earlier_published_result(client):
    framework = FrameworkFactory(first_year=2018)
    regency = RegencyFactory()
    for year, value in ((2019, "1.10"), (2021, "1.30"), (2023, "1.50")):
        ResultFactory(regency=regency, year=year, framework=framework, value=Decimal(value))
    ResultFactory(
        regency=regency, year=2021, framework=framework, kind=ResultKind.SELF_ASSESSMENT, value=Decimal("3.30")
    )
    early = ResultFactory(
        regency=regency, year=2022, framework=framework, state=ReviewState.SUBMITTED, value=Decimal("2.20")
    )
    late = ResultFactory(
        regency=regency, year=2025, framework=framework, state=ReviewState.SUBMITTED, value=Decimal("2.50")
    )
    again = ResultFactory(
        regency=regency, year=2021, framework=framework, state=ReviewState.SUBMITTED, value=Decimal("1.40")
    )
    TargetFactory(regency=regency, year=2025, value=Decimal("2.70"))
    TargetFactory(regency=regency, year=2024, value=Decimal("2.60"))
    client.force_login(StaffUserFactory())

    rows = queue_rows(client.get(reverse("entry:queue")).content.decode())

    def row(result):
        return rows[reverse("entry:result_detail", args=[result.pk])]

    # Not 2023's value, nor the self-assessment's 3,30.
    assert '1,30 <span class="hint">(2021)</span>' in row(early)
    assert '1,50 <span class="hint">(2023)</span>' in row(late)
    assert "2,70" in row(late)  # its year's published target
    # The revision of 2021 beside 2021's value, which it changes.
    assert "1,30</td>" in row(again)
    assert "berubah" in row(again)
    assert "2,60" not in "".join(rows.values())  # a target of a year nobody submitted
