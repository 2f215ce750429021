"""Two to four regencies side by side, with a permalink, in a fixed number of queries."""

from decimal import Decimal

from django.urls import reverse

from assessments.models import Framework, Indicator, ResultKind
from regencies.models import Regency
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorAssessmentFactory,
    IndicatorFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
    TargetFactory,
)
from tests.pemdi_entry_helpers import build_pemdi

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


def test_five_regencies_are_refused_with_a_message(client, reference_data):
    five = ["kabupaten-kupang", "kabupaten-rote-ndao", "kota-kupang", "kabupaten-alor", "kabupaten-belu"]
    response = client.get(COMPARE, {"wilayah": five})
    assert response.status_code == 400
    assert "Pilih dua sampai empat wilayah." in response.content.decode()


def test_arriving_from_a_profile_shows_that_regency_and_asks_for_the_others(client, reference_data):
    # Issue 23: the profile's "Bandingkan dengan wilayah lain" link answered 400 with "Periksa isian berikut…"
    # before the person had done anything. It now shows the one regency (one regency was refused with 400 before;
    # this test replaces that assertion).
    response = client.get(COMPARE, {"wilayah": ["kabupaten-kupang"]})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Periksa isian" not in html
    assert 'class="field-error"' not in html
    assert "Pilih satu sampai tiga wilayah lagi untuk dibandingkan dengan Kabupaten Kupang." in html
    assert '<input type="checkbox" name="wilayah" value="kabupaten-kupang" id="id_wilayah_0" checked>' in html
    assert "Bagikan lewat WhatsApp" not in html  # nothing to share yet: a comparison needs a second regency
    table = html[html.index('id="compare-caption"') : html.index("</table>")]
    row_2022 = table[table.index('<th scope="row">2022</th>') :][:600]
    assert "1,85" in row_2022
    assert 'class="compare-picker" open' in html


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
        client.get(COMPARE, {"wilayah": slugs[:1]})
    with django_assert_num_queries(10):
        client.get(COMPARE, {"wilayah": slugs[:2]})
    with django_assert_num_queries(10):
        client.get(COMPARE, {"wilayah": slugs})


def test_the_profile_and_the_ranking_link_to_the_comparison(client, reference_data):
    profile = client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()
    assert f'href="{COMPARE}?wilayah=kabupaten-kupang"' in profile
    assert f'href="{COMPARE}"' in client.get(reverse("dashboard:home")).content.decode()


def sub_index_rows(response) -> list[tuple[str, list]]:
    return [row for group in response.context["sub_index_groups"] for row in group.rows]


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

    assert sub_index_rows(response) == [("1. Kebijakan Internal", [Decimal("2.50"), None])]
    html = response.content.decode()
    assert f'{written.display_name}<br><span class="hint" data-stage="official">2024, resmi</span></th>' in html


def _levels_framework(first_year=2021):
    framework = FrameworkFactory(first_year=first_year)
    domain = DomainFactory(framework=framework, number=1, name="Kebijakan Internal")
    aspect = AspectFactory(domain=domain, number=1)
    return framework, [IndicatorFactory(aspect=aspect, number=n, weight=Decimal("50.00")) for n in (1, 2)]


def test_domain_values_prefer_official_levels_and_say_which_they_are(client, db):
    # Issue 23: a regency with KemenPAN-RB's 2024 levels and a newer verified self-assessment showed the
    # self-assessment's domain values, unlabelled, beside another regency's official ones.
    framework, indicators = _levels_framework()
    official_and_self, only_self = RegencyFactory(), RegencyFactory()
    source = SourceFactory()
    self_2025 = ResultFactory(
        regency=official_and_self, year=2025, framework=framework, kind=ResultKind.SELF_ASSESSMENT
    )
    only_self_2024 = ResultFactory(regency=only_self, year=2024, framework=framework, kind=ResultKind.SELF_ASSESSMENT)
    for indicator, level in zip(indicators, (2, 3), strict=True):
        IndicatorAssessmentFactory(
            regency=official_and_self, year=2024, indicator=indicator, stage="official", level=level, source=source
        )
        ResultLevelFactory(result=self_2025, indicator=indicator, level=5)
        ResultLevelFactory(result=only_self_2024, indicator=indicator, level=1)

    response = client.get(COMPARE, {"wilayah": [official_and_self.slug, only_self.slug]})

    assert sub_index_rows(response) == [("1. Kebijakan Internal", [Decimal("2.50"), Decimal("1.00")])]
    html = response.content.decode()
    head = html[html.index('id="domain-caption"') : html.index("</thead>", html.index('id="domain-caption"'))]
    assert f'{official_and_self.display_name}<br><span class="hint" data-stage="official">2024, resmi</span>' in head
    assert f'{only_self.display_name}<br><span class="hint" data-stage="self">2024, evaluasi mandiri</span>' in head


