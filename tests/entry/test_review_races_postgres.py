"""The same form posted two or three times at once on PostgreSQL, where every request may read before any writes:
"Mulai revisi" makes one revision and every post lands on it, a follow-up form makes one follow-up and both posts
land on it — never a 500, a duplicate row or "already exists". Skipped on SQLite, whose in-memory test database one
thread cannot share with another."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import FollowUp
from tests.entry_helpers import build_scenario
from tests.review_kinds import KINDS, records_of

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two connections to one database")

ROUNDS = 6


def at_once(client: Client, count: int, url: str, data: dict | None = None) -> list:
    """Posts `data` to `url` from `count` threads released together, each with the client's session; a server
    error is an answer (500) like any other."""
    start = threading.Barrier(count)
    answers = []

    def one():
        twin = Client(raise_request_exception=False)
        twin.cookies = client.cookies
        start.wait()
        try:
            answers.append(twin.post(url, data or {}))
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == count
    return answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", KINDS)
def test_mulai_revisi_posted_two_or_three_times_at_once_makes_one_revision_and_opens_it(kind):
    for round_ in range(ROUNDS):
        scenario = build_scenario()
        published = records_of(kind, scenario).verified
        client = Client()
        client.force_login(scenario.admin)
        url = reverse(f"entry:{kind}_revise", kwargs={"pk": published.pk})

        answers = at_once(client, 2 + round_ % 2, url)
        assert [answer.status_code for answer in answers] == [302] * len(answers), round_

        revisions = list(type(published).objects.open().filter(revises=published))
        assert len(revisions) == 1, round_
        edit = reverse(f"entry:{kind}_edit", kwargs={"pk": revisions[0].pk})
        assert [answer["Location"] for answer in answers] == [edit] * len(answers), round_


@pytest.mark.django_db(transaction=True)
def test_a_follow_up_form_posted_twice_at_once_makes_one_follow_up_and_answers_both():
    for _round in range(ROUNDS):
        scenario = build_scenario()
        client = Client()
        client.force_login(scenario.admin)
        url = reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk})
        data = {"recommendation": "Susun arsitektur SPBE.", "status": "planned", "submission_key": str(uuid.uuid4())}

        answers = at_once(client, 2, url, data)

        detail = reverse("entry:result_detail", kwargs={"pk": scenario.verified.pk})
        assert [(answer.status_code, answer.get("Location")) for answer in answers] == [(302, detail)] * 2
        assert FollowUp.objects.filter(submission_key=data["submission_key"]).count() == 1
