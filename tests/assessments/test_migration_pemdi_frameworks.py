"""Migrations 0019/0020 (issue 22): existing frameworks join the SPBE series, aspects their domain's framework,
targets the framework their year is stated in; no row is lost, and the pair reverses.

Only these two migrations are applied and reversed (from the one before them), not the whole chain.
"""

from decimal import Decimal

import pytest

from tests.migration_helpers import back_to_latest, migrate, parents_of  # noqa: F401 (back_to_latest is a fixture)

FILL = ("assessments", "0019_pemdi_frameworks")
REQUIRED = ("assessments", "0020_pemdi_required_columns")


def counts(apps) -> dict[str, int]:
    names = ["Framework", "Domain", "Aspect", "Indicator", "PredikatBand", "Target", "HistoricalTarget", "Source"]
    return {name: apps.get_model("assessments", name).objects.count() for name in names}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_existing_frameworks_aspects_and_targets_are_filled_and_no_row_is_lost():
    apps = migrate(parents_of(FILL))
    Regency = apps.get_model("regencies", "Regency")
    Framework = apps.get_model("assessments", "Framework")
    Domain = apps.get_model("assessments", "Domain")
    Aspect = apps.get_model("assessments", "Aspect")
    Indicator = apps.get_model("assessments", "Indicator")
    Source = apps.get_model("assessments", "Source")
    Target = apps.get_model("assessments", "Target")
    HistoricalTarget = apps.get_model("assessments", "HistoricalTarget")
    old = Framework.objects.create(
        code="PermenPANRB-5-2018", name="5/2018", first_year=2018, last_year=2019, min_level=0, is_provisional=True
    )
    new = Framework.objects.create(code="PermenPANRB-59-2020", name="59/2020", first_year=2021)
    for framework in (old, new):
        domain = Domain.objects.create(framework=framework, number=1, name="Domain", weight=Decimal("100"))
        aspect = Aspect.objects.create(domain=domain, number=1, name="Aspek", weight=Decimal("100"))
        Indicator.objects.create(aspect=aspect, number=1, name="Indikator", weight=Decimal("100"))
    regency = Regency.objects.create(code="53.01", bps_code="5301", name="Kupang", kind="kabupaten", slug="kupang")
    source = Source.objects.create(
        title="RPJMD", publisher="Pemkab", kind="regional_document", published_on="2021-05-01"
    )
    for year in (2019, 2020, 2022, 2027):
        target = Target.objects.create(regency=regency, year=year, value=Decimal("2.50"), source=source)
        HistoricalTarget.objects.create(
            id=target.pk,
            regency=regency,
            year=year,
            value=target.value,
            source=source,
            state=target.state,
            note="",
            created_at=target.created_at,
            version=1,
            is_demo=False,
            history_date=target.created_at,
            history_type="+",
        )
    before = counts(apps)

    apps = migrate([REQUIRED])
    assert counts(apps) == before
    Framework = apps.get_model("assessments", "Framework")
    frameworks = {framework.code: framework for framework in Framework.objects.select_related("series")}
    assert {framework.series.code for framework in frameworks.values()} == {"spbe"}
    assert frameworks["PermenPANRB-5-2018"].short_name == "PermenPANRB 5/2018"
    assert {framework.sourcing for framework in frameworks.values()} == {"secondary_copy"}
    for aspect in apps.get_model("assessments", "Aspect").objects.select_related("domain"):
        assert aspect.framework_id == aspect.domain.framework_id
    stated = {
        target.year: target.framework.code
        for target in apps.get_model("assessments", "Target").objects.select_related("framework")
    }
    # 2020 had no evaluation: its target is stated in the framework begun by then; 2027 in the newest.
    assert stated == {
        2019: "PermenPANRB-5-2018",
        2020: "PermenPANRB-5-2018",
        2022: "PermenPANRB-59-2020",
        2027: "PermenPANRB-59-2020",
    }
    history = apps.get_model("assessments", "HistoricalTarget").objects.values_list("year", "framework__code")
    assert dict(history) == stated

    apps = migrate(parents_of(FILL))
    assert counts(apps) == before
    Framework = apps.get_model("assessments", "Framework")
    assert Framework.objects.get(code="PermenPANRB-5-2018").is_provisional
    assert not Framework.objects.get(code="PermenPANRB-59-2020").is_provisional
