"""`/entri/` shows what a person has to act on first and pages the rest (issue 26): a page of results and a page of
the self-assessment table's regencies, in a fixed number of queries whatever the number of regencies and years."""

import re

import pytest
from django.urls import reverse

from assessments.models import ReviewState
from entry.selectors.entry_list import REGENCIES_PER_PAGE, RESULTS_PER_PAGE
from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory, StaffUserFactory, regency_admin

LIST = reverse("entry:list")


def result_rows(html: str) -> list[str]:
    body = html[html.index('<table class="data entry-list">') :]
    body = body[: body.index("</table>")]
    return re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", body, re.S)


def workspace_rows(html: str) -> int:
    if '<table class="data compact workspaces">' not in html:
        return 0
    body = html[html.index('<table class="data compact workspaces">') :]
    return body[: body.index("</table>")].count('<tr><th scope="row">')


def grow(*, regencies: int, years: range, framework) -> list:
    made = [RegencyFactory() for _ in range(regencies)]
    for regency in made:
        for year in years:
            ResultFactory(regency=regency, year=year, framework=framework)
    return made


@pytest.mark.django_db
def test_staff_see_what_waits_for_them_first_then_the_rest_a_page_at_a_time(client):
    framework = FrameworkFactory(first_year=2018)
    regencies = grow(regencies=24, years=range(2021, 2024), framework=framework)
    waiting = ResultFactory(regency=regencies[-1], year=2019, framework=framework, state=ReviewState.SUBMITTED)
    returned = ResultFactory(regency=regencies[-2], year=2018, framework=framework, state=ReviewState.RETURNED)
    client.force_login(StaffUserFactory())

    html = client.get(LIST).content.decode()

    rows = result_rows(html)
    assert len(rows) == RESULTS_PER_PAGE
    assert reverse("entry:result_detail", args=[waiting.pk]) in rows[0]
    assert reverse("entry:result_detail", args=[returned.pk]) in rows[1]
    assert "1 dikembalikan, 0 draf, 1 menunggu verifikasi" in html
    assert "Halaman 1 dari 3" in html  # the results: 74 in pages of 25
    assert "Halaman 1 dari 2" in html  # the self-assessment table: 24 regencies in pages of 20
    assert workspace_rows(html) == REGENCIES_PER_PAGE

    last = client.get(LIST, {"halaman": "3", "halaman_wilayah": "2"}).content.decode()
    assert len(result_rows(last)) == 24 * 3 + 2 - 2 * RESULTS_PER_PAGE
    assert workspace_rows(last) == 24 - REGENCIES_PER_PAGE
    assert 'href="?halaman=2&amp;halaman_wilayah=2"' in last


@pytest.mark.django_db
def test_a_regency_admin_sees_returned_entries_then_drafts_first(client):
    admin = regency_admin()
    regency = admin.membership.regency
    framework = FrameworkFactory(first_year=2018)
    for year in range(2021, 2026):
        ResultFactory(regency=regency, year=year, framework=framework)
    waiting = ResultFactory(regency=regency, year=2020, framework=framework, state=ReviewState.SUBMITTED)
    draft = ResultFactory(regency=regency, year=2019, framework=framework, state=ReviewState.DRAFT)
    returned = ResultFactory(regency=regency, year=2018, framework=framework, state=ReviewState.RETURNED)
    client.force_login(admin)

    rows = result_rows(client.get(LIST).content.decode())

    firsts = [reverse("entry:result_detail", args=[record.pk]) for record in (returned, draft, waiting)]
    assert [next(url for url in firsts if url in row) for row in rows[:3]] == firsts


@pytest.mark.django_db
def test_a_page_number_out_of_range_or_not_a_number_shows_a_page_not_an_error(client):
    framework = FrameworkFactory(first_year=2018)
    grow(regencies=2, years=range(2021, 2023), framework=framework)
    client.force_login(StaffUserFactory())

    for number in ("999", "x", "-1"):
        response = client.get(LIST, {"halaman": number, "halaman_wilayah": number})
        assert response.status_code == 200
        assert result_rows(response.content.decode())


@pytest.mark.django_db
def test_staff_pay_the_same_queries_for_one_and_many_regencies_and_years(client, django_assert_max_num_queries):
    framework = FrameworkFactory(first_year=2018)
    grow(regencies=1, years=range(2022, 2023), framework=framework)
    client.force_login(StaffUserFactory())
    with django_assert_max_num_queries(15) as small:
        assert client.get(LIST).status_code == 200

    grow(regencies=30, years=range(2018, 2025), framework=framework)
    with django_assert_max_num_queries(15) as large:
        response = client.get(LIST)

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_the_self_assessment_table_written_in_python_escapes_names(client):
    # Its rows are joined in the view, not the template (issue 26): a name is escaped there, in the row's head and
    # in each cell's words for screen readers.
    framework = FrameworkFactory(first_year=2023)
    grow(regencies=2, years=range(2023, 2024), framework=framework)
    RegencyFactory(name='Tepi <b>"&"</b>')
    client.force_login(StaffUserFactory())

    html = client.get(LIST).content.decode()

    assert "<b>" not in html
    assert '<th scope="row">Kabupaten Tepi &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;</th>' in html
    assert '<span class="visually-hidden"> Kabupaten Tepi &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt; 2023</span>' in html
