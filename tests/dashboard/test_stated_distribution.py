"""A source's stated split per predikat (Pos Kupang for 2022: 2 Baik, 11 Cukup, 8 Kurang, Ende not evaluated)
shown beside the portal's own count, with its source and its own inconsistency, never added to the counts."""

import shutil

import pytest
from django.conf import settings
from django.urls import reverse

from assessments import publication
from assessments.models import StatedDistribution
from datasets.reference_data import ReferenceDataError, load_reference_data
from tests.factories import StaffUserFactory

HOME = reverse("dashboard:home")
POS_KUPANG = "https://kupang.tribunnews.com/2023/02/22/provinsi-ntt-raih-indeks-spbe-dengan-nilai-tertinggi"


def stated_section(html: str, year: int) -> str:
    start = html.index(f'id="sebaran-{year}"')
    return html[start : html.index("</ul>", start)]


def rows_of(section: str) -> dict[str, list[str]]:
    """Predikat → [counted, stated] as the table shows them."""
    rows = {}
    for line in section.split("<tr>")[2:]:
        label = line.split("</th>")[0]
        cells = [cell.split("</td>")[0] for cell in line.split('<td class="num">')[1:]]
        for name in ("Baik", "Cukup", "Kurang", "Sangat Baik", "Memuaskan", "tidak dievaluasi"):
            if f">{name}<" in label or label.endswith(name):
                rows[name] = cells
    return rows


def test_the_2022_ranking_shows_the_stated_split_beside_the_counted_one(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    section = stated_section(html, 2022)
    rows = rows_of(section)
    assert rows["Baik"] == ["0", "2"]
    assert rows["Cukup"] == ["2", "11"]
    assert rows["Kurang"] == ["0", "8"]
    assert rows["tidak dievaluasi"] == ["1", "1"]
    assert "tidak disebut" in rows["Sangat Baik"][1]
    assert POS_KUPANG in section
    assert "22 dari 22 kabupaten/kota tanpa nilai per wilayah" in section
    assert "&#x27;tiga daerah&#x27;" in section
    assert "Kabupaten Ende" in section


def test_the_stated_split_is_not_added_to_the_counts(client, reference_data):
    ranking = client.get(HOME, {"tahun": 2022}).context["ranking"]

    assert ranking.valued_count == 2
    assert ranking.predikat_counts == {"Cukup": 2}
    assert ranking.not_evaluated_count == 1


def test_a_year_no_source_splits_shows_none(client, reference_data):
    response = client.get(HOME, {"tahun": 2024})

    assert response.context["ranking"].stated_distribution is None
    assert 'id="sebaran-' not in response.content.decode()


def test_the_overview_shows_the_stated_split_beside_its_counts(client, reference_data):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("dashboard:overview"))

    overview = response.context["overview"]
    assert overview.predikat_counts[2022] == {"Cukup": 2}
    assert list(overview.stated_distributions) == [2022]
    section = stated_section(response.content.decode(), 2022)
    assert rows_of(section)["Cukup"] == ["2", "11"]
    assert POS_KUPANG in section


def test_changing_a_stated_split_bumps_the_publication_version(reference_data):
    before = publication.current_version()
    stated = StatedDistribution.objects.get(year=2022)
    stated.note = "Dicek ulang."
    stated.save()

    assert publication.current_version() > before


@pytest.mark.django_db
def test_a_category_that_is_no_predikat_is_refused(tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    path = fixtures / "stated_distributions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2022,Cukup,", "2022,Cukupp,"), encoding="utf-8")

    with pytest.raises(ReferenceDataError, match="'Cukupp' is no predikat of 2022"):
        load_reference_data(fixtures_dir=fixtures)

    assert not StatedDistribution.objects.exists()
