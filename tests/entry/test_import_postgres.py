"""Two confirms of one preview at the same moment (a double click) on PostgreSQL, where both may check before
either writes: one writes, the other answers with a message, never a 500 or a duplicate row. Skipped on SQLite,
whose in-memory test database one thread cannot share with another."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import Result
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two connections to one database")

HEADER = "kode_wilayah,tahun,jenis,indeks,target,sumber,tanggal_sumber,catatan\n"


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_confirm_writes_once_and_answers_both_clicks(reference_data):
    client = Client()
    client.force_login(StaffUserFactory())
    body = "".join(f"53.{code:02d},2023,resmi,2.10,2.50,,,\n" for code in range(2, 12))
    file = SimpleUploadedFile("hasil.csv", (HEADER + body).encode(), content_type="text/csv")
    token = client.post(reverse("entry:import"), {"file": file}).context["token"]
    start = threading.Barrier(2)
    answers = []

    def click():
        twin = Client()
        twin.cookies = client.cookies
        start.wait()
        try:
            answers.append(twin.post(reverse("entry:import_confirm"), {"pratinjau": token}).status_code)
        finally:
            connection.close()

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()

    assert answers == [302, 302]
    assert Result.objects.filter(year=2023, regency__code__in=[f"53.{code:02d}" for code in range(2, 12)]).count() == 10
