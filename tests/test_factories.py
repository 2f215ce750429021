"""The factories keep within the columns' lengths however many rows a whole run makes (PostgreSQL enforces them)."""

from tests.factories import RegencyFactory


def test_regency_codes_fit_their_columns_after_thousands_of_regencies():
    codes = [RegencyFactory.build() for _ in range(5000)]

    assert max(len(regency.code) for regency in codes) <= 5
    assert max(len(regency.bps_code) for regency in codes) <= 4
    assert not any(regency.code.startswith("53") or regency.bps_code.startswith("53") for regency in codes)
