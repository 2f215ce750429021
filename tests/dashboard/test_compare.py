"""Two to four regencies side by side, with a permalink, in a fixed number of queries."""

from decimal import Decimal

from django.urls import reverse

from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorAssessmentFactory,
    IndicatorFactory,
    RegencyFactory,
    ResultFactory,
    SourceFactory,
    TargetFactory,
)

COMPARE = reverse("dashboard:compare")


def test_two_regencies_side_by_side_with_values_targets_and_predikat(client, reference_data):
    response = client.get(COMPARE, {"wilayah": ["kabupaten-kupang", "kabupaten-rote-ndao"]})

    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('id="compare-caption"') : html.index("</table>")]
    assert "Kabupaten Kupang</a></th>" in table
    assert "Kabupaten Rote Ndao</a></th>" in table
    row_2022 = table[table.index('<th scope="row">2022</th>') :][:900]
    assert "1,85" in row_2022
    assert "target 3,86" in row_2022
    assert "2,48" in row_2022
    assert "Cukup" in row_2022
    assert "chart-compare-data" in html


def test_a_year_without_a_value_reads_belum_ada_data(client, reference_data):
    html = client.get(COMPARE, {"wilayah": ["kabupaten-kupang", "kabupaten-rote-ndao"]}).content.decode()

    row_2023 = html[html.index('<th scope="row">2023</th>') :][:600]
    assert "belum ada data" in row_2023  # Kupang has no published 2023 value
    assert "2,99" in row_2023  # Rote Ndao has


def test_one_or_five_regencies_are_refused_with_a_message(client, reference_data):
    one = client.get(COMPARE, {"wilayah": ["kabupaten-kupang"]})
    assert one.status_code == 400
    assert "Pilih dua sampai empat wilayah." in one.content.decode()

    five = ["kabupaten-kupang", "kabupaten-rote-ndao", "kota-kupang", "kabupaten-alor", "kabupaten-belu"]
    assert client.get(COMPARE, {"wilayah": five}).status_code == 400


def test_an_unknown_regency_is_refused_not_a_500(client, reference_data):
    response = client.get(COMPARE, {"wilayah": ["kabupaten-kupang", "tidak-ada"]})

    assert response.status_code == 400


def test_the_page_without_a_choice_shows_the_picker(client, reference_data):
    response = client.get(COMPARE)

    assert response.status_code == 200
    assert 'name="wilayah"' in response.content.decode()


def test_queries_do_not_grow_with_the_number_of_regencies(client, db, django_assert_num_queries):
    framework = FrameworkFactory()
    regencies = [RegencyFactory() for _ in range(4)]
    for regency in regencies:
        for year in (2021, 2022, 2023):
            ResultFactory(regency=regency, year=year, framework=framework)
            TargetFactory(regency=regency, year=year)
    slugs = [regency.slug for regency in regencies]

    # The publication version, the regencies of the picker, and the six prefetches of every profile at once.
    # Issue 22: every framework with its series and bands (two) and the national references (one); the results
    # take their bands from those frameworks (one fewer).
    with django_assert_num_queries(10):
        client.get(COMPARE, {"wilayah": slugs[:2]})
    with django_assert_num_queries(10):
        client.get(COMPARE, {"wilayah": slugs})


def test_the_profile_and_the_ranking_link_to_the_comparison(client, reference_data):
    profile = client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()
    assert f'href="{COMPARE}?wilayah=kabupaten-kupang"' in profile
    assert f'href="{COMPARE}"' in client.get(reverse("dashboard:home")).content.decode()


def test_domain_values_come_from_the_public_levels_staff_wrote(client, db):
    # Issue 21: the comparison read domain values from results' levels only, so KemenPAN-RB's levels written by
    # staff (the official import) gave "belum ada data" beside a profile that showed them.
    framework = FrameworkFactory(first_year=2021)
    domain = DomainFactory(framework=framework, number=1, name="Kebijakan Internal")
    aspect = AspectFactory(domain=domain, number=1)
    indicators = [IndicatorFactory(aspect=aspect, number=n, weight=Decimal("50.00")) for n in (1, 2)]
    written, other = RegencyFactory(), RegencyFactory()
    source = SourceFactory()
    for indicator, level in zip(indicators, (2, 3), strict=True):
        IndicatorAssessmentFactory(
            regency=written, year=2024, indicator=indicator, stage="official", level=level, source=source
        )

    response = client.get(COMPARE, {"wilayah": [written.slug, other.slug]})

    assert response.context["domains"] == [("1. Kebijakan Internal", [Decimal("2.50"), None])]
    html = response.content.decode()
    assert f"{written.display_name} (2024)</th>" in html