def test_domain_values_of_manggarai_barat_official_2024_appear_as_on_its_profile(client, reference_data):
    # Issue 23: Manggarai Barat's profile shows official 2024 domain indices from the levels staff imported; the
    # comparison must show the same numbers. The levels here are the test's own, on the real 2020 framework.
    barat = Regency.objects.get(slug="kabupaten-manggarai-barat")
    framework = Framework.objects.in_force(2024)
    source = SourceFactory()
    for indicator in Indicator.objects.filter(aspect__framework=framework):
        IndicatorAssessmentFactory(
            regency=barat, year=2024, indicator=indicator, stage="official", level=3, source=source
        )
    profile = client.get(reverse("dashboard:regency", kwargs={"slug": barat.slug})).context["level_tables"]
    compare = client.get(COMPARE, {"wilayah": [barat.slug, "kabupaten-kupang"]})

    profile_domains = profile[0][0].domain_rows
    assert compare.status_code == 200
    assert sub_index_rows(compare) == [(name, [values[0], None]) for name, values in profile_domains]
    assert len(profile_domains) == 4
    assert compare.context["profiles"][0].sub_indices.is_official


def test_the_chart_is_drawn_on_the_server_for_a_page_without_javascript(client, reference_data):
    html = client.get(COMPARE, {"wilayah": ["kabupaten-kupang", "kabupaten-rote-ndao"]}).content.decode()

    chart = html[html.index('data-chart="chart-compare-data"') :]
    chart = chart[: chart.index("</ul>")]
    assert '<svg class="index-svg"' in chart
    assert "<title>Kabupaten Kupang, 2022: 1,85 (resmi)</title>" in chart
    assert "<title>Kabupaten Rote Ndao, 2022: 2,48 (resmi)</title>" in chart
    assert "<title>Kabupaten Kupang, 2022: 3,86 (target)</title>" in chart
    legend = chart[chart.index('<ul class="svg-legend"') :]
    names = ["Kabupaten Kupang", "Kabupaten Kupang (target)", "Kabupaten Rote Ndao"]  # Rote Ndao has no target
    ends = [legend.index(f"{name}</li>") for name in names]
    assert ends == sorted(ends)  # regency by regency, results before targets
    assert "Grafik digambar dengan JavaScript" not in chart


def test_queries_stay_fixed_with_public_levels_for_one_to_four_regencies(client, db, django_assert_max_num_queries):
    framework, indicators = _levels_framework()
    regencies = [RegencyFactory() for _ in range(4)]
    source = SourceFactory()
    for regency in regencies:
        ResultFactory(regency=regency, year=2024, framework=framework)
        for year in (2023, 2024):
            for indicator in indicators:
                IndicatorAssessmentFactory(
                    regency=regency, year=year, indicator=indicator, stage="official", level=2, source=source
                )
    slugs = [regency.slug for regency in regencies]

    # The ten of a page without levels (issue 22's frameworks and national references among them), the public
    # levels of every regency at once and the indicator counts.
    for chosen in (slugs[:1], slugs[:2], slugs):
        with django_assert_max_num_queries(12):
            assert client.get(COMPARE, {"wilayah": chosen}).status_code == 200


def _official_levels(regency, year, levels):
    source = SourceFactory()
    for indicator, level in levels:
        IndicatorAssessmentFactory(
            regency=regency, year=year, indicator=indicator, stage="official", level=level, source=source
        )


def test_regencies_assessed_in_pemdi_compare_by_aspect(client, db):
    """Pemdi has no domains: the comparison said it had no complete levels for regencies that had them."""
    built = build_pemdi()
    other = RegencyFactory()
    levels = list(zip(built.indicators.values(), (3, Decimal("2.50"), 4), strict=True))
    _official_levels(built.regency, 2026, levels)
    _official_levels(other, 2026, [(indicator, 2) for indicator in built.indicators.values()])

    response = client.get(COMPARE, {"wilayah": [built.regency.slug, other.slug]})

    # Aspect 1: indicators 1 and 2 at equal weights; aspect 2: indicator 3 alone.
    assert [row[1] for row in sub_index_rows(response)] == [
        [Decimal("2.75"), Decimal("2")],
        [Decimal("4"), Decimal("2")],
    ]
    html = response.content.decode()
    assert "<h2>Indeks per aspek</h2>" in html
    assert "Belum ada tingkat indikator yang lengkap" not in html


def test_regencies_assessed_in_two_frameworks_never_share_a_row(client, db):
    built = build_pemdi()
    _framework, indicators = _levels_framework()
    in_spbe = RegencyFactory()
    _official_levels(built.regency, 2026, [(indicator, 3) for indicator in built.indicators.values()])
    _official_levels(in_spbe, 2024, list(zip(indicators, (2, 3), strict=True)))

    response = client.get(COMPARE, {"wilayah": [built.regency.slug, in_spbe.slug]})

    pemdi_group, spbe_group = response.context["sub_index_groups"]
    assert (pemdi_group.by_domain, spbe_group.by_domain) == (False, True)
    other = response.context["other_framework"]
    assert [values for _name, values in pemdi_group.rows] == [[Decimal("3"), other], [Decimal("3"), other]]
    assert spbe_group.rows == [("1. Kebijakan Internal", [other, Decimal("2.50")])]
    html = response.content.decode()
    assert "<h2>Indeks per domain atau aspek</h2>" in html
    assert html.count('<span class="no-data">indeks lain</span>') == 3
    assert f"Kerangka {spbe_group.framework}" in html
