"""Back up, wipe, restore: everything the portal publishes and everyone who uses it comes back identical.

The test runs the real commands on the test database itself. On PostgreSQL pg_dump and pg_restore run as
separate processes, so the data must be committed (transactional_db), and the restore replaces the tables of
the running test database: pg_restore runs in one transaction (--single-transaction --exit-on-error), so a
failed restore leaves the database as the wipe left it and the rest of the suite still finds its tables.
pytest-django then empties them after the test as after any transactional test."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from assessments.models import IndicatorScore, Result, ReviewState, Target
from regencies.models import FlagKind, Regency, StatusFlag
from tests.factories import IndicatorScoreFactory, StatusFlagFactory, TargetFactory, UserFactory


def snapshot() -> dict[str, list[dict]]:
    User = get_user_model()
    return {
        "published results": list(Result.objects.published().order_by("pk").values()),
        "published targets": list(Target.objects.published().order_by("pk").values()),
        "flags": list(StatusFlag.objects.order_by("pk").values()),
        "result history": list(Result.history.order_by("history_id").values()),
        "target history": list(Target.history.order_by("history_id").values()),
        "flag history": list(StatusFlag.history.order_by("history_id").values()),
        "indicator score history": list(IndicatorScore.history.order_by("history_id").values()),
        "users": list(User.objects.order_by("pk").values()),
        "group memberships": list(User.groups.through.objects.order_by("pk").values()),
    }


def make_portal_data():
    """On top of the reference data (the `reference_data` fixture)."""
    staff = UserFactory(username="staf.kominfo", email="staf@nttprov.example", is_staff=True)
    staff.groups.add(Group.objects.get_or_create(name="Staf Provinsi")[0])
    UserFactory(username="admin.kupang")
    kupang = Regency.objects.get(code="53.01")
    # A revision that went draft → submitted → verified leaves three history records.
    target = TargetFactory(regency=kupang, year=2030, value=Decimal("3.50"), state=ReviewState.DRAFT, source=None)
    target.state = ReviewState.SUBMITTED
    target.save()
    target.state = ReviewState.VERIFIED
    target.source = Target.objects.published().exclude(pk=target.pk).first().source
    target.reviewed_by = staff
    target.save()
    StatusFlagFactory(regency=kupang, flag=FlagKind.COMPLIANT, as_of=date(2026, 1, 5), created_by=staff)
    # The reference data has no indicator scores; a synthetic result of its own carries one.
    IndicatorScoreFactory(level=4)


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_every_published_row_history_and_user(tmp_path, reference_data):
    make_portal_data()
    before = snapshot()
    assert all(before.values()), {name: len(rows) for name, rows in before.items()}
    backup = tmp_path / "portal.backup"

    call_command("backup_data", str(backup))
    call_command("flush", interactive=False)
    assert not any(snapshot().values())
    call_command("restore_data", str(backup), interactive=False)

    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_backup_into_a_folder_picks_a_dated_name(tmp_path, capsys):
    call_command("backup_data", str(tmp_path))

    [written] = tmp_path.iterdir()
    assert written.name.startswith("spbe-portal-")
    assert str(written) in capsys.readouterr().out


@pytest.mark.django_db
def test_backup_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "old.backup"
    existing.write_bytes(b"keep me")

    with pytest.raises(CommandError, match="sudah ada"):
        call_command("backup_data", str(existing))

    assert existing.read_bytes() == b"keep me"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path, reference_data):
    make_portal_data()
    before = snapshot()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("bukan cadangan")

    with pytest.raises(CommandError, match="bukan"):
        call_command("restore_data", str(not_a_backup), interactive=False)

    assert snapshot() == before
