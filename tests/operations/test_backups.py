"""Back up, wipe, restore: everything the portal publishes and everyone who uses it comes back identical.

The test runs the real commands on the test database itself. On PostgreSQL pg_dump and pg_restore run as
separate processes, so the data must be committed (transactional_db), and the restore replaces the tables of
the running test database: pg_restore runs in one transaction (--single-transaction --exit-on-error), so a
failed restore leaves the database as the wipe left it and the rest of the suite still finds its tables.
pytest-django then empties them after the test as after any transactional test."""

import io
import json
import tarfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments import publication, services
from assessments.models import EvidenceFile, IndicatorAssessment, Result, ReviewState, Target
from operations.backups import backup_database
from regencies.models import FlagKind, Regency, StatusFlag
from tests.factories import ResultLevelFactory, StatusFlagFactory, TargetFactory, UserFactory, regency_admin
from tests.planner_statistics import planner_row_count


def snapshot() -> dict[str, list[dict]]:
    User = get_user_model()
    return {
        "published results": list(Result.objects.published().order_by("pk").values()),
        "published targets": list(Target.objects.published().order_by("pk").values()),
        "flags": list(StatusFlag.objects.order_by("pk").values()),
        "result history": list(Result.history.order_by("history_id").values()),
        "target history": list(Target.history.order_by("history_id").values()),
        "flag history": list(StatusFlag.history.order_by("history_id").values()),
        "indicator level history": list(IndicatorAssessment.history.order_by("history_id").values()),
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
    # The reference data has no indicator levels; a synthetic result of its own carries one.
    ResultLevelFactory(level=4)


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


def stored_evidence(name: str = "SK Bupati Kupang.pdf", content: bytes = b"%PDF-1.4\nbukti\n%%EOF\n"):
    kupang = Regency.objects.get(code="53.01")
    admin = regency_admin(kupang, username="admin.bukti")
    return services.store_evidence(upload=SimpleUploadedFile(name, content), regency=kupang, by=admin)


@pytest.mark.django_db(transaction=True)
def test_the_backup_carries_the_evidence_and_a_new_machine_serves_it(tmp_path, settings, client, reference_data):
    make_portal_data()
    content = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    evidence = stored_evidence(content=content)
    backup = tmp_path / "portal.backup"
    call_command("backup_data", str(backup))

    # A new machine: an empty database and an empty media folder.
    call_command("flush", interactive=False)
    settings.MEDIA_ROOT = tmp_path / "new-machine-media"
    call_command("restore_data", str(backup), interactive=False)

    restored = settings.MEDIA_ROOT / evidence.file.name
    assert restored.read_bytes() == content
    staff = get_user_model().objects.get(username="staf.kominfo")
    client.force_login(staff)
    response = client.get(reverse("entry:evidence", kwargs={"token": evidence.token}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


@pytest.mark.django_db(transaction=True)
def test_a_database_only_backup_restores_and_names_the_evidence_it_lacks(tmp_path, settings, reference_data):
    make_portal_data()
    evidence = stored_evidence()
    dump = tmp_path / "database-only.dump"
    backup_database(destination=dump)  # what backup_data wrote before the evidence went into the archive
    call_command("flush", interactive=False)
    settings.MEDIA_ROOT = tmp_path / "new-machine-media"

    with pytest.raises(
        CommandError, match=f"1 berkas bukti yang disebut basis data tidak ada di MEDIA_ROOT: {evidence.file.name}"
    ):
        call_command("restore_data", str(dump), interactive=False)

    assert EvidenceFile.objects.get().token == evidence.token  # the database itself is back


@pytest.mark.django_db(transaction=True)
def test_a_restore_moves_the_publication_version_past_both_databases(tmp_path, reference_data):
    make_portal_data()
    backup = tmp_path / "portal.backup"
    call_command("backup_data", str(backup))
    for _ in range(3):  # the old database goes on publishing after the backup
        publication.bump_version()
    replaced = publication.current_version()

    call_command("restore_data", str(backup), interactive=False)

    # A page cached under any version the replaced database reached is never served as current.
    assert publication.current_version() > replaced


@pytest.mark.django_db(transaction=True)
def test_a_restored_database_has_its_planner_statistics(tmp_path, reference_data):
    # pg_restore gathers none; until autovacuum came by, the planner guessed its plans on every table.
    make_portal_data()
    backup = tmp_path / "portal.backup"
    call_command("backup_data", str(backup))

    call_command("restore_data", str(backup), interactive=False)

    assert planner_row_count("assessments_result") == Result.objects.count() > 0
    assert planner_row_count("regencies_regency") == Regency.objects.count()


@pytest.mark.django_db(transaction=True)
def test_an_archive_naming_a_file_outside_the_evidence_folder_is_refused(tmp_path, media_root):
    archive = tmp_path / "forged.tar"
    manifest = {"format": 1, "database": "database.sqlite3", "evidence": {"../../etc/cron.d/x": [3, "0" * 64]}}
    with tarfile.open(archive, "w") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match="Nama berkas bukti tidak sah"):
        call_command("restore_data", str(archive), interactive=False)

    assert not (media_root.parent / "etc").exists()
