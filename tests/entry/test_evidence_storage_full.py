"""A full disk while evidence is written (issue 25, finding 5): no fragment stays in media/evidence, nothing is
saved, and the person gets their form back with what they typed and a message saying why — never a bare 500.

The storage below writes part of the file, as a disk that fills up mid-write does, then raises ENOSPC."""

import errno
import os
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import EvidenceFile, FollowUp
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state, result_post
from tests.workspace_helpers import build_workspace, upload

FULL_MESSAGE = "Penyimpanan berkas penuh: bukti dukung tidak dapat disimpan, dan belum ada yang tersimpan."
FAILED_MESSAGE = "Bukti dukung tidak dapat disimpan di server, dan belum ada yang tersimpan."


class FillingStorage(FileSystemStorage):
    """Writes the first `saves_that_fit` files whole; of the next, half its bytes, then the disk is full."""

    def __init__(self, location, *, saves_that_fit: int = 0, error: int = errno.ENOSPC):
        super().__init__(location=location)
        self.saves_that_fit = saves_that_fit
        self.error = error

    def _save(self, name, content):
        if self.saves_that_fit > 0:
            self.saves_that_fit -= 1
            return super()._save(name, content)
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fragment:
            fragment.write(content.read()[: content.size // 2])
        raise OSError(self.error, "No space left on device" if self.error == errno.ENOSPC else "I/O error")


def filling(media_root, **options):
    field = EvidenceFile._meta.get_field("file")
    return mock.patch.object(field, "storage", FillingStorage(media_root, **options))


def files_in(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.fixture
def scenario(db):
    return build_scenario()


def pdf(name: str = "Laporan evaluasi.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES * 200, content_type="application/pdf")


def test_a_result_whose_evidence_fills_the_disk_comes_back_as_the_form_with_its_input(client, scenario, media_root):
    client.force_login(scenario.admin)
    before = database_state()

    with filling(media_root):
        response = client.post(
            reverse("entry:result_create"),
            {
                **result_post(regency=str(scenario.regency.pk), year="2024", value="2,35", note="Catatan rapat SPBE"),
                "evidence": pdf(),
            },
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert FULL_MESSAGE in html
    assert 'value="2,35"' in html
    assert "Catatan rapat SPBE" in html
    assert database_state() == before
    assert files_in(media_root) == []


def test_a_follow_up_whose_evidence_fills_the_disk_writes_nothing_and_keeps_the_text(client, scenario, media_root):
    client.force_login(scenario.admin)
    url = reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk})

    with filling(media_root):
        response = client.post(
            url, {"recommendation": "Bangun pusat data bersama", "status": "planned", "evidence_upload": pdf()}
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert FULL_MESSAGE in html
    assert "Bangun pusat data bersama" in html
    assert not FollowUp.objects.filter(recommendation="Bangun pusat data bersama").exists()
    assert not EvidenceFile.objects.exists()
    assert files_in(media_root) == []


def test_a_second_indicator_file_that_fills_the_disk_takes_the_first_one_away_too(db, media_root):
    ws = build_workspace()

    with filling(media_root, saves_that_fit=1), pytest.raises(ValidationError) as refused:
        services.save_indicator_assessment(
            regency=ws.regency,
            year=2023,
            indicator=ws.indicators[0],
            level=3,
            explanation="Perbup 12/2023.",
            by=ws.admin,
            version=0,
            uploads=[upload("perbup.pdf"), upload("lampiran.pdf")],
        )

    assert FULL_MESSAGE in " ".join(refused.value.messages)
    assert not EvidenceFile.objects.exists()
    assert files_in(media_root) == []


def test_another_storage_failure_says_the_file_could_not_be_stored(client, scenario, media_root):
    client.force_login(scenario.admin)
    url = reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk})

    with filling(media_root, error=errno.EIO):
        response = client.post(url, {"recommendation": "Rekomendasi", "status": "planned", "evidence_upload": pdf()})

    assert response.status_code == 200
    assert FAILED_MESSAGE in response.content.decode()
    assert files_in(media_root) == []
