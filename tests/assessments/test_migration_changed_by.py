"""Migration 0015: an open revision learns from its history who last changed what it states, so that the
second-reviewer rule holds for revisions already under way; a review step (a submission) is not a change."""

from datetime import UTC, datetime, timedelta

import pytest

# The same way there to migrate, and back to the newest migrations afterwards.
from tests.migration_helpers import back_to_latest, migrate  # noqa: F401 (back_to_latest is a fixture)

BEFORE = [("assessments", "0014_province_view_index")]
AFTER = [("assessments", "0015_reviewed_changed_by")]


def record_history(apps, row, *, user, at, **stated):
    """A history row of `row` as django-simple-history writes one, with `stated` changed on the row first."""
    for name, value in stated.items():
        setattr(row, name, value)
    row.save()
    history = apps.get_model("assessments", "HistoricalResult")
    kept = {field.attname for field in history._meta.concrete_fields}
    fields = {
        field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields if field.attname in kept
    }
    history.objects.create(**fields, history_date=at, history_type="~", history_user=user)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_an_open_revision_names_who_last_changed_its_value_not_who_submitted_it():
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    Regency = apps.get_model("regencies", "Regency")
    Framework = apps.get_model("assessments", "Framework")
    Result = apps.get_model("assessments", "Result")
    admin, staff = User.objects.create(username="admin.uji"), User.objects.create(username="staf.uji")
    regency = Regency.objects.create(code="53.99", bps_code="5399", name="Uji", kind="kabupaten", slug="uji")
    framework = Framework.objects.create(code="F-uji", name="Uji", first_year=2018)
    start = datetime(2025, 3, 2, 1, 30, tzinfo=UTC)
    open_one = Result.objects.create(regency=regency, year=2022, framework=framework, value="2.00", state="draft")
    record_history(apps, open_one, user=admin, at=start)
    record_history(apps, open_one, user=staff, at=start + timedelta(hours=1), value="2.50")
    record_history(apps, open_one, user=admin, at=start + timedelta(hours=2), state="submitted")
    source = apps.get_model("assessments", "Source").objects.create(
        title="KepmenPANRB uji", publisher="Kementerian PANRB", kind="decree", published_on=start.date()
    )
    published = Result.objects.create(
        regency=regency, year=2021, framework=framework, value="1.90", source=source, state="verified"
    )
    record_history(apps, published, user=admin, at=start)

    apps = migrate(AFTER)

    Result = apps.get_model("assessments", "Result")
    assert Result.objects.get(pk=open_one.pk).changed_by_id == staff.pk
    assert Result.objects.get(pk=published.pk).changed_by_id is None
