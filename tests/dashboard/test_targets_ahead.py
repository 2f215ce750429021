"""A target entered on its own for a future year is the path ahead on the profile (chart and year table, with its
own source), and the ranking's target column reads the year's published target wherever it came from."""

from datetime import date
from decimal import Decimal

from django.core.cache import cache

from assessments import services
from assessments.models import Result, SourceKind, Target
from regencies.models import Regency
from tests.factories import StaffUserFactory, regency_admin
from tests.pages import chart_data

RPJMD = services.CitedSource(
    title="RPJMD Kabupaten Kupang 2025-2029",
    published_on=date(2025, 6, 2),
    publisher="Pemerintah Kabupaten Kupang",
    kind=SourceKind.REGIONAL_DOCUMENT,
    reference="Perda 2/2025",
)


def publish_target_alone(regency, year: int, value: str) -> Target:
    admin = regency_admin(regency)
    target = services.save_target_draft(regency=regency, year=year, value=Decimal(value), by=admin, cited=RPJMD)
    target = services.submit_target(target=target, version=target.version, by=admin)
    return services.verify_target(target=target, version=target.version, by=StaffUserFactory())


def test_a_future_target_alone_is_charted_and_listed_with_its_source(client, reference_data):
    kupang = Regency.objects.get(code="53.01")
    publish_target_alone(kupang, 2029, "3.50")
    cache.clear()

    html = client.get(f"/wilayah/{kupang.slug}/").content.decode()

    traces = chart_data(html, "chart-index-data")["data"]
    # Since issue 22 a 2029 target is a Pemdi target: its own trace, apart from the SPBE years.
    target = next(trace for trace in traces if trace["name"] == "Target · Pemdi")
    assert target["x"] == [2029]
    assert target["y"] == [3.5]
    assert all(2029 not in trace["x"] for trace in traces if trace["name"].startswith("Hasil evaluasi resmi"))
    assert "RPJMD Kabupaten Kupang 2025-2029" in html
    assert not Result.objects.filter(regency=kupang, year=2029).exists()


def test_the_ranking_reads_a_target_entered_alone(client, reference_data):
    kupang = Regency.objects.get(code="53.01")
    year = Result.objects.published().filter(regency=kupang, kind="official").order_by("-year").first().year
    Target.objects.filter(regency=kupang, year=year).delete()
    publish_target_alone(kupang, year, "4.10")
    cache.clear()

    response = client.get(f"/?tahun={year}")

    row = next(row for row in response.context["table"].sorted_rows if row.regency == kupang)
    assert row.target_value == Decimal("4.10")
