"""Migration 0011: every existing reviewer's comment becomes the first message of its revision's conversation."""

from datetime import UTC, datetime

import pytest

from tests.migration_helpers import back_to_latest, migrate  # noqa: F401 (back_to_latest is a fixture)

BEFORE = [("assessments", "0008_related_index_families")]
AFTER = [("assessments", "0011_review_messages")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_existing_return_comments_become_messages_by_their_reviewer():
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    Regency = apps.get_model("regencies", "Regency")
    Framework = apps.get_model("assessments", "Framework")
    Result = apps.get_model("assessments", "Result")
    reviewer = User.objects.create(username="yohanes", first_name="Yohanes", last_name="Lado")
    regency = Regency.objects.create(code="53.99", bps_code="5399", name="Uji", kind="kabupaten", slug="uji")
    framework = Framework.objects.create(code="F-uji", name="Uji", first_year=2018)
    reviewed_at = datetime(2025, 3, 2, 1, 30, tzinfo=UTC)
    returned = Result.objects.create(
        regency=regency,
        year=2022,
        framework=framework,
        value="2.10",
        state="returned",
        review_comment="Lampirkan SK.",
        reviewed_by=reviewer,
        reviewed_at=reviewed_at,
    )
    Result.objects.create(regency=regency, year=2023, framework=framework, value="2.20", state="draft")

    apps = migrate(AFTER)

    ReviewMessage = apps.get_model("assessments", "ReviewMessage")
    (message,) = ReviewMessage.objects.all()
    assert (message.result_id, message.kind, message.body, message.author_name, message.created_at) == (
        returned.pk,
        "return",
        "Lampirkan SK.",
        "Yohanes Lado",
        reviewed_at,
    )
    assert apps.get_model("assessments", "Result").objects.get(pk=returned.pk).review_comment == "Lampirkan SK."

    migrate(BEFORE)  # the reverse drops the messages and keeps the comments
    migrate(AFTER)
    assert apps.get_model("assessments", "ReviewMessage").objects.count() == 1
