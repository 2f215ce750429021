"""Every column header says what its column holds: a screen reader reads it out for each cell."""

import re

from django.urls import reverse

from assessments.models import Result
from tests.factories import FollowUpFactory, StaffUserFactory

EMPTY_HEADER = re.compile(r"<th[^>]*>\s*</th>")


def test_the_result_page_with_follow_ups_has_no_empty_header_cell(client, reference_data):
    result = Result.objects.published().get(regency__slug="kabupaten-kupang", year=2022)
    FollowUpFactory(result=result)
    client.force_login(StaffUserFactory())

    html = client.get(reverse("entry:result_detail", args=[result.pk])).content.decode()

    assert "Rekomendasi uji" in html
    assert EMPTY_HEADER.findall(html) == []


def test_public_pages_have_no_empty_header_cell(client, reference_data):
    for url in (
        "/?tahun=2022",
        "/wilayah/kabupaten-kupang/",
        "/metode/",
        "/bandingkan/?wilayah=kabupaten-kupang&wilayah=kota-kupang",
    ):
        assert EMPTY_HEADER.findall(client.get(url).content.decode()) == [], url
