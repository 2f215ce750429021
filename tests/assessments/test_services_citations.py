"""One citation path: `services.source_for` turns every citation into a Source — for a result, a target, a status
flag, an official level, both imports — with one set of checks (`services.citation_problems`), each refusal on
the form field it concerns, and nothing written."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments import services
from assessments.models import Source, SourceKind
from assessments.services import indicator_review
from regencies.models import StatusFlag
from tests.factories import RegencyFactory, SourceFactory, StaffUserFactory
from tests.indicator_review_data import build_review_data

EARLY = "Tanggal sumber sebelum 2000 tidak mungkin untuk data SPBE; periksa tahunnya."
FORMULA = "Teks tidak boleh diawali =, +, - atau @ (dibaca sebagai rumus di spreadsheet). Hapus tanda itu."


def cited(**fields) -> services.CitedSource:
    return services.CitedSource(
        **{"title": "Keputusan uji", "publisher": "Kementerian PANRB", "published_on": date(2024, 2, 1), **fields}
    )


def refusal(**fields) -> dict:
    with pytest.raises(ValidationError) as refused:
        services.source_for(cited=cited(**fields), field="target_source_title")
    return refused.value.message_dict


@pytest.mark.parametrize("published_on", [date(1, 1, 1), date(1945, 8, 17), date(1999, 12, 31)])
def test_a_date_before_the_spbe_era_is_refused_with_a_clear_message(db, published_on):
    assert refusal(published_on=published_on) == {"target_source_date": [EARLY]}
    assert not Source.objects.exists()


def test_the_first_day_of_2000_and_today_are_accepted(db):
    for published_on in (date(2000, 1, 1), timezone.localdate()):
        assert services.source_for(cited=cited(published_on=published_on)).published_on == published_on


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "https://example.org/" + "a" * 500}, "target_source_url"),
        ({"url": "https://exa mple.org/sk"}, "target_source_url"),
        ({"reference": "B/" + "1" * 200}, "target_source_reference"),
        ({"publisher": "@Penerbit"}, "target_source_publisher"),
        ({"publisher": " "}, "target_source_publisher"),
        ({"kind": SourceKind.VERIFIED_ENTRY}, "target_source_kind"),
        ({"published_on": date(2999, 1, 1)}, "target_source_date"),
    ],
)
def test_each_problem_is_reported_on_its_own_field_and_nothing_is_written(db, fields, field):
    assert list(refusal(**fields)) == [field]
    assert not Source.objects.exists()


def test_the_problems_are_the_ones_a_preview_reads_by_field(db):
    problems = services.citation_problems(cited(title="=cmd", url="https://example.org/" + "a" * 500))

    assert problems["title"] == [FORMULA]
    assert len(problems["url"]) == 1
    assert set(problems) == {"title", "url"}


def test_a_source_on_file_is_cited_as_it_is(db):
    on_file = SourceFactory(title="Keputusan uji", published_on=date(2024, 2, 1))

    assert services.source_for(cited=cited(publisher="")) == on_file


def test_a_status_flag_cites_through_the_same_path_no_future_no_formula(db):
    """It wrote its source with a bare get_or_create: no full_clean, no date check."""
    regency, staff = RegencyFactory(), StaffUserFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)

    for bad, field in (
        (cited(published_on=tomorrow), "source_date"),
        (cited(publisher="=HYPERLINK(1)"), "source_publisher"),
        (cited(published_on=date(1, 1, 1)), "source_date"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.set_status_flag(
                regency=regency, flag="compliant", as_of=date(2025, 2, 10), note="", source=bad, by=staff
            )
        assert field in refused.value.message_dict
    assert not StatusFlag.objects.exists()
    assert not Source.objects.exists()


def test_an_official_level_cites_through_the_same_path(db):
    data = build_review_data()

    with pytest.raises(ValidationError) as refused:
        indicator_review.set_official_level(
            regency=data.regency,
            year=2023,
            indicator=data.indicators[1],
            level=2,
            source=cited(title="Keputusan lain", url="https://example.org/" + "a" * 500),
            version=None,
            by=data.staff,
        )

    assert list(refused.value.message_dict) == ["source_url"]
