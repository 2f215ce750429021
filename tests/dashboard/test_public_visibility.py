"""The public pages show only published values: drafts, submissions and returned entries never leak."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ReviewState
from regencies.models import Regency
from tests.factories import FollowUpFactory, ResultFactory, TargetFactory

UNPUBLISHED = [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED]


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_home_never_shows_an_unpublished_result_or_target(client, reference_data, state):
    kupang = Regency.objects.get(code="53.01")
    framework = kupang.results.first().framework
    ResultFactory(regency=kupang, year=2024, framework=framework, value=Decimal("4.44"), source=None, state=state)
    TargetFactory(regency=kupang, year=2024, value=Decimal("4.77"), source=None, state=state)

    latest = client.get(reverse("dashboard:home")).content.decode()
    year_2022 = client.get(reverse("dashboard:home"), {"tahun": 2022}).content.decode()
    draft_year = client.get(reverse("dashboard:home"), {"tahun": 2024})

    for html in (latest, year_2022, draft_year.content.decode()):
        assert "4,44" not in html
        assert "4,77" not in html
    assert "1,85" in year_2022


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_regency_page_never_shows_an_unpublished_result_or_target(client, reference_data, state):
    kupang = Regency.objects.get(code="53.01")
    framework = kupang.results.first().framework
    ResultFactory(regency=kupang, year=2024, framework=framework, value=Decimal("4.44"), source=None, state=state)
    TargetFactory(regency=kupang, year=2024, value=Decimal("4.77"), source=None, state=state)

    html = client.get(reverse("dashboard:regency", kwargs={"slug": kupang.slug})).content.decode()

    assert "4,44" not in html
    assert "4,77" not in html


def test_a_revision_under_review_does_not_replace_the_published_value(client, reference_data):
    kupang = Regency.objects.get(code="53.01")
    published = kupang.results.get(year=2022)
    ResultFactory(
        regency=kupang,
        year=2022,
        framework=published.framework,
        value=Decimal("3.99"),
        source=None,
        state=ReviewState.SUBMITTED,
        revises=published,
    )

    html = client.get(reverse("dashboard:home"), {"tahun": 2022}).content.decode()

    assert "1,85" in html
    assert "3,99" not in html


@pytest.mark.django_db
def test_only_verified_follow_ups_are_public():
    from assessments.models import FollowUp

    verified = FollowUpFactory(state=ReviewState.VERIFIED)
    FollowUpFactory(result=verified.result)

    assert list(FollowUp.objects.published()) == [verified]


def test_the_regency_page_shows_verified_follow_ups_to_the_public_only(client, reference_data):
    kupang = Regency.objects.get(code="53.01")
    result = kupang.results.get(year=2022)
    FollowUpFactory(result=result, recommendation="Tetapkan arsitektur SPBE daerah.", state=ReviewState.VERIFIED)
    FollowUpFactory(result=result, recommendation="Rencana yang belum diperiksa.")

    html = client.get(reverse("dashboard:regency", kwargs={"slug": kupang.slug})).content.decode()

    assert "Tetapkan arsitektur SPBE daerah." in html
    assert "Rencana yang belum diperiksa." not in html


def test_the_regency_page_shows_unverified_follow_ups_to_its_own_admin(client, reference_data):
    from tests.factories import regency_admin

    kupang = Regency.objects.get(code="53.01")
    FollowUpFactory(result=kupang.results.get(year=2022), recommendation="Rencana yang belum diperiksa.")
    client.force_login(regency_admin(kupang))

    html = client.get(reverse("dashboard:regency", kwargs={"slug": kupang.slug})).content.decode()

    assert "Rencana yang belum diperiksa." in html
    assert "belum diverifikasi" in html
