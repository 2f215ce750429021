import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ResultFactory, SourceFactory

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.django_db
def test_the_api_csv_writes_a_formula_as_text_and_numbers_as_numbers(client):
    ResultFactory(value=Decimal("2.50"), source=SourceFactory(title=FORMULA, publisher="+Penerbit"))

    response = client.get(reverse("api:results-csv"))

    [row] = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["source_title"] == f"'{FORMULA}"
    assert row["source_publisher"] == "'+Penerbit"
    assert row["value"] == "2.50"
